"""Keyboard handling every list page shares: from the search box to the results, and out of the table.

``link_search_to_table(search, table, open_row, before=None)``:
- Down in the search box goes to the first result (the current one if there is one);
- Enter in the search box runs the search now (``before``), then opens the only hit when there is
  exactly one, else goes to the first result;
- Tab inside the table leaves the table (to the next control) instead of walking every cell.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLineEdit


class _SearchKeys(QObject):
    def __init__(self, search: QLineEdit, table: QAbstractItemView, open_row: Callable[[int], object],
                 before: Callable[[], object] | None) -> None:
        super().__init__(search)
        self.search, self.table, self.open_row, self.before = search, table, open_row, before

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if watched is not self.search or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if event.type() == QEvent.Type.ShortcutOverride and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Down):
            event.accept()  # the key is the search box's, not a window shortcut's (Enter opens a row in the table)
            return True
        if event.type() == QEvent.Type.KeyPress:
            if key == Qt.Key.Key_Down and not event.modifiers():
                self.go_to_results()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.before is not None:
                    self.before()
                model = self.table.model()
                if model is not None and model.rowCount() == 1:
                    self.go_to_results()
                    self.open_row(0)
                else:
                    self.go_to_results()
                return True
        return False

    def go_to_results(self) -> None:
        model = self.table.model()
        if model is None or model.rowCount() == 0:
            return
        current = self.table.currentIndex()
        row = current.row() if current.isValid() else 0
        self.table.setFocus(Qt.FocusReason.TabFocusReason)
        self.table.selectRow(row)
        self.table.setCurrentIndex(model.index(row, 0))


def link_search_to_table(search: QLineEdit, table: QAbstractItemView, open_row: Callable[[int], object],
                         before: Callable[[], object] | None = None) -> None:
    """Wire the keys described above; ``open_row(row)`` opens the record at that row of the table."""
    leave_table_on_tab(table)
    search.installEventFilter(_SearchKeys(search, table, open_row, before))


def leave_table_on_tab(table: QAbstractItemView) -> None:
    """Tab moves on to the next control rather than to the next cell."""
    table.setTabKeyNavigation(False)
