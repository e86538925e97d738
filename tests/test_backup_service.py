"""Making backups: verified archives, failures on the target, rotation, the reminder settings."""

from __future__ import annotations

import datetime as dt
import errno
import io
import os
import re
from pathlib import Path

import pytest
from backup_support import group_names, make_office

from unionoffice.io.archive import ArchiveReader
from unionoffice.paths import local_backups_dir
from unionoffice.services import backup as backup_service
from unionoffice.services.backup import BackupError, Stage, auto_local_backup, make_backup, make_local_backup
from unionoffice.services.backup_reminder import backup_reminder_due, days_since_last_backup
from unionoffice.services.backup_rotation import list_backups, rotate
from unionoffice.services.office import get_setting, set_setting
from unionoffice.store.database import open_database


@pytest.fixture
def office(db_path: Path) -> Path:
    return make_office(db_path)


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    folder = tmp_path / "stick"
    folder.mkdir()
    return folder


def _settings(db_path: Path, key: str) -> str:
    db = open_database(db_path)
    try:
        with db.session() as session:
            return get_setting(session, key)
    finally:
        db.close()


def test_backup_is_named_after_the_office_and_the_time(office, stick):
    result = make_backup(office, stick)
    assert re.fullmatch(r"工会数据备份-示例公司工会-\d{8}-\d{4}\.uobak", result.path.name)
    assert list(stick.iterdir()) == [result.path]


def test_backup_holds_database_attachments_and_counts(office, stick, tmp_path):
    result = make_backup(office, stick)
    with result.path.open("rb") as fh, ArchiveReader(fh) as reader:
        reader.verify()
        assert reader.manifest.counts["groups"] == 3
        assert reader.manifest.office_name == "示例公司工会"
        assert sorted(reader.manifest.files) == ["attachments/notes.txt", "attachments/photos/合影.jpg", "database.sqlite3"]
        reader.extract("database.sqlite3", tmp_path / "copy.sqlite3")
    assert group_names(tmp_path / "copy.sqlite3") == ["小组1", "小组2", "小组3"]


def test_backup_is_taken_while_the_database_is_open_with_uncheckpointed_changes(office, stick, tmp_path):
    db = open_database(office)
    try:
        with db.session() as session:
            from unionoffice.services.office import add_group

            add_group(session, "刚加的小组")
        assert office.with_name(office.name + "-wal").stat().st_size > 0
        result = make_backup(office, stick)
    finally:
        db.close()
    with result.path.open("rb") as fh, ArchiveReader(fh) as reader:
        reader.extract("database.sqlite3", tmp_path / "copy.sqlite3")
    assert "刚加的小组" in group_names(tmp_path / "copy.sqlite3")


def test_encrypted_backup_needs_its_password(office, stick):
    result = make_backup(office, stick, password="机密123")
    with result.path.open("rb") as fh:
        assert ArchiveReader(fh, "机密123").manifest.encrypted


def test_progress_reports_every_stage(office, stick):
    seen = []
    make_backup(office, stick, progress=lambda stage, done, total: seen.append((stage, done, total)))
    assert {s for s, _d, _t in seen} == {Stage.SNAPSHOT, Stage.WRITE, Stage.VERIFY}
    last_write = [(d, t) for s, d, t in seen if s is Stage.WRITE][-1]
    assert last_write[0] == last_write[1] > 0


def test_cancelled_backup_leaves_no_file(office, stick):
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(backup_service.BackupCancelled):
        make_backup(office, stick, cancelled=cancelled)
    assert list(stick.iterdir()) == []


class _FailingFile(io.FileIO):
    """A target file whose writes fail once ``limit`` bytes are written (a full or pulled stick)."""

    limit = 0
    error = errno.ENOSPC

    def write(self, data):  # noqa: ANN001
        if self.tell() + len(data) > self.limit:
            raise OSError(self.error, os.strerror(self.error))
        return super().write(data)


def _failing_target(monkeypatch, limit: int, error: int) -> None:
    def open_part(path: Path):  # noqa: ANN202
        handle = _FailingFile(path, "xb")
        handle.limit, handle.error = limit, error
        return handle

    monkeypatch.setattr(backup_service, "_open_part", open_part)


def test_full_target_leaves_no_backup_and_says_so(office, stick, monkeypatch):
    _failing_target(monkeypatch, limit=1000, error=errno.ENOSPC)
    with pytest.raises(BackupError, match="已满"):
        make_backup(office, stick)
    assert list(stick.iterdir()) == []


def test_pulled_stick_mid_write_leaves_nothing_that_looks_like_a_backup(office, stick, monkeypatch):
    _failing_target(monkeypatch, limit=3000, error=errno.EIO)
    with pytest.raises(BackupError, match="拔出"):
        make_backup(office, stick)
    assert [p for p in stick.iterdir() if p.suffix == ".uobak"] == []


