"""The training session form: course details, and the attendees with their results."""

from __future__ import annotations


from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from unionoffice.domain.ledgers import (
    DEFAULT_FULL_MARKS,
    MAX_HOURS,
    MAX_SCORE,
    Ledger,
    LedgerError,
    format_tenths,
    parse_tenths,
)
from unionoffice.gui.context import AppContext
from unionoffice.domain.money import AmountError, format_yuan, parse_amount
from unionoffice.gui.widgets import DateRangeRow, funding_combo, save_cancel_buttons, select_funding
from unionoffice.gui.ledgers.activity_dialog import kind_combo
from unionoffice.gui.ledgers.attendee_list import AttendeeList
from unionoffice.gui.ledgers.record_dialog import LedgerRecordDialog
from unionoffice.gui.ledgers.unsaved import form_state
from unionoffice.i18n import _
from unionoffice.services import trainings
from unionoffice.services.ledger_members import MemberChoice
from unionoffice.services.trainings import TrainingData, TrainingResult

# Result columns after name, sex, group.
ATTENDED, SCORE, PASSED, CERT_NAME, CERT_NO = range(3, 8)
PASSED_CHOICES = [(None, ""), (True, "✓"), (False, "✗")]


class ResultsList(AttendeeList):
    """Attendees with per-person results: attended, score, passed, certificate name and number."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, [_("Attended"), _("Score"), _("Passed"), _("Certificate"), _("Certificate no.")], parent)
        self.pending: dict[int, TrainingResult] = {}

    def init_extra(self, row: int, member: MemberChoice) -> None:
        result = self.pending.pop(member.id, None) or TrainingResult(member.id)
        attended = QTableWidgetItem()
        attended.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        attended.setCheckState(Qt.CheckState.Checked if result.attended else Qt.CheckState.Unchecked)
        self.table.setItem(row, ATTENDED, attended)
        self.table.setItem(row, SCORE, QTableWidgetItem(format_tenths(result.score_tenths)))
        passed = QComboBox()
        for value, label in PASSED_CHOICES:
            passed.addItem(label, value)
        passed.setCurrentIndex([v for v, _l in PASSED_CHOICES].index(result.passed))
        self.table.setCellWidget(row, PASSED, passed)
        self.table.setItem(row, CERT_NAME, QTableWidgetItem(result.certificate_name))
        self.table.setItem(row, CERT_NO, QTableWidgetItem(result.certificate_no))

    def set_results(self, results: list[TrainingResult]) -> None:
        self.pending = {r.member_id: r for r in results}
        self.set_member_ids([r.member_id for r in results])

    def results(self, full_marks: int | None = None) -> list[TrainingResult]:
        """The table's lines; raises LedgerError naming the line of a score outside 0 … full marks."""
        out = []
        for row, member in enumerate(self.members):
            try:
                score = parse_tenths(self.table.item(row, SCORE).text(), what=_("Score"),
                                     maximum=full_marks or DEFAULT_FULL_MARKS)
            except LedgerError as exc:
                raise LedgerError(_("{name}: {error}").format(name=member.name, error=exc)) from None
            passed_widget = self.table.cellWidget(row, PASSED)
            out.append(TrainingResult(
                member_id=member.id,
                attended=self.table.item(row, ATTENDED).checkState() == Qt.CheckState.Checked,
                score_tenths=score,
                passed=passed_widget.currentData() if isinstance(passed_widget, QComboBox) else None,
                certificate_name=self.table.item(row, CERT_NAME).text().strip(),
                certificate_no=self.table.item(row, CERT_NO).text().strip(),
            ))
        return out


