"""Helpers shared by the tests/test_backup_*.py files (not a test module itself)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from unionoffice.paths import attachments_dir
from unionoffice.services.office import add_group, set_setting
from unionoffice.store.database import open_database


def make_office(db_path: Path, groups: int = 3, name: str = "示例公司工会") -> Path:
    """A closed database with a few groups and the office name, plus two attachments."""
    db = open_database(db_path)
    try:
        with db.session() as session:
            set_setting(session, "union_name", name)
            for number in range(groups):
                add_group(session, f"小组{number + 1}")
    finally:
        db.close()
    folder = attachments_dir(db_path)
    (folder / "photos").mkdir(parents=True, exist_ok=True)
    (folder / "photos" / "合影.jpg").write_bytes(b"\xff\xd8 fake jpeg " * 100)
    (folder / "notes.txt").write_text("慰问记录附件", encoding="utf-8")
    return db_path


def fingerprint(db_path: Path) -> dict[str, str]:
    """SHA-256 of the database file (and its WAL, if any) and of every attachment."""
    files = [db_path, db_path.with_name(db_path.name + "-wal")]
    folder = attachments_dir(db_path)
    if folder.exists():
        files += sorted(p for p in folder.rglob("*"))
    result = {}
    for path in files:
        if path.is_file():
            result[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
        elif path.is_dir():
            result[str(path)] = "dir"
    return result


def group_names(db_path: Path) -> list[str]:
    import contextlib
    import sqlite3

    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        return [row[0] for row in conn.execute("SELECT name FROM groups ORDER BY id")]
