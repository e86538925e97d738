"""The main window: navigation, placeholders, settings through the database, About, no display."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit

from unionoffice.gui.context import AppContext
from unionoffice.gui.main_window import MainWindow, visit_every_page
from unionoffice.gui.pages import PAGES, page_module
from unionoffice.gui.settings_dialog import SettingsDialog
from unionoffice.services import office
from unionoffice.store.database import open_database


@pytest.fixture
def window(qtbot, db):
    win = MainWindow(AppContext(db))
    qtbot.addWidget(win)
    win.show()
    return win


def test_navigation_lists_every_page_in_chinese(window):
    texts = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert texts == ["首页", "会员", "活动", "培训", "慰问帮扶", "维权", "会费", "经费", "工作总结", "备份"]


def test_each_navigation_entry_shows_its_page(window):
    for row, spec in enumerate(PAGES):
        window.nav.setCurrentRow(row)
        assert window.stack.currentWidget() is window.pages[spec.key]
    assert visit_every_page(window) == [spec.key for spec in PAGES]


def test_unbuilt_pages_say_they_are_not_available(window):
    for spec in PAGES:
        if page_module(spec.key) is None:
            page = window.page(spec.key)
            badge = page.findChild(QLabel, "notAvailableBadge")
            assert badge is not None and badge.text() == "尚未开放"


def test_status_bar_shows_database_and_backup_state(window, db):
    assert str(db.path) in window.db_label.text()
    assert window.backup_label.text() == "尚未备份到U盘"


def test_about_names_version_database_and_schema(window, db):
    from unionoffice import __version__

    text = window.about_text()
    assert __version__ in text and str(db.path) in text and f"数据库结构版本：{db.schema_version}" in text


def test_settings_save_and_reload_through_the_database(qtbot, db):
    ctx = AppContext(db)
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.union_name.setText("示例公司工会委员会")
    dialog.parent_union.setText("示例市总工会")
    dialog.signature_unit.setText("示例公司工会")
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    with qtbot.waitSignal(ctx.data_changed):
        dialog.accept()
    with db.session() as session:
        saved = office.load_settings(session)
    assert (saved.union_name, saved.parent_union, saved.signature_unit, saved.language) == (
        "示例公司工会委员会", "示例市总工会", "示例公司工会", "en")
    again = SettingsDialog(ctx)
    qtbot.addWidget(again)
    assert again.union_name.text() == "示例公司工会委员会"
    assert again.language.currentData() == "en"


def test_settings_refuse_an_empty_union_name(qtbot, db, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    dialog = SettingsDialog(AppContext(db))
    qtbot.addWidget(dialog)
    dialog.union_name.setText("   ")
    dialog.accept()
    assert warnings == ["请填写工会名称。"]
    with db.session() as session:
        assert office.load_settings(session).union_name == ""


def test_groups_are_added_renamed_reordered_and_retired_from_the_dialog(qtbot, db, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    dialog = SettingsDialog(AppContext(db))
    qtbot.addWidget(dialog)
    dialog.add_group("一车间")
    dialog.add_group("财务科")
    dialog.add_group("一车间")
    assert warnings == ["已有名为“一车间”的部门/小组。"]
    dialog.rename_group("财务部")
    dialog.move_group(-1)
    dialog.toggle_retired()
    with db.session() as session:
        groups = [(g.name, g.retired) for g in office.list_groups(session)]
    assert groups == [("财务部", True), ("一车间", False)]
    assert dialog.group_list.item(0).text() == "财务部（已停用）"


def test_ctrl_f_focuses_the_page_search_box(window, qtbot):
    page = window.stack.currentWidget()
    box = QLineEdit(page)
    box.setObjectName("search")
    box.show()
    window.focus_search()
    assert box.hasFocus() or qtbot.waitUntil(box.hasFocus, timeout=1000) is None


def test_without_a_display_the_program_says_so_and_exits_2(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "UNIONOFFICE_LANG": "zh_CN"}
    result = subprocess.run(
        [sys.executable, "-m", "unionoffice", "--db", str(tmp_path / "x.sqlite3")],
        env={**env, "PYTHONPATH": str(__import__("pathlib").Path(__file__).resolve().parent.parent)},
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 2
    assert "xvfb-run" in result.stderr and "未检测到显示器" in result.stderr
    assert not (tmp_path / "x.sqlite3").exists()


def test_self_check_opens_every_page_and_exits_0(tmp_path):
    import os

    result = subprocess.run(
        [sys.executable, "-m", "unionoffice", "--db", str(tmp_path / "x.sqlite3"), "--self-check"],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)},
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert f"已打开 {len(PAGES)} 个页面" in result.stdout


def test_home_page_shows_real_counts(qtbot, db):
    from unionoffice.demo import DemoSize, generate
    from unionoffice.gui.pages.home import HomePage

    generate(db, DemoSize.SMALL, seed=1)
    page = HomePage(AppContext(db))
    qtbot.addWidget(page)
    with db.session() as session:
        from unionoffice.services.overview import office_overview

        overview = office_overview(session)
    assert page.figure_labels["members"].text() == f"{overview.members_on_roll:,}"
    assert overview.members_on_roll > 250
    assert page.reminder.isVisibleTo(page)


def test_a_second_window_on_the_same_database_is_refused_with_the_holder(tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from unionoffice.gui import app as gui_app
    from unionoffice.store.lock import DatabaseLock

    path = tmp_path / "office.sqlite3"
    first = DatabaseLock(path).acquire()
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    try:
        assert gui_app.lock_or_explain(str(path)) == 2
    finally:
        first.release()
    assert shown and str(__import__("os").getpid()) in shown[0]
    second = gui_app.lock_or_explain(str(path))
    assert isinstance(second, DatabaseLock)
    second.release()


def test_a_second_start_brings_the_first_window_forward(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox, QWidget

    from unionoffice.gui import app as gui_app
    from unionoffice.gui.single_instance import ActivationServer
    from unionoffice.store.lock import DatabaseLock

    path = tmp_path / "office.sqlite3"
    first = DatabaseLock(path).acquire()
    window = QWidget()
    qtbot.addWidget(window)
    server = ActivationServer(path, window)
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: pytest.fail("no message: the first window comes forward"))
    try:
        assert gui_app.lock_or_explain(str(path)) == gui_app.ACTIVATED_OTHER_WINDOW
        qtbot.waitUntil(lambda: server.activations == 1, timeout=3000)
    finally:
        first.release()
    assert window.isVisible()


def test_exit_makes_the_automatic_local_backup(tmp_path, db):
    from unionoffice.gui.app import back_up_locally
    from unionoffice.paths import local_backups_dir

    back_up_locally(db)
    assert len(list(local_backups_dir(db.path).glob("*.uobak"))) == 1


def test_ctrl_f_on_the_hardship_files_tab_focuses_that_tab_s_search(window, qtbot):
    window.show_page("relief")
    page = window.stack.currentWidget()
    tabs = page.findChild(__import__("PySide6.QtWidgets", fromlist=["QTabWidget"]).QTabWidget)
    tabs.setCurrentIndex(1)
    window.focus_search()
    shown = tabs.currentWidget().findChild(QLineEdit, "search")
    qtbot.waitUntil(shown.hasFocus, timeout=1000)


def test_enter_opens_the_current_row_of_a_relief_list(qtbot, db, monkeypatch):
    import datetime as dt

    from PySide6.QtCore import Qt

    from unionoffice.gui.relief.cases_tab import CasesTab
    from unionoffice.services import rights

    with db.session() as session:
        case_id = rights.receive_case(session, rights.CaseInput(
            received_on=dt.date(2026, 3, 1), complainant="张三", channel="visit", kind="wages", summary="欠薪")).id
    opened = []
    monkeypatch.setattr(CasesTab, "open_record", lambda self, record_id: opened.append(record_id))
    tab = CasesTab(AppContext(db))
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitExposed(tab)
    tab.activateWindow()
    tab.table.setFocus()
    qtbot.waitUntil(tab.table.hasFocus, timeout=2000)
    tab.table.setCurrentIndex(tab.model.index(0, 0))
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert opened == [case_id]


def test_an_unexpected_error_in_a_handler_is_shown_not_swallowed(qtbot, monkeypatch, capsys):
    import sys

    from PySide6.QtWidgets import QMessageBox

    from unionoffice.gui.app import report_unexpected_error

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append((box.text(), box.detailedText())))
    try:
        raise ValueError("坏数据")
    except ValueError:
        report_unexpected_error(None, *sys.exc_info())
    assert len(shown) == 1 and "坏数据" in shown[0][0] and "Traceback" in shown[0][1]
    assert "ValueError" in capsys.readouterr().err


def test_every_page_fits_a_1366x768_screen_at_125_percent(window):
    """About 1090 pixels of usable width; a wider minimum would push the window off such a screen."""
    visit_every_page(window)
    assert window.minimumSizeHint().width() <= 1090
