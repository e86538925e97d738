"""The members' recycle bin: restore, or delete for good (with confirmation)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from unionoffice.gui.context import AppContext
from unionoffice.i18n import _, format_datetime
from unionoffice.services import members as svc


class RecycleBinDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Recycle bin: members"))
        self.resize(520, 420)
        layout = QVBoxLayout(self)
        self.items = QListWidget()
        self.items.setObjectName("deletedMembers")
        layout.addWidget(self.items)
        row = QHBoxLayout()
        self.restore_button = QPushButton(_("Restore"))
        self.restore_button.clicked.connect(self.restore)
        self.purge_button = QPushButton(_("Delete for good…"))
        self.purge_button.clicked.connect(self.purge)
        row.addWidget(self.restore_button)
        row.addWidget(self.purge_button)
        row.addStretch(1)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        self.items.clear()
        with self.ctx.db.session() as session:
            for member in svc.recycle_bin(session):
                text = _("{name}  {id_number}  (deleted {when})").format(
                    name=member.name, id_number=member.id_number or "", when=format_datetime(member.deleted_at))
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, member.id)
                self.items.addItem(item)
        if self.items.count():
            self.items.setCurrentRow(0)

    def _current(self) -> int | None:
        item = self.items.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def restore(self) -> None:
        member_id = self._current()
        if member_id is None:
            return
        with self.ctx.db.session() as session:
            svc.restore_member(session, member_id)
        self.reload()
        self.ctx.notify("member")

    def purge(self, confirmed: bool = False) -> None:
        member_id = self._current()
        if member_id is None:
            return
        if not confirmed:
            answer = QMessageBox.question(
                self, self.windowTitle(),
                _("Delete this member for good, with the membership history? This cannot be undone."))
            if answer != QMessageBox.StandardButton.Yes:
                return
        with self.ctx.db.session() as session:
            svc.purge_member(session, member_id)
        self.reload()
        self.ctx.notify("member")
