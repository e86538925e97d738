"""Opening databases: pragmas, schema versions, upgrades with a copy, refusal of newer files."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from unionoffice.store import migrate
from unionoffice.store.database import DatabaseError, open_database, read_schema_version, table_counts

DATA = Path(__file__).resolve().parent / "data"
V1_FIXTURE = DATA / "schema-v1.sqlite3"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.sqlite_only
def test_new_database_is_at_head_with_pragmas(db):
    assert db.schema_version == migrate.head_version()
    assert read_schema_version(db.path) == migrate.head_version()
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000


def test_models_match_migrations(db):
    """A model change without its migration shows up here."""
    with db.engine.connect() as conn:
        diff = migrate.model_differences(conn)
    assert diff == []


def test_first_schema_database_upgrades_to_every_later_schema(tmp_path):
    path = tmp_path / "old.sqlite3"
    shutil.copy(V1_FIXTURE, path)
    before = table_counts_of(path)
    assert read_schema_version(path) == 1
    db = open_database(path)
    try:
        assert db.schema_version == migrate.head_version()
        after = table_counts(db.engine)
    finally:
        db.close()
    for table, count in before.items():
        # No row lost; migration 0009 adds the office id to the settings.
        assert after[table] == count + (table == "settings"), table
    if migrate.head_version() > 1:
        copy = tmp_path / f"old.sqlite3.pre-v{migrate.head_version()}.bak"
        assert copy.exists()
        assert read_schema_version(copy) == 1
        assert db.upgraded_from == 1


def table_counts_of(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name != 'alembic_version'")]
        return {n: conn.execute(f'SELECT COUNT(*) FROM "{n}"').fetchone()[0] for n in names}


def test_older_database_is_copied_before_upgrade(tmp_path, monkeypatch):
    """Pretend the program is one schema ahead: the file is copied, then upgraded in one go."""
    path = tmp_path / "office.sqlite3"
    open_database(path).close()
    head = migrate.head_version()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = ?", (f"{head - 1:04d}" if head > 1 else "0000",))
    monkeypatch.setattr(migrate, "upgrade_to_head", lambda engine: _stamp(engine, head))
    db = open_database(path)
    db.close()
    copy = tmp_path / f"office.sqlite3.pre-v{head}.bak"
    assert copy.exists()
    assert read_schema_version(path) == head


def _stamp(engine, version: int) -> None:
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": f"{version:04d}"})


def test_failed_upgrade_changes_nothing_and_keeps_the_copy(tmp_path, monkeypatch):
    path = tmp_path / "office.sqlite3"
    open_database(path).close()
    head = migrate.head_version()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = ?", (f"{head - 1:04d}",))

    def half_done_then_broken(engine):
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE half_done (x INTEGER)"))
            conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": f"{head:04d}"})
            raise RuntimeError("disk on fire")

    monkeypatch.setattr(migrate, "upgrade_to_head", half_done_then_broken)
    with pytest.raises(DatabaseError, match="pre-v"):
        open_database(path)
    assert read_schema_version(path) == head - 1
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT name FROM sqlite_master WHERE name='half_done'").fetchone() is None


def test_newer_database_is_refused_and_untouched(tmp_path):
    path = tmp_path / "future.sqlite3"
    open_database(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    digest = _digest(path)
    with pytest.raises(DatabaseError, match="更新版本"):
        open_database(path)
    assert _digest(path) == digest
    assert not list(tmp_path.glob("*.bak"))


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_text("这不是数据库", encoding="utf-8")
    with pytest.raises(DatabaseError, match="不是"):
        open_database(path)
    assert path.read_text(encoding="utf-8") == "这不是数据库"


def test_a_sqlite_file_without_any_table_is_set_up_as_a_new_office(tmp_path):
    """What a first start or an import into a new file leaves when Ctrl-C comes before its tables."""
    path = tmp_path / "new.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("BEGIN IMMEDIATE")  # SQLite writes its header page: a 4 KiB file, no schema
    assert path.stat().st_size > 0
    db = open_database(path)
    try:
        assert db.schema_version == migrate.head_version()
    finally:
        db.close()
    assert read_schema_version(path) == migrate.head_version()


def test_a_sqlite_file_of_another_program_is_refused_and_untouched(tmp_path):
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (text TEXT)")
        conn.execute("INSERT INTO notes VALUES ('别人的数据')")
    digest = _digest(path)
    with pytest.raises(DatabaseError, match="不是"):
        open_database(path)
    assert _digest(path) == digest


def test_an_empty_sqlite_file_is_not_set_up_when_only_reading(tmp_path):
    path = tmp_path / "new.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("BEGIN IMMEDIATE")
    digest = _digest(path)
    with pytest.raises(DatabaseError, match="不是"):
        open_database(path, create=False)
    assert _digest(path) == digest


def test_foreign_keys_are_enforced(session):
    from sqlalchemy.exc import IntegrityError

    from unionoffice.store.models import MembershipEvent
    import datetime as dt

    session.add(MembershipEvent(member_id=12345, kind="join", date=dt.date(2020, 1, 1)))
    with pytest.raises(IntegrityError):
        session.flush()
