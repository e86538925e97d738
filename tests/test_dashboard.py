"""The start page's figures (services/dashboard.py) on a hand-built office, and the page that shows them."""

from __future__ import annotations

import datetime as dt

import pytest

from relief_fixtures import add_member as add_relief_member
from roster_helpers import add, an_id
from unionoffice.domain.choices import MembershipEventKind
from unionoffice.services import dashboard as board
from unionoffice.services import hardship, rights
from unionoffice.services.activities import ActivityData, create_activity
from unionoffice.services.member_query import ON_ROLL, MemberFilter, count_members
from unionoffice.services.members import change_status
from unionoffice.services.office import add_group

TODAY = dt.date.today()


def _months_ago(months: int, day: int = 10) -> dt.date:
    year, month = divmod(TODAY.year * 12 + TODAY.month - 1 - months, 12)
    return dt.date(year, month + 1, day)


def test_month_ends_are_the_last_days_of_the_eleven_months_before_then_today():
    ends = board.month_ends(dt.date(2026, 3, 15))
    assert ends[0] == dt.date(2025, 4, 30) and ends[-2] == dt.date(2026, 2, 28) and ends[-1] == dt.date(2026, 3, 15)
    assert len(ends) == 12


def test_the_trend_follows_joins_and_leavings(session):
    group = add_group(session, "一车间").id
    add(session, "老会员", id_number=an_id(seed=1), group_id=group, join_date=_months_ago(20))
    add(session, "新会员", id_number=an_id(seed=2), group_id=group, join_date=_months_ago(4))
    leaver = add(session, "调走的", id_number=an_id(seed=3), group_id=group, join_date=_months_ago(20))
    change_status(session, leaver, MembershipEventKind.TRANSFER_OUT, _months_ago(2), destination="兄弟单位工会")
    trend = board.member_trend(session, TODAY)
    counts = [point.members for point in trend]
    assert counts[0] == 2 and counts[-1] == 2
    assert max(counts) == 3  # the months when all three were on the roll
    # the same rule as the roster's "as of" filter, month by month
    assert counts[:-1] == [count_members(session, MemberFilter(status=ON_ROLL, as_of=p.month_end)) for p in trend[:-1]]


def test_a_deleted_member_is_not_counted_in_the_trend(session):
    from unionoffice.services.members import delete_member

    gone = add(session, "删掉的", id_number=an_id(seed=4), join_date=_months_ago(20))
    delete_member(session, gone)
    assert {point.members for point in board.member_trend(session, TODAY)} == {0}


def test_the_remembered_trend_follows_a_leaving_a_deletion_and_a_restore(session):
    from unionoffice.services.members import delete_member, restore_member

    def past() -> list[int]:
        return [point.members for point in board.member_trend(session, TODAY)][:-1]

    member = add(session, "来回的", id_number=an_id(seed=5), join_date=_months_ago(20))
    assert set(past()) == {1}
    change_status(session, member, MembershipEventKind.TRANSFER_OUT, _months_ago(3), destination="兄弟单位工会")
    assert past()[-1] == 0 and past()[0] == 1  # a new event: the months are counted again
    delete_member(session, member)
    assert set(past()) == {0}
    restore_member(session, member)
    assert past()[0] == 1


def test_this_year_is_set_against_the_same_stretch_of_last_year():
    assert board.same_day_last_year(dt.date(2028, 2, 29)) == dt.date(2027, 2, 28)


def test_year_on_year_counts_activities_up_to_the_same_day(session):
    today = dt.date(2026, 5, 20)
    for day in (dt.date(2026, 1, 5), dt.date(2026, 5, 20), dt.date(2025, 3, 1), dt.date(2025, 5, 21)):
        create_activity(session, ActivityData(title=f"活动{day}", kind="meeting", start_date=day))
    figures = {item.key: item for item in board.year_on_year(session, today)}
    assert (figures["activities"].this_year, figures["activities"].last_year) == (2, 1)
    assert figures["cases"].this_year == 0


@pytest.mark.parametrize(("today", "due"), [
    (dt.date(2026, 6, 10), (dt.date(2026, 1, 1), dt.date(2026, 6, 30))),
    (dt.date(2026, 7, 20), (dt.date(2026, 1, 1), dt.date(2026, 6, 30))),
    (dt.date(2026, 12, 15), (dt.date(2026, 1, 1), dt.date(2026, 12, 31))),
    (dt.date(2027, 1, 20), (dt.date(2026, 1, 1), dt.date(2026, 12, 31))),
    (dt.date(2026, 4, 1), None),
])
def test_the_half_year_or_annual_summary_is_due_around_its_date(session, today, due):
    found = board.summary_due(session, today)
    assert (found[:2] if found else None) == due


