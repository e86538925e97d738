"""Batch entry for a round such as the Spring Festival: pick many, one occasion and amount,
adjust per person, save all in one step."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from unionoffice.domain.money import AmountError, format_yuan, parse_amount, uppercase_amount
from unionoffice.domain.relief import FundingSource
from unionoffice.gui.context import AppContext
from unionoffice.gui.relief.file_check_dialog import FileCheckDialog
from unionoffice.gui.relief.member_picker import pick_label
from unionoffice.gui.relief.widgets import MoneyEdit, choice_combo, confirm, date_edit, get_date, select_data, show_error
from unionoffice.i18n import _
from unionoffice.services import hardship_batch, relief
from unionoffice.services.office import list_groups
from unionoffice.services.relief_queries import MemberPick, search_members

NAME, GROUP, AMOUNT, REASON, NOTES = range(5)


class BatchDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._value: relief.BatchInput | None = None
        today = today or dt.date.today()
        self.setWindowTitle(_("Batch entry of a relief round"))
        with ctx.db.session(write=True) as session:
            occasions = [(o.id, o.name) for o in relief.list_occasions(session, include_retired=False)]
            spring = next((o.id for o in relief.list_occasions(session) if o.code == "spring_festival"), None)
            groups = [(g.id, g.name) for g in list_groups(session, include_retired=False)]

        self.title = QLineEdit(_("{year} Spring Festival warmth round").format(year=today.year))
        self.title.setObjectName("batchTitle")
        self.date = date_edit(today)
        self.occasion = choice_combo(occasions)
        select_data(self.occasion, spring)
        self.amount = MoneyEdit()
        self.amount.setObjectName("defaultAmount")
        apply_all = QPushButton(_("Apply to everyone"))
        apply_all.setObjectName("applyToAll")
        apply_all.clicked.connect(self.apply_amount_to_all)
        self.goods = QLineEdit()
        self.funding = choice_combo(FundingSource.choices())
        self.visitors = QLineEdit()
        head = QFormLayout()
        head.addRow(_("Title"), self.title)
        head.addRow(_("Date"), self.date)
        head.addRow(_("Occasion"), self.occasion)
        amount_row = QHBoxLayout()
        amount_row.addWidget(self.amount)
        amount_row.addWidget(apply_all)
        head.addRow(_("Cash per person (yuan)"), amount_row)
        head.addRow(_("Goods"), self.goods)
        head.addRow(_("Funding source"), self.funding)
        head.addRow(_("Visitors"), self.visitors)

        # Left: find and pick people.
        pick_box = QGroupBox(_("Pick recipients"))
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(_("Name or pinyin initials"))
        self.group = choice_combo(groups, blank=_("All groups"))
        self.only_files = QCheckBox(_("Only hardship file holders"))
        self.candidates = QListWidget()
        self.candidates.setObjectName("candidates")
        self.candidates.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        add = QPushButton(_("Add selected →"))
        add.setObjectName("addSelected")
        add_all = QPushButton(_("Add all shown →"))
        add_all.setObjectName("addAllShown")
        left = QVBoxLayout(pick_box)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.group, 1)
        left.addLayout(filters)
        left.addWidget(self.only_files)
        left.addWidget(self.candidates)
        add_row = QHBoxLayout()
        add_row.addWidget(add)
        add_row.addWidget(add_all)
        left.addLayout(add_row)

        # Right: the round, editable per person.
        chosen_box = QGroupBox(_("This round"))
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("chosen")
        self.table.setHorizontalHeaderLabels([_("Name"), _("Group"), _("Cash (yuan)"), _("Reason for exceeding"), _("Notes")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(True)
        remove = QPushButton(_("Remove selected"))
        remove.setObjectName("removeSelected")
        self.total = QLabel()
        self.total.setObjectName("batchTotal")
        right = QVBoxLayout(chosen_box)
        right.addWidget(self.table)
        bottom = QHBoxLayout()
        bottom.addWidget(remove)
        bottom.addStretch(1)
        bottom.addWidget(self.total)
        right.addLayout(bottom)

        middle = QHBoxLayout()
        middle.addWidget(pick_box, 2)
        middle.addWidget(chosen_box, 3)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Save all"))
        # Enter in the search box adds the people found; it must not save a half-picked round.
        buttons.button(QDialogButtonBox.StandardButton.Save).setAutoDefault(False)
        buttons.button(QDialogButtonBox.StandardButton.Save).setDefault(False)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(middle, 1)
        layout.addWidget(buttons)

        self.search.textChanged.connect(self.refresh_candidates)
        self.search.returnPressed.connect(self._add_on_enter)
        self.group.currentIndexChanged.connect(self.refresh_candidates)
        self.only_files.toggled.connect(self.refresh_candidates)
        self.candidates.itemDoubleClicked.connect(lambda item: self.add_people([item.data(Qt.ItemDataRole.UserRole)]))
        add.clicked.connect(lambda: self.add_people([i.data(Qt.ItemDataRole.UserRole) for i in self.candidates.selectedItems()]))
        add_all.clicked.connect(self.add_all_shown)
        remove.clicked.connect(self.remove_selected)
        self.table.itemChanged.connect(lambda _item: self.update_total())
        self.refresh_candidates()
        self.update_total()
        self.resize(1100, 720)

    # --- picking ---------------------------------------------------------------------------

    def chosen_ids(self) -> list[int]:
        return [self.table.item(row, NAME).data(Qt.ItemDataRole.UserRole) for row in range(self.table.rowCount())]

    def refresh_candidates(self) -> None:
        with self.ctx.db.session() as session:
            picks = search_members(session, self.search.text(), self.group.currentData(), self.only_files.isChecked())
        chosen = set(self.chosen_ids())
        self.candidates.clear()
        for pick in picks:
            if pick.id in chosen:
                continue
            item = QListWidgetItem(pick_label(pick))
            item.setData(Qt.ItemDataRole.UserRole, pick)
            self.candidates.addItem(item)

    def _add_on_enter(self) -> None:
        selected = self.candidates.selectedItems()
        if selected or self.candidates.count() == 1:
            picks = selected or [self.candidates.item(0)]
            self.add_people([item.data(Qt.ItemDataRole.UserRole) for item in picks])
            self.search.selectAll()

    def add_all_shown(self) -> None:
        self.add_people([self.candidates.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.candidates.count())])

    def add_people(self, picks: list[MemberPick]) -> None:
        chosen = set(self.chosen_ids())
        amount = self.amount.text().strip()
        self.table.blockSignals(True)
        for pick in picks:
            if pick.id in chosen:
                continue
            row = self.table.rowCount()
            self.table.insertRow(row)
            name = QTableWidgetItem(pick.name)
            name.setData(Qt.ItemDataRole.UserRole, pick.id)
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            group = QTableWidgetItem(pick.group)
            group.setFlags(group.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, NAME, name)
            self.table.setItem(row, GROUP, group)
            money = QTableWidgetItem(amount)
            money.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, AMOUNT, money)
            self.table.setItem(row, REASON, QTableWidgetItem(""))
            self.table.setItem(row, NOTES, QTableWidgetItem(""))
            chosen.add(pick.id)
        self.table.blockSignals(False)
        self.refresh_candidates()
        self.update_total()

    def remove_selected(self) -> None:
        for row in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)
        self.refresh_candidates()
        self.update_total()

    def apply_amount_to_all(self) -> None:
        try:
            fen = self.amount.fen(allow_empty=False)
        except AmountError as exc:
            show_error(self, str(exc))
            return
        self.table.blockSignals(True)
        for row in range(self.table.rowCount()):
            self.table.item(row, AMOUNT).setText(format_yuan(fen))
        self.table.blockSignals(False)
        self.update_total()

    def set_amount(self, row: int, text: str) -> None:
        """Adjust one person's amount (as the clerk types it in the table)."""
        self.table.item(row, AMOUNT).setText(text)

    # --- totals and values -----------------------------------------------------------------

    def _entries(self) -> list[relief.BatchEntry]:
        """The round's entries; raises AmountError naming the row and person."""
        entries = []
        for row in range(self.table.rowCount()):
            name = self.table.item(row, NAME).text()
            try:
                fen = parse_amount(self.table.item(row, AMOUNT).text())
            except AmountError as exc:
                raise AmountError(_("Row {row} ({name}): {error}").format(row=row + 1, name=name, error=exc)) from None
            entries.append(relief.BatchEntry(
                member_id=self.table.item(row, NAME).data(Qt.ItemDataRole.UserRole), cash_fen=fen,
                notes=self.table.item(row, NOTES).text(), over_limit_reason=self.table.item(row, REASON).text()))
        return entries

    def update_total(self) -> None:
        try:
            entries = self._entries()
        except AmountError:
            self.total.setText(_("{count} people; some amounts are not valid yet").format(count=self.table.rowCount()))
            return
        total = sum(e.cash_fen for e in entries)
        self.total.setText(_("{count} people, total {amount} yuan ({words})").format(
            count=len(entries), amount=format_yuan(total), words=uppercase_amount(total)))

    @property
    def value(self) -> relief.BatchInput | None:
        return self._value

    def accept(self) -> None:
        if not self.title.text().strip():
            show_error(self, _("Please give the round a title."))
            return
        if self.table.rowCount() == 0:
            show_error(self, _("Please pick at least one person."))
            return
        try:
            entries = self._entries()
        except AmountError as exc:
            show_error(self, str(exc))
            return
        with self.ctx.db.session() as session:
            problems = relief.batch_limit_problems(session, self.occasion.currentData(), entries)
        if problems:
            show_error(self, "\n".join(problems) + "\n\n" + _("Enter a reason for each in the “Reason for exceeding” column, or lower the amount."))
            return
        notes = self._file_check_note(entries)
        if notes is None:
            return
        self._value = relief.BatchInput(
            title=self.title.text(), date=get_date(self.date), occasion_id=self.occasion.currentData(), entries=entries,
            goods=self.goods.text(), funding_source=self.funding.currentData(), visitors=self.visitors.text(), notes=notes)
        super().accept()

    def _file_check_note(self, entries: list[relief.BatchEntry]) -> str | None:
        """The hardship file checks: "" when nobody is flagged, the note with the reason, or None when cancelled."""
        with self.ctx.db.session() as session:
            for_filed = self.only_files.isChecked() or hardship_batch.occasion_for_filed_families(
                session, self.occasion.currentData())
            warnings = hardship_batch.batch_file_warnings(session, [e.member_id for e in entries], get_date(self.date),
                                                          for_filed)
        if not warnings:
            return ""
        dialog = FileCheckDialog(warnings, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return hardship_batch.reason_note(warnings, dialog.reason.text())

    def reject(self) -> None:
        """Escape or Cancel with people on the list asks first: a round of a hundred names is long to pick again."""
        count = self.table.rowCount()
        if count and not confirm(self, _("Cancel"), _("Discard this round of {count} people? Nothing has been saved yet.").format(
                count=count)):
            return
        super().reject()
