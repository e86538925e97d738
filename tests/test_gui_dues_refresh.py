"""After a member changes, the dues page recomputes only that member (or nothing while hidden),
and shows exactly what a page computed from scratch shows."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QMessageBox

import unionoffice.gui.pages.dues as dues_page
from tests.dues_helpers import small_office
from tests.roster_helpers import an_id
from unionoffice.domain.choices import MembershipEventKind
from unionoffice.gui.context import AppContext
from unionoffice.gui.pages.dues import DuesPage
from unionoffice.gui.pages.members import MembersPage
from unionoffice.services import dues, dues_payments, members

YEAR = 2026


@pytest.fixture
def office(db):
    with db.session() as session:
        ids = small_office(session)
        dues_payments.insert_payments(session, [dues_payments.PaymentInput(ids["li"], 202601, 202602, 2 * 2775, dt.date(2026, 2, 28))])
    return ids


@pytest.fixture
def calls(monkeypatch):
    """The member ids of every build_ledger the page runs (None: the whole office or group)."""
    seen: list[list[int] | None] = []
    real = dues_page.build_ledger

    def spy(*args, **kwargs):
        seen.append(kwargs.get("member_ids"))
        return real(*args, **kwargs)
    monkeypatch.setattr(dues_page, "build_ledger", spy)
    return seen


@pytest.fixture
def no_boxes(monkeypatch):
    for name in ("warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, name, lambda *args, **_kw: QMessageBox.StandardButton.Yes)


def _page(qtbot, ctx: AppContext, shown: bool = True) -> DuesPage:
    page = DuesPage(ctx)
    qtbot.addWidget(page)
    page.filters.year.setValue(YEAR)
    page.filters.period.setCurrentIndex(0)  # the whole year
    if shown:
        page.show()
    return page


def _view(page: DuesPage) -> tuple[list[tuple], str]:
    rows = [tuple(page.model.index(r, c).data() for c in range(page.model.columnCount())) for r in range(page.model.rowCount())]
    return rows, page.summary.text()


def test_a_member_change_recomputes_only_that_member_and_shows_what_a_fresh_page_shows(qtbot, db, office, calls):
    ctx = AppContext(db)
    page = _page(qtbot, ctx)
    calls.clear()
    with db.session() as session:  # 王五 leaves at the end of March: nothing due from April on
        members.change_status(session, office["wang"], MembershipEventKind.TRANSFER_OUT, dt.date(2026, 3, 31),
                              destination="外单位")
    ctx.notify("members", [office["wang"]])
    assert calls == [[office["wang"]]]
    fresh = _page(qtbot, AppContext(db))
    assert _view(page) == _view(fresh)
    assert "王五" in str(_view(page)[0])


def test_a_hidden_page_recomputes_once_when_shown_again(qtbot, db, office, calls):
    ctx = AppContext(db)
    page = _page(qtbot, ctx, shown=False)
    calls.clear()
    for member_id in (office["zhang"], office["li"]):
        with db.session() as session:
            members.change_status(session, member_id, MembershipEventKind.RETAIN, dt.date(2026, 6, 30))
        ctx.notify("members", [member_id])
    assert calls == []  # nothing recomputed while hidden
    page.show()
    assert calls == [None]  # once, for everyone
    assert _view(page) == _view(_page(qtbot, AppContext(db)))


def test_a_member_added_and_deleted_in_the_roster_shows_on_the_dues_page_in_its_place(qtbot, db, office, calls, no_boxes):
    ctx = AppContext(db)
    page = _page(qtbot, ctx)
    with db.session() as session:
        dues.set_bases(session, YEAR, {office["zhang"]: 400000})
    roster = MembersPage(ctx)
    qtbot.addWidget(roster)
    calls.clear()
    dialog = roster.new_member()
    dialog.name.setText("阿福")
    dialog.id_number.setText(an_id(dt.date(1988, 8, 8), seed=77))
    dialog.join_date.setText("2026.2.1")
    dialog.group.setCurrentIndex(dialog.group.findText("一车间"))
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert len(calls) == 1 and calls[0] is not None and len(calls[0]) == 1
    assert _view(page) == _view(_page(qtbot, AppContext(db)))
    names = [page.model.index(r, 0).data() for r in range(page.model.rowCount())]
    assert "阿福" in names
    roster.table.selectRow(0)
    deleted = roster.selected_member_id()
    assert roster.delete_selected(confirmed=True)
    assert calls[-1] == [deleted]
    assert _view(page) == _view(_page(qtbot, AppContext(db)))
    assert len(_view(page)[0]) == len(names) - 1