class TrainingDialog(LedgerRecordDialog):
    def __init__(self, ctx: AppContext, training_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.training_id = training_id
        detail = None
        if training_id is not None:
            with ctx.db.session() as session:
                detail = trainings.get_training(session, training_id)
        self.setWindowTitle(_("Training session") if detail is None else _("Training: {title}").format(title=detail.data.title))
        self.resize(860, 560)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)

        details = QWidget()
        form = QFormLayout(details)
        self.title = QLineEdit()
        self.title.setObjectName("title")
        self.kind = kind_combo(ctx, Ledger.TRAINING, detail.data.kind if detail else None)
        self.dates = dates = DateRangeRow()
        self.start_date, self.has_end, self.end_date = dates.start_date, dates.has_end, dates.end_date
        self.hours = QLineEdit()
        self.hours.setObjectName("hours")
        self.hours.setPlaceholderText(_("e.g. 4 or 1.5"))
        self.full_marks = QLineEdit()
        self.full_marks.setObjectName("fullMarks")
        self.full_marks.setPlaceholderText(_("100 unless the exam has other full marks"))
        self.trainer = QLineEdit()
        self.organiser = QLineEdit()
        self.place = QLineEdit()
        self.cost = QLineEdit()
        self.cost.setObjectName("cost")
        self.cost.setPlaceholderText(_("yuan, e.g. 6800"))
        self.funding = funding_combo()
        self.description = QPlainTextEdit()
        form.addRow(_("Course title"), self.title)
        form.addRow(_("Kind"), self.kind)
        form.addRow(_("Date"), dates)
        form.addRow(_("Hours (学时)"), self.hours)
        form.addRow(_("Full marks"), self.full_marks)
        form.addRow(_("Trainer"), self.trainer)
        form.addRow(_("Organiser"), self.organiser)
        form.addRow(_("Place"), self.place)
        form.addRow(_("Cost (yuan)"), self.cost)
        form.addRow(_("Funding source"), self.funding)
        form.addRow(_("Notes"), self.description)
        self.tabs.addTab(details, _("Details"))

        self.attendees = ResultsList(ctx)
        self.tabs.addTab(self.attendees, _("Attendees and results"))

        buttons = save_cancel_buttons(self)
        layout.addWidget(buttons)
        if detail is not None:
            self._load(detail)
        self.title.setFocus()
        self._opened_with = form_state(self)

    def _load(self, detail: trainings.TrainingDetail) -> None:
        data = detail.data
        self.title.setText(data.title)
        self.dates.set_range(data.start_date, data.end_date)
        self.hours.setText(format_tenths(data.hours_tenths))
        self.full_marks.setText(str(data.full_marks) if data.full_marks else "")
        self.trainer.setText(data.trainer)
        self.organiser.setText(data.organiser)
        self.place.setText(data.place)
        self.cost.setText(format_yuan(data.cost_fen) if data.cost_fen else "")
        select_funding(self.funding, data.funding_source)
        self.description.setPlainText(data.description)
        self.attendees.set_results(detail.results)

    @property
    def data(self) -> TrainingData:
        return TrainingData(
            title=self.title.text().strip(),
            kind=self.kind.currentData(),
            start_date=self.start_date.date().toPython(),
            end_date=self.end_date.date().toPython() if self.has_end.isChecked() else None,
            hours_tenths=parse_tenths(self.hours.text(), what=_("Hours"), maximum=MAX_HOURS) or 0,
            full_marks=self._full_marks(),
            trainer=self.trainer.text().strip(),
            organiser=self.organiser.text().strip(),
            place=self.place.text().strip(),
            description=self.description.toPlainText().strip(),
            cost_fen=parse_amount(self.cost.text()) if self.cost.text().strip() else 0,
            funding_source=self.funding.currentData() or "",
        )

    def _full_marks(self) -> int | None:
        text = self.full_marks.text().strip()
        if not text:
            return None
        tenths = parse_tenths(text, what=_("Full marks"), maximum=MAX_SCORE)
        if not tenths or tenths % 10:
            raise LedgerError(_("Full marks: must be between 1 and {maximum}.").format(maximum=MAX_SCORE))
        return tenths // 10

    @property
    def results(self) -> list[TrainingResult]:
        return self.attendees.results(self._full_marks())

    def accept(self) -> None:
        if self.refused_common_fields(_("A training session needs a course title.")):
            return None
        try:
            self._full_marks()
        except LedgerError as exc:
            return self._refuse(str(exc), self.full_marks)
        try:
            _ignored = self.data
        except LedgerError as exc:
            return self._refuse(str(exc), self.hours)
        except AmountError as exc:
            return self._refuse(_("Cost: {error}").format(error=exc), self.cost)
        try:
            _ignored_results = self.results
        except LedgerError as exc:
            return self._refuse(str(exc), self.attendees.table, 1)
        super().accept()
