"""A read-only table model over rows fetched by a query; sorting asks the query again (SQL)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Generic, Sequence, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from unionoffice.i18n import _

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[Row]):
    title: str  # untranslated (N_)
    text: Callable[[Any], str]
    sort_key: str | None = None  # the query's sort key; None: not sortable
    right: bool = False  # numbers and money are right-aligned
    stretch: bool = False  # takes the spare width (long text such as a summary)


class QueryTableModel(QAbstractTableModel, Generic[Row]):
    """Rows come from ``fetch(sort_key, descending)``; ``refresh()`` asks again."""

    def __init__(self, columns: Sequence[Column], fetch: Callable[[str, bool], list], sort_key: str,
                 descending: bool = False) -> None:
        super().__init__()
        self.columns = list(columns)
        self._fetch = fetch
        self.sort_key, self.descending = sort_key, descending
        self.rows: list = []

    def refresh(self) -> None:
        self.beginResetModel()
        self.rows = self._fetch(self.sort_key, self.descending)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt naming)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(self.rows[index.row()])
        if role == Qt.ItemDataRole.TextAlignmentRole and column.right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return self.rows[index.row()].id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(self.columns[section].title)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.columns[column].sort_key
        if key is None:
            return
        self.sort_key, self.descending = key, order == Qt.SortOrder.DescendingOrder
        self.refresh()

    def row_id(self, row: int) -> int:
        return self.rows[row].id
