"""A server office's schema on PostgreSQL: the same migrations as SQLite, upgraded by one PC at a
time, a newer server refused untouched. PostgreSQL is a throwaway cluster started by the tests."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text

from tests.pg_cluster import session_cluster
from unionoffice.store import migrate
from unionoffice.store.server import (
    ServerError,
    is_server_url,
    make_server_engine,
    open_server_engine,
    read_server_schema_version,
    shown_url,
)


@pytest.fixture
def pg_url() -> str:
    return session_cluster().new_database()


def test_server_urls_are_told_from_paths():
    assert is_server_url("postgresql://gh@10.0.0.5:5432/union")
    assert is_server_url("postgres://gh@host/union")
    assert not is_server_url("C:/工会/数据.sqlite3") and not is_server_url("") and not is_server_url(None)
    assert shown_url("postgresql://gh:secret@host:5432/union") == "postgresql://gh:***@host:5432/union"


def test_every_migration_runs_on_postgresql_one_by_one(pg_url):
    engine = make_server_engine(pg_url)
    try:
        numbers = sorted(int(p.name[:4]) for p in migrate.VERSIONS_DIR.glob("[0-9][0-9][0-9][0-9]_*.py"))
        for version in numbers:  # a branch may skip a number until the lead re-chains
            migrate.upgrade_to(engine, version)
            assert read_server_schema_version(engine) == version
    finally:
        engine.dispose()


def test_models_match_the_migrations_on_postgresql(pg_url):
    engine, version, upgraded_from = open_server_engine(pg_url)
    try:
        assert version == migrate.head_version() and upgraded_from is None
        with engine.connect() as conn:
            diff = migrate.model_differences(conn)
        assert diff == []
    finally:
        engine.dispose()


def test_an_older_server_is_upgraded_and_keeps_its_rows(pg_url):
    engine = make_server_engine(pg_url)
    migrate.upgrade_to(engine, 1)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO groups (name, position, retired, created_at) VALUES ('一车间', 0, false, now())"))
    engine.dispose()
    engine, version, upgraded_from = open_server_engine(pg_url)
    try:
        assert upgraded_from == 1 and version == migrate.head_version()
        with engine.connect() as conn:
            assert conn.execute(text("SELECT name FROM groups")).scalar_one() == "一车间"
    finally:
        engine.dispose()


def test_two_pcs_opening_a_new_server_at_once_upgrade_it_once(pg_url):
    results: list[object] = []

    def open_one() -> None:
        try:
            engine, _version, upgraded_from = open_server_engine(pg_url)
            engine.dispose()
            results.append(upgraded_from)
        except Exception as exc:  # noqa: BLE001  (the test reports it)
            results.append(exc)

    threads = [threading.Thread(target=open_one) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not [r for r in results if isinstance(r, Exception)], results
    assert sorted(results, key=repr) == sorted([None, migrate.head_version()], key=repr)


def test_a_newer_server_is_refused_and_untouched(pg_url):
    engine, _version, _from = open_server_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(ServerError, match="更新版本"):
        open_server_engine(pg_url)
    engine = make_server_engine(pg_url)
    assert read_server_schema_version(engine) == 9999
    engine.dispose()


def test_an_unreachable_server_says_so_in_one_line():
    with pytest.raises(ServerError) as caught:
        open_server_engine("postgresql://nobody@127.0.0.1:1/none")
    assert "无法连接" in str(caught.value) and "\n" not in str(caught.value)
