"""单位设置: the office's names (saved on 保存) and its groups (each change saved at once, audited)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from unionoffice.gui.context import AppContext
from unionoffice.gui.forms import load_form
from unionoffice.i18n import N_, _
from unionoffice.services import office, security

LANGUAGES = [("auto", N_("As the system")), ("zh_CN", N_("Chinese")), ("en", N_("English"))]
DOCUMENT_LANGUAGES = [("zh_CN", N_("Chinese")), ("en", N_("English"))]


class SettingsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        form = load_form("settings_dialog")
        self.setWindowTitle(form.windowTitle())
        self.resize(form.size())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(form)
        self.form = form
        self.union_name: QLineEdit = form.findChild(QLineEdit, "unionName")
        self.parent_union: QLineEdit = form.findChild(QLineEdit, "parentUnion")
        self.signature_unit: QLineEdit = form.findChild(QLineEdit, "signatureUnit")
        self.chair_name: QLineEdit = form.findChild(QLineEdit, "chairName")
        self.language: QComboBox = form.findChild(QComboBox, "language")
        self.document_language: QComboBox = form.findChild(QComboBox, "documentLanguage")
        self.group_list: QListWidget = form.findChild(QListWidget, "groupList")
        self.buttons: QDialogButtonBox = form.findChild(QDialogButtonBox, "buttons")
        for code, label in LANGUAGES:
            self.language.addItem(_(label), code)
        for code, label in DOCUMENT_LANGUAGES:
            self.document_language.addItem(_(label), code)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self._button("addGroup").clicked.connect(self.add_group)
        self._button("renameGroup").clicked.connect(self.rename_group)
        self._button("moveGroupUp").clicked.connect(lambda: self.move_group(-1))
        self._button("moveGroupDown").clicked.connect(lambda: self.move_group(1))
        self.retire_button = self._button("retireGroup")
        self.retire_button.clicked.connect(self.toggle_retired)
        self.group_list.currentItemChanged.connect(lambda *_args: self._update_retire_text())
        self.group_list.itemDoubleClicked.connect(lambda _item: self.rename_group())
        self._build_security_tab(form.findChild(QTabWidget, "tabs"))
        from unionoffice.gui.connection_dialog import build_database_tab

        self.database_tab = build_database_tab(form.findChild(QTabWidget, "tabs"), ctx)
        self.users_tab = self._build_users_tab(form.findChild(QTabWidget, "tabs"))
        self._load()

    def _build_users_tab(self, tabs: QTabWidget) -> QWidget | None:
        """A server office's people (users and roles); a local office has none."""
        from unionoffice.services.accounts import is_server_office

        if not is_server_office(self.ctx.db):
            return None
        from unionoffice.gui.users_tab import UsersTab

        tab = UsersTab(self.ctx)
        tabs.addTab(tab, _("People"))
        return tab

    def _build_security_tab(self, tabs: QTabWidget) -> None:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.password_state = QLabel()
        layout.addWidget(self.password_state)
        row = QHBoxLayout()
        self.set_password_button = QPushButton(_("Set password…"))
        self.clear_password_button = QPushButton(_("Remove password…"))
        self.set_password_button.clicked.connect(self.ask_new_password)
        self.clear_password_button.clicked.connect(self.remove_password)
        row.addWidget(self.set_password_button)
        row.addWidget(self.clear_password_button)
        row.addStretch(1)
        layout.addLayout(row)
        idle_row = QHBoxLayout()
        idle_row.addWidget(QLabel(_("Lock after this many minutes without use (0: never):")))
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(0, 240)
        idle_row.addWidget(self.idle_minutes)
        idle_row.addStretch(1)
        layout.addLayout(idle_row)
        note = QLabel(_("The password keeps others at this computer out of the program. Backups have a password of their own."))
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addStretch(1)
        tabs.addTab(tab, _("Security"))

    def _refresh_security(self) -> None:
        with self.ctx.db.session() as session:
            has = security.has_password(session)
            self.idle_minutes.setValue(security.idle_minutes(session))
        self.password_state.setText(_("A program password is set.") if has else _("No program password is set."))
        self.clear_password_button.setEnabled(has)
        self.idle_minutes.setEnabled(has)

    def ask_new_password(self) -> None:
        first, ok = QInputDialog.getText(self, _("Set password"), _("New password:"), QLineEdit.EchoMode.Password)
        if not ok:
            return
        second, ok = QInputDialog.getText(self, _("Set password"), _("The same password again:"), QLineEdit.EchoMode.Password)
        if not ok:
            return
        self.set_program_password(first, second)

    def set_program_password(self, first: str, second: str) -> bool:
        if first != second:
            QMessageBox.warning(self, _("Set password"), _("The two passwords are not the same. Nothing was changed."))
            return False
        try:
            with self.ctx.db.session(write=True) as session:
                security.set_password(session, first)
        except security.SecurityError as exc:
            QMessageBox.warning(self, _("Set password"), str(exc))
            return False
        self._refresh_security()
        return True

    def remove_password(self) -> None:
        current, ok = QInputDialog.getText(self, _("Remove password"), _("Current password:"), QLineEdit.EchoMode.Password)
        if not ok:
            return
        with self.ctx.db.session(write=True) as session:
            if not security.check_password(session, current):
                QMessageBox.warning(self, _("Remove password"), _("The password is not right. Nothing was changed."))
                return
            security.clear_password(session)
        self._refresh_security()

    def _button(self, name: str) -> QPushButton:
        return self.form.findChild(QPushButton, name)

    def _load(self) -> None:
        with self.ctx.db.session() as session:
            settings = office.load_settings(session)
        self.union_name.setText(settings.union_name)
        self.parent_union.setText(settings.parent_union)
        self.signature_unit.setText(settings.signature_unit)
        self.chair_name.setText(settings.chair_name)
        index = self.language.findData(settings.language)
        self.language.setCurrentIndex(max(index, 0))
        self.document_language.setCurrentIndex(max(self.document_language.findData(settings.document_language), 0))
        self._load_groups()
        self._refresh_security()

    def _load_groups(self, select_id: int | None = None) -> None:
        current = select_id if select_id is not None else self.current_group_id()
        self.group_list.clear()
        with self.ctx.db.session() as session:
            groups = office.list_groups(session)
        for group in groups:
            text = group.name if not group.retired else _("{name} (retired)").format(name=group.name)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, group.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, group.retired)
            if group.retired:
                item.setForeground(QBrush(QColor("gray")))
            self.group_list.addItem(item)
            if group.id == current:
                self.group_list.setCurrentItem(item)
        self._update_retire_text()

    def current_group_id(self) -> int | None:
        item = self.group_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _update_retire_text(self) -> None:
        item = self.group_list.currentItem()
        retired = bool(item and item.data(Qt.ItemDataRole.UserRole + 1))
        self.retire_button.setText(_("Back in use") if retired else _("Retire"))

    def _run(self, action, select_id: int | None = None) -> bool:
        """Run one group change in its own transaction; show a refusal without losing anything."""
        try:
            with self.ctx.db.session(write=True) as session:
                result = action(session)
                new_id = getattr(result, "id", None)
        except office.OfficeError as exc:
            QMessageBox.warning(self, _("Office settings"), str(exc))
            return False
        self._load_groups(select_id if select_id is not None else new_id)
        self.ctx.notify("group")
        return True

    def add_group(self, name: str | None = None) -> None:
        if name is None:
            name, ok = QInputDialog.getText(self, _("Add group"), _("Name of the group or department:"))
            if not ok:
                return
        self._run(lambda s: office.add_group(s, name))

    def rename_group(self, new_name: str | None = None) -> None:
        group_id = self.current_group_id()
        if group_id is None:
            return
        if new_name is None:
            current = self.group_list.currentItem().text()
            new_name, ok = QInputDialog.getText(self, _("Rename group"), _("New name:"), text=current)
            if not ok:
                return
        self._run(lambda s: office.rename_group(s, group_id, new_name), group_id)

    def move_group(self, offset: int) -> None:
        group_id = self.current_group_id()
        if group_id is not None:
            self._run(lambda s: office.move_group(s, group_id, offset), group_id)

    def toggle_retired(self) -> None:
        item = self.group_list.currentItem()
        if item is None:
            return
        group_id = item.data(Qt.ItemDataRole.UserRole)
        retired = bool(item.data(Qt.ItemDataRole.UserRole + 1))
        self._run(lambda s: office.set_group_retired(s, group_id, not retired), group_id)

    def values(self) -> office.OfficeSettings:
        return office.OfficeSettings(
            union_name=self.union_name.text().strip(),
            parent_union=self.parent_union.text().strip(),
            signature_unit=self.signature_unit.text().strip(),
            language=self.language.currentData(),
            chair_name=self.chair_name.text().strip(),
            document_language=self.document_language.currentData(),
        )

    def accept(self) -> None:
        values = self.values()
        if not values.union_name:
            QMessageBox.warning(self, _("Office settings"), _("Please enter the union's name."))
            self.union_name.setFocus()
            return
        with self.ctx.db.session(write=True) as session:
            office.save_settings(session, values)
            security.set_idle_minutes(session, self.idle_minutes.value())
        self.ctx.notify("settings")
        super().accept()
