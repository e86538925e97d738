"""Backup rotation deletes only this office's archives, identified by the office id, not by the name."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from backup_support import make_office

from unionoffice.services.backup import make_backup
from unionoffice.services.backup_rotation import archive_office_id
from unionoffice.store.database import open_database


def _office_id(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT value FROM settings WHERE key = 'office_id'").fetchone()[0]


def test_rotation_keeps_another_offices_backups_with_the_same_name(tmp_path):
    ours = make_office(tmp_path / "ours" / "office.sqlite3")
    theirs = make_office(tmp_path / "theirs" / "office.sqlite3")  # same office name, another database
    assert _office_id(ours) != _office_id(theirs)
    stick = tmp_path / "stick"
    stick.mkdir()
    their_backups = [make_backup(theirs, stick, keep=100).path for _ in range(3)]
    result = None
    for _ in range(3):
        result = make_backup(ours, stick, keep=1)
    assert all(path.exists() for path in their_backups)
    ours_left = [p for p in stick.glob("*.uobak") if archive_office_id(p) == _office_id(ours)]
    assert ours_left == [result.path]


def test_rotation_never_deletes_a_foreign_file_named_like_a_backup(tmp_path):
    office = make_office(tmp_path / "office.sqlite3")
    stick = tmp_path / "stick"
    stick.mkdir()
    fake = stick / "工会数据备份-示例公司工会-20200101-0800.uobak"
    fake.write_bytes(b"not ours")
    for _ in range(2):
        make_backup(office, stick, keep=1)
    assert fake.read_bytes() == b"not ours"


def test_a_copied_database_keeps_its_office_id_and_the_upgrade_gives_one_to_old_files(tmp_path):
    office = make_office(tmp_path / "office.sqlite3")
    copy = tmp_path / "copy.sqlite3"
    shutil.copy(office, copy)
    assert _office_id(copy) == _office_id(office)
    stick = tmp_path / "stick"
    stick.mkdir()
    archive = make_backup(office, stick).path
    assert archive_office_id(archive) == _office_id(office)
    db = open_database(office)
    db.close()
    assert len(_office_id(office)) == 32


def test_migration_0009_upgrades_a_schema_5_database_with_data_and_loses_nothing(tmp_path):
    from unionoffice.store import migrate
    from unionoffice.store.database import make_engine, read_schema_version

    path = tmp_path / "v5.sqlite3"
    engine = make_engine(path)
    migrate.upgrade_to(engine, 5)
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO settings (key, value) VALUES ('union_name', '示例公司工会')")
        conn.exec_driver_sql("INSERT INTO groups (name, position, retired, created_at) VALUES ('一车间', 1, 0, '2026-01-01 00:00:00')")
    engine.dispose()
    assert read_schema_version(path) == 5
    db = open_database(path)
    db.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT value FROM settings WHERE key = 'union_name'").fetchone()[0] == "示例公司工会"
        assert conn.execute("SELECT name FROM groups").fetchall() == [("一车间",)]
    assert len(_office_id(path)) == 32
    assert read_schema_version(path) == migrate.head_version()