def test_a_drafted_summary_is_no_longer_due(session):
    from unionoffice.store.models.reports import ReportDraft

    session.add(ReportDraft(title="上半年", start=dt.date(2026, 1, 1), end=dt.date(2026, 6, 30), template_key="x", content="{}"))
    session.flush()
    assert board.summary_due(session, dt.date(2026, 6, 10)) is None


def test_the_to_do_list_names_each_job_and_its_page(session):
    member = add_relief_member(session, "困难户")  # no ID number, no department
    hardship.open_file(session, hardship.HardshipFileInput(
        member_id=member.id, category="subsistence", main_cause="6", opened_on=TODAY - dt.timedelta(days=400),
        household_size=3, household_annual_income_fen=3_600_000))
    rights.receive_case(session, rights.CaseInput(
        received_on=TODAY - dt.timedelta(days=45), complainant="张三", channel="visit", kind="wages", summary="欠薪"))
    rights.receive_case(session, rights.CaseInput(
        received_on=TODAY - dt.timedelta(days=5), complainant="李四", channel="visit", kind="wages", summary="欠薪"))
    todos = {todo.key: todo for todo in board.todos(session, TODAY)}
    assert todos["backup"].page == "backup" and "从未" in todos["backup"].text
    assert (todos["hardship"].count, todos["hardship"].page) == (1, "relief")
    assert (todos["cases"].count, todos["cases"].page) == (1, "rights")
    assert (todos["records"].count, todos["records"].page) == (1, "members")


def test_a_tidy_office_has_nothing_to_do_but_a_backup(session):
    add(session, "张三", id_number=an_id(seed=5), group_id=add_group(session, "一车间").id)
    keys = {todo.key for todo in board.todos(session, dt.date(2026, 4, 1))}
    assert keys == {"backup"}


def test_the_dashboard_says_when_the_office_is_new(session):
    assert board.dashboard(session).empty
    add(session, "张三", id_number=an_id(seed=6))
    assert not board.dashboard(session).empty


# --- the page ------------------------------------------------------------------------------------


def test_clicking_a_to_do_goes_to_its_page(qtbot, db):
    from PySide6.QtCore import Qt

    from unionoffice.gui.context import AppContext
    from unionoffice.gui.pages.home import HomePage

    ctx = AppContext(db)
    page = HomePage(ctx)
    qtbot.addWidget(page)
    shown = []
    ctx.navigate.connect(shown.append)
    item = page.todos.item(0)
    assert "备份" in item.text()
    page.show()
    qtbot.waitExposed(page)
    rect = page.todos.visualItemRect(item)
    qtbot.mouseClick(page.todos.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert shown == ["backup"]


def test_a_new_office_is_offered_the_first_steps(qtbot, db, monkeypatch):
    from unionoffice.gui.context import AppContext
    from unionoffice.gui.main_window import MainWindow

    window = MainWindow(AppContext(db))
    qtbot.addWidget(window)
    home = window.page("home")
    assert home.findChild(type(home.todos.parent()), "firstSteps").isVisibleTo(home)
    opened = []
    monkeypatch.setattr(MainWindow, "open_settings", lambda self: opened.append("settings"))
    home.first_step_buttons["settings"].click()
    home.first_step_buttons["guide"].click()
    assert opened == ["settings"]
    assert window.guide_window.isVisible() and "first-steps" in window.guide_window.browser.source().fileName()
    window.guide_window.close()


def test_an_office_with_members_is_not_offered_the_first_steps(qtbot, db):
    from unionoffice.gui.context import AppContext
    from unionoffice.gui.pages.home import HomePage

    with db.session() as session:
        add(session, "张三", id_number=an_id(seed=7))
    page = HomePage(AppContext(db))
    qtbot.addWidget(page)
    assert not page.findChild(type(page.todos.parent()), "firstSteps").isVisibleTo(page)


def test_the_figures_over_two_bars_of_about_the_same_height_do_not_run_into_each_other(qtbot):
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QWidget

    from unionoffice.gui.dashboard.charts import value_labels

    widget = QWidget()
    qtbot.addWidget(widget)
    metrics = QFontMetrics(widget.font())
    widths = [metrics.horizontalAdvance("2,763"), metrics.horizontalAdvance("2,711")]
    (first, _a), (second, _b) = value_labels(100.0, 26.0, [40.0, 42.0], widths)
    assert not first.intersects(second)
    assert first.width() >= widths[0] and second.width() >= widths[1]  # each figure has room for itself
    assert first.right() <= 100 + 26 + 2 <= second.left()  # on its own side of the gap between the bars
    # short figures, or bars of clearly different heights, stay centred over their bars
    (short, _c), (_s2, _d) = value_labels(100.0, 26.0, [40.0, 42.0], [14, 14])
    assert short.center().x() == 100 + 13
    (tall, _e), (low, _f) = value_labels(100.0, 26.0, [40.0, 120.0], widths)
    assert tall.center().x() == 100 + 13 and low.center().x() == 100 + 26 + 4 + 13
