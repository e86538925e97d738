"""批量收缴: choose the period and group, everyone's amount due is filled in, tick paid or adjust, save all at once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from unionoffice.domain.dues import DuesError, PaymentMethod, Period
from unionoffice.domain.money import AmountError, format_yuan, parse_amount
from unionoffice.gui.context import AppContext
from unionoffice.gui.widgets import date_edit, save_cancel_buttons
from unionoffice.i18n import N_, _
from unionoffice.services import dues, dues_payments
from unionoffice.services.dues_ledger import build_ledger


@dataclass
class Line:
    member_id: int
    name: str
    due_fen: int
    amount_fen: int
    paid: bool
    reason: str = ""
    already_fen: int = 0


HEADERS = [N_("Paid"), N_("Name"), N_("Due (yuan)"), N_("Already paid (yuan)"), N_("Amount paid (yuan)"),
           N_("Reason for paying more")]
PAID, NAME, DUE, ALREADY, AMOUNT, REASON = range(6)


class BatchModel(QAbstractTableModel):
    def __init__(self, lines: list[Line]) -> None:
        super().__init__()
        self.lines = lines
        self.error = ""

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[section])
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == PAID:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() in (AMOUNT, REASON):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self.lines[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == PAID:
            return Qt.CheckState.Checked if line.paid else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == NAME:
                return line.name
            if column == DUE:
                return format_yuan(line.due_fen)
            if column == ALREADY:
                return format_yuan(line.already_fen)
            if column == AMOUNT:
                return format_yuan(line.amount_fen)
            if column == REASON:
                return line.reason
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (DUE, ALREADY, AMOUNT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: QModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        line = self.lines[index.row()]
        column = index.column()
        if column == PAID and role == Qt.ItemDataRole.CheckStateRole:
            line.paid = Qt.CheckState(value) == Qt.CheckState.Checked
        elif column == AMOUNT and role == Qt.ItemDataRole.EditRole:
            try:
                line.amount_fen = parse_amount(value)
            except AmountError as exc:
                self.error = f"{line.name}：{exc}"
                return False
            line.paid = line.amount_fen > 0
        elif column == REASON and role == Qt.ItemDataRole.EditRole:
            line.reason = str(value).strip()
        else:
            return False
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(HEADERS) - 1))
        return True

    def set_all(self, paid: bool) -> None:
        for line in self.lines:
            line.paid = paid and line.amount_fen > 0
        if self.lines:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.lines) - 1, len(HEADERS) - 1))

    def ticked_total(self) -> int:
        return sum(line.amount_fen for line in self.lines if line.paid)


def batch_lines(ctx: AppContext, period: Period, group_id: int | None) -> list[Line]:
    """Everyone who owes something for the period, with what is still unpaid filled in."""
    with ctx.db.session() as session:
        ledger = build_ledger(session, period, group_id=group_id)
    return [Line(m.member_id, m.name, m.due_fen, m.arrears_fen, m.arrears_fen > 0, already_fen=m.paid_fen)
            for m in ledger.members if m.due_fen > 0]


class BatchDialog(QDialog):
    def __init__(self, ctx: AppContext, period: Period, group_id: int | None, group_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.period, self.group_id = ctx, period, group_id
        self.result_saved: dues_payments.BatchResult | None = None
        self.setWindowTitle(_("Collect dues: {period} {group}").format(period=period.label(), group=group_name))
        self.resize(760, 560)
        layout = QVBoxLayout(self)
        head = QFormLayout()
        self.paid_on = date_edit(dt.date.today())
        self.paid_on.setObjectName("paidOn")
        self.method = QComboBox()
        self.method.setObjectName("method")
        for code, label in PaymentMethod.choices():
            self.method.addItem(label, code)
        with ctx.db.session() as session:
            default = dues.load_dues_settings(session).method.value
        self.method.setCurrentIndex(max(0, self.method.findData(default)))
        head.addRow(_("Paid on"), self.paid_on)
        head.addRow(_("Payment method"), self.method)
        layout.addLayout(head)
        tools = QHBoxLayout()
        tick_all = QPushButton(_("Tick all"))
        tick_all.setObjectName("tickAll")
        untick = QPushButton(_("Untick all"))
        untick.setObjectName("untickAll")
        tools.addWidget(tick_all)
        tools.addWidget(untick)
        tools.addStretch(1)
        layout.addLayout(tools)
        self.model = BatchModel(batch_lines(ctx, period, group_id))
        self.table = QTableView()
        self.table.setObjectName("batchTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(REASON, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.total = QLabel()
        self.total.setObjectName("batchTotal")
        layout.addWidget(self.total)
        layout.addWidget(save_cancel_buttons(self))
        tick_all.clicked.connect(lambda: self.model.set_all(True))
        untick.clicked.connect(lambda: self.model.set_all(False))
        self.model.dataChanged.connect(lambda *_args: self._update_total())
        self._update_total()

    def _update_total(self) -> None:
        count = sum(1 for line in self.model.lines if line.paid)
        self.total.setText(_("{count} of {total} members ticked, {amount} yuan").format(
            count=count, total=len(self.model.lines), amount=format_yuan(self.model.ticked_total())))

    @property
    def lines(self) -> list[dues_payments.BatchLine]:
        return [dues_payments.BatchLine(line.member_id, line.amount_fen, line.paid, line.reason) for line in self.model.lines]

    def accept(self) -> None:
        if not any(line.paid for line in self.model.lines):
            QMessageBox.information(self, _("Collect dues"), _("Nobody is ticked as paid."))
            return
        paid_on = self.paid_on.date().toPython()
        try:
            with self.ctx.db.session(write=True) as session:  # one transaction: all lines or none
                self.result_saved = dues_payments.save_batch(session, self.period, paid_on, self.lines, self.method.currentData())
        except DuesError as exc:
            QMessageBox.warning(self, _("Collect dues"), str(exc))
            return
        self.ctx.notify("dues")
        super().accept()
