"""Table model over a computed dues ledger: one row per member (应缴 / 实缴 / 欠缴)."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from unionoffice.domain.money import format_yuan
from unionoffice.i18n import N_, _
from unionoffice.io.dues_forms import months_text
from unionoffice.services.dues_ledger import DuesLedger, MemberDues


def _base_text(m: MemberDues) -> str:
    return "、".join(format_yuan(b) for b in sorted(set(m.bases.values())))


def _note(m: MemberDues) -> str:
    if m.exempt_mask:
        return _("Exempt")
    if m.missing_base_mask and not m.owed_mask:
        return _("No base")
    if not (m.owed_mask or m.missing_base_mask):
        return _("Not on the roll in this period")
    return ""


COLUMNS: list[tuple[str, Callable[[DuesLedger, MemberDues], Any], Callable[[MemberDues], Any]]] = [
    (N_("Name"), lambda _l, m: m.name, lambda m: m.name),
    (N_("Group"), lambda _l, m: m.group, lambda m: m.group),
    (N_("Monthly wage base (yuan)"), lambda _l, m: _base_text(m), lambda m: max(m.bases.values(), default=0)),
    (N_("Months due"), lambda _l, m: str(m.months_owed), lambda m: m.months_owed),
    (N_("Due (yuan)"), lambda _l, m: format_yuan(m.due_fen), lambda m: m.due_fen),
    (N_("Paid (yuan)"), lambda _l, m: format_yuan(m.paid_fen), lambda m: m.paid_fen),
    (N_("Unpaid (yuan)"), lambda _l, m: format_yuan(m.arrears_fen), lambda m: m.arrears_fen),
    (N_("Consecutive unpaid months"), lambda _l, m: str(m.longest_unpaid_run) if m.unpaid_mask else "",
     lambda m: m.longest_unpaid_run),
    (N_("Unpaid months"), lambda l, m: months_text(l.months_of(m.unpaid_mask)), lambda m: m.unpaid_mask.bit_count()),
    (N_("Notes"), lambda _l, m: _note(m), lambda m: _note(m)),
]
MONEY_COLUMNS = {2, 4, 5, 6}


class LedgerModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.ledger: DuesLedger | None = None
        self.rows: list[MemberDues] = []

    def set_rows(self, ledger: DuesLedger, rows: list[MemberDues]) -> None:
        self.beginResetModel()
        self.ledger, self.rows = ledger, rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section][0])
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.ledger is None:
            return None
        member = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[index.column()][1](self.ledger, member)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in MONEY_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][2]
        self.beginResetModel()
        self.rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self.endResetModel()

    def member_id(self, row: int) -> int | None:
        return self.rows[row].member_id if 0 <= row < len(self.rows) else None
