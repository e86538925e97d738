"""The window on a server office: signing in at start, 单位设置 → 用户 for the 管理员, and a
只读 person's window with its editing actions off."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox, QTabWidget
from sqlalchemy import select

from tests.pg_cluster import session_cluster
from tests.two_pcs import server_database
from unionoffice.domain.accounts import Role
from unionoffice.gui.context import AppContext
from unionoffice.gui.sign_in_dialog import SignInDialog, ask_sign_in_at_start, show_signed_in_person
from unionoffice.services import accounts
from unionoffice.store.actor import actor_of
from unionoffice.store.models.accounts import User


@pytest.fixture
def server():
    db = server_database(session_cluster().new_database())
    with db.session() as s:
        accounts.add_user(s, "admin", "password12", Role.ADMIN, "王主席")
    yield db
    db.close()


@pytest.fixture
def warnings(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    return shown


def test_the_sign_in_dialog_signs_the_person_in(qtbot, server):
    ctx = AppContext(server)
    dialog = SignInDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.name.setText("admin")
    dialog.password.setText("wrong")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert "登录名或密码不正确" in dialog.error.text() and ctx.actor is None
    dialog.password.setText("password12")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert ctx.actor.name == "admin" and dialog.result() == dialog.DialogCode.Accepted
    with server.session() as s:
        assert actor_of(s).display_name == "王主席"


def test_a_local_office_needs_no_sign_in(db):
    assert ask_sign_in_at_start(AppContext(db))


def test_a_server_without_people_says_what_it_needs_to_do(warnings):
    db = server_database(session_cluster().new_database())
    try:
        assert not ask_sign_in_at_start(AppContext(db))
        assert "add-user" in warnings[0]
    finally:
        db.close()


def _settings(qtbot, server):
    from unionoffice.gui.settings_dialog import SettingsDialog

    ctx = AppContext(server)
    ctx.actor = accounts.sign_in(server, "admin", "password12")
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    return dialog


def test_the_administrator_adds_a_person_in_the_settings(qtbot, server, warnings):
    dialog = _settings(qtbot, server)
    tabs = dialog.form.findChild(QTabWidget, "tabs")
    assert tabs.tabText(tabs.count() - 1) == "用户"
    new = dialog.users_tab.ask_new_person()
    new.name.setText("li")
    new.display_name.setText("李干事")
    new.password.setText("password34")
    new.again.setText("password34")
    new.buttons.button(new.buttons.StandardButton.Ok).click()
    assert warnings == []
    with server.session() as s:
        user = s.scalar(select(User).where(User.name == "li"))
        assert (user.display_name, user.role) == ("李干事", "clerk")
    assert accounts.sign_in(server, "li", "password34").role == "clerk"


def test_the_administrator_changes_a_role_resets_a_password_and_disables(qtbot, server, warnings):
    with server.session() as s:
        accounts.sign_in(server, "admin", "password12")
    with server.session() as s:
        accounts.add_user(s, "li", "password34", Role.CLERK)
    tab = _settings(qtbot, server).users_tab
    tab.select_name("li")
    assert tab.set_role(Role.READER.value)
    tab.select_name("li")
    reset = tab.ask_reset_password()
    reset.password.setText("newpass99")
    reset.again.setText("newpass99")
    reset.buttons.button(reset.buttons.StandardButton.Ok).click()
    tab.select_name("li")
    assert tab.toggle_disabled()
    with server.session() as s:
        user = s.scalar(select(User).where(User.name == "li"))
        assert (user.role, user.disabled) == ("reader", True)
    with server.session() as s:
        accounts.set_disabled(s, user.id, False)
    assert accounts.sign_in(server, "li", "newpass99").role == "reader"


def test_the_last_administrator_stays_one(qtbot, server, warnings):
    tab = _settings(qtbot, server).users_tab
    tab.select_name("admin")
    assert not tab.set_role(Role.CLERK.value)
    assert "最后一位管理员" in warnings[0]
    with server.session() as s:
        assert s.scalar(select(User.role).where(User.name == "admin")) == "admin"


def test_a_clerk_sees_the_people_but_cannot_manage_them(qtbot, server):
    from unionoffice.gui.users_tab import UsersTab

    with server.session() as s:
        accounts.sign_in(server, "admin", "password12")
    with server.session() as s:
        accounts.add_user(s, "li", "password34", Role.CLERK)
    ctx = AppContext(server)
    ctx.actor = accounts.sign_in(server, "li", "password34")
    tab = UsersTab(ctx)
    qtbot.addWidget(tab)
    assert tab.table.rowCount() == 2 and not tab.add_button.isEnabled() and not tab.role_button.isEnabled()


def test_a_readers_window_has_its_editing_actions_off(qtbot, db, warnings, request):
    from tests.two_pcs import work_as
    from unionoffice.gui.main_window import MainWindow
    from unionoffice.gui.read_only import ReadOnlyGuard

    ctx = AppContext(db)
    ctx.actor = work_as(db, "chair", role="reader")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.read_only_guard = guard = ReadOnlyGuard(window)
    request.addfinalizer(guard.stop)  # the application outlives this window: later tests' buttons stay theirs
    show_signed_in_person(window, ctx)
    window.show()
    window.show_page("members")
    page = window.pages["members"]
    assert not page.buttons["new"].isEnabled() and not page.buttons["import"].isEnabled()
    assert not page.buttons["delete"].isEnabled()
    assert page.buttons["export"].isEnabled() and page.buttons["print"].isEnabled()
    page.buttons["delete"].setEnabled(True)  # a page enabling it again on a selection
    assert not page.buttons["delete"].isEnabled()
    assert window.findChild(QLabel, "signedInPerson").text() == "已登录：chair（只读）"
    window.grab().save("/tmp/sp/read-only-window.png")


def test_the_guard_leaves_other_windows_alone(qtbot, db, request):
    from PySide6.QtWidgets import QPushButton

    from unionoffice.gui.main_window import MainWindow
    from unionoffice.gui.read_only import ReadOnlyGuard

    window = MainWindow(AppContext(db))
    qtbot.addWidget(window)
    guard = ReadOnlyGuard(window)
    request.addfinalizer(guard.stop)
    other = QPushButton("保存")
    qtbot.addWidget(other)
    other.show()
    other.setEnabled(False)
    other.setEnabled(True)
    assert other.isEnabled()
