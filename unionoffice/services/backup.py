"""Making backups: a verified archive on a stick or in a folder, and the local automatic backup.

A backup is written to ``<name>.uobak.part`` on the target, flushed and fsynced, read back and
checked, and only then renamed to its final name. Whatever fails on the way (a full or pulled
stick), no ``.uobak`` file is left that looks like a good backup, and the error says so. Older
backups in the folder are deleted (keep the newest N) only after the new one verified.

What "verified" means: the snapshot passed ``PRAGMA quick_check``, and reading the written
file back authenticated every frame and reproduced the SHA-256 of every member, the database's
included, as hashed from that checked snapshot. So the database in the archive is byte for byte
one that passed the check (which is what checking an extracted copy would prove), without
writing it out a third time. The check runs in a thread while the archive is written, and the
password's key is derived while the snapshot is taken (benchmarks/bench_backup.py compares a
backup with a bare copy). ``verify_file`` (the `verify` command, restore) extracts the
database and runs the full ``PRAGMA integrity_check`` on that copy (indexes against tables too).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import sqlite3
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Callable

from unionoffice import __version__
from unionoffice.i18n import _, os_error_text
from unionoffice.io.archive import DATABASE_NAME, ArchiveReader, ArchiveWriter, Manifest, attachment_files
from unionoffice.io.archive_stream import ArchiveError, ArchiveKey
from unionoffice.paths import APP_NAME, attachments_dir, local_backups_dir
from unionoffice.services.backup_rotation import DEFAULT_KEEP, archive_path, list_backups, parse_keep, rotate
from unionoffice.services.backup_reminder import record_last_backup
from unionoffice.store.sqlite_paths import connect_existing, connect_readonly, is_writable
from unionoffice.store.temp_dirs import owned_temp_dir
from unionoffice.store.writer_lock import WriterLock

KEEP_SETTING = "backup_keep"
LOCAL_KEEP_SETTING = "local_backup_keep"


class BackupError(Exception):
    """A backup that was not made; the message is for the user."""

    def __init__(self, message: str, rejected: bool = False) -> None:
        super().__init__(message)
        self.rejected = rejected  # True: the written archive failed verification


class BackupCancelled(BackupError):
    pass


class Stage(str, Enum):
    SNAPSHOT = "snapshot"
    WRITE = "write"
    VERIFY = "verify"


# progress(stage, done, total): bytes within the stage.
ProgressFn = Callable[[Stage, int, int], None]


@dataclass
class BackupResult:
    path: Path
    manifest: Manifest
    size: int
    deleted: list[Path] = field(default_factory=list)


class ProgressCounter:
    """Adds up bytes per stage for the caller's callback, and raises when cancelled."""

    def __init__(self, report: ProgressFn | None, cancelled: Callable[[], bool] | None) -> None:
        self._report, self._cancelled = report, cancelled
        self.stage, self.done, self.total = Stage.SNAPSHOT, 0, 0

    def start(self, stage: Stage, total: int) -> None:
        self.stage, self.done, self.total = stage, 0, total
        self(0)

    def __call__(self, amount: int) -> None:
        if self._cancelled is not None and self._cancelled():
            raise BackupCancelled(_("The backup was cancelled; no backup file was made."))
        self.done += amount
        if self._report is not None:
            self._report(self.stage, min(self.done, self.total), self.total)


def _connect(path: Path, mode: str = "rw") -> sqlite3.Connection:
    """A plain connection that never creates a missing file."""
    return connect_readonly(path) if mode == "ro" else connect_existing(path)


def snapshot_database(db_path: Path, target: Path) -> None:
    """A consistent copy through SQLite's online backup API while the program keeps running."""
    if not db_path.is_file():
        raise BackupError(_("The database file {path} does not exist.").format(path=db_path))
    # A write-protected database (file or folder) is read read-only: backing it up changes nothing.
    mode = "rw" if is_writable(db_path) else "ro"
    try:
        with contextlib.closing(_connect(db_path, mode)) as src, contextlib.closing(sqlite3.connect(target)) as dst:
            src.backup(dst)
            # A plain rollback-journal file: the snapshot stands alone, without -wal/-shm files.
            dst.execute("PRAGMA journal_mode = DELETE")
    except sqlite3.Error as exc:
        raise BackupError(_("The database could not be read for the backup ({error}).").format(error=exc)) from exc


