"""Steps 1 and 2 of the report wizard: the period, and the template with its lines of work."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWizardPage,
)

from unionoffice.gui.date_edit import DateEdit
from unionoffice.gui.context import AppContext
from unionoffice.gui.summary.pickers import move_current_item
from unionoffice.gui.summary.state import WizardState
from unionoffice.i18n import _
from unionoffice.reports import periods
from unionoffice.reports.periods import PeriodKind
from unionoffice.reports.template import available_templates, load_template
from unionoffice.services.office import load_settings


class PeriodPage(QWizardPage):
    def __init__(self, ctx: AppContext, state: WizardState) -> None:
        super().__init__()
        self.ctx, self.state = ctx, state
        self.setTitle(_("Step 1: the period"))
        self.setSubTitle(_("Which period does the summary cover?"))
        layout = QVBoxLayout(self)
        self.kind_buttons = QButtonGroup(self)
        row = QHBoxLayout()
        for kind, text in [(PeriodKind.FIRST_HALF, _("First half")), (PeriodKind.YEAR, _("Whole year")),
                           (PeriodKind.QUARTER, _("A quarter")), (PeriodKind.RANGE, _("Any dates"))]:
            button = QRadioButton(text)
            button.setProperty("kind", kind.value)
            self.kind_buttons.addButton(button)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        form = QFormLayout()
        today = dt.date.today()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.quarter = QComboBox()
        for number in range(1, 5):
            self.quarter.addItem(periods.quarter_name(number), number)
        self.quarter.setCurrentIndex((today.month - 1) // 3)
        self.start = DateEdit(QDate(today.year, 1, 1))
        self.end = DateEdit(QDate(today.year, today.month, today.day))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(_("Drafted from the template when left empty"))
        self.unit_edit = QLineEdit()
        form.addRow(_("Year:"), self.year)
        form.addRow(_("Quarter:"), self.quarter)
        form.addRow(_("From:"), self.start)
        form.addRow(_("To:"), self.end)
        form.addRow(_("Title:"), self.title_edit)
        form.addRow(_("Unit name under the summary:"), self.unit_edit)
        layout.addLayout(form)
        self.period_label = QLabel()
        layout.addWidget(self.period_label)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b02a37;")
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.kind_buttons.buttons()[0 if today.month <= 7 else 1].setChecked(True)
        for signal in (self.kind_buttons.buttonToggled, self.year.valueChanged, self.quarter.currentIndexChanged,
                       self.start.dateChanged, self.end.dateChanged):
            signal.connect(lambda *_args: self._update())
        with ctx.db.session() as session:
            settings = load_settings(session)
        self.unit_edit.setText(settings.signature_unit or settings.union_name)
        self._update()

    def kind(self) -> PeriodKind:
        return PeriodKind(self.kind_buttons.checkedButton().property("kind"))

    def set_kind(self, kind: PeriodKind) -> None:
        for button in self.kind_buttons.buttons():
            button.setChecked(button.property("kind") == kind.value)

    def _update(self) -> None:
        kind = self.kind()
        self.quarter.setEnabled(kind is PeriodKind.QUARTER)
        self.year.setEnabled(kind is not PeriodKind.RANGE)
        self.start.setEnabled(kind is PeriodKind.RANGE)
        self.end.setEnabled(kind is PeriodKind.RANGE)
        try:
            period = self.period()
        except ValueError as exc:
            self.error.setText(str(exc))
            self.period_label.clear()
        else:
            self.error.clear()
            self.period_label.setText(_("The summary covers {label}.").format(label=period.label))
            if kind is not PeriodKind.RANGE:  # the greyed dates show the period chosen, not stale ones
                for edit, day in ((self.start, period.start), (self.end, period.end)):
                    edit.blockSignals(True)
                    edit.setDate(QDate(day.year, day.month, day.day))
                    edit.blockSignals(False)
        self.completeChanged.emit()

    def period(self) -> periods.Period:
        return periods.make_period(self.kind(), self.year.value(), self.quarter.currentData(),
                                   self.start.date().toPython(), self.end.date().toPython())

    def isComplete(self) -> bool:  # noqa: N802 (Qt name)
        try:
            self.period()
        except ValueError:
            return False
        return True

    def validatePage(self) -> bool:  # noqa: N802 (Qt name)
        self.state.period = self.period()
        self.state.title = self.title_edit.text().strip()
        self.state.signature_unit = self.unit_edit.text().strip()
        return True


class TemplatePage(QWizardPage):
    def __init__(self, ctx: AppContext, state: WizardState) -> None:
        super().__init__()
        self.ctx, self.state = ctx, state
        self.setTitle(_("Step 2: the template"))
        self.setSubTitle(_("Which form, and which lines of work in which order?"))
        layout = QVBoxLayout(self)
        self.templates = QComboBox()
        for key, path in available_templates().items():
            template, error = load_template(key)
            self.templates.addItem(template.name if error is None else _("{name} (has errors)").format(name=key), key)
        layout.addWidget(self.templates)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b02a37;")
        layout.addWidget(self.error)
        layout.addWidget(QLabel(_("Lines of work (tick those to include; order with the buttons):")))
        row = QHBoxLayout()
        self.lines = QListWidget()
        row.addWidget(self.lines, 1)
        buttons = QVBoxLayout()
        up, down = QPushButton(_("Move up")), QPushButton(_("Move down"))
        up.clicked.connect(lambda: self.move_line(-1))
        down.clicked.connect(lambda: self.move_line(1))
        buttons.addWidget(up)
        buttons.addWidget(down)
        buttons.addStretch(1)
        row.addLayout(buttons)
        layout.addLayout(row)
        self.templates.currentIndexChanged.connect(lambda _i: self._load())
        index = self.templates.findData("standard")
        self.templates.setCurrentIndex(max(index, 0))
        self._load()

    def _load(self) -> None:
        self.state.choose_template(self.templates.currentData())
        error = self.state.template_error
        self.error.setText(_("{error} The standard template is used instead.").format(error=error) if error else "")
        self.lines.clear()
        template = self.state.template
        for part in template.parts:
            for key in part.lines:
                item = QListWidgetItem(template.lines[key].heading)
                item.setData(Qt.ItemDataRole.UserRole, (part.key, key))
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked)
                self.lines.addItem(item)

    def move_line(self, offset: int) -> None:
        move_current_item(self.lines, offset)

    def chosen_lines(self) -> dict[str, tuple[str, ...]]:
        chosen: dict[str, list[str]] = {p.key: [] for p in self.state.template.parts if p.lines}
        for index in range(self.lines.count()):
            item = self.lines.item(index)
            part_key, line_key = item.data(Qt.ItemDataRole.UserRole)
            if item.checkState() == Qt.CheckState.Checked:
                chosen[part_key].append(line_key)
        return {k: tuple(v) for k, v in chosen.items()}

    def validatePage(self) -> bool:  # noqa: N802 (Qt name)
        self.state.chosen_lines = self.chosen_lines()
        return True
