"""The program password: asked at start, and again after the window locked itself when idle."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from unionoffice.gui.context import AppContext
from unionoffice.i18n import _
from unionoffice.services import security
from unionoffice.gui.widgets import run_modal


class PasswordDialog(QDialog):
    """Asks for the program password until it is right or the clerk gives up (Cancel)."""

    def __init__(self, ctx: AppContext, message: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("UnionOffice is locked"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(message))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        layout.addWidget(self.password)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b02a37;")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Unlock"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Exit the program"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept(self) -> None:
        with self.ctx.db.session() as session:
            ok = security.check_password(session, self.password.text())
        if not ok:
            self.error.setText(_("The password is not right. Please try again."))
            self.password.selectAll()
            self.password.setFocus()
            return
        super().accept()


def ask_password_at_start(ctx: AppContext) -> bool:
    with ctx.db.session() as session:
        if not security.has_password(session):
            return True
    dialog = PasswordDialog(ctx, _("Please enter the program password."))
    return run_modal(dialog) == QDialog.DialogCode.Accepted


class IdleLocker(QObject):
    """Watches keyboard and mouse input; after N idle minutes hides the window behind the password."""

    CHECK_INTERVAL_MS = 15_000

    def __init__(self, ctx: AppContext, window: QWidget) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.last_input = time.monotonic()
        self.locked = False
        QApplication.instance().installEventFilter(self)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(self.CHECK_INTERVAL_MS)
        window.destroyed.connect(self.timer.stop)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel):
            self.last_input = time.monotonic()
        return False

    def idle_limit_seconds(self) -> int:
        with self.ctx.db.session() as session:
            if not security.has_password(session):
                return 0
            return security.idle_minutes(session) * 60

    def check(self) -> None:
        if not self.window.isVisible() and not self.locked:
            return  # closed or not shown yet: nothing on screen to protect
        limit = self.idle_limit_seconds()
        if not self.locked and limit and time.monotonic() - self.last_input >= limit:
            self.lock()

    def lock(self) -> None:
        self.locked = True
        self.window.hide()
        dialog = PasswordDialog(self.ctx, _("The program locked itself after a while without use. Please enter the password."))
        if run_modal(dialog) == QDialog.DialogCode.Accepted:
            self.window.show()
            self.locked = False
            self.last_input = time.monotonic()
        else:
            QApplication.quit()
