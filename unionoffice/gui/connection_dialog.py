"""The server office in the window: the saved connection (单位设置 → 数据库, and the first start),
the password dialog at start, and opening a server office with clear refusals.

The connection (host, port, database, user) is saved in the per-user config folder by
store/targets.py; the password only in the OS keyring when there is one (``keyring``), else it is
asked at each start. It is never written to a file.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from unionoffice.gui.widgets import save_cancel_buttons
from unionoffice.i18n import _
from unionoffice.store import targets
from unionoffice.store.targets import ServerConnection


class ServerPasswordDialog(QDialog):
    """Asks the server password at start (when the keyring has none, or it was refused)."""

    def __init__(self, url: str, message: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Database server password"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        text = QLabel(message + "\n" + _("Server: {url}").format(url=targets.without_password(url)))
        text.setWordWrap(True)
        layout.addWidget(text)
        self.password = QLineEdit()
        self.password.setObjectName("serverPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        layout.addWidget(self.password)
        self.remember = QCheckBox(_("Keep the password in this computer's keyring"))
        self.remember.setObjectName("rememberPassword")
        self.remember.setEnabled(targets.keyring_available())
        self.remember.setChecked(targets.keyring_available())
        layout.addWidget(self.remember)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Connect"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def ask_password(url: str, message: str, parent: QWidget | None = None) -> tuple[str, bool] | None:
    from unionoffice.gui.widgets import run_modal

    dialog = ServerPasswordDialog(url, message, parent)
    if run_modal(dialog) != QDialog.DialogCode.Accepted:
        return None
    return dialog.password.text(), dialog.remember.isChecked()


def open_server_or_explain(url: str, parent: QWidget | None = None):  # type: ignore[no-untyped-def]
    """Open the server office, asking the password while the server refuses it; None when the user
    gives up or the server cannot be used (said in a message box)."""
    from unionoffice.store.server import ServerError, open_server_database

    password: str | None = None
    remember = False
    while True:
        try:
            db = open_server_database(url, password)
        except ServerError as exc:
            if not exc.needs_password:
                QMessageBox.critical(parent, _("UnionOffice"), str(exc))
                return None
            answer = ask_password(url, str(exc) if password is not None or targets.password_for(url) else
                                  _("Enter the password of the database server."), parent)
            if answer is None:
                return None
            password, remember = answer
            continue
        if password is not None and remember:
            targets.store_password(url, password)
        return db


class ServerConnectionDialog(QDialog):
    """Where this PC finds the office: a file on this PC, or the office's database server."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Office database"))
        saved = targets.load_connection()
        layout = QVBoxLayout(self)
        self.use_file = QRadioButton(_("The office's data is in a file on this computer"))
        self.use_file.setObjectName("useFile")
        self.use_server = QRadioButton(_("The office's data is on a database server (several computers)"))
        self.use_server.setObjectName("useServer")
        layout.addWidget(self.use_file)
        layout.addWidget(self.use_server)
        self.server_box = QWidget()
        form = QFormLayout(self.server_box)
        self.host = QLineEdit(saved.host if saved else "")
        self.host.setObjectName("host")
        self.port = QSpinBox()
        self.port.setObjectName("port")
        self.port.setRange(1, 65535)
        self.port.setValue(saved.port if saved else targets.DEFAULT_PORT)
        self.database = QLineEdit(saved.database if saved else "unionoffice")
        self.database.setObjectName("database")
        self.user = QLineEdit(saved.user if saved else "")
        self.user.setObjectName("user")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(_("Server (host name or address):"), self.host)
        form.addRow(_("Port:"), self.port)
        form.addRow(_("Database:"), self.database)
        form.addRow(_("Database user:"), self.user)
        form.addRow(_("Password:"), self.password)
        self.remember = QCheckBox(_("Keep the password in this computer's keyring"))
        self.remember.setObjectName("rememberPassword")
        if targets.keyring_available():
            self.remember.setChecked(True)
        else:
            self.remember.setEnabled(False)
            self.remember.setText(_("No keyring on this computer: the password is asked at each start"))
        form.addRow("", self.remember)
        test_row = QHBoxLayout()
        self.test_button = QPushButton(_("Test the connection"))
        self.test_button.setObjectName("testConnection")
        self.test_button.clicked.connect(self.test_connection)
        test_row.addWidget(self.test_button)
        self.test_result = QLabel()
        self.test_result.setObjectName("testResult")
        self.test_result.setWordWrap(True)
        test_row.addWidget(self.test_result, 1)
        form.addRow(test_row)
        layout.addWidget(self.server_box)
        note = QLabel(_("The password is never written to a file. The change takes effect at the next start."))
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(save_cancel_buttons(self))
        self.use_server.toggled.connect(self.server_box.setEnabled)
        (self.use_server if saved else self.use_file).setChecked(True)
        self.server_box.setEnabled(saved is not None)

    @property
    def connection(self) -> ServerConnection | None:
        if not self.use_server.isChecked():
            return None
        return ServerConnection(host=self.host.text().strip(), database=self.database.text().strip(),
                                user=self.user.text().strip(), port=self.port.value())

    def _problem(self) -> str | None:
        connection = self.connection
        if connection is None:
            return None
        for value, label in ((connection.host, _("Server")), (connection.database, _("Database")),
                             (connection.user, _("Database user"))):
            if not value:
                return _("Fill in “{field}”.").format(field=label)
        return None

    def test_connection(self) -> bool:
        """Connect once (and bring the schema up to date, as the start would); says the outcome."""
        from unionoffice.store.server import ServerError, open_server_database

        problem = self._problem()
        connection = self.connection
        if problem or connection is None:
            self.test_result.setText(problem or "")
            return False
        try:
            db = open_server_database(connection.url(), self.password.text() or None)
        except ServerError as exc:
            self.test_result.setText(str(exc))
            return False
        db.close()
        self.test_result.setText(_("Connected: the office's database is ready."))
        return True

    def accept(self) -> None:
        problem = self._problem()
        if problem:
            QMessageBox.warning(self, _("Office database"), problem)
            return
        connection = self.connection
        targets.save_connection(connection)
        if connection is not None:
            if self.password.text() and self.remember.isChecked():
                targets.store_password(connection.url(), self.password.text())
            elif not self.remember.isChecked():
                targets.forget_password(connection.url())
        super().accept()