def test_failed_backup_keeps_the_older_backups(office, stick, monkeypatch):
    older = [make_backup(office, stick, keep=5).path for _ in range(2)]
    _failing_target(monkeypatch, limit=1000, error=errno.ENOSPC)
    with pytest.raises(BackupError):
        make_backup(office, stick, keep=1)
    assert sorted(stick.iterdir()) == sorted(older)


def test_backup_that_does_not_verify_is_deleted_and_old_ones_kept(office, stick, monkeypatch):
    first = make_backup(office, stick).path
    real_sha = backup_service.ArchiveWriter.add_file

    def corrupting_add_file(self, name, source, progress=None):  # noqa: ANN001
        real_sha(self, name, source, progress)
        self.files[name] = dict(self.files[name], sha256="0" * 64)

    monkeypatch.setattr(backup_service.ArchiveWriter, "add_file", corrupting_add_file)
    with pytest.raises(BackupError) as caught:
        make_backup(office, stick, keep=1)
    assert caught.value.rejected
    assert list(stick.iterdir()) == [first]


def test_keep_deletes_the_oldest_beyond_n(office, stick):
    made = [make_backup(office, stick, keep=10).path for _ in range(4)]
    result = make_backup(office, stick, keep=2)
    assert sorted(result.deleted) == sorted(made[:3])
    assert sorted(stick.iterdir()) == sorted([made[3], result.path])


def test_rotation_leaves_files_merely_named_like_backups_alone(tmp_path):
    (tmp_path / "工作总结.docx").write_bytes(b"doc")
    for day in (1, 2, 3):
        (tmp_path / f"工会数据备份-X-2026010{day}-0800.uobak").write_bytes(b"b")
    assert rotate(tmp_path, keep=1, office_id="0" * 32) == []
    assert rotate(tmp_path, keep=1) == []
    assert len(list(tmp_path.iterdir())) == 4


def test_two_backups_in_one_minute_get_distinct_names(office, stick):
    first = make_backup(office, stick).path
    second = make_backup(office, stick).path
    assert first != second and first.exists() and second.exists()
    assert list_backups(stick)[0] == second


def test_backup_to_a_stick_records_date_and_target(office, stick):
    result = make_backup(office, stick)
    recorded = dt.datetime.fromisoformat(_settings(office, "last_backup_at"))
    assert abs((recorded - result.manifest.created_at).total_seconds()) < 1
    assert _settings(office, "last_backup_target") == str(stick.resolve())


def test_local_backup_does_not_count_as_a_backup_to_a_stick(office):
    result = make_local_backup(office)
    assert result.path.parent == local_backups_dir(office)
    assert _settings(office, "last_backup_at") == ""


def test_missing_target_folder_is_refused(office, tmp_path):
    with pytest.raises(BackupError, match="不存在"):
        make_backup(office, tmp_path / "no-such-stick")


def test_auto_local_backup_skips_when_a_recent_one_exists(office):
    first = auto_local_backup(office, keep=3)
    assert first is not None
    assert auto_local_backup(office, keep=3) is None
    assert auto_local_backup(office, keep=3, min_interval=dt.timedelta(0)) is not None


def test_auto_local_backup_keeps_n(office):
    for _ in range(4):
        auto_local_backup(office, keep=2, min_interval=dt.timedelta(0))
    assert len(list_backups(local_backups_dir(office))) == 2


def test_days_since_last_backup(session):
    assert days_since_last_backup(session) is None
    set_setting(session, "last_backup_at", "2026-06-01T10:00:00+00:00")
    assert days_since_last_backup(session, today=dt.date(2026, 6, 11)) == 10


def test_reminder_after_the_configured_days(session):
    set_setting(session, "last_backup_at", "2026-06-01T10:00:00+00:00")
    assert not backup_reminder_due(session, today=dt.date(2026, 6, 7))
    assert backup_reminder_due(session, today=dt.date(2026, 6, 8))
    set_setting(session, "backup_reminder_days", "30")
    assert not backup_reminder_due(session, today=dt.date(2026, 6, 8))


def test_reminder_when_never_backed_up(session):
    assert backup_reminder_due(session, today=dt.date(2026, 6, 8))


def test_a_database_that_fails_its_integrity_check_is_not_backed_up(office, stick, monkeypatch):
    monkeypatch.setattr(backup_service, "integrity_errors", lambda path, quick=False: ["row 7 missing from index ix_members_name"])
    with pytest.raises(BackupError, match="完整性检查"):
        make_backup(office, stick)
    assert list(stick.iterdir()) == []
