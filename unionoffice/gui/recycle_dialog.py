"""回收站: deleted records of every register, restored or deleted for good."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from unionoffice.gui.context import AppContext
from unionoffice.i18n import _, format_datetime
from unionoffice.services import recycle
from unionoffice.gui.list_keys import leave_table_on_tab


class RecycleBinDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, confirm: bool = True) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.confirm = confirm
        self.setWindowTitle(_("Recycle bin"))
        self.resize(720, 460)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Deleted records stay here until you restore them or delete them for good.")))
        self.table = QTableWidget(0, 3)
        leave_table_on_tab(self.table)
        self.table.setHorizontalHeaderLabels([_("Kind"), _("Record"), _("Deleted at")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the record's name, not the time, gets the room
        self.table.setColumnWidth(0, self.table.fontMetrics().horizontalAdvance(_("Handling step of a rights case")) + 24)
        self.table.setColumnWidth(2, self.table.fontMetrics().horizontalAdvance(format_datetime(dt.datetime(2026, 12, 28, 23, 59))) + 24)
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.restore_button = QPushButton(_("Restore"))
        self.purge_button = QPushButton(_("Delete for good…"))
        close = QPushButton(_("Close"))
        self.restore_button.clicked.connect(self.restore_selected)
        self.purge_button.clicked.connect(self.purge_selected)
        close.clicked.connect(self.accept)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.purge_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.entries: list[recycle.BinEntry] = []
        self.refresh()

    def refresh(self) -> None:
        with self.ctx.db.session() as session:
            self.entries = recycle.list_deleted(session)
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            for column, text in enumerate([entry.kind, entry.description, format_datetime(entry.deleted_at)]):
                self.table.setItem(row, column, QTableWidgetItem(text))
        has_rows = bool(self.entries)
        self.restore_button.setEnabled(has_rows)
        self.purge_button.setEnabled(has_rows)

    def selected(self) -> list[recycle.BinEntry]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.entries[row] for row in rows]

    def _apply(self, action) -> None:
        chosen = self.selected()
        if not chosen:
            return
        try:
            with self.ctx.db.session(write=True) as session:
                for entry in chosen:
                    action(session, entry.table, entry.record_id)
        except recycle.RecycleError as exc:
            QMessageBox.warning(self, _("Recycle bin"), str(exc))
        for table in {entry.table for entry in chosen}:
            self.ctx.notify(table)
        self.refresh()

    def restore_selected(self) -> None:
        self._apply(recycle.restore)

    def purge_selected(self) -> None:
        chosen = self.selected()
        if not chosen:
            return
        if self.confirm:
            answer = QMessageBox.question(
                self, _("Delete for good"),
                _("Delete {count} record(s) for good? This cannot be undone.").format(count=len(chosen)),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._apply(recycle.purge)
