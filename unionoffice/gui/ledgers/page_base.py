"""What the activities and training pages share: toolbar, filter bar, SQL-sorted table, figures line."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from unionoffice.domain.ledgers import LedgerError
from unionoffice.gui.context import AppContext
from unionoffice.gui.freshness import changed_since_last_shown
from unionoffice.gui.ledgers.filter_bar import FilterBar
from unionoffice.gui.ledgers.kinds_dialog import KindsDialog
from unionoffice.gui.ledgers.stats_dialog import StatsDialog
from unionoffice.gui.ledgers.table_model import Column, RowsModel
from unionoffice.gui.list_keys import link_search_to_table
from unionoffice.i18n import _
from unionoffice.services import ledger_kinds, office
from unionoffice.services.ledger_lists import LedgerFilter


TITLE_MIN_WIDTH = 220


class LedgerPage(QWidget):
    """Subclasses set ``ledger``, ``entity`` and implement columns(), fetch(), figures_text(), open_form(), delete_ids()."""

    ledger = ""
    entity = ""
    table_name = ""  # what the recycle bin notifies

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.sort_key, self.descending = "date", True
        self._building = True
        layout = QVBoxLayout(self)
        self.toolbar = QHBoxLayout()
        layout.addLayout(self.toolbar)
        with ctx.db.session() as session:
            kinds = [(k.code, k.label) for k in ledger_kinds.list_kinds(session, self.ledger)]
            groups = [(g.id, g.name) for g in office.list_groups(session)]
        self.kind_labels = {code: label for code, label in kinds}
        self.filters = FilterBar(kinds, groups)
        self.search = self.filters.search
        layout.addWidget(self.filters)
        self.model = RowsModel(self.columns(), self.set_sort)
        self.table = QTableView()
        self.table.setObjectName("ledgerTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setDefaultSectionSize(92)
        # The title takes the spare width but never less than TITLE_MIN_WIDTH: on a narrow screen the table
        # scrolls sideways instead of cutting every title to “…” (a stretched section can shrink to nothing).
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.table.viewport().installEventFilter(self)  # its width changes with the vertical scroll bar too
        for index, column in enumerate(self.model.columns):
            if column.width:
                self.table.setColumnWidth(index, column.width)
        self.table.doubleClicked.connect(lambda index: self.edit(self.model.row_id(index.row())))
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        self.count_label = QLabel()
        self.count_label.setObjectName("count")
        self.figures = QLabel()
        self.figures.setObjectName("figures")
        self.figures.setWordWrap(True)
        bottom.addWidget(self.count_label)
        bottom.addWidget(self.figures, 1)
        layout.addLayout(bottom)

        self.add_action("new", _("New…"), lambda: self.edit(None), QKeySequence.StandardKey.New)
        self.add_action("edit", _("Edit…"), lambda: self.edit(self.current_id()))
        self.add_action("delete", _("Delete"), self.delete_selected, QKeySequence.StandardKey.Delete)
        open_action = QAction(self.table)
        open_action.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        open_action.triggered.connect(lambda _checked=False: self.current_id() is not None and self.edit(self.current_id()))
        self.table.addAction(open_action)
        self.add_extra_actions()
        self.add_action("stats", _("Figures…"), self.show_figures)
        self.toolbar.addStretch(1)
        self.add_action("kinds", _("Manage kinds…"), self.manage_kinds)

        self.filters.changed.connect(self.refresh)
        link_search_to_table(self.search, self.table, lambda row: self.edit(self.model.row_id(row)), self.refresh)
        self._building = False
        ctx.data_changed.connect(self._on_data_changed)
        self.refresh()

    # --- building ------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_title()
        return super().eventFilter(watched, event)

    def fit_title(self) -> None:
        header = self.table.horizontalHeader()
        others = sum(header.sectionSize(i) for i in range(header.count()) if i != 1 and not header.isSectionHidden(i))
        spare = self.table.viewport().width() - others
        self.table.setColumnWidth(1, max(TITLE_MIN_WIDTH, spare))

    def add_action(self, name: str, text: str, slot: Callable[[], Any], shortcut: Any = None) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(f"{name}Button")
        button.clicked.connect(lambda _checked=False: slot())
        self.toolbar.addWidget(button)
        if shortcut is not None:
            action = QAction(self)
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _checked=False: slot())
            target = self.table if name == "delete" else self
            target.addAction(action)
        return button

    def add_extra_actions(self) -> None:
        """Subclasses add their own buttons (sign-in sheet, import, export)."""

    def columns(self) -> list[Column]:
        raise NotImplementedError

    def fetch(self, session: Any, flt: LedgerFilter, sort: str, descending: bool) -> list[Any]:
        raise NotImplementedError

    def figures_text(self, rows: list[Any]) -> str:
        """The figures line for the listed rows (it follows every filter, as the table does)."""
        raise NotImplementedError

    # --- behaviour -----------------------------------------------------------------------

    def set_sort(self, key: str, descending: bool) -> None:
        self.sort_key, self.descending = key, descending
        if not self._building:
            self.refresh()

    def current_filter(self) -> LedgerFilter:
        return self.filters.value()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """Shown again: records another PC (or the command line) changed meanwhile are shown as they are now."""
        if self.table_name and changed_since_last_shown(self, self.table_name):
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        flt = self.current_filter()
        with self.ctx.db.session() as session:
            rows = self.fetch(session, flt, self.sort_key, self.descending)
        self.model.set_rows(rows)
        self.count_label.setText(_("{count} records").format(count=len(rows)))
        self.figures.setText(self.figures_text(rows))

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.row_id(index.row()) if index.isValid() else None

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [i for i in (self.model.row_id(r) for r in rows) if i is not None]

    def edit(self, record_id: int | None) -> None:
        raise NotImplementedError

    def delete_ids(self, session: Any, ids: list[int]) -> None:
        raise NotImplementedError

    def delete_selected(self, confirm: bool = True) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        if confirm and QMessageBox.question(
            self, _("Delete"), _("Move {count} records to the recycle bin? They can be restored from there.").format(count=len(ids))
        ) != QMessageBox.StandardButton.Yes:
            return
        try:
            with self.ctx.db.session(write=True) as session:
                self.delete_ids(session, ids)
        except LedgerError as exc:
            QMessageBox.warning(self, _("Delete"), str(exc))
        self.ctx.notify(self.entity)

    def show_figures(self) -> StatsDialog:
        """The period's statistics (the filter's period; kind, group and text do not apply)."""
        flt = self.current_filter()
        dialog = StatsDialog(self.ctx, self.ledger == "training", flt.date_from, flt.date_to, self)
        dialog.open()
        return dialog

    def manage_kinds(self) -> KindsDialog:
        dialog = KindsDialog(self.ctx, self.ledger, self)
        dialog.open()
        return dialog

    def _on_data_changed(self, entity: str) -> None:
        if entity == "ledger_kind":
            with self.ctx.db.session() as session:
                kinds = [(k.code, k.label) for k in ledger_kinds.list_kinds(session, self.ledger)]
            self.kind_labels = dict(kinds)
            self.filters.set_kinds(kinds)
        if entity in (self.entity, self.table_name, "ledger_kind", "member", "members", "group"):
            self.refresh()
