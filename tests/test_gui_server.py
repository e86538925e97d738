"""The window on a server office: the saved connection in 单位设置, the password asked at start and
kept in the keyring, every page on a server office, its backup from the backup page."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton, QTabWidget

from tests.pg_cluster import session_cluster
from tests.test_server_targets import FakeKeyring
from unionoffice.gui import connection_dialog
from unionoffice.gui.connection_dialog import ServerConnectionDialog, ServerPasswordDialog, open_server_or_explain
from unionoffice.gui.context import AppContext
from unionoffice.store import targets


@pytest.fixture
def keyring(monkeypatch):
    fake = FakeKeyring()
    monkeypatch.setattr(targets, "_keyring", lambda: fake)
    return fake


LEFT = Qt.MouseButton.LeftButton


def _save(qtbot, dialog) -> None:
    buttons = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Save), LEFT)


def test_the_saved_connection_has_no_password_and_the_keyring_has_it(qtbot, keyring):
    dialog = ServerConnectionDialog()
    qtbot.addWidget(dialog)
    dialog.use_server.setChecked(True)
    dialog.host.setText("192.168.1.20")
    dialog.port.setValue(5433)
    dialog.database.setText("gonghui")
    dialog.user.setText("clerk")
    dialog.password.setText("s3cret-pw")
    _save(qtbot, dialog)
    text = targets.connection_file().read_text(encoding="utf-8")
    assert json.loads(text) == {"host": "192.168.1.20", "database": "gonghui", "user": "clerk", "port": 5433}
    assert "s3cret-pw" not in text
    assert keyring.kept == {("UnionOffice", "clerk@192.168.1.20:5433/gonghui"): "s3cret-pw"}


def test_a_missing_field_is_named_and_nothing_saved(qtbot, keyring, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: said.append(args[2]))
    dialog = ServerConnectionDialog()
    qtbot.addWidget(dialog)
    dialog.use_server.setChecked(True)
    dialog.host.setText("db")
    dialog.user.setText("clerk")
    dialog.database.setText("")
    _save(qtbot, dialog)
    assert said == ["请填写“数据库”。"]
    assert not targets.connection_file().exists()


def test_choosing_the_local_file_forgets_the_server(qtbot, keyring):
    targets.save_connection(targets.ServerConnection(host="db", database="office", user="clerk"))
    dialog = ServerConnectionDialog()
    qtbot.addWidget(dialog)
    assert dialog.use_server.isChecked() and dialog.host.text() == "db"
    dialog.use_file.setChecked(True)
    _save(qtbot, dialog)
    assert targets.load_connection() is None


def test_without_a_keyring_the_dialog_says_the_password_is_asked(qtbot, monkeypatch):
    monkeypatch.setattr(targets, "_keyring", lambda: None)
    dialog = ServerConnectionDialog()
    qtbot.addWidget(dialog)
    assert not dialog.remember.isEnabled()
    assert "每次启动时询问密码" in dialog.remember.text()


def test_testing_the_connection_reaches_the_server(qtbot):
    url = session_cluster().fresh_office()
    connection = targets.ServerConnection.from_url(url)
    dialog = ServerConnectionDialog()
    qtbot.addWidget(dialog)
    dialog.use_server.setChecked(True)
    dialog.host.setText(connection.host)
    dialog.port.setValue(connection.port)
    dialog.database.setText(connection.database)
    dialog.user.setText(connection.user)
    qtbot.mouseClick(dialog.test_button, LEFT)
    assert dialog.test_result.text() == "连接成功：单位数据库已就绪。"
    session_cluster().give_back(url)


def _answer_password(password: str, seen: list[str]) -> None:
    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ServerPasswordDialog):
            QTimer.singleShot(50, answer)
            return
        seen.append(dialog.password.objectName())
        dialog.password.setText(password)
        dialog.accept()

    QTimer.singleShot(50, answer)


def test_the_password_is_asked_at_start_and_kept_in_the_keyring(qtbot, keyring):
    url = session_cluster().password_office("clerk2", "pw-at-start")
    seen: list[str] = []
    _answer_password("pw-at-start", seen)
    db = open_server_or_explain(url)
    assert db is not None and seen == ["serverPassword"]
    try:
        assert db.is_server and db.display_name == url
    finally:
        db.close()
    assert targets.password_for(url) == "pw-at-start"
    again = open_server_or_explain(url)  # from the keyring now: no dialog
    assert again is not None
    again.close()


def test_a_wrong_password_is_asked_again(qtbot, keyring):
    url = session_cluster().password_office("clerk3", "right-pw")
    seen: list[str] = []
    _answer_password("wrong-pw", seen)
    QTimer.singleShot(400, lambda: _answer_password("right-pw", seen))
    db = open_server_or_explain(url)
    assert db is not None and len(seen) == 2
    db.close()
    assert targets.password_for(url) == "right-pw"


def test_every_page_opens_on_a_server_office(qtbot, server_db):
    from unionoffice.gui.main_window import MainWindow, PAGES, visit_every_page

    window = MainWindow(AppContext(server_db))
    qtbot.addWidget(window)
    window.show()
    assert len(visit_every_page(window)) == len(PAGES)
    assert server_db.url in window.db_label.text()


def test_the_settings_dialog_shows_the_database_tab(qtbot, server_db, keyring):
    from unionoffice.gui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(AppContext(server_db))
    qtbot.addWidget(dialog)
    tabs = dialog.findChild(QTabWidget, "tabs")
    labels = [tabs.tabText(i) for i in range(tabs.count())]
    assert "数据库" in labels
    assert dialog.database_tab.findChild(QPushButton, "officeDatabase") is not None


def test_a_server_office_is_backed_up_from_the_backup_page(qtbot, server_db, tmp_path, monkeypatch):
    from unionoffice.gui.pages import backup as backup_page
    from unionoffice.services.backup_rotation import list_backups
    from unionoffice.services.office import set_setting

    with server_db.session() as session:
        set_setting(session, "union_name", "示例公司工会")
        set_setting(session, "backup_encrypt", "no")
    monkeypatch.setattr(backup_page, "removable_volumes", lambda folder: [])
    page = backup_page.create_page(AppContext(server_db))
    qtbot.addWidget(page)
    page.show()
    stick = tmp_path / "stick"
    stick.mkdir()
    page.add_target(stick)
    page.start_backup()
    qtbot.waitUntil(lambda: page.job is None, timeout=60_000)
    [archive] = list_backups(stick)
    assert backup_page.inspect_backup(archive).manifest.office_name == "示例公司工会"
    assert "上次备份" in page.last_backup.text()
    assert not page.restore_button.isEnabled()
    assert "服务器管理员" in page.archive_info.text()


def test_the_first_start_asks_where_the_office_is(qtbot, monkeypatch, keyring):
    asked = []
    monkeypatch.setattr(connection_dialog, "first_start_choice", lambda parent=None: asked.append(True) or True)
    connection_dialog.offer_first_start(None)
    assert asked == [True]
    targets.save_connection(targets.ServerConnection(host="db", database="office", user="clerk"))
    connection_dialog.offer_first_start(None)  # a saved connection: not asked again
    assert asked == [True]
