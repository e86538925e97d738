"""单位设置 → 用户 (server offices): the 管理员 adds people, resets passwords, changes roles and
disables sign-ins. The last 管理员 is never demoted or disabled (the service refuses)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from unionoffice.domain.accounts import Role
from unionoffice.gui.context import AppContext
from unionoffice.i18n import _
from unionoffice.services import accounts
from unionoffice.services.accounts import AccountError, UserRow


def role_combo() -> QComboBox:
    combo = QComboBox()
    for role in Role:
        combo.addItem(role.label(), role.value)
    return combo


class PasswordTwiceDialog(QDialog):
    """A form whose last rows take a password twice; OK only when both agree."""

    def __init__(self, title: str, password_label: str, ok_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout(self)
        self.password, self.again = QLineEdit(), QLineEdit()
        for field in (self.password, self.again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_rows()
        self.form.addRow(password_label, self.password)
        self.form.addRow(_("Password again"), self.again)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.form.addRow(self.buttons)

    def add_rows(self) -> None:
        """Subclasses add their fields above the password."""

    def accept(self) -> None:
        if self.password.text() != self.again.text():
            QMessageBox.warning(self, self.windowTitle(), _("The two passwords differ."))
            return
        super().accept()


class NewPersonDialog(PasswordTwiceDialog):
    """Name, full name, role and the first password (typed twice)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Add a person"), _("Password"), _("Add"), parent)

    def add_rows(self) -> None:
        self.name, self.display_name = QLineEdit(), QLineEdit()
        self.role = role_combo()
        self.role.setCurrentIndex(self.role.findData(Role.CLERK.value))
        self.form.addRow(_("Sign-in name"), self.name)
        self.form.addRow(_("Full name"), self.display_name)
        self.form.addRow(_("Role"), self.role)


class PasswordResetDialog(PasswordTwiceDialog):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(_("Reset the password of {name}").format(name=name), _("New password"), _("OK"), parent)


class UsersTab(QWidget):
    NAME, DISPLAY, ROLE, STATE = range(4)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("users")
        self.table.setHorizontalHeaderLabels([_("Sign-in name"), _("Full name"), _("Role"), _("State")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        self.add_button = QPushButton(_("Add a person…"))
        self.reset_button = QPushButton(_("Reset password…"))
        self.role = role_combo()
        self.role_button = QPushButton(_("Set role"))
        self.disable_button = QPushButton(_("Disable sign-in"))
        self.add_button.clicked.connect(self.ask_new_person)
        self.reset_button.clicked.connect(self.ask_reset_password)
        self.role_button.clicked.connect(lambda: self.set_role(self.role.currentData()))
        self.disable_button.clicked.connect(self.toggle_disabled)
        for widget in (self.add_button, self.reset_button, self.role, self.role_button, self.disable_button):
            row.addWidget(widget)
        row.addStretch(1)
        layout.addLayout(row)
        self.note = QLabel(_("Each person signs in with their own name and password; the change log names who did what. "
                             "Administrators manage people and settings, clerks edit the records, read-only people only look."))
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        admin = getattr(ctx.actor, "role", None) == Role.ADMIN.value
        for widget in (self.add_button, self.reset_button, self.role, self.role_button, self.disable_button):
            widget.setEnabled(admin)
        if not admin:
            self.note.setText(_("Only an administrator can manage the people of this office."))
        self.table.currentCellChanged.connect(lambda *_args: self._show_selected())
        self.rows: list[UserRow] = []
        self.refresh()

    def refresh(self, select_id: int | None = None) -> None:
        with self.ctx.db.session() as session:
            self.rows = accounts.list_users(session)
        self.table.setRowCount(len(self.rows))
        for r, user in enumerate(self.rows):
            texts = [user.name, user.display_name, user.role.label(), _("disabled") if user.disabled else _("active")]
            for c, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, user.id)
                self.table.setItem(r, c, item)
            if user.id == select_id:
                self.table.setCurrentCell(r, 0)

    def selected(self) -> UserRow | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def select_name(self, name: str) -> None:
        for r, user in enumerate(self.rows):
            if user.name == name:
                self.table.setCurrentCell(r, 0)

    def _show_selected(self) -> None:
        user = self.selected()
        if user is not None:
            self.role.setCurrentIndex(self.role.findData(user.role.value))
            self.disable_button.setText(_("Enable sign-in") if user.disabled else _("Disable sign-in"))

    def _run(self, action, select_id: int | None = None) -> bool:  # noqa: ANN001 - a callable(session)
        try:
            with self.ctx.db.session() as session:
                action(session)
        except AccountError as exc:
            QMessageBox.warning(self, _("People"), str(exc))
            return False
        self.refresh(select_id)
        return True

    def add_person(self, name: str, display_name: str, role: str, password: str) -> bool:
        return self._run(lambda s: accounts.add_user(s, name, password, role, display_name))

    def ask_new_person(self) -> NewPersonDialog:
        dialog = NewPersonDialog(self)
        dialog.accepted.connect(lambda: self.add_person(dialog.name.text(), dialog.display_name.text(),
                                                        dialog.role.currentData(), dialog.password.text()))
        dialog.open()
        return dialog

    def reset_password(self, password: str) -> bool:
        user = self.selected()
        return user is not None and self._run(lambda s: accounts.reset_password(s, user.id, password), user.id)

    def ask_reset_password(self) -> PasswordResetDialog | None:
        user = self.selected()
        if user is None:
            return None
        dialog = PasswordResetDialog(user.name, self)
        dialog.accepted.connect(lambda: self.reset_password(dialog.password.text()))
        dialog.open()
        return dialog

    def set_role(self, role: str) -> bool:
        user = self.selected()
        return user is not None and self._run(lambda s: accounts.set_role(s, user.id, role), user.id)

    def toggle_disabled(self) -> bool:
        user = self.selected()
        return user is not None and self._run(lambda s: accounts.set_disabled(s, user.id, not user.disabled), user.id)