def integrity_errors(path: Path, quick: bool = False) -> list[str]:
    """What ``PRAGMA integrity_check`` reports (empty when the file is sound).

    ``quick``: ``PRAGMA quick_check`` instead, which checks every page, record and constraint but
    not that each index matches its table (a third of the time): what a backup runs on its
    snapshot. `verify` and restore run the full check on the database extracted from the archive.
    """
    pragma = "quick_check" if quick else "integrity_check"
    try:
        with contextlib.closing(_connect(path, "ro")) as conn:
            # A large page cache and memory-mapped reads: the check revisits index pages often
            # (about a fifth faster on the large demo office).
            conn.execute("PRAGMA cache_size = -262144")
            conn.execute("PRAGMA mmap_size = 1073741824")
            rows = [row[0] for row in conn.execute(f"PRAGMA {pragma}")]
    except sqlite3.Error as exc:
        return [str(exc)]
    return [] if rows == ["ok"] else rows


def _describe(snapshot: Path) -> Manifest:
    with contextlib.closing(_connect(snapshot, "ro")) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        counts = {
            name: conn.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]
            for name in tables
            if name != "alembic_version" and not name.startswith("sqlite_")
        }
        version = conn.execute("SELECT version_num FROM alembic_version").fetchone() if "alembic_version" in tables else None
        office = conn.execute("SELECT value FROM settings WHERE key = 'union_name'").fetchone() if "settings" in tables else None
        office_id = conn.execute("SELECT value FROM settings WHERE key = 'office_id'").fetchone() if "settings" in tables else None
    if version is None:
        raise BackupError(_("{path} is not a UnionOffice database file.").format(path=snapshot))
    return Manifest(
        program=APP_NAME,
        program_version=__version__,
        schema_version=int(version[0]),
        created_at=dt.datetime.now(dt.timezone.utc),
        office_name=office[0] if office else "",
        counts=counts,
        office_id=office_id[0] if office_id else "",
    )


def _write_failed(target: Path, exc: OSError) -> BackupError:
    if exc.errno == errno.ENOSPC:
        message = _("The target {target} is full. No usable backup was made there; free some space or use another stick.")
    else:
        message = _(
            "Writing to {target} failed ({error}); the stick may have been removed. "
            "No usable backup was made there."
        )
    return BackupError(message.format(target=target, error=os_error_text(exc)))


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows has no directory handles to sync; MoveFileEx is durable enough there.
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _drop_cache(fh) -> None:  # noqa: ANN001
    """Ask the OS to forget the cached pages, so the read-back reads the medium (Linux only)."""
    if hasattr(os, "posix_fadvise"):
        with contextlib.suppress(OSError):
            os.posix_fadvise(fh.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)


def verify_file(
    path: Path,
    password: str | None,
    workdir: Path,
    progress: Callable[[int], None] | None = None,
) -> tuple[Manifest, dict[str, int]]:
    """Read an archive completely, extract its database and check it as restore would.

    Returns the manifest and the row counts found in the database itself."""
    from unionoffice.services.backup_checks import check_extracted_database, check_free_space

    with path.open("rb") as fh, ArchiveReader(fh, password) as reader:
        check_free_space(workdir, reader.manifest.files[DATABASE_NAME]["size"])
        extracted = workdir / f"verify-{DATABASE_NAME}"
        reader.extract(DATABASE_NAME, extracted, progress)  # checks its size and hash
        reader.verify(progress, skip=(DATABASE_NAME,))
        try:
            checked = check_extracted_database(extracted, reader.manifest)
        finally:
            for suffix in ("", "-wal", "-shm", "-journal"):
                extracted.with_name(extracted.name + suffix).unlink(missing_ok=True)
        return reader.manifest, checked.counts


def _read_back(path: Path, key: ArchiveKey | None, progress: Callable[[int], None]) -> Manifest:
    """Every frame and every member's hash, read from the medium (see the module docstring)."""
    with path.open("rb") as fh, ArchiveReader(fh, None, key) as reader:
        reader.verify(progress)
        return reader.manifest


