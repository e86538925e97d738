"""管理类别: the editable kinds list of one ledger (add, rename, reorder, retire); saved at once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from unionoffice.domain.ledgers import Ledger, LedgerError
from unionoffice.gui.context import AppContext
from unionoffice.i18n import _
from unionoffice.services import ledger_kinds


class KindsDialog(QDialog):
    def __init__(self, ctx: AppContext, ledger: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ledger = ledger
        self.setWindowTitle(_("Activity kinds") if ledger == Ledger.ACTIVITY else _("Training kinds"))
        self.resize(420, 420)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Changes are saved at once. A retired kind stays on old records but is not offered for new ones.")))
        body = QHBoxLayout()
        self.list = QListWidget()
        body.addWidget(self.list, 1)
        buttons = QVBoxLayout()
        self.add_button = QPushButton(_("Add…"))
        self.rename_button = QPushButton(_("Rename…"))
        self.up_button = QPushButton(_("Move up"))
        self.down_button = QPushButton(_("Move down"))
        self.retire_button = QPushButton(_("Retire"))
        close = QPushButton(_("Close"))
        for button in (self.add_button, self.rename_button, self.up_button, self.down_button, self.retire_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        body.addLayout(buttons)
        layout.addLayout(body)
        self.add_button.clicked.connect(self.add_kind)
        self.rename_button.clicked.connect(self.rename_kind)
        self.up_button.clicked.connect(lambda: self._run(lambda s, k: ledger_kinds.move_kind(s, k, -1)))
        self.down_button.clicked.connect(lambda: self._run(lambda s, k: ledger_kinds.move_kind(s, k, 1)))
        self.retire_button.clicked.connect(self.toggle_retired)
        self.list.currentItemChanged.connect(lambda *_a: self._update_retire_text())
        self.list.itemDoubleClicked.connect(lambda _i: self.rename_kind())
        close.clicked.connect(self.accept)
        self.load()

    def load(self, select_id: int | None = None) -> None:
        current = select_id if select_id is not None else self.current_id()
        self.list.clear()
        with self.ctx.db.session() as session:
            kinds = ledger_kinds.list_kinds(session, self.ledger)
            entries = [(k.id, k.label, k.retired) for k in kinds]
        for kind_id, label, retired in entries:
            item = QListWidgetItem(label + (_(" (retired)") if retired else ""))
            item.setData(Qt.ItemDataRole.UserRole, kind_id)
            item.setData(Qt.ItemDataRole.UserRole + 1, retired)
            item.setData(Qt.ItemDataRole.UserRole + 2, label)
            if retired:
                item.setForeground(QBrush(QColor("#888888")))
            self.list.addItem(item)
            if kind_id == current:
                self.list.setCurrentItem(item)
        self._update_retire_text()

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _update_retire_text(self) -> None:
        item = self.list.currentItem()
        retired = bool(item and item.data(Qt.ItemDataRole.UserRole + 1))
        self.retire_button.setText(_("Use again") if retired else _("Retire"))

    def _run(self, action) -> None:  # type: ignore[no-untyped-def]
        kind_id = self.current_id()
        if kind_id is None:
            return
        try:
            with self.ctx.db.session(write=True) as session:
                action(session, kind_id)
        except LedgerError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        self.ctx.notify("ledger_kind")
        self.load(kind_id)

    def add_kind(self, label: str | None = None) -> None:
        if not label:
            label, ok = QInputDialog.getText(self, _("Add kind"), _("Name of the new kind:"))
            if not ok:
                return
        try:
            with self.ctx.db.session(write=True) as session:
                kind_id = ledger_kinds.add_kind(session, self.ledger, label).id
        except LedgerError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        self.ctx.notify("ledger_kind")
        self.load(kind_id)

    def rename_kind(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        label, ok = QInputDialog.getText(self, _("Rename kind"), _("New name:"), text=item.data(Qt.ItemDataRole.UserRole + 2))
        if ok:
            self._run(lambda s, k: ledger_kinds.rename_kind(s, k, label))

    def toggle_retired(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            retired = not item.data(Qt.ItemDataRole.UserRole + 1)
            self._run(lambda s, k: ledger_kinds.set_kind_retired(s, k, retired))
