"""The hardship file form: the file's fields, the family table, its history and the help received."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
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
from unionoffice.domain.hardship_codes import FamilyIdentity, FamilyPolitics, MedicalCover
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
from unionoffice.gui.relief.hardship_national_panel import NationalFieldsPanel
from unionoffice.gui.relief.hardship_rules_panel import HardshipRulesPanel
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
from unionoffice.services import hardship, hardship_checks
from unionoffice.services.relief_queries import VisitFilter, list_visits

FAMILY_COLUMNS = ("Name", "Relation", "Sex", "Birth date", "ID number", "Health", "Monthly income (yuan)", "Work unit or school",
                  "Political status", "Identity", "Medical insurance")
# The national code lists of the last three family columns (typed as the label or the code).
FAMILY_CODES = (FamilyPolitics, FamilyIdentity, MedicalCover)


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
        with ctx.db.session() as session:
            kept = hardship_checks.standards(session)
        self.rules = HardshipRulesPanel(kept)
        self.rules.inputs = self._rule_inputs
        tabs.addTab(self.rules, _("Category by the rules"))
        self.national = NationalFieldsPanel()
        tabs.addTab(self.national, _("National form fields"))
        for signal in (self.category.currentIndexChanged, self.opened_on.dateChanged, self.reviewed_on.dateChanged,
                       self.reviewed.toggled):
            signal.connect(lambda *_args: self._update_rules())
        self.rules.changed.connect(self._update_hint)
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
        self.rules.refresh()
        self.resize(880, 680)

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
        self.computed_hint = QLabel()
        self.computed_hint.setObjectName("computedHint")
        form.insertRow(2, "", self.computed_hint)
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
        self._update_rules()

    def _rule_inputs(self) -> tuple[int | None, int, dt.date, str | None]:
        try:
            annual: int | None = self.household_income.fen()
        except AmountError:
            annual = None
        day = get_date(self.reviewed_on) if self.reviewed.isChecked() else get_date(self.opened_on)
        return annual, self.household_size.value(), day, self.category.currentData()

    def _update_rules(self) -> None:
        """The computed category beside the chosen one, as the clerk types."""
        if hasattr(self, "rules"):
            self.rules.refresh()  # emits changed → _update_hint

    def _update_hint(self) -> None:
        computed = self.rules.computed()
        text = _("By the rules: {category}").format(category=computed.label() if computed else _("not in hardship"))
        if self.rules.disagrees():
            text += "　" + _("(differs from the category chosen)")
        self.computed_hint.setText(text)

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
        for cost in data.rigid_costs:
            self.rules.add_cost(cost.kind, cost.description, format_yuan(cost.amount_fen))
        self.rules.hardship_costs.set_fen(data.hardship_costs_fen)
        self.rules.offsets.set_fen(data.hardship_offsets_fen)
        for exclusion, box in self.rules.exclusions.items():
            box.setChecked(exclusion.value in data.exclusions)
        self.rules.exclusion_reason.setText(data.exclusion_reason)
        self.rules.category_reason.setText(data.category_reason)
        self.national.set_values(data)
        for person in data.family:
            self.add_family_row([
                person.name, person.relation, Sex(person.sex).label() if person.sex else "",
                person.birth_date.isoformat() if person.birth_date else "", person.id_number, person.health,
                format_yuan(person.monthly_income_fen) if person.monthly_income_fen else "", person.work_or_school,
                *[enum(code).label() if code else "" for enum, code in
                  zip(FAMILY_CODES, (person.political_status, person.identity, person.medical_cover))],
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
            name, relation, sex_text, birth, id_number, health, income, work = cells[:8]
            codes = []
            for enum, text, title in zip(FAMILY_CODES, cells[8:], FAMILY_COLUMNS[8:]):
                found = enum.from_text(text) if text else None
                if text and found is None:
                    raise ValueError(_("Family member {row}: {field} is one of {allowed}.").format(
                        row=row + 1, field=_(title), allowed="、".join(m.label() for m in enum)))
                codes.append(found.value if found else None)
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
                                                     income_fen, work, *codes))
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
            costs = self.rules.cost_values()
            hardship_costs, offsets = self.rules.hardship_costs.fen(), self.rules.offsets.fen()
            national = self.national.values()
        except ValueError as exc:  # AmountError is a ValueError
            show_error(self, str(exc))
            return
        if not self._rules_answered():
            return
        self._value = hardship.HardshipFileInput(
            member_id=self.member.member_id, category=self.category.currentData(), main_cause=self.main_cause.currentData(),
            opened_on=get_date(self.opened_on), secondary_causes=[c.currentData() for c in self.secondary if c.currentData()],
            health=self.health.text().strip(), disability=self.disability.text().strip(),
            marital_status=self.marital.currentData(), single_parent=self.single_parent.isChecked(),
            housing=self.housing.text().strip(), monthly_income_fen=income, household_size=self.household_size.value(),
            household_annual_income_fen=household_income, medical_insurance=self.insurance.text().strip(),
            notes=self.notes.toPlainText().strip(), reviewed_on=get_date(self.reviewed_on) if self.reviewed.isChecked() else None,
            family=family, rigid_costs=costs, hardship_costs_fen=hardship_costs, hardship_offsets_fen=offsets,
            exclusions=self.rules.exclusion_codes(), exclusion_reason=self.rules.exclusion_reason.text().strip(),
            category_reason=self.rules.category_reason.text().strip() if self.rules.disagrees() else "",
            **national,
        )
        super().accept()

    def _rules_answered(self) -> bool:
        """An exclusion answered yes, or a category other than the computed one, needs a reason: ask for it."""
        if self.rules.exclusion_codes() and not self.rules.exclusion_reason.text().strip():
            self.tabs.setCurrentWidget(self.rules)
            show_error(self, _("An exclusion is answered yes: the family is not eligible unless you give a reason."))
            self.rules.exclusion_reason.setFocus()
            return False
        if self.rules.disagrees() and not self.rules.category_reason.text().strip():
            computed = self.rules.computed()
            reason, ok = QInputDialog.getText(self, _("Category differs from the rules"), _(
                "By the rules the category is “{computed}”, but “{chosen}” is chosen. Why?").format(
                computed=computed.label() if computed else _("not in hardship"), chosen=self.category.currentText()))
            if not ok or not reason.strip():
                self.tabs.setCurrentWidget(self.rules)
                self.rules.category_reason.setFocus()
                return False
            self.rules.category_reason.setText(reason.strip())
        return True
