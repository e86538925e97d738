"""The hardship file form: the file's fields, the family table, its history and the help received."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from unionoffice.domain.choices import Sex
from unionoffice.domain.money import AmountError, format_yuan, parse_amount
from unionoffice.domain.relief import (
    HardshipCategory,
    HardshipCause,
    HardshipStatus,
    MaritalStatus,
    per_capita_monthly_income,
)
from unionoffice.gui.context import AppContext
from unionoffice.gui.widgets import save_cancel_buttons
from unionoffice.gui.relief.member_picker import MemberPicker
from unionoffice.gui.relief.widgets import (
    MoneyEdit,
    choice_combo,
    date_edit,
    get_date,
    select_data,
    set_date,
    show_error,
)
from unionoffice.i18n import _, format_date
from unionoffice.services import hardship
from unionoffice.services.relief_queries import VisitFilter, list_visits

FAMILY_COLUMNS = ("Name", "Relation", "Sex", "Birth date", "ID number", "Health", "Monthly income (yuan)", "Work unit or school")


class HardshipFileDialog(QDialog):
    def __init__(self, ctx: AppContext, file_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.file_id = file_id
        self._value: hardship.HardshipFileInput | None = None
        self.setWindowTitle(_("Hardship file") if file_id is None else _("Edit hardship file"))
        tabs = QTabWidget()
        tabs.addTab(self._basic_tab(), _("Basic facts"))
        tabs.addTab(self._family_tab(), _("Family members"))
        if file_id is not None:
            tabs.addTab(self._history_tab(), _("Status and help received"))
        buttons = save_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)
        self.tabs = tabs
        if file_id is not None:
            self._load()
        self._update_per_capita()
        self.resize(820, 640)

    # --- building --------------------------------------------------------------------------

    def _basic_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.member = MemberPicker(self.ctx)
        self.category = choice_combo(HardshipCategory.choices())
        self.main_cause = choice_combo([(c.value, f"{c.value}. {c.label()}") for c in HardshipCause])
        self.secondary: list[QComboBox] = [
            choice_combo([(c.value, f"{c.value}. {c.label()}") for c in HardshipCause], blank=_("(none)")) for _i in range(3)
        ]
        self.health = QLineEdit()
        self.disability = QLineEdit()
        self.marital = choice_combo(MaritalStatus.choices(), blank=_("(not given)"))
        self.single_parent = QCheckBox(_("Single parent"))
        self.housing = QLineEdit()
        self.housing.setPlaceholderText(_("e.g. 自有住房, 租房, 公租房"))
        self.income = MoneyEdit()
        self.household_size = QSpinBox()
        self.household_size.setRange(1, 30)
        self.household_income = MoneyEdit()
        self.household_income.setObjectName("householdIncome")
        self.per_capita = QLabel()
        self.per_capita.setObjectName("perCapita")
        self.insurance = QLineEdit()
        self.insurance.setPlaceholderText(_("e.g. 城镇职工医保"))
        self.opened_on = date_edit()
        self.reviewed = QCheckBox(_("Reviewed on"))
        self.reviewed_on = date_edit()
        self.reviewed_on.setEnabled(False)
        self.reviewed.toggled.connect(self.reviewed_on.setEnabled)
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(60)
        form.addRow(_("Member"), self.member)
        form.addRow(_("Hardship category"), self.category)
        form.addRow(_("Main cause"), self.main_cause)
        causes = QHBoxLayout()
        for combo in self.secondary:
            causes.addWidget(combo)
        form.addRow(_("Secondary causes"), causes)
        form.addRow(_("Health"), self.health)
        form.addRow(_("Disability"), self.disability)
        marital = QHBoxLayout()
        marital.addWidget(self.marital)
        marital.addWidget(self.single_parent)
        form.addRow(_("Marital status"), marital)
        form.addRow(_("Housing"), self.housing)
        form.addRow(_("Own monthly income (yuan)"), self.income)
        form.addRow(_("Household size"), self.household_size)
        form.addRow(_("Household annual income (yuan)"), self.household_income)
        form.addRow(_("Per-capita monthly income"), self.per_capita)
        form.addRow(_("Medical insurance"), self.insurance)
        form.addRow(_("File opened on"), self.opened_on)
        review = QHBoxLayout()
        review.addWidget(self.reviewed)
        review.addWidget(self.reviewed_on)
        review.addStretch(1)
        form.addRow(_("Last review"), review)
        form.addRow(_("Notes"), self.notes)
        self.household_size.valueChanged.connect(self._update_per_capita)
        self.household_income.textChanged.connect(self._update_per_capita)
        return page

    def _family_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.family = QTableWidget(0, len(FAMILY_COLUMNS))
        self.family.setObjectName("family")
        self.family.setHorizontalHeaderLabels([_(c) for c in FAMILY_COLUMNS])
        self.family.horizontalHeader().setStretchLastSection(True)
        add = QPushButton(_("Add a family member"))
        add.setObjectName("addFamily")
        remove = QPushButton(_("Remove selected"))
        add.clicked.connect(lambda: self.add_family_row())
        remove.clicked.connect(self._remove_family)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        layout.addWidget(QLabel(_("Birth dates as 1990-05-01; sex as 男 or 女.")))
        layout.addWidget(self.family)
        layout.addLayout(row)
        return page

    def _history_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.history = QListWidget()
        self.help = QListWidget()
        self.help.setObjectName("helpReceived")
        layout.addWidget(QLabel(_("Status history")))
        layout.addWidget(self.history)
        layout.addWidget(QLabel(_("Help received since the file was opened")))
        layout.addWidget(self.help)
        return page

    def add_family_row(self, values: list[str] | None = None) -> None:
        row = self.family.rowCount()
        self.family.insertRow(row)
        for column, text in enumerate(values or [""] * len(FAMILY_COLUMNS)):
            self.family.setItem(row, column, QTableWidgetItem(text))

    def _remove_family(self) -> None:
        for row in sorted({i.row() for i in self.family.selectedIndexes()}, reverse=True):
            self.family.removeRow(row)

    def _update_per_capita(self) -> None:
        try:
            annual = self.household_income.fen()
        except AmountError:
            self.per_capita.setText("—")
            return
        value = per_capita_monthly_income(annual, self.household_size.value())
        self.per_capita.setText(_("{amount} yuan").format(amount=format_yuan(value)) if value is not None else "—")

    # --- loading ---------------------------------------------------------------------------

    def _load(self) -> None:
        with self.ctx.db.session() as session:
            hfile = hardship.get_file(session, self.file_id)  # type: ignore[arg-type]
            data = hardship.file_input(hfile)
            name, opened, status = hfile.member.name, hfile.opened_on, hfile.status
            history = [f"{format_date(h.date)}　{HardshipStatus(h.status).label()}　{h.reason}" for h in hfile.history]
            visits = [v for v in list_visits(session, VisitFilter(member_id=hfile.member_id), sort="date") if v.date >= opened]
        self.member.set_member(data.member_id, name)
        self.member.setEnabled(False)  # a file stays with its member
        select_data(self.category, data.category)
        select_data(self.main_cause, data.main_cause)
        for combo, cause in zip(self.secondary, data.secondary_causes + [None] * 3):
            select_data(combo, cause)
        self.health.setText(data.health)
        self.disability.setText(data.disability)
        select_data(self.marital, data.marital_status)
        self.single_parent.setChecked(data.single_parent)
        self.housing.setText(data.housing)
        self.income.set_fen(data.monthly_income_fen)
        self.household_size.setValue(data.household_size)
        self.household_income.set_fen(data.household_annual_income_fen)
        self.insurance.setText(data.medical_insurance)
        set_date(self.opened_on, data.opened_on)
        if data.reviewed_on:
            self.reviewed.setChecked(True)
            set_date(self.reviewed_on, data.reviewed_on)
        self.notes.setPlainText(data.notes)
        for person in data.family:
            self.add_family_row([
                person.name, person.relation, Sex(person.sex).label() if person.sex else "",
                person.birth_date.isoformat() if person.birth_date else "", person.id_number, person.health,
                format_yuan(person.monthly_income_fen) if person.monthly_income_fen else "", person.work_or_school,
            ])
        self.history.addItems(history)
        self.help.addItems([f"{format_date(v.date)}　{v.occasion}　{format_yuan(v.cash_fen)}" + (f"　{v.goods}" if v.goods else "")
                            for v in visits] or [_("No help recorded yet.")])
        self.setWindowTitle(_("Hardship file of {name} ({status})").format(name=name, status=HardshipStatus(status).label()))

    # --- values ----------------------------------------------------------------------------

    def _family_values(self) -> list[hardship.FamilyMemberInput]:
        people = []
        for row in range(self.family.rowCount()):
            cells = [(self.family.item(row, c).text().strip() if self.family.item(row, c) else "") for c in range(len(FAMILY_COLUMNS))]
            if not any(cells):
                continue
            name, relation, sex_text, birth, id_number, health, income, work = cells
            sex = Sex.from_text(sex_text) if sex_text else None
            if sex_text and sex is None:
                raise ValueError(_("Family member {row}: sex “{text}” is not 男 or 女.").format(row=row + 1, text=sex_text))
            try:
                birth_date = dt.date.fromisoformat(birth) if birth else None
            except ValueError:
                raise ValueError(_("Family member {row}: “{text}” is not a date like 1990-05-01.").format(row=row + 1, text=birth)) from None
            try:
                income_fen = parse_amount(income) if income else 0
            except AmountError as exc:
                raise ValueError(_("Family member {row}: {error}").format(row=row + 1, error=exc)) from None
            id_number = hardship.family_id_number(row + 1, id_number)  # ReliefError (a ValueError) names the row
            people.append(hardship.FamilyMemberInput(name, relation, sex.value if sex else None, birth_date, id_number, health,
                                                     income_fen, work))
        return people

    @property
    def value(self) -> hardship.HardshipFileInput | None:
        return self._value

    def accept(self) -> None:
        if self.member.member_id is None:
            show_error(self, _("Please choose the member the file is for."))
            return
        for edit, label in ((self.income, _("Own monthly income (yuan)")),
                            (self.household_income, _("Household annual income (yuan)"))):
            try:
                edit.fen()
            except AmountError as exc:
                self.tabs.setCurrentIndex(0)
                show_error(self, _("{field}: {error}").format(field=label, error=exc))
                edit.setFocus()
                return
        try:
            income, household_income = self.income.fen(), self.household_income.fen()
            family = self._family_values()
        except ValueError as exc:
            show_error(self, str(exc))
            return
        self._value = hardship.HardshipFileInput(
            member_id=self.member.member_id, category=self.category.currentData(), main_cause=self.main_cause.currentData(),
            opened_on=get_date(self.opened_on), secondary_causes=[c.currentData() for c in self.secondary if c.currentData()],
            health=self.health.text().strip(), disability=self.disability.text().strip(),
            marital_status=self.marital.currentData(), single_parent=self.single_parent.isChecked(),
            housing=self.housing.text().strip(), monthly_income_fen=income, household_size=self.household_size.value(),
            household_annual_income_fen=household_income, medical_insurance=self.insurance.text().strip(),
            notes=self.notes.toPlainText().strip(), reviewed_on=get_date(self.reviewed_on) if self.reviewed.isChecked() else None,
            family=family,
        )
        super().accept()


class CloseFileDialog(QDialog):
    """脱困 or 注销 with the date and the reason."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Close the hardship file of {name}").format(name=name))
        self.status = choice_combo([(s.value, s.label()) for s in (HardshipStatus.OUT_OF_HARDSHIP, HardshipStatus.CANCELLED)])
        self.date: QDateEdit = date_edit()
        self.reason = QLineEdit()
        self.reason.setObjectName("closeReason")
        form = QFormLayout(self)
        form.addRow(_("New status"), self.status)
        form.addRow(_("Date"), self.date)
        form.addRow(_("Reason"), self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("OK"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        if not self.reason.text().strip():
            show_error(self, _("Please give the reason."))
            return
        super().accept()

    @property
    def values(self) -> tuple[str, dt.date, str]:
        return self.status.currentData(), get_date(self.date), self.reason.text().strip()
