"""Which integrity check runs where: the quick one on the backup's snapshot, the full one at verify."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest
from backup_support import make_office

from unionoffice.services.backup import integrity_errors, make_backup
from unionoffice.services.backup_restore import RestoreError, verify_backup


def _break_an_index(db_path: Path) -> None:
    """Point the groups' name index at another column: every page is sound (quick_check passes),
    but the index no longer matches its table (only integrity_check sees that)."""
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        conn.execute("CREATE INDEX ix_test_groups_name ON groups(name)")
        conn.commit()
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute("UPDATE sqlite_master SET sql = 'CREATE INDEX ix_test_groups_name ON groups(position)' "
                     "WHERE name = 'ix_test_groups_name'")
        conn.commit()


def test_quick_check_misses_what_the_full_check_finds(db_path: Path) -> None:
    make_office(db_path)
    _break_an_index(db_path)
    assert integrity_errors(db_path, quick=True) == []
    assert integrity_errors(db_path) != []


def test_verify_runs_the_full_check_on_the_backed_up_database(db_path: Path, tmp_path: Path) -> None:
    make_office(db_path)
    _break_an_index(db_path)
    stick = tmp_path / "stick"
    stick.mkdir()
    result = make_backup(db_path, stick)  # the snapshot passes the quick check
    with pytest.raises(RestoreError, match="完整性检查"):
        verify_backup(result.path)


def test_a_sound_backup_verifies(db_path: Path, tmp_path: Path) -> None:
    make_office(db_path)
    stick = tmp_path / "stick"
    stick.mkdir()
    assert verify_backup(make_backup(db_path, stick).path).manifest.counts["groups"] == 3
