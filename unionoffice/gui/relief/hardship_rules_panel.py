"""The file form's tab for the national rules: 刚性支出 items, 致困费用, exclusions, and the category the rules give
with the figures behind it, recomputed as the clerk types (the arithmetic is domain/hardship_rules.py's)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from unionoffice.domain.hardship_codes import Exclusion, RigidCostKind
from unionoffice.domain.hardship_rules import CategoryFigures, standard_in_force
from unionoffice.domain.money import AmountError, format_yuan, parse_amount
from unionoffice.domain.relief import HardshipCategory
from unionoffice.gui.relief.widgets import MoneyEdit
from unionoffice.i18n import _
from unionoffice.services.hardship import RigidCostInput

COST_KIND, COST_DESCRIPTION, COST_AMOUNT = range(3)


class HardshipRulesPanel(QWidget):
    """Inputs of the rules and the live verdict. ``inputs`` is set by the dialog: a callable giving
    (annual household income fen or None when not valid, household size, the file's day, chosen category code).
    ``changed`` is emitted after every recomputation."""

    changed = Signal()

    def __init__(self, standards: list[tuple[dt.date, int]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.standards = standards
        self.inputs = lambda: (0, 1, dt.date.today(), None)
        self.costs = QTableWidget(0, 3)
        self.costs.setObjectName("rigidCosts")
        self.costs.setHorizontalHeaderLabels([_("Kind"), _("What"), _("Amount a year (yuan)")])
        self.costs.horizontalHeader().setStretchLastSection(True)
        self.costs.setColumnWidth(COST_DESCRIPTION, 260)
        add = QPushButton(_("Add a cost"))
        add.setObjectName("addRigidCost")
        remove = QPushButton(_("Remove selected"))
        add.clicked.connect(lambda: self.add_cost())
        remove.clicked.connect(self._remove_costs)
        self.hardship_costs = MoneyEdit()
        self.hardship_costs.setObjectName("hardshipCosts")
        self.offsets = MoneyEdit()
        self.offsets.setObjectName("hardshipOffsets")
        self.exclusions = {e: QCheckBox(e.label()) for e in Exclusion}
        for exclusion, box in self.exclusions.items():
            box.setObjectName(f"exclusion_{exclusion.value}")
        self.exclusion_reason = QLineEdit()
        self.exclusion_reason.setObjectName("exclusionReason")
        self.exclusion_reason.setPlaceholderText(_("Needed when any item is yes"))
        self.verdict = QLabel()
        self.verdict.setObjectName("computedCategory")
        self.verdict.setStyleSheet("font-weight: bold")
        self.figures = QLabel()
        self.figures.setObjectName("categoryFigures")
        self.figures.setWordWrap(True)
        self.category_reason = QLineEdit()
        self.category_reason.setObjectName("categoryReason")
        self.category_reason.setPlaceholderText(_("Needed when the category differs from the computed one"))

        costs_box = QGroupBox(_("Unavoidable costs (刚性支出), per year"))
        costs_layout = QVBoxLayout(costs_box)
        costs_layout.addWidget(self.costs)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        costs_layout.addLayout(buttons)
        accident = QFormLayout()
        accident.addRow(_("Hardship costs or losses this year (yuan)"), self.hardship_costs)
        accident.addRow(_("Compensation, insurance and aid received (yuan)"), self.offsets)
        exclusions_box = QGroupBox(_("Exclusions (any yes: not eligible unless a reason is given)"))
        exclusions_layout = QVBoxLayout(exclusions_box)
        for box in self.exclusions.values():
            exclusions_layout.addWidget(box)
        exclusions_layout.addWidget(self.exclusion_reason)
        verdict_box = QGroupBox(_("Category by the rules"))
        verdict_layout = QFormLayout(verdict_box)
        verdict_layout.addRow(_("Computed category"), self.verdict)
        verdict_layout.addRow(self.figures)
        verdict_layout.addRow(_("Reason for another category"), self.category_reason)
        layout = QVBoxLayout(self)
        layout.addWidget(costs_box, 1)
        layout.addLayout(accident)
        layout.addWidget(exclusions_box)
        layout.addWidget(verdict_box)
        self.costs.itemChanged.connect(lambda _item: self.refresh())
        self.hardship_costs.textChanged.connect(self.refresh)
        self.offsets.textChanged.connect(self.refresh)

    # --- costs -------------------------------------------------------------------------------

    def add_cost(self, kind: str = RigidCostKind.MEDICAL.value, description: str = "", amount: str = "") -> None:
        self.costs.blockSignals(True)
        row = self.costs.rowCount()
        self.costs.insertRow(row)
        label = RigidCostKind(kind).label() if RigidCostKind.from_text(kind) else kind
        self.costs.setItem(row, COST_KIND, QTableWidgetItem(label))
        self.costs.setItem(row, COST_DESCRIPTION, QTableWidgetItem(description))
        self.costs.setItem(row, COST_AMOUNT, QTableWidgetItem(amount))
        self.costs.blockSignals(False)
        self.refresh()

    def _remove_costs(self) -> None:
        for row in sorted({i.row() for i in self.costs.selectedIndexes()}, reverse=True):
            self.costs.removeRow(row)
        self.refresh()

    def cost_values(self) -> list[RigidCostInput]:
        """The itemised costs; raises ValueError naming the row."""
        items = []
        for row in range(self.costs.rowCount()):
            cells = [(self.costs.item(row, c).text().strip() if self.costs.item(row, c) else "") for c in range(3)]
            if not any(cells):
                continue
            kind_text, description, amount = cells
            kind = RigidCostKind.from_text(kind_text)
            if kind is None:
                raise ValueError(_("Unavoidable cost {row}: the kind is one of {allowed}.").format(
                    row=row + 1, allowed="、".join(k.label() for k in RigidCostKind)))
            try:
                fen = parse_amount(amount)
            except AmountError as exc:
                raise ValueError(_("Unavoidable cost {row}: {error}").format(row=row + 1, error=exc)) from None
            items.append(RigidCostInput(kind.value, fen, description))
        return items

    # --- values ------------------------------------------------------------------------------

    def exclusion_codes(self) -> list[str]:
        return [e.value for e, box in self.exclusions.items() if box.isChecked()]

    def current_figures(self) -> CategoryFigures | None:
        annual, size, day, _chosen = self.inputs()
        try:
            costs = self.cost_values()
            hardship_costs, offsets = self.hardship_costs.fen(), self.offsets.fen()
        except (ValueError, AmountError):
            return None
        if annual is None:
            return None
        return CategoryFigures(annual, sum(c.amount_fen for c in costs), size, standard_in_force(self.standards, day),
                               hardship_costs, offsets)

    def computed(self) -> HardshipCategory | None:
        figures = self.current_figures()
        return figures.category if figures is not None else None

    def disagrees(self) -> bool:
        """The chosen category is not the computed one (only judged when a 低保标准 is in force or an accident shows)."""
        figures = self.current_figures()
        if figures is None or (figures.standard_fen is None and not figures.accident):
            return False
        return HardshipCategory.from_text(self.inputs()[3] or "") != figures.category

    def refresh(self) -> None:
        figures = self.current_figures()
        if figures is None:
            self.verdict.setText("—")
            self.figures.setText(_("Some amounts are not valid yet."))
            self.changed.emit()
            return
        category = figures.category
        self.verdict.setText(category.label() if category else _("Not in hardship by the rules"))
        if figures.standard_fen is None:
            standard = _("no subsistence standard is set for this date (set it with “Subsistence standard…” on the hardship files page)")
        else:
            standard = _("{amount} yuan").format(amount=format_yuan(figures.standard_fen))
        lines = [
            _("(household income {income} − unavoidable costs {costs}) ÷ 12 ÷ {size} people = {per_capita} yuan a month").format(
                income=format_yuan(figures.annual_income_fen), costs=format_yuan(figures.rigid_costs_fen),
                size=figures.household_size, per_capita=format_yuan(figures.per_capita_monthly_fen or 0)),
            _("Subsistence standard in force: {standard}").format(standard=standard),
            _("Hardship costs after compensation {net} yuan; 80% of the household income is {limit} yuan").format(
                net=format_yuan(figures.net_hardship_costs_fen), limit=format_yuan(figures.annual_income_fen * 4 // 5)),
        ]
        if self.disagrees():
            lines.append(_("The category chosen differs: saving asks for a reason."))
        self.figures.setText("\n".join(lines))
        self.changed.emit()
