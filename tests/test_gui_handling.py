"""Keyboard-first handling: search → results, Tab out of tables, typed dates, file dialogs' folders, Qt in Chinese."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QDate, QPoint, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QVBoxLayout, QWidget

from roster_helpers import add, an_id
from unionoffice.gui import file_dialogs
from unionoffice.gui.context import AppContext
from unionoffice.gui.date_edit import DateEdit
from unionoffice.gui.pages.members import MembersPage


@pytest.fixture
def members(qtbot, db):
    with db.session() as session:
        add(session, "张三", id_number=an_id(dt.date(1990, 3, 5), seed=1))
        add(session, "张珊", id_number=an_id(dt.date(1991, 3, 5), female=True, seed=2))
        add(session, "李四", id_number=an_id(dt.date(2000, 6, 1), seed=3))
    page = MembersPage(AppContext(db))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    return page


def _focus(qtbot, widget):
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=2000)


def test_down_in_the_search_box_goes_to_the_first_result(qtbot, members):
    _focus(qtbot, members.search)
    qtbot.keyClick(members.search, Qt.Key.Key_Down)
    assert members.table.hasFocus()
    assert members.table.currentIndex().row() == 0


def test_enter_on_a_single_hit_opens_it(qtbot, members, monkeypatch):
    opened = []
    monkeypatch.setattr(MembersPage, "open_member", lambda self, member_id: opened.append(member_id))
    _focus(qtbot, members.search)
    members.search.insert("李四")  # typed through an input method: QTest cannot send Chinese keys
    qtbot.keyClick(members.search, Qt.Key.Key_Return)  # searches at once, no wait for the typing pause
    assert members.model.rowCount() == 1
    assert opened == [members.model.member_id(0)]


def test_enter_on_several_hits_goes_to_the_results(qtbot, members, monkeypatch):
    opened = []
    monkeypatch.setattr(MembersPage, "open_member", lambda self, member_id: opened.append(member_id))
    _focus(qtbot, members.search)
    qtbot.keyClicks(members.search, "zs")
    qtbot.keyClick(members.search, Qt.Key.Key_Enter)
    assert members.model.rowCount() == 2 and opened == []
    assert members.table.hasFocus()


def test_enter_on_a_single_hit_opens_it_on_a_ledger_page(qtbot, db, monkeypatch):
    from unionoffice.gui.pages.activities import ActivitiesPage
    from unionoffice.services import activities

    with db.session() as session:
        for title in ("职工运动会", "读书分享会"):
            activities.create_activity(session, activities.ActivityData(title=title, kind="sports_culture", start_date=dt.date.today()))
    opened = []
    monkeypatch.setattr(ActivitiesPage, "edit", lambda self, record_id: opened.append(record_id))
    page = ActivitiesPage(AppContext(db))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    _focus(qtbot, page.search)
    page.search.insert("读书")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert opened == [page.model.row_id(0)]


def test_tab_in_a_table_leaves_the_table(qtbot, members):
    _focus(qtbot, members.table)
    members.table.setCurrentIndex(members.model.index(0, 0))
    qtbot.keyClick(members.table, Qt.Key.Key_Tab)
    assert not members.table.hasFocus()
    assert members.table.currentIndex().row() == 0 and members.table.currentIndex().column() == 0


# --- dates -------------------------------------------------------------------------------------


@pytest.fixture
def date_field(qtbot):
    holder = QWidget()
    layout = QVBoxLayout(holder)
    field = DateEdit(dt.date(2025, 1, 2))
    other = QLineEdit()
    layout.addWidget(field)
    layout.addWidget(other)
    qtbot.addWidget(holder)
    holder.show()
    qtbot.waitExposed(holder)
    holder.activateWindow()
    _focus(qtbot, other)
    yield field, other
    holder.close()


def _click_and_type(qtbot, field, text):
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton, pos=QPoint(20, field.height() // 2))
    QApplication.processEvents()
    qtbot.keyClicks(field, text)


@pytest.mark.parametrize("typed", ["2026-3-5", "2026.3.5", "20260305", "2026/03/05"])
def test_digits_typed_after_a_click_replace_the_date(qtbot, date_field, typed):
    field, _other = date_field
    _click_and_type(qtbot, field, typed)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.date() == QDate(2026, 3, 5)
    assert field.text() == "2026-03-05" and field.problem == ""


def test_a_year_outside_the_range_is_said_and_the_date_kept(qtbot, date_field):
    field, other = date_field
    field.setMaximumDate(QDate(2026, 12, 31))
    refused = []
    field.refused.connect(refused.append)
    _click_and_type(qtbot, field, "2027-3-5")
    _focus(qtbot, other)
    assert field.date() == QDate(2025, 1, 2)
    assert "2027-03-05" in field.problem and "2026-12-31" in field.problem
    assert refused == [field.problem]


def test_what_is_not_a_date_is_said(qtbot, date_field):
    field, _other = date_field
    _click_and_type(qtbot, field, "2026-13-40")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.date() == QDate(2025, 1, 2) and "2026-13-40" in field.problem


def test_the_calendar_picks_a_date(qtbot, date_field):
    field, _other = date_field
    calendar = field.show_calendar()
    calendar.clicked.emit(QDate(2024, 8, 9))
    assert field.date() == QDate(2024, 8, 9)


# --- file dialogs ----------------------------------------------------------------------------


def test_a_file_dialog_opens_in_the_last_folder_of_its_kind(tmp_path, monkeypatch):
    seen = []

    def fake_save(parent, caption, start, filters):
        seen.append(start)
        return (str(tmp_path / "exports" / "名册.xlsx"), "")

    (tmp_path / "exports").mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_save))
    file_dialogs.save_file_name(None, file_dialogs.SPREADSHEET, "导出", "名册.xlsx", "Excel (*.xlsx)")
    file_dialogs.save_file_name(None, file_dialogs.SPREADSHEET, "导出", "活动.xlsx", "Excel (*.xlsx)")
    assert Path(seen[1]) == tmp_path / "exports" / "活动.xlsx"
    assert file_dialogs.last_folder(file_dialogs.PDF) == file_dialogs.default_folder()  # other kinds keep their own


def test_before_any_folder_was_used_it_is_documents_or_desktop_never_the_program_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    documents = Path.home() / "Documents"
    documents.mkdir(parents=True, exist_ok=True)
    folder = file_dialogs.last_folder("never-used")
    assert folder != tmp_path
    assert folder in (documents, Path.home() / "Desktop", Path.home())


# --- Qt's own texts ----------------------------------------------------------------------------


def test_qt_s_own_dialog_texts_are_chinese(qtbot):
    from unionoffice.gui import qt_translations

    app = QApplication.instance()
    assert qt_translations.install_qt_translations(app)
    try:
        assert QCoreApplication.translate("QFileDialog", "Look in:") != "Look in:"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    finally:
        while qt_translations._installed:
            app.removeTranslator(qt_translations._installed.pop())


def test_the_bundle_ships_qt_s_chinese_translations():
    spec = (Path(__file__).resolve().parent.parent / "installer" / "unionoffice.spec").read_text(encoding="utf-8")
    assert '"_zh_CN.qm"' in spec and "translations" in spec


def test_the_roster_as_of_filter_takes_typed_dates(qtbot, members):
    members.filters.as_of_check.setChecked(True)
    field = members.filters.as_of
    assert isinstance(field, DateEdit)
    _click_and_type(qtbot, field, "20260305")
    qtbot.keyClick(field, Qt.Key.Key_Return)  # Enter takes the typed date (it opens no member from here)
    assert members.filters.member_filter().as_of == dt.date(2026, 3, 5)
