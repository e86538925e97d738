"""Moving an office between a local file and a PostgreSQL server: every row copied, proved by count
and content hash, an occupied target refused, and the server's ids continuing after the copied ones."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import create_engine, func, select, text

from tests.pg_cluster import session_cluster
from unionoffice.store.database import open_database
from unionoffice.store.models import Group, Member
from unionoffice.store.server import open_server_engine
from unionoffice.store.transfer import TransferError, copy_office, program_tables, table_proof


@pytest.fixture
def demo_db(tmp_path):
    from unionoffice.cli import main

    path = tmp_path / "demo.sqlite3"
    assert main(["demo", "--db", str(path), "--until", "2026-06-30"]) == 0
    db = open_database(path)
    yield db
    db.close()


@pytest.fixture
def server():
    engine, _version, _from = open_server_engine(session_cluster().new_database())
    yield engine
    engine.dispose()


def test_a_demo_office_moves_to_the_server_with_every_table_proved(demo_db, server):
    proofs = copy_office(demo_db.engine, server)
    assert {p.name for p in proofs} == {t.name for t in program_tables()}
    members = next(p for p in proofs if p.name == "members")
    with demo_db.engine.connect() as conn:
        assert members.rows == conn.execute(select(func.count()).select_from(Member)).scalar_one() > 200
    with server.connect() as conn:
        for table in program_tables():
            with demo_db.engine.connect() as src:
                assert table_proof(conn, table) == table_proof(src, table)


def test_new_records_on_the_server_get_ids_after_the_copied_ones(demo_db, server):
    copy_office(demo_db.engine, server)
    with server.begin() as conn:
        largest = conn.execute(select(func.max(Group.id))).scalar_one()
        new_id = conn.execute(Group.__table__.insert().values(
            name="新部门", position=99, retired=False, created_at=dt.datetime(2026, 7, 1))
            .returning(Group.id)).scalar_one()
    assert new_id == largest + 1


def test_an_occupied_target_is_refused_and_left_as_it_was(demo_db, server):
    with server.begin() as conn:
        conn.execute(text("INSERT INTO groups (name, position, retired, created_at) VALUES ('已有', 0, false, now())"))
    with pytest.raises(TransferError, match="不是空的"):
        copy_office(demo_db.engine, server)
    with server.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Member)).scalar_one() == 0
        assert conn.execute(select(Group.name)).scalars().all() == ["已有"]


def test_the_server_office_moves_back_to_a_new_local_file(demo_db, server, tmp_path):
    copy_office(demo_db.engine, server)
    back = open_database(tmp_path / "back.sqlite3")
    try:
        proofs = copy_office(server, back.engine)
        with demo_db.engine.connect() as original, back.engine.connect() as copied:
            for table in program_tables():
                assert table_proof(original, table) == table_proof(copied, table)
        assert next(p for p in proofs if p.name == "members").rows > 200
    finally:
        back.close()