def make_backup(
    db_path: Path,
    target_dir: Path,
    *,
    password: str | None = None,
    keep: int | None = None,
    progress: ProgressFn | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> BackupResult:
    """Back up the database and its attachments into ``target_dir``; returns the verified file.

    ``keep``: how many backups to keep in the folder (default: the ``backup_keep`` setting, or
    the ``local_backup_keep`` one for the local folder). Raises BackupError.
    """
    db_path = Path(db_path)
    target_dir = Path(target_dir)
    local = _is_local_target(db_path, target_dir)
    if local:
        target_dir.mkdir(parents=True, exist_ok=True)
    if not target_dir.is_dir():
        raise BackupError(_("The backup folder {target} does not exist or is not a folder.").format(target=target_dir))
    step = ProgressCounter(progress, cancelled)
    # Held to the end: a restore may not swap the database while its snapshot is taken.
    snapshot_parent = db_path.parent if os.access(db_path.parent, os.W_OK) else Path(tempfile.gettempdir())
    with WriterLock(db_path).shared(), owned_temp_dir(snapshot_parent, ".uobak-") as workdir, ThreadPoolExecutor(2) as pool:
        snapshot = workdir / DATABASE_NAME
        key_job = pool.submit(ArchiveKey.new, password) if password else None
        step.start(Stage.SNAPSHOT, 1)
        snapshot_database(db_path, snapshot)
        step(1)
        check_job = pool.submit(integrity_errors, snapshot, quick=True)
        manifest = _describe(snapshot)
        final = archive_path(target_dir, manifest.office_name, dt.datetime.now())
        part = final.with_name(final.name + ".part")
        attachments = attachment_files(attachments_dir(db_path))
        step.start(Stage.WRITE, snapshot.stat().st_size + sum(p.stat().st_size for _n, p in attachments))
        try:
            key = key_job.result() if key_job is not None else None
            with _open_part(part) as fh:
                writer = ArchiveWriter(fh, key, office_id=manifest.office_id)
                writer.add_file(DATABASE_NAME, snapshot, step)
                for name, source in attachments:
                    writer.add_file(name, source, step)
                writer.finish(manifest)
                fh.flush()
                os.fsync(fh.fileno())
                _drop_cache(fh)
            step.start(Stage.VERIFY, manifest.total_size)
            written = _read_back(part, key, step)
            if written.files != manifest.files:
                raise ArchiveError(_("The backup read back differs from what was written."))
            problems = check_job.result()
            if problems:
                raise BackupError(
                    _("The database failed its integrity check, so no backup was made: {problems}").format(
                        problems="; ".join(problems[:3])
                    )
                )
            os.replace(part, final)
            _fsync_dir(target_dir)
        except OSError as exc:
            _remove_quietly(part)
            raise _write_failed(target_dir, exc) from exc
        except ArchiveError as exc:
            _remove_quietly(part)
            raise BackupError(
                _("The backup written to {target} did not verify, so it was deleted: {error}").format(target=target_dir, error=exc),
                rejected=True,
            ) from exc
        except BaseException:
            _remove_quietly(part)
            raise
    if keep is None:
        keep = parse_keep(_read_setting(db_path, LOCAL_KEEP_SETTING if local else KEEP_SETTING))
    deleted = rotate(target_dir, keep, protect=final, office_id=manifest.office_id)
    if not local:
        record_last_backup(db_path, target_dir, manifest.created_at)
    return BackupResult(path=final, manifest=manifest, size=final.stat().st_size, deleted=deleted)


def _open_part(path: Path):  # noqa: ANN202 - a seam: tests put a failing file here
    return path.open("xb")


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def _is_local_target(db_path: Path, target_dir: Path) -> bool:
    return target_dir.resolve() == local_backups_dir(db_path.resolve()).resolve()


def _read_setting(db_path: Path, key: str) -> str:
    try:
        with contextlib.closing(_connect(db_path, "ro")) as conn:
            row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    except sqlite3.Error:
        return ""
    return row[0] if row else ""


# --- the local automatic backup ---------------------------------------------------------------

def make_local_backup(db_path: Path, keep: int | None = None) -> BackupResult:
    """An unencrypted backup into the data folder's ``backups/`` (kept: ``local_backup_keep``)."""
    return make_backup(db_path, local_backups_dir(Path(db_path)), keep=keep)


def auto_local_backup(
    db_path: Path, keep: int | None = None, min_interval: dt.timedelta = dt.timedelta(hours=20)
) -> BackupResult | None:
    """The GUI calls this on exit and once a day: a local backup unless a recent one exists."""
    db_path = Path(db_path)
    if not db_path.is_file():
        return None
    newest = list_backups(local_backups_dir(db_path))
    if newest:
        age = dt.datetime.now().timestamp() - newest[0].stat().st_mtime
        if 0 <= age < min_interval.total_seconds():
            return None
    return make_local_backup(db_path, keep)


__all__ = [
    "BackupCancelled", "BackupError", "BackupResult", "DEFAULT_KEEP", "Stage", "auto_local_backup",
    "integrity_errors", "make_backup", "make_local_backup", "snapshot_database", "verify_file",
]
