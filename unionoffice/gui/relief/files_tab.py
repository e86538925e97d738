"""困难职工档案: the files with the lists the clerk asks for (due for review, never helped, by cause)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox, QDialog, QMenu, QMessageBox, QWidget

from unionoffice.domain.money import format_yuan
from unionoffice.domain.relief import HardshipCategory, HardshipCause, HardshipStatus
from unionoffice.gui.conflicts import refuse_if_changed, version_now
from unionoffice.gui.context import AppContext
from unionoffice.gui.relief import relief_io
from unionoffice.gui.relief.file_action_dialogs import CloseFileDialog, MonthlyIncomeDialog, ReviewDialog
from unionoffice.gui.relief.hardship_dialog import HardshipFileDialog
from unionoffice.gui.relief.list_tab import ListTab
from unionoffice.gui.relief.standards_dialog import StandardsDialog
from unionoffice.gui.relief.stats_dialog import StatisticsDialog
from unionoffice.gui.relief.table_model import Column, QueryTableModel
from unionoffice.gui.relief.widgets import choice_combo, confirm, show_error
from unionoffice.i18n import N_, _
from unionoffice.services import hardship, hardship_rules
from unionoffice.services.relief_queries import FileFilter, FileList, list_files
from unionoffice.store.models.relief_hardship import HardshipFile
from unionoffice.gui.widgets import run_modal


def _money(fen: int | None) -> str:
    return format_yuan(fen) if fen is not None else ""


COLUMNS = [
    Column(N_("Name"), lambda r: r.member_name, "name"),
    Column(N_("Group"), lambda r: r.group, "group"),
    Column(N_("Category"), lambda r: HardshipCategory(r.category).label(), "category"),
    Column(N_("Main cause"), lambda r: HardshipCause(r.main_cause).label(), "cause"),
    Column(N_("Household"), lambda r: str(r.household_size), "household", right=True),
    Column(N_("Per-capita monthly income (yuan)"), lambda r: _money(r.per_capita_monthly_fen), "income", right=True),
    Column(N_("Status"), lambda r: HardshipStatus(r.status).label(), "status"),
    Column(N_("Opened"), lambda r: r.opened_on.isoformat(), "opened"),
    Column(N_("Last review"), lambda r: r.reviewed_on.isoformat() if r.reviewed_on else "", "reviewed"),
    Column(N_("Visits"), lambda r: str(r.visits), None, right=True),
    Column(N_("Cash received (yuan)"), lambda r: format_yuan(r.cash_fen), None, right=True),
    Column(N_("Last visit"), lambda r: r.last_visit.isoformat() if r.last_visit else "", None),
]

LISTS = [
    (FileList.OPEN, N_("On file")),
    (FileList.DUE_FOR_REVIEW, N_("Due for review (not reviewed for a year)")),
    (FileList.DUE_SOON, N_("Review due within 30 days")),
    (FileList.OVERDUE, N_("Review overdue")),
    (FileList.NEVER_HELPED, N_("Never helped")),
    (FileList.CLOSED, N_("Closed (out of hardship or struck off)")),
    (FileList.ALL, N_("All files")),
]


class FilesTab(ListTab):
    watched_table = "hardship_files"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.button(_("Open a file"), self.new_record, "newFile")
        self.button(_("Close file…"), self.close_selected, "closeFile")
        self.button(_("Reopen"), self.reopen_selected, "reopenFile")
        # Reviews and the rules in one menu: the page must still fit a 1366-pixel screen.
        rules = QMenu(self)
        for text, handler, name in (
                (_("Mark as reviewed today"), self.mark_reviewed, "markReviewed"),
                (_("Record a review…"), self.record_review, "recordReview"),
                (_("Monthly income…"), self.record_income, "monthlyIncome"),
                (_("Out of hardship?"), self.show_suggestions, "outOfHardship"),
                (_("Subsistence standard…"), lambda: StandardsDialog(self.ctx, self).exec(), "standards")):
            action = rules.addAction(text)
            action.setObjectName(name)
            action.triggered.connect(lambda _checked=False, handler=handler: handler())
        self.button(_("Reviews and rules"), lambda: None, "reviewsMenu").setMenu(rules)
        self.button(_("Delete"), self.delete_selected, "deleteFiles")
        self.button(_("Print the file…"), lambda: relief_io.print_hardship_file(self), "printFile")
        self.button(_("Print this list…"), lambda: relief_io.print_hardship_list(self), "printList")
        self.button(_("Export this list to Excel…"), lambda: relief_io.export_hardship_list(self), "exportFiles")
        self.button(_("Figures…"), lambda: run_modal(StatisticsDialog(self.ctx, self)), "showFigures")
        self.toolbar.addStretch(1)
        self.view: QComboBox = choice_combo([(v, _(label)) for v, label in LISTS])
        self.view.setObjectName("fileList")
        self.cause = choice_combo([(c.value, f"{c.value}. {c.label()}") for c in HardshipCause], blank=_("All causes"))
        self.cause.setObjectName("causeFilter")
        self.category = choice_combo(HardshipCategory.choices(), blank=_("All categories"))
        self.category.setObjectName("categoryFilter")
        for combo in (self.view, self.cause, self.category):
            self.filters.addWidget(combo)
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.filters.addStretch(1)
        self.set_model(QueryTableModel(COLUMNS, self._fetch, "name"))
        ctx.data_changed.connect(self._on_changed)
        self.refresh()

    def current_filter(self) -> FileFilter:
        return FileFilter(text=self.search.text(), view=self.view.currentData(), cause=self.cause.currentData(),
                          category=self.category.currentData())

    def current_title(self) -> str:
        return self.view.currentText()

    def _fetch(self, sort: str, descending: bool) -> list:
        with self.ctx.db.session() as session:
            return list_files(session, self.current_filter(), sort, descending)

    def count_text(self) -> str:
        return _("{count} files").format(count=self.model.rowCount())

    def _on_changed(self, entity: str) -> None:
        if entity in ("hardship_file", "relief_visit", "relief_batch", "member", "members"):
            self.refresh()

    def _save(self, action) -> bool:  # type: ignore[no-untyped-def]
        try:
            with self.ctx.db.session(write=True) as session:
                action(session)
        except hardship.ReliefError as exc:
            show_error(self, str(exc))
            return False
        self.ctx.notify("hardship_file")
        return True

    def new_record(self) -> None:
        dialog = HardshipFileDialog(self.ctx, parent=self)
        self.edit_until_saved(dialog, lambda: self._save(lambda s: hardship.open_file(s, dialog.value)))

    def open_record(self, record_id: int) -> None:
        version = version_now(self.ctx.db, HardshipFile, record_id)  # before the form loads
        dialog = HardshipFileDialog(self.ctx, record_id, parent=self)
        self.edit_until_saved(dialog, lambda: self._save(lambda s: (
            refuse_if_changed(s, HardshipFile, record_id, version), hardship.update_file(s, record_id, dialog.value))),
            reopen=lambda: self.open_record(record_id))

    def _one_selected(self) -> int | None:
        ids = self.selected()
        if len(ids) != 1:
            show_error(self, _("Please select one file."))
            return None
        return ids[0]

    def close_selected(self) -> None:
        file_id = self._one_selected()
        if file_id is None:
            return
        name = next(r.member_name for r in self.model.rows if r.id == file_id)
        dialog = CloseFileDialog(name, self)
        if run_modal(dialog) == QDialog.DialogCode.Accepted:
            status, date, reason = dialog.values
            self._save(lambda s: hardship.close_file(s, file_id, status, date, reason))

    def reopen_selected(self) -> None:
        file_id = self._one_selected()
        if file_id is not None:
            self._save(lambda s: hardship.reopen_file(s, file_id, dt.date.today(), ""))

    def mark_reviewed(self) -> None:
        ids = self.selected()
        if ids:
            self._save(lambda s: hardship.mark_reviewed(s, ids, dt.date.today()))

    def _selected_row(self):  # type: ignore[no-untyped-def]
        file_id = self._one_selected()
        return next((r for r in self.model.rows if r.id == file_id), None) if file_id is not None else None

    def record_review(self) -> None:
        row = self._selected_row()
        if row is None:
            return
        dialog = ReviewDialog(row.member_name, row.household_size, self)
        self.edit_until_saved(dialog, lambda: self._save(lambda s: hardship_rules.record_review(s, row.id, dialog.value)))

    def record_income(self) -> None:
        row = self._selected_row()
        if row is None:
            return
        dialog = MonthlyIncomeDialog(row.member_name, row.household_size, self)
        self.edit_until_saved(dialog, lambda: self._save(
            lambda s: hardship_rules.record_monthly_income(s, row.id, *dialog.value)))

    def show_suggestions(self) -> None:
        """Files whose per-capita income stayed above the 低保标准 six months in a row: 脱困 suggested."""
        with self.ctx.db.session() as session:
            found = hardship_rules.out_of_hardship_suggestions(session)
        if not found:
            text = _("No file has had its per-capita income above the subsistence standard for six months in a row.")
        else:
            text = _("Per-capita income above the subsistence standard for six months or more in a row; consider closing "
                     "these files as out of hardship:") + "\n" + "\n".join(
                _("{name}: {months} months").format(name=s.member_name, months=s.months) for s in found)
        QMessageBox.information(self, _("Out of hardship?"), text)

    def delete_selected(self) -> None:
        ids = self.selected()
        if ids and confirm(self, _("Delete"), _("Move {count} hardship files to the recycle bin?").format(count=len(ids))):
            self._save(lambda s: hardship.delete_files(s, ids))
