"""The server gone mid-save: the backend connection is terminated (pg_terminate_backend from a
second session) while a change is half-way; the message is one clear line and nothing of the
change is kept."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from tests.roster_helpers import add
from tests.two_pcs import open_pair
from unionoffice.cli_guard import known_failure
from unionoffice.store.models import Member
from unionoffice.store.server_errors import is_connection_lost, server_message


@pytest.fixture
def pcs(tmp_path):
    a, b = open_pair("postgresql", tmp_path)
    yield a, b
    a.close()
    b.close()


def test_a_save_cut_off_by_the_server_keeps_nothing_and_says_so_in_one_line(pcs):
    a, b = pcs
    with pytest.raises(DBAPIError) as cut:
        with a.session() as s:
            for i in range(5):
                add(s, f"职工{i}")
            s.flush()  # half of the change is on the server, not committed
            backend = s.execute(text("SELECT pg_backend_pid()")).scalar_one()
            with b.engine.connect() as other:
                other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": backend})
            add(s, "最后一位")
    assert is_connection_lost(cut.value)
    code, message = server_message(cut.value)
    assert code == 2 and "连接中断" in message and "没有保存" in message and "\n" not in message
    assert known_failure(cut.value) == (code, message)
    with b.session() as s:
        assert s.scalars(select(Member)).all() == []


def test_the_next_save_after_a_cut_works_again(pcs):
    a, b = pcs
    with pytest.raises(DBAPIError):
        with a.session() as s:
            backend = s.execute(text("SELECT pg_backend_pid()")).scalar_one()
            with b.engine.connect() as other:
                other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": backend})
            add(s, "张三")
    with a.session() as s:  # the pool dropped the dead connection: a fresh one is used
        add(s, "李四")
    with b.session() as s:
        assert [m.name for m in s.scalars(select(Member))] == ["李四"]