def build_database_tab(tabs: QTabWidget, ctx) -> QWidget:  # type: ignore[no-untyped-def]
    """单位设置 → 数据库: which office this PC opens, and the button to change it."""
    from unionoffice.gui.widgets import run_modal

    tab = QWidget()
    layout = QVBoxLayout(tab)
    current = QLabel(_("This window works on: {name}").format(name=ctx.db.display_name))
    current.setWordWrap(True)
    layout.addWidget(current)
    change = QPushButton(_("Office database…"))
    change.setObjectName("officeDatabase")
    state = QLabel()
    state.setWordWrap(True)

    def show_saved() -> None:
        saved = targets.load_connection()
        state.setText(_("At the next start: the server {url}").format(url=saved.url()) if saved else
                      _("At the next start: the file on this computer"))

    def open_dialog() -> None:
        if run_modal(ServerConnectionDialog(tab)) == QDialog.DialogCode.Accepted:
            show_saved()

    change.clicked.connect(open_dialog)
    layout.addWidget(change)
    layout.addWidget(state)
    layout.addStretch(1)
    show_saved()
    tabs.addTab(tab, _("Database"))
    return tab


def first_start_choice(parent: QWidget | None = None) -> bool:
    """The very first start on this PC (no office file yet, no saved server): ask where the office
    is. False when the dialog was cancelled (the program then starts a new file as before)."""
    from unionoffice.gui.widgets import run_modal

    dialog = ServerConnectionDialog(parent)
    dialog.setWindowTitle(_("Welcome: where is the office's data?"))
    return run_modal(dialog) == QDialog.DialogCode.Accepted


def offer_first_start(db_path: str | None) -> None:
    """Before the first start on this PC opens (and so creates) the default file: when nothing says
    which office to open (no --db, no UNIONOFFICE_DB, no saved server, no file yet), ask."""
    from unionoffice.gui.startup import first_start_pending

    if first_start_pending(db_path):
        first_start_choice()
