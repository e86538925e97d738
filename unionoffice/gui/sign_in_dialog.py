"""Signing in at window start on a server office: each person with their own name and password."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QMessageBox, QVBoxLayout, QWidget

from unionoffice.gui.context import AppContext
from unionoffice.gui.widgets import run_modal
from unionoffice.i18n import _
from unionoffice.services import accounts
from unionoffice.services.accounts import SignInFailed
from unionoffice.store.actor import Actor


class SignInDialog(QDialog):
    """Asks for the sign-in name and password until they are right or the person gives up."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor: Actor | None = None
        self.setWindowTitle(_("Sign in"))
        layout = QVBoxLayout(self)
        from unionoffice.store.server import shown_url

        server = shown_url(ctx.db.engine.url.render_as_string(hide_password=True))
        layout.addWidget(QLabel(_("This office's records are on the server {server}. Please sign in.").format(
            server=server)))
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setObjectName("signInName")
        self.password = QLineEdit()
        self.password.setObjectName("signInPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(_("Sign-in name"), self.name)
        form.addRow(_("Password"), self.password)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b02a37;")
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Sign in"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Exit the program"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        try:
            self.actor = accounts.sign_in(self.ctx.db, self.name.text(), self.password.text())
        except SignInFailed as exc:
            self.error.setText(str(exc))
            self.password.selectAll()
            self.password.setFocus()
            return
        self.ctx.actor = self.actor
        super().accept()


def ask_sign_in_at_start(ctx: AppContext) -> bool:
    """A local office needs no sign-in; a server office does (False: the person gave up, or nobody may yet)."""
    if not accounts.is_server_office(ctx.db):
        return True
    with ctx.db.session() as session:
        anyone = accounts.has_users(session)
    if not anyone:
        QMessageBox.warning(None, _("Sign in"), _(
            "Nobody may sign in to this server office yet: IT first creates the first administrator with "
            "`unionoffice add-user --db URL --role admin NAME`."))
        return False
    return run_modal(SignInDialog(ctx)) == QDialog.DialogCode.Accepted


def show_signed_in_person(window, ctx: AppContext) -> None:  # noqa: ANN001 - the main window
    """The status bar names who is signed in and with which role (a server office)."""
    from PySide6.QtWidgets import QLabel as Label

    from unionoffice.domain.accounts import Role

    actor = ctx.actor
    if actor is None:
        return
    label = Label(_("Signed in: {person} ({role})").format(person=actor.display_name or actor.name,
                                                           role=Role(actor.role).label()))
    label.setObjectName("signedInPerson")
    window.statusBar().addPermanentWidget(label)
