"""Restore and verify trust nothing in an archive: every check before the swap, the same in verify."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from backup_support import fingerprint, group_names, make_office
from reliability_support import cli, crafted_archive

from unionoffice.io import archive_stream
from unionoffice.io.archive import Manifest
from unionoffice.services import backup_checks
from unionoffice.services.backup import make_backup
from unionoffice.services.backup_restore import RestoreError, restore_backup, verify_backup
from unionoffice.store.database import DatabaseError, open_database
from unionoffice.store.temp_dirs import owned_temp_dir


@pytest.fixture
def office(db_path: Path) -> Path:
    return make_office(db_path)


def _refused(archive: Path, office: Path, expected: str) -> None:
    before = fingerprint(office)
    with pytest.raises(RestoreError) as caught:
        restore_backup(archive, office)
    assert expected in str(caught.value)
    assert fingerprint(office) == before
    assert not [p for p in office.parent.iterdir() if p.name.startswith(".uorestore-")]
    result = cli("verify", str(archive))
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("sql, name", [
    ("CREATE TRIGGER tamper AFTER INSERT ON members BEGIN UPDATE members SET notes = 'TAMPERED'; END;", "trigger tamper"),
    ("CREATE VIEW people AS SELECT * FROM members;", "view people"),
    ("CREATE TABLE extra (x);", "table extra"),
    ("CREATE INDEX ix_extra ON groups (name);", "index ix_extra"),
])
def test_an_archive_database_with_foreign_schema_objects_is_refused_by_name(office, tmp_path, sql, name):
    _refused(crafted_archive(tmp_path / "bad.uobak", office, sql=sql), office, name)


def test_an_archive_database_missing_a_table_is_refused_before_the_swap(office, tmp_path):
    _refused(crafted_archive(tmp_path / "bad.uobak", office, sql="DROP TABLE report_drafts;"), office, "report_drafts")


def test_opening_a_live_database_with_a_trigger_is_refused(office):
    import sqlite3

    with sqlite3.connect(office) as conn:
        conn.execute("CREATE TRIGGER t AFTER INSERT ON groups BEGIN SELECT 1; END;")
    with pytest.raises(DatabaseError, match="trigger t"):
        open_database(office)


@pytest.mark.parametrize("when", [dt.datetime(9999, 12, 31, 23, tzinfo=dt.timezone.utc),
                                  dt.datetime(1, 1, 1, tzinfo=dt.timezone.utc)])
def test_crafted_manifest_dates_are_refused_before_anything(office, tmp_path, when):
    archive = crafted_archive(tmp_path / "date.uobak", office, manifest={"created_at": when})
    _refused(archive, office, "清单")


def test_a_manifest_date_of_year_zero_is_refused(office, tmp_path, monkeypatch):
    real = Manifest.to_json
    monkeypatch.setattr(Manifest, "to_json", lambda self: real(self).replace(
        self.created_at.isoformat().encode(), b"0000-01-01T00:00:00+00:00"))
    archive = crafted_archive(tmp_path / "zero.uobak", office)
    monkeypatch.setattr(Manifest, "to_json", real)
    _refused(archive, office, "损坏")


def test_hostile_scrypt_parameters_are_refused_at_once(office, tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    archive = make_backup(office, stick, password="口令").path
    data = bytearray(archive.read_bytes())
    prefix_size = archive_stream._PREFIX.size
    _magic, version, length = archive_stream._PREFIX.unpack(bytes(data[:prefix_size]))
    header = json.loads(data[prefix_size:prefix_size + length])
    header["kdf"]["p"] = 2**20
    body = json.dumps(header, sort_keys=True).encode()
    prefix = archive_stream._PREFIX.pack(archive_stream.MAGIC, version, len(body))
    rest = data[prefix_size + length + 32:]
    archive.write_bytes(prefix + body + hashlib.sha256(prefix + body).digest() + rest)
    started = time.monotonic()
    with pytest.raises(RestoreError, match="密钥参数"):
        verify_backup(archive, "口令")
    assert time.monotonic() - started < 5


def test_restore_checks_free_space_before_writing(office, tmp_path, monkeypatch):
    stick = tmp_path / "stick"
    stick.mkdir()
    archive = make_backup(office, stick).path
    monkeypatch.setattr(backup_checks.shutil, "disk_usage", lambda _p: SimpleNamespace(free=1024))
    before = fingerprint(office)
    with pytest.raises(RestoreError, match="剩余空间不足"):
        restore_backup(archive, office)
    assert fingerprint(office) == before


def test_verify_prints_the_counts_found_in_the_database_not_the_manifest(office, tmp_path):
    archive = crafted_archive(tmp_path / "lies.uobak", office, manifest={"counts": {"groups": 999, "members": 12345}})
    result = cli("verify", str(archive))
    assert result.returncode == 0, result.stderr
    lines = {line.split()[0]: line.split()[1] for line in result.stdout.splitlines() if line.startswith("  ")}
    assert lines["groups"] == "3" and lines["members"] == "0"


def test_verify_never_prints_terminal_escapes_from_a_manifest(office, tmp_path):
    archive = crafted_archive(tmp_path / "esc.uobak", office, manifest={"office_name": "\x1b[2J\x1b]0;owned\x07工会\u202e"})
    result = cli("verify", str(archive))
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout and "\u202e" not in result.stdout
    assert "工会" in result.stdout


def test_restore_onto_an_existing_file_that_is_not_a_database_is_refused(office, tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    archive = make_backup(office, stick).path
    victim = tmp_path / "hosts"
    victim.write_text("127.0.0.1 localhost\n")
    result = cli("restore", str(archive), "--db", str(victim))
    assert result.returncode == 2, result.stderr
    assert "不是工会办公助手的数据库" in result.stderr
    assert victim.read_text() == "127.0.0.1 localhost\n"


def test_restore_of_a_good_archive_still_works_and_keeps_the_previous_data(office, tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    archive = make_backup(office, stick).path
    result = restore_backup(archive, office)
    assert group_names(office) == ["小组1", "小组2", "小组3"]
    assert result.safety_copy is not None and result.safety_copy.exists()


def test_a_plaintext_snapshot_left_by_a_killed_backup_is_removed_at_the_next_start(office):
    # A folder exactly as a killed backup leaves it: its owner lock died with the process.
    left = office.parent / ".uobak-killed"
    left.mkdir()
    (left / "database.sqlite3").write_bytes(office.read_bytes())
    (left / ".owner").write_bytes(b"")
    with owned_temp_dir(office.parent, ".uobak-") as live:
        open_database(office).close()
        assert live.exists()  # a running backup's folder is left alone
    assert not left.exists()


def test_a_zip_member_larger_than_the_manifest_says_is_refused(office, tmp_path, monkeypatch):
    from unionoffice.io import archive as archive_module

    real = archive_module.ArchiveWriter.finish

    def lying_finish(self, manifest):
        self.files["database.sqlite3"] = dict(self.files["database.sqlite3"], size=10)
        real(self, manifest)

    monkeypatch.setattr(archive_module.ArchiveWriter, "finish", lying_finish)
    archive = crafted_archive(tmp_path / "bomb.uobak", office)
    monkeypatch.setattr(archive_module.ArchiveWriter, "finish", real)
    _refused(archive, office, "大小不符")
