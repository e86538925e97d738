"""The activity form: details, attendance (members and outsiders), awards, photos and files."""

from __future__ import annotations


from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from unionoffice.domain.ledgers import AwardLevel, Ledger, Organiser
from unionoffice.domain.money import AmountError, format_yuan, parse_amount
from unionoffice.gui.context import AppContext
from unionoffice.gui.widgets import DateRangeRow, funding_combo, run_modal, save_cancel_buttons, select_funding
from unionoffice.gui.ledgers.attachments_widget import AttachmentsWidget
from unionoffice.gui.ledgers.attendee_list import AttendeeList
from unionoffice.gui.ledgers.award_dialog import AwardDialog
from unionoffice.gui.ledgers.record_dialog import LedgerRecordDialog
from unionoffice.gui.ledgers.unsaved import form_state
from unionoffice.i18n import _
from unionoffice.services import activities, activity_files, ledger_kinds
from unionoffice.services.activities import ActivityData, AwardData
from unionoffice.services.activities import MAX_OUTSIDERS
from unionoffice.gui.list_keys import leave_table_on_tab



def kind_combo(ctx: AppContext, ledger: str, current: str | None = None) -> QComboBox:
    """Kinds in use, plus the record's own kind even when it was retired since."""
    combo = QComboBox()
    combo.setObjectName("kindCombo")
    with ctx.db.session() as session:
        kinds = [(k.code, k.label, k.retired) for k in ledger_kinds.list_kinds(session, ledger)]
    for code, label, retired in kinds:
        if not retired or code == current:
            combo.addItem(label, code)
    if current is not None:
        combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


