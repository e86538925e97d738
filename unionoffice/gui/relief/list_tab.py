"""A register tab: a toolbar, filters with the search box, the table and the count of matches."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from unionoffice.gui.context import AppContext
from unionoffice.gui.freshness import changed_since_last_shown
from unionoffice.gui.relief.table_model import QueryTableModel
from unionoffice.gui.relief.widgets import selected_ids, setup_table
from unionoffice.gui.list_keys import link_search_to_table
from unionoffice.i18n import _


class ListTab(QWidget):
    """Subclasses build ``self.model`` and add filters to ``self.filters``; refresh() re-queries."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        self.toolbar = QHBoxLayout()
        self.filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(_("Search: name, pinyin initials…"))
        self.search.setMinimumWidth(220)
        self.filters.addWidget(self.search)
        self.count = QLabel()
        self.count.setObjectName("matchCount")
        self.table = QTableView()
        setup_table(self.table)
        layout.addLayout(self.toolbar)
        layout.addLayout(self.filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self.search.textChanged.connect(lambda _text: self.refresh())
        link_search_to_table(self.search, self.table, lambda row: self.open_record(self.model.row_id(row)))
        self.table.doubleClicked.connect(lambda index: self.open_record(self.model.row_id(index.row())))
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.activated.connect(self.delete_selected)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # Enter opens the current row, as a double click does
            enter = QShortcut(QKeySequence(key), self.table)
            enter.setContext(Qt.ShortcutContext.WidgetShortcut)
            enter.activated.connect(self._open_current)
        self.model: QueryTableModel

    def button(self, text: str, handler: Callable[[], object], name: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: handler())
        self.toolbar.addWidget(button)
        return button

    def set_model(self, model: QueryTableModel) -> None:
        self.model = model
        self.table.setModel(model)
        self.table.horizontalHeader().setSortIndicator(
            next((i for i, c in enumerate(model.columns) if c.sort_key == model.sort_key), 0),
            Qt.SortOrder.DescendingOrder if model.descending else Qt.SortOrder.AscendingOrder)

    def _open_current(self) -> None:
        index = self.table.currentIndex()
        record_id = self.model.row_id(index.row()) if index.isValid() else None
        if record_id is not None:
            self.open_record(record_id)

    @staticmethod
    def edit_until_saved(dialog: QDialog, save: Callable[[], bool], reopen: Callable[[], object] | None = None) -> bool:
        """Show the form until it is cancelled or saved: a save the register refuses (its message already
        shown) brings the form back as filled in, so nothing typed is lost. A save over someone else's
        newer save is refused naming them; ``reopen`` then shows the stored record if the person wants."""
        from unionoffice.gui.conflicts import CONFLICTS, handle_conflict

        try:
            while dialog.exec() == QDialog.DialogCode.Accepted:
                try:
                    if save():
                        return True
                except CONFLICTS as exc:
                    handle_conflict(dialog.parentWidget(), dialog.windowTitle(), exc, reopen)
                    return False
            return False
        finally:
            dialog.deleteLater()  # not left behind as a hidden child of the tab (see run_modal)

    def selected(self) -> list[int]:
        return selected_ids(self.table)

    watched_table = ""  # the register's table: refreshed on show when another PC changed it

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        if self.watched_table and changed_since_last_shown(self, self.watched_table):
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        self.model.refresh()
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for index, column in enumerate(self.model.columns):
            if column.stretch:
                header.setStretchLastSection(False)
                header.setSectionResizeMode(index, QHeaderView.ResizeMode.Stretch)
        self.count.setText(self.count_text())

    def count_text(self) -> str:
        return _("{count} records").format(count=self.model.rowCount())

    # Overridden by the tabs.
    def new_record(self) -> None: ...
    def open_record(self, record_id: int) -> None: ...
    def delete_selected(self) -> None: ...
