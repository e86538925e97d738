"""The roster table: a model over the SQL query, fetching rows page by page as they are shown.

The model knows the number of matches (from the member tally, or a COUNT that stops at COUNT_CAP
while the panel counts the rest) and asks for a page of rows only when the view needs it, so a
filter that matches 200,000 members costs one count and one page: two statements a keystroke.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from unionoffice.domain.choices import Education, MembershipStatus, PoliticalStatus, Sex
from unionoffice.i18n import N_, _
from unionoffice.services.member_query import MemberFilter, RosterRow, Sort, SortKey, fetch_rows, first_page
from unionoffice.services.panel_counts import tally_count
from unionoffice.store.database import Database

PAGE_SIZE = 200
# Counting a search stops here while the clerk types (a few milliseconds at any size); the exact
# number follows from the composition panel. The roll by status alone is counted exactly at once,
# from the member tally.
COUNT_CAP = 1000

# (title msgid, row attribute, sort key)
COLUMNS: tuple[tuple[str, str, SortKey], ...] = (
    (N_("Full name"), "name", SortKey.NAME),
    (N_("Sex"), "sex", SortKey.SEX),
    (N_("Birth date"), "birth_date", SortKey.BIRTH_DATE),
    (N_("ID card number"), "id_number", SortKey.ID_NUMBER),
    (N_("Group / department"), "group", SortKey.GROUP),
    (N_("Political status"), "political_status", SortKey.POLITICAL_STATUS),
    (N_("Education"), "education", SortKey.EDUCATION),
    (N_("Phone"), "phone", SortKey.PHONE),
    (N_("Join date"), "join_date", SortKey.JOIN_DATE),
    (N_("Card number"), "card_no", SortKey.CARD_NO),
    (N_("Membership status"), "status", SortKey.STATUS),
    (N_("Migrant worker?"), "migrant_worker", SortKey.MIGRANT),
)
NAME, SEX, BIRTH_DATE, ID_NUMBER, GROUP, POLITICAL, EDUCATION, PHONE, JOIN_DATE, CARD_NO, STATUS, MIGRANT = range(12)

_LABELS: dict[str, Callable[[Any], str]] = {
    "sex": lambda v: Sex(v).label() if v else "",
    "political_status": lambda v: PoliticalStatus(v).label() if v else "",
    "education": lambda v: Education(v).label() if v else "",
    "status": lambda v: MembershipStatus(v).label() if v else "",
    "migrant_worker": lambda v: _("Yes") if v else "",
    "birth_date": lambda v: f"{v:%Y-%m-%d}" if v else "",
    "join_date": lambda v: f"{v:%Y-%m-%d}" if v else "",
}


def display(row: RosterRow, attribute: str) -> str:
    value = getattr(row, attribute)
    if attribute in _LABELS:
        return _LABELS[attribute](value)
    return "" if value is None else str(value)


class MemberTableModel(QAbstractTableModel):
    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self.db = db
        self.filter = MemberFilter()
        self.sort_order = Sort()
        self._count = 0
        self.exact = True  # False while the count is only "at least COUNT_CAP"
        self._pages: dict[int, list[RosterRow]] = {}

    # --- loading -----------------------------------------------------------------------------

    def set_filter(self, member_filter: MemberFilter) -> None:
        self.filter = member_filter
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._pages = {}
        with self.db.session() as session:
            known = tally_count(session, self.filter)
            if known is not None:
                self._count, self.exact = known, True
                rows = fetch_rows(session, self.filter, self.sort_order, 0, PAGE_SIZE, known) if known else []
            else:
                self._count, self.exact, rows = first_page(session, self.filter, self.sort_order, PAGE_SIZE, COUNT_CAP)
            if rows:
                self._pages[0] = rows
        self.endResetModel()

    def set_exact_count(self, count: int) -> None:
        """The full number of matches, counted later: adds the rows beyond the capped count."""
        if count > self._count:
            self.beginInsertRows(QModelIndex(), self._count, count - 1)
            self._count = count
            self.endInsertRows()
        self.exact = True

    def row(self, row: int) -> RosterRow | None:
        if not 0 <= row < self._count:
            return None
        page = row // PAGE_SIZE
        if page not in self._pages:
            with self.db.session() as session:
                self._pages[page] = fetch_rows(session, self.filter, self.sort_order, page * PAGE_SIZE, PAGE_SIZE, self._count if self.exact else None)
        rows = self._pages[page]
        offset = row - page * PAGE_SIZE
        return rows[offset] if offset < len(rows) else None

    def member_id(self, row: int) -> int | None:
        found = self.row(row)
        return found.id if found else None

    def row_of(self, member_id: int) -> int | None:
        """The row of a member among the pages loaded so far (None when not loaded or not matched)."""
        for page, rows in self._pages.items():
            for offset, r in enumerate(rows):
                if r.id == member_id:
                    return page * PAGE_SIZE + offset
        return None

    # --- Qt model ------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            found = self.row(index.row())
            return display(found, COLUMNS[index.column()][1]) if found else None
        if role == Qt.ItemDataRole.UserRole:
            return self.member_id(index.row())
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal:
                return _(COLUMNS[section][0])
            return str(section + 1)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sort_order = Sort(COLUMNS[column][2], descending=order == Qt.SortOrder.DescendingOrder)
        self.reload()