class ActivityDialog(LedgerRecordDialog):
    def __init__(self, ctx: AppContext, activity_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.activity_id = activity_id
        detail = None
        if activity_id is not None:
            with ctx.db.session() as session:
                detail = activities.get_activity(session, activity_id)
                existing = [(a.id, a.original_name, activity_files.attachment_file(session, ctx.db.path, a))
                            for a in activity_files.list_attachments(session, activity_id)]
        self.setWindowTitle(_("Activity") if detail is None else _("Activity: {title}").format(title=detail.data.title))
        self.resize(760, 560)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)

        # --- details
        details = QWidget()
        form = QFormLayout(details)
        self.title = QLineEdit()
        self.title.setObjectName("title")
        self.kind = kind_combo(ctx, Ledger.ACTIVITY, detail.data.kind if detail else None)
        self.dates = dates = DateRangeRow()
        self.start_date, self.has_end, self.end_date = dates.start_date, dates.has_end, dates.end_date
        self.place = QLineEdit()
        self.organiser = QComboBox()
        for code, label in Organiser.choices():
            self.organiser.addItem(label, code)
        self.organiser_name = QLineEdit()
        self.organiser_name.setPlaceholderText(_("e.g. the higher union that held the event"))
        self.cost = QLineEdit()
        self.cost.setObjectName("cost")
        self.cost.setPlaceholderText(_("yuan, e.g. 6800"))
        self.funding = funding_combo()
        self.description = QPlainTextEdit()
        form.addRow(_("Title"), self.title)
        form.addRow(_("Kind"), self.kind)
        form.addRow(_("Date"), dates)
        form.addRow(_("Place"), self.place)
        form.addRow(_("Organiser"), self.organiser)
        form.addRow(_("Organised by"), self.organiser_name)
        form.addRow(_("Cost (yuan)"), self.cost)
        form.addRow(_("Funding source"), self.funding)
        form.addRow(_("Description"), self.description)
        self.tabs.addTab(details, _("Details"))

        # --- attendance
        attendance = QWidget()
        box = QVBoxLayout(attendance)
        self.attendees = AttendeeList(ctx)
        box.addWidget(self.attendees, 1)
        outsiders = QHBoxLayout()
        outsiders.addWidget(QLabel(_("Outside attendees (headcount)")))
        self.outsiders = QSpinBox()
        self.outsiders.setObjectName("outsiders")
        self.outsiders.setRange(0, MAX_OUTSIDERS)
        outsiders.addWidget(self.outsiders)
        outsiders.addStretch(1)
        self.figures = QLabel()
        self.figures.setObjectName("attendanceFigures")
        outsiders.addWidget(self.figures)
        box.addLayout(outsiders)
        self.attendees.changed.connect(self._update_figures)
        self.outsiders.valueChanged.connect(lambda _v: self._update_figures())
        self.tabs.addTab(attendance, _("Attendance"))

        # --- awards
        awards_tab = QWidget()
        awards_box = QVBoxLayout(awards_tab)
        self.awards: list[AwardData] = []
        self.award_table = QTableWidget(0, 4)
        leave_table_on_tab(self.award_table)
        self.award_table.setHorizontalHeaderLabels([_("Award name"), _("Level"), _("Winner"), _("Date")])
        self.award_table.horizontalHeader().setStretchLastSection(True)
        awards_box.addWidget(self.award_table, 1)
        award_buttons = QHBoxLayout()
        for text, slot in ((_("Add award…"), self.add_award), (_("Edit…"), self.edit_award), (_("Remove"), self.remove_award)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            award_buttons.addWidget(button)
        award_buttons.addStretch(1)
        awards_box.addLayout(award_buttons)
        self.tabs.addTab(awards_tab, _("Awards"))

        # --- photos and files
        self.files = AttachmentsWidget()
        self.tabs.addTab(self.files, _("Photos and files"))

        buttons = save_cancel_buttons(self)
        layout.addWidget(buttons)

        if detail is not None:
            self._load(detail)
            for attachment_id, name, path in existing:
                self.files.add_existing(attachment_id, name, path)
        self._update_figures()
        self.title.setFocus()
        self._opened_with = form_state(self)

    def _load(self, detail: activities.ActivityDetail) -> None:
        data = detail.data
        self.title.setText(data.title)
        self.dates.set_range(data.start_date, data.end_date)
        self.place.setText(data.place)
        self.organiser.setCurrentIndex(max(0, self.organiser.findData(data.organiser)))
        self.organiser_name.setText(data.organiser_name)
        self.cost.setText(format_yuan(data.cost_fen) if data.cost_fen else "")
        select_funding(self.funding, data.funding_source)
        self.description.setPlainText(data.description)
        self.outsiders.setValue(data.outsider_count)
        self.attendees.set_member_ids(detail.member_ids)
        self.awards = list(detail.awards)
        self._fill_awards()

    # --- awards ------------------------------------------------------------------------

    def _winner_text(self, award: AwardData) -> str:
        if award.member_id is None:
            return award.collective_name + _(" (collective)")
        name = next((m.name for m in self.attendees.members if m.id == award.member_id), None)
        return name or "#%d" % award.member_id

    def _fill_awards(self) -> None:
        self.award_table.setRowCount(len(self.awards))
        for row, award in enumerate(self.awards):
            level = AwardLevel.from_text(award.level)
            for column, text in enumerate((award.name, level.label() if level else award.level,
                                           self._winner_text(award), award.date.isoformat() if award.date else "")):
                self.award_table.setItem(row, column, QTableWidgetItem(text))

    def add_award(self) -> None:
        dialog = AwardDialog(self.attendees.members, self.start_date.date().toPython(), parent=self)
        if run_modal(dialog):
            self.awards.append(dialog.award)
            self._fill_awards()

    def edit_award(self) -> None:
        row = self.award_table.currentRow()
        if 0 <= row < len(self.awards):
            dialog = AwardDialog(self.attendees.members, self.start_date.date().toPython(), self.awards[row], parent=self)
            if run_modal(dialog):
                self.awards[row] = dialog.award
                self._fill_awards()

    def remove_award(self) -> None:
        row = self.award_table.currentRow()
        if 0 <= row < len(self.awards):
            del self.awards[row]
            self._fill_awards()

    # --- values ------------------------------------------------------------------------

    def _update_figures(self) -> None:
        members = len(self.attendees.members)
        self.figures.setText(_("Attendance {total} (members {members}, outsiders {outsiders}), women {women}").format(
            total=members + self.outsiders.value(), members=members, outsiders=self.outsiders.value(),
            women=self.attendees.women()))

    @property
    def data(self) -> ActivityData:
        text = self.cost.text().strip()
        return ActivityData(
            title=self.title.text().strip(),
            kind=self.kind.currentData(),
            start_date=self.start_date.date().toPython(),
            end_date=self.end_date.date().toPython() if self.has_end.isChecked() else None,
            place=self.place.text().strip(),
            organiser=self.organiser.currentData(),
            organiser_name=self.organiser_name.text().strip(),
            description=self.description.toPlainText().strip(),
            cost_fen=parse_amount(text) if text else 0,
            funding_source=self.funding.currentData() or "",
            outsider_count=self.outsiders.value(),
        )

    @property
    def member_ids(self) -> list[int]:
        return self.attendees.member_ids

    def accept(self) -> None:
        if self.refused_common_fields(_("An activity needs a title.")):
            return None
        try:
            _ignored = self.data
        except AmountError as exc:
            return self._refuse(_("Cost: {error}").format(error=exc), self.cost)
        award_members = {a.member_id for a in self.awards if a.member_id is not None}
        if not award_members <= set(self.member_ids):
            return self._refuse(_("An award's winner is no longer among the attendees."), self.award_table, 2)
        super().accept()
