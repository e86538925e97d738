"""What one keystroke in the members page's search costs the database: two statements (the count,
from the member tally or stopping at COUNT_CAP, and the first page), whatever the search."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event

from roster_helpers import add, an_id
from unionoffice.gui.member_table import MemberTableModel
from unionoffice.services.member_query import MemberFilter


@pytest.fixture
def office(db):
    with db.session() as session:
        for i, name in enumerate(("张三", "赵珊", "李四", "王张")):
            add(session, name, id_number=an_id(dt.date(1980 + i, 3, 5), seed=i), phone=f"1380000{i:04d}")
    return db


def _statements(db, action) -> list[str]:  # noqa: ANN001
    seen: list[str] = []

    def remember(conn, cursor, statement, *args):  # noqa: ANN001
        if statement.split()[0].upper() not in ("BEGIN", "COMMIT", "ROLLBACK", "PRAGMA"):
            seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", remember)
    try:
        action()
    finally:
        event.remove(db.engine, "before_cursor_execute", remember)
    return seen


@pytest.mark.parametrize("text, rows", [("", 4), ("zs", 2), ("张", 2), ("138", 4), ("19800305", 1)])
def test_a_keystroke_costs_two_statements(qapp, office, text, rows):
    model = MemberTableModel(office)
    statements = _statements(office, lambda: model.set_filter(MemberFilter(text=text)))
    assert model.rowCount() == rows and model.exact
    assert len(statements) == 2, statements


def test_the_whole_roll_is_counted_from_the_tally(qapp, office):
    model = MemberTableModel(office)
    statements = _statements(office, lambda: model.set_filter(MemberFilter()))
    assert "member_tally" in statements[0] and "FROM members" not in statements[0]
