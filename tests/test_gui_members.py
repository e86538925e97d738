"""The members page, its table model and the member form, clicked through with qtbot."""

from __future__ import annotations

import datetime as dt
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox
from sqlalchemy import select

from roster_helpers import add, an_id
from unionoffice.gui import member_tabs
from unionoffice.gui.context import AppContext
from unionoffice.gui.member_dialog import MemberDialog
from unionoffice.gui.member_table import BIRTH_DATE, MemberTableModel
from unionoffice.gui.pages.members import MembersPage
from unionoffice.services.member_query import MemberFilter
from unionoffice.services.office import add_group
from unionoffice.store.models import Member


@pytest.fixture
def office(db):
    with db.session() as session:
        group = add_group(session, "一车间")
        add(session, "张三", id_number=an_id(dt.date(1990, 3, 5), seed=1), group_id=group.id)
        add(session, "赵珊", id_number=an_id(dt.date(1970, 1, 1), female=True, seed=2), group_id=group.id)
        add(session, "李四", id_number=an_id(dt.date(2000, 6, 1), seed=3))
    return db


@pytest.fixture
def page(qtbot, office):
    widget = MembersPage(AppContext(office))
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def no_dialogs(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    monkeypatch.setattr(QMessageBox, "information", lambda *args: shown.append(args[2]))
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    return shown


def test_model_counts_and_sorts_in_sql(office):
    model = MemberTableModel(office)
    model.set_filter(MemberFilter())
    assert model.rowCount() == 3
    model.sort(BIRTH_DATE, Qt.SortOrder.DescendingOrder)
    assert [model.index(r, 0).data() for r in range(3)] == ["李四", "张三", "赵珊"]
    assert model.index(0, BIRTH_DATE).data() == "2000-06-01"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "姓名"


def test_typing_pinyin_initials_narrows_the_table_and_the_count(page):
    page.search.setText("zs")
    page.refresh()
    assert page.model.rowCount() == 2
    assert page.count_label.text() == "共 2 名会员符合条件"


def test_composition_panel_shows_the_filtered_counts(qtbot, page):
    page.search.setText("zs")
    page.refresh()
    page.refresh_panel()
    qtbot.waitUntil(lambda: page.panel.current is not None and page.panel.current.total == 2)
    text = page.panel.toPlainText()
    assert "一车间" in text and "女职工" in text


def test_a_broad_match_is_counted_exactly_after_the_quick_count(qtbot, page, monkeypatch):
    import unionoffice.gui.member_table as member_table

    monkeypatch.setattr(member_table, "COUNT_CAP", 2)
    monkeypatch.setattr(member_table, "tally_count", lambda *args: None)  # as for a search the tally cannot answer
    page.refresh()
    assert page.model.rowCount() == 2 and not page.model.exact
    assert "2" in page.count_label.text() and "统计中" in page.count_label.text()
    page.refresh_panel()
    qtbot.waitUntil(lambda: page.model.exact)
    assert page.model.rowCount() == 3 and page.count_label.text() == "共 3 名会员符合条件"
    assert [page.model.index(r, 0).data() for r in range(3)] == ["李四", "张三", "赵珊"]


def test_the_roll_by_status_is_counted_exactly_at_once(page, monkeypatch):
    import unionoffice.gui.member_table as member_table

    monkeypatch.setattr(member_table, "COUNT_CAP", 2)  # a capped count would stop at 2
    page.refresh()
    assert page.model.exact and page.model.rowCount() == 3
    assert page.count_label.text() == "共 3 名会员符合条件"


def test_new_member_through_the_form(qtbot, page, no_dialogs):
    dialog = page.new_member()
    dialog.name.setText("王五")
    dialog.id_number.setText(an_id(dt.date(1985, 7, 7), female=True, seed=9))
    dialog.phone.setText("139 1111 2222")
    dialog.join_date.setText("2021.5.1")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert no_dialogs == []
    with page.ctx.db.session() as session:
        member = session.scalar(select(Member).where(Member.name == "王五"))
        assert (member.sex, member.birth_date, member.phone, member.join_date) == (
            "female", dt.date(1985, 7, 7), "13911112222", dt.date(2021, 5, 1))
    assert page.model.rowCount() == 4


def test_the_form_refuses_a_bad_id_and_keeps_the_input(qtbot, page, no_dialogs):
    dialog = page.new_member()
    dialog.name.setText("王五")
    number = an_id(seed=9)
    dialog.id_number.setText(number[:17] + ("1" if number[17] == "0" else "0"))
    dialog.accept()
    assert no_dialogs == ["身份证号：校验位错误"]
    assert dialog.isVisible() and dialog.name.text() == "王五"


def test_a_15_digit_number_shows_the_conversion_notice(qtbot, page, no_dialogs):
    dialog = page.new_member()
    dialog.name.setText("老会员")
    dialog.id_number.setText("110105491231002")
    dialog.accept()
    assert any("11010519491231002X" in text for text in no_dialogs)


def test_transfer_out_from_the_history_tab(qtbot, page, no_dialogs):
    page.table.selectRow(0)
    dialog = page.open_selected()
    status = dialog.change_status()
    status.kind_combo.value = "transfer_out"
    status.date_edit.setDate(dt.date(2025, 3, 1))
    status.accept()
    assert no_dialogs == ["转出须填写转往的工会。"]
    status.destination_edit.setText("市总工会")
    status.accept()
    assert dialog.events.rowCount() == 2 and dialog.events.item(1, 3).text() == "市总工会"
    dialog.accept()  # 保存 writes the change
    with page.ctx.db.session() as session:
        assert session.get(Member, dialog.member_id).status == "transferred_out"
    assert page.model.rowCount() == 2  # the page refreshed: the default view is the roll


def _record_transfer_out(dialog):
    status = dialog.change_status()
    status.kind_combo.value = "transfer_out"
    status.date_edit.setDate(dt.date(2025, 3, 1))
    status.destination_edit.setText("市总工会")
    status.accept()


def test_a_status_change_in_the_form_is_dropped_by_cancel(qtbot, page, no_dialogs):
    page.table.selectRow(0)
    dialog = page.open_selected()
    _record_transfer_out(dialog)
    assert dialog.events.rowCount() == 2
    dialog.reject()  # 取消; the clerk agrees to drop the change (no_dialogs answers Yes)
    with page.ctx.db.session() as session:
        member = session.get(Member, dialog.member_id)
        assert member.status == "active" and len(member.events) == 1


def test_escape_after_a_change_asks_and_keeps_the_form_open_on_cancel(qtbot, page, monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kw: asked.append(args[2]) or QMessageBox.StandardButton.Cancel)
    page.table.selectRow(0)
    dialog = page.open_selected()
    dialog.phone.setText("13800138000")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked and dialog.isVisible()


def test_escape_without_changes_closes_without_asking(qtbot, page, monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kw: asked.append(args[2]) or QMessageBox.StandardButton.Cancel)
    page.table.selectRow(0)
    dialog = page.open_selected()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not asked and not dialog.isVisible()


def test_removing_a_stored_change_waits_for_save(qtbot, page, no_dialogs):
    page.table.selectRow(0)
    dialog = page.open_selected()
    _record_transfer_out(dialog)
    dialog.accept()
    dialog = page.open_member(dialog.member_id)
    dialog.events.selectRow(1)
    dialog.remove_event()
    assert dialog.events.rowCount() == 1
    with page.ctx.db.session() as session:
        assert session.get(Member, dialog.member_id).status == "transferred_out"
    dialog.accept()
    with page.ctx.db.session() as session:
        assert session.get(Member, dialog.member_id).status == "active"


def test_delete_moves_to_the_recycle_bin(qtbot, page, no_dialogs):
    page.table.selectRow(0)
    member_id = page.selected_member_id()
    assert page.delete_selected()
    with page.ctx.db.session() as session:
        assert session.get(Member, member_id).deleted_at is not None
    assert page.model.rowCount() == 2


def test_extra_tabs_are_discovered_for_existing_members_only(qtbot, office, tmp_path, monkeypatch):
    (tmp_path / "zz_fake_tab.py").write_text(
        "from PySide6.QtWidgets import QLabel\n"
        "ORDER = 5\nTAB_TITLE = 'Fake tab'\n"
        "def create_tab(ctx, member_id):\n    return QLabel(f'member {member_id}')\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(member_tabs, "__path__", [*member_tabs.__path__, str(tmp_path)])
    monkeypatch.delitem(sys.modules, "unionoffice.gui.member_tabs.zz_fake_tab", raising=False)
    ctx = AppContext(office)
    existing = MemberDialog(ctx, 1)
    qtbot.addWidget(existing)
    titles = [existing.tabs.tabText(i) for i in range(existing.tabs.count())]
    assert titles[:2] == ["基本信息", "会籍变动"] and "Fake tab" in titles
    assert existing.tabs.widget(titles.index("Fake tab")).text() == "member 1"
    new = MemberDialog(ctx, None)
    qtbot.addWidget(new)
    assert new.tabs.count() == 1


def test_double_click_opens_one_form(qtbot, page, monkeypatch):
    opened = []
    monkeypatch.setattr(MembersPage, "open_member", lambda self, member_id: opened.append(member_id))
    page.show()
    rect = page.table.visualRect(page.model.index(0, 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a real double-click starts with a press
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [page.model.member_id(0)]


def test_the_group_filter_lists_a_group_an_import_made(qtbot, page):
    with page.ctx.db.session() as session:
        add_group(session, "新设车间")  # as a roster import does, without the page knowing
    page.ctx.notify("members")  # what the import wizard says when it is done
    assert page.filters.group.findText("新设车间") >= 0


def test_the_group_filter_is_refreshed_when_the_page_is_shown_again(qtbot, page):
    with page.ctx.db.session() as session:
        add_group(session, "另一车间")
    page.show()
    assert page.filters.group.findText("另一车间") >= 0


def test_a_count_that_ends_after_its_panel_closed_reaches_only_the_panel_that_asked(qtbot, office, monkeypatch):
    """The side panel counts on a pool thread; a panel closed meanwhile must not take the thread
    down with it, and two panels each show their own count."""
    import threading

    import unionoffice.gui.composition_panel as panel_module
    from unionoffice.gui.composition_panel import CompositionPanel

    release = threading.Event()
    counted = panel_module.panel_composition

    def slow_count(session, member_filter):  # noqa: ANN001, ANN202
        release.wait(5)
        return counted(session, member_filter)

    monkeypatch.setattr(panel_module, "panel_composition", slow_count)
    closing = CompositionPanel()
    closing.compute(office, MemberFilter(text="zs"))
    closing.deleteLater()
    qtbot.wait(50)  # the panel (and anything it owned) is gone while the count still runs
    kept = CompositionPanel()
    qtbot.addWidget(kept)
    kept.compute(office, MemberFilter())
    release.set()
    qtbot.waitUntil(lambda: kept.current is not None)
    qtbot.wait(100)  # the closed panel's result arrives too, and goes nowhere
    assert kept.current.total == 3
