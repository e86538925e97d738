"""Looking into and restoring backups; every refusal leaves the live data byte-identical."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest
from backup_support import fingerprint, group_names, make_office

from unionoffice.io.archive import ArchiveWriter, Manifest
from unionoffice.paths import attachments_dir, local_backups_dir
from unionoffice.services.backup import make_backup
from unionoffice.services.backup_restore import RestoreError, inspect_backup, restore_backup, verify_backup
from unionoffice.services.office import add_group
from unionoffice.store import migrate
from unionoffice.store.database import open_database, read_schema_version

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def office(db_path: Path) -> Path:
    return make_office(db_path)


@pytest.fixture
def archive(office: Path, tmp_path: Path) -> Path:
    stick = tmp_path / "stick"
    stick.mkdir()
    return make_backup(office, stick, password="口令").path


def _change_live_data(db_path: Path) -> None:
    db = open_database(db_path)
    try:
        with db.session() as session:
            add_group(session, "备份之后加的小组")
    finally:
        db.close()
    folder = attachments_dir(db_path)
    (folder / "notes.txt").write_text("改过的附件", encoding="utf-8")
    (folder / "new.txt").write_text("新附件", encoding="utf-8")


def test_inspect_shows_date_office_counts_and_version(archive):
    info = inspect_backup(archive, "口令")
    assert info.encrypted
    assert info.manifest.office_name == "示例公司工会"
    assert info.manifest.counts["groups"] == 3
    assert info.manifest.schema_version == migrate.head_version()
    assert abs(info.manifest.created_at - dt.datetime.now(dt.timezone.utc)) < dt.timedelta(minutes=1)
    assert info.manifest.attachment_count == 2


def test_restore_brings_back_database_and_attachments(office, archive):
    _change_live_data(office)
    restore_backup(archive, office, "口令")
    assert group_names(office) == ["小组1", "小组2", "小组3"]
    folder = attachments_dir(office)
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "慰问记录附件"
    assert not (folder / "new.txt").exists()
    assert (folder / "photos" / "合影.jpg").exists()


def test_restore_first_backs_up_the_current_data_locally(office, archive, tmp_path):
    _change_live_data(office)
    result = restore_backup(archive, office, "口令")
    assert result.safety_copy is not None and result.safety_copy.parent == local_backups_dir(office)
    check = tmp_path / "check.sqlite3"
    restore_backup(result.safety_copy, check)
    assert "备份之后加的小组" in group_names(check)


def test_restore_leaves_no_wal_of_the_old_database(office, archive):
    db = open_database(office)  # leaves changes in the WAL until checkpointed
    with db.session() as session:
        add_group(session, "只在WAL里的小组")
    db.close()
    restore_backup(archive, office, "口令")
    assert "只在WAL里的小组" not in group_names(office)
    db = open_database(office)
    db.close()
    assert "只在WAL里的小组" not in group_names(office)


def test_restore_onto_a_new_computer_creates_the_database(archive, tmp_path):
    target = tmp_path / "newpc" / "unionoffice.sqlite3"
    result = restore_backup(archive, target, "口令")
    assert result.safety_copy is None
    assert group_names(target) == ["小组1", "小组2", "小组3"]
    assert (attachments_dir(target) / "notes.txt").exists()


def test_restore_of_an_older_schema_upgrades_it(tmp_path):
    old = tmp_path / "old" / "office.sqlite3"
    old.parent.mkdir()
    shutil.copy(DATA / "schema-v1.sqlite3", old)
    stick = tmp_path / "stick"
    stick.mkdir()
    archive = make_backup(old, stick).path
    assert inspect_backup(archive).manifest.schema_version == 1
    target = tmp_path / "office.sqlite3"
    result = restore_backup(archive, target)
    assert read_schema_version(target) == migrate.head_version()
    assert result.upgraded_from == (1 if migrate.head_version() > 1 else None)


# --- refusals: nothing changes -------------------------------------------------------------

def _assert_refused(archive: Path, office: Path, password: str | None, match: str) -> None:
    before = fingerprint(office)
    with pytest.raises(RestoreError, match=match):
        restore_backup(archive, office, password)
    assert fingerprint(office) == before
    assert not local_backups_dir(office).exists()
    leftovers = [p.name for p in office.parent.iterdir() if "restore" in p.name]
    assert leftovers == []


def test_wrong_password_is_refused_touching_nothing(office, archive):
    _assert_refused(archive, office, "不对", "密码不正确")


def test_missing_password_is_refused_touching_nothing(office, archive):
    _assert_refused(archive, office, None, "密码")


@pytest.mark.parametrize("where", [0.001, 0.05, 0.5, 0.95, 1.0])
def test_a_flipped_byte_is_refused_touching_nothing(office, archive, where):
    data = bytearray(archive.read_bytes())
    data[min(len(data) - 1, int(len(data) * where))] ^= 0x40
    archive.write_bytes(bytes(data))
    _assert_refused(archive, office, "口令", "损坏|不是|密码")


@pytest.mark.parametrize("keep", [0.3, 0.99])
def test_a_truncated_file_is_refused_touching_nothing(office, archive, keep):
    data = archive.read_bytes()
    archive.write_bytes(data[: int(len(data) * keep)])
    _assert_refused(archive, office, "口令", "损坏")


def _hostile_archive(tmp_path: Path, office: Path, member: str, schema: int | None = None) -> Path:
    """A well-formed archive (right hashes) built by hand, with one chosen extra member."""
    tmp_path = tmp_path / "hostile"
    tmp_path.mkdir()
    snapshot = tmp_path / "snap.sqlite3"
    shutil.copy(office, snapshot)
    if schema is not None:
        with sqlite3.connect(snapshot) as conn:
            conn.execute("UPDATE alembic_version SET version_num = ?", (f"{schema:04d}",))
    path = tmp_path / "hostile.uobak"
    with path.open("wb") as fh:
        writer = ArchiveWriter(fh)
        writer.add_file("database.sqlite3", snapshot)
        if member:
            writer.add_bytes(member, b"owned")
        writer.finish(Manifest("UnionOffice", "9.9", schema or migrate.head_version(), dt.datetime.now(dt.timezone.utc), "X", {}))
    return path


@pytest.mark.parametrize(
    "member", ["attachments/../../evil.txt", "../evil.txt", "/tmp/evil.txt", "C:/evil.txt", "attachments/..\\..\\evil.txt"]
)
def test_zip_slip_is_refused_touching_nothing(office, tmp_path, member):
    hostile = _hostile_archive(tmp_path, office, member)
    _assert_refused(hostile, office, None, "不安全")
    assert not (tmp_path / "evil.txt").exists()


def test_a_file_that_is_not_a_backup_is_refused_touching_nothing(office, tmp_path):
    fake = tmp_path / "工作总结.uobak"
    fake.write_bytes(b"PK\x03\x04" + b"\x00" * 2000)
    _assert_refused(fake, office, None, "不是")


def test_a_backup_from_a_newer_program_is_refused_touching_nothing(office, tmp_path):
    newer = _hostile_archive(tmp_path, office, "", schema=migrate.head_version() + 1)
    assert inspect_backup(newer).too_new
    _assert_refused(newer, office, None, "更新版本")


def test_verify_reads_everything(archive):
    info = verify_backup(archive, "口令")
    assert info.manifest.counts["groups"] == 3


def test_verify_finds_a_flipped_byte_in_the_middle(archive):
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 1
    archive.write_bytes(bytes(data))
    with pytest.raises(RestoreError, match="损坏"):
        verify_backup(archive, "口令")


def test_restore_reports_progress_up_to_the_total(office, archive):
    from unionoffice.services.backup import Stage

    seen = []
    restore_backup(archive, office, "口令", progress=lambda stage, done, total: seen.append((stage, done, total)))
    stages = {stage for stage, _d, _t in seen}
    assert stages == {Stage.VERIFY, Stage.WRITE}
    assert seen[-1][1] == seen[-1][2] > 0
