"""Looking into a backup, and restoring one over the current database.

Restore checks everything first and changes nothing until all checks passed: the archive is read
completely (every frame and hash), its database is extracted beside the target and passes
``PRAGMA integrity_check``, an archive from a newer program is refused. Then the current
database and attachments are backed up into the local backups folder, the database file is
replaced with ``os.replace`` (after its WAL is checkpointed and removed, so no stale WAL is
replayed into the new file), the attachments folder is swapped, and the result is opened with
``open_database`` so an archive from an older schema is upgraded.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from unionoffice.i18n import _, os_error_text
from unionoffice.io.archive import DATABASE_NAME, ArchiveReader, Manifest
from unionoffice.io.archive_stream import ArchiveError
from unionoffice.paths import attachments_dir, local_backups_dir
from unionoffice.services.backup import (
    BackupError,
    ProgressFn,
    Stage,
    ProgressCounter,
    make_local_backup,
)
from unionoffice.services.backup_reminder import record_last_backup
from unionoffice.store import migrate
from unionoffice.store.database import DatabaseError, open_database, read_schema_version
from unionoffice.io.safe_files import is_sqlite_file
from unionoffice.store.lock import DatabaseLock, DatabaseLocked
from unionoffice.store.sqlite_paths import UnusablePath, check_database_path, connect_existing
from unionoffice.store.temp_dirs import owned_temp_dir
from unionoffice.store.writer_lock import DatabaseInUse, WriterLock


class RestoreError(Exception):
    """A restore that was refused or failed; the message is for the user."""

    def __init__(self, message: str, rejected: bool = True, busy: bool = False) -> None:
        super().__init__(message)
        self.rejected = rejected  # True: the archive was refused; False: the target was the problem
        self.busy = busy  # the database is in use by a writer (exit code 3)


@dataclass
class BackupInfo:
    path: Path
    size: int
    encrypted: bool
    manifest: Manifest
    counts: dict[str, int] | None = None  # found in the database by verify (None: not verified)

    @property
    def too_new(self) -> bool:
        return self.manifest.schema_version > migrate.head_version()


@dataclass
class RestoreResult:
    manifest: Manifest
    safety_copy: Path | None  # the local backup of what was there before
    upgraded_from: int | None
    pre_upgrade_copy: Path | None


def _open(path: Path, password: str | None) -> tuple[object, ArchiveReader]:
    try:
        check_archive_path(Path(path))
        fh = Path(path).open("rb")
    except OSError as exc:
        raise RestoreError(_("The backup file {path} cannot be read ({error}).").format(path=path, error=os_error_text(exc)), rejected=False) from exc
    try:
        return fh, ArchiveReader(fh, password)
    except ArchiveError as exc:
        fh.close()
        raise RestoreError(str(exc)) from exc
    except OSError as exc:
        fh.close()
        raise RestoreError(_("The backup file {path} cannot be read ({error}).").format(path=path, error=os_error_text(exc)), rejected=False) from exc
    except BaseException:
        fh.close()
        raise


def inspect_backup(path: Path, password: str | None = None) -> BackupInfo:
    """What an archive holds (date, office, counts, versions), read from its manifest only."""
    fh, reader = _open(path, password)
    with fh, reader:
        return BackupInfo(Path(path), Path(path).stat().st_size, reader.encrypted, reader.manifest)


def verify_backup(path: Path, password: str | None = None, progress: ProgressFn | None = None) -> BackupInfo:
    """Read an archive completely and check it as restore would (hashes, integrity, schema objects,
    upgrade); the info's ``counts`` are those found in the database itself."""
    from unionoffice.services.backup import verify_file
    from unionoffice.services.backup_checks import NoRoom

    info = inspect_backup(path, password)
    with owned_temp_dir(Path(tempfile.gettempdir()), "uobak-verify-") as tmp:
        try:
            step = ProgressCounter(progress, None)
            step.start(Stage.VERIFY, info.manifest.total_size * 2)  # read, then the database again
            _manifest, counts = verify_file(Path(path), password, tmp, step)
        except ArchiveError as exc:
            raise RestoreError(str(exc)) from exc
        except NoRoom as exc:
            raise RestoreError(str(exc), rejected=False) from exc
        except OSError as exc:
            raise RestoreError(_("The backup file {path} cannot be read ({error}).").format(path=path, error=os_error_text(exc)), rejected=False) from exc
    info.counts = counts
    return info


def _too_new(manifest: Manifest) -> RestoreError:
    return RestoreError(
        _(
            "This backup was made by a newer version of the program (schema {found}; this program knows up to "
            "{known}). Please update the program first. Nothing was changed."
        ).format(found=manifest.schema_version, known=migrate.head_version())
    )


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)


def _safety_copy(db_path: Path) -> Path | None:
    """Back up what is there now; if the database is too damaged for that, copy its raw files."""
    if not db_path.exists():
        return None
    try:
        return make_local_backup(db_path).path
    except BackupError:
        pass
    folder = local_backups_dir(db_path) / f"before-restore-{dt.datetime.now():%Y%m%d-%H%M%S}"
    folder.mkdir(parents=True)
    for suffix in ("", "-wal", "-shm", "-journal"):
        source = db_path.with_name(db_path.name + suffix)
        if source.exists():
            shutil.copy2(source, folder / source.name)
    attachments = attachments_dir(db_path)
    if attachments.is_dir():
        shutil.copytree(attachments, folder / attachments.name)
    return folder


def _retire_journal(db_path: Path) -> None:
    """Make sure no writer is inside a transaction (SQLite-level guard beside the writers' lock),
    fold the WAL into the old file and remove WAL/journal files, so none is replayed later."""
    if not db_path.exists():
        return
    try:
        with contextlib.closing(connect_existing(db_path, timeout=0)) as conn:
            conn.isolation_level = None
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise RestoreError(str(DatabaseInUse(_(
                "The database {path} is in use by another program that writes to it; close that program "
                "or wait for it to finish, then restore again. Nothing was changed.").format(path=db_path))),
                rejected=False, busy=True) from exc
    except sqlite3.Error:
        pass  # a damaged database is what a restore is for
    for suffix in ("-wal", "-shm", "-journal"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)


def check_archive_path(path: Path) -> None:
    """A FIFO, a folder or a device as the archive: refused at once (a FIFO would hang the read)."""
    try:
        check_database_path(path)  # a missing file: open() says so
    except UnusablePath as exc:
        raise RestoreError(str(exc), rejected=False) from exc


def check_restore_target(db_path: Path) -> None:
    """Restore replaces only a database of this program (or nothing): never some other file."""
    try:
        exists = check_database_path(db_path)
    except UnusablePath as exc:
        raise RestoreError(str(exc), rejected=False) from exc
    if not exists or db_path.stat().st_size == 0:
        return
    refused = RestoreError(
        _("{path} exists and is not a UnionOffice database, so the backup was not restored over it. "
          "Choose the program's database file or a new file name.").format(path=db_path),
        rejected=False,
    )
    if not is_sqlite_file(db_path):
        raise refused
    try:
        # Read-write (without writing): a read-only connection would leave an empty -wal behind.
        with contextlib.closing(connect_existing(db_path)) as conn:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.Error:
        return  # one of ours, damaged (or read-only): restoring over it is the point
    if "alembic_version" not in tables:
        raise refused


def restore_backup(
    archive: Path,
    db_path: Path,
    password: str | None = None,
    *,
    lock: DatabaseLock | None = None,
    progress: ProgressFn | None = None,
) -> RestoreResult:
    """Replace the database at ``db_path`` (and its attachments) with the archive's contents.

    The caller must have closed its own connections. ``lock``: the caller's lock on the
    database (the GUI holds one); without it the lock is taken here, and a database in use
    elsewhere is refused. Any writer (a command-line import, a backup) makes the restore refuse
    (RestoreError with ``busy``). Raises RestoreError; on refusal nothing was changed.
    """
    archive, db_path = Path(archive), Path(db_path)
    check_restore_target(db_path)
    fh, reader = _open(archive, password)
    with fh, reader:
        manifest = reader.manifest
        if manifest.schema_version > migrate.head_version():
            raise _too_new(manifest)
        own_lock = lock is None
        if own_lock:
            try:
                lock = DatabaseLock(db_path).acquire()
            except DatabaseLocked as exc:
                raise RestoreError(str(exc), rejected=False, busy=True) from exc
        writers = WriterLock(db_path)
        try:
            try:
                writers.exclusive()
            except DatabaseInUse as exc:
                raise RestoreError(str(exc), rejected=False, busy=True) from exc
            result = _restore(reader, manifest, db_path, ProgressCounter(progress, None))
            _note_the_archive_as_last_backup(archive, db_path, manifest)
            return result
        finally:
            writers.release()
            if own_lock:
                lock.release()


def _restore(reader: ArchiveReader, manifest: Manifest, db_path: Path, step: ProgressCounter) -> RestoreResult:
    from unionoffice.services.backup_checks import NoRoom, check_extracted_database, check_free_space

    attachments = attachments_dir(db_path)
    att_old = attachments.with_name(attachments.name + ".before-restore")
    if att_old.is_dir() and not attachments.exists():
        os.replace(att_old, attachments)  # a restore killed between its two renames: put them back
    _remove(att_old)
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RestoreError(_("Restoring failed before anything was changed ({error}).").format(error=os_error_text(exc)), rejected=False) from exc
    with owned_temp_dir(db_path.parent, ".uorestore-") as work:
        db_tmp = work / db_path.name
        att_tmp = work / attachments.name
        try:
            current = _current_size(db_path)
            check_free_space(db_path.parent, manifest.total_size + current)
            step.start(Stage.VERIFY, manifest.total_size)
            reader.verify(step)
            step.start(Stage.WRITE, manifest.total_size)
            reader.extract(DATABASE_NAME, db_tmp, step)
            checked = check_extracted_database(db_tmp, manifest)
            reader.extract_attachments(att_tmp, step)
        except ArchiveError as exc:
            raise RestoreError(str(exc)) from exc
        except NoRoom as exc:
            raise RestoreError(str(exc), rejected=False) from exc
        except OSError as exc:
            raise RestoreError(_("Restoring failed before anything was changed ({error}).").format(error=os_error_text(exc)), rejected=False) from exc
        for suffix in ("-wal", "-shm", "-journal"):
            db_tmp.with_name(db_tmp.name + suffix).unlink(missing_ok=True)
        try:
            safety = _safety_copy(db_path)
        except OSError as exc:
            raise RestoreError(
                _("The current data could not be saved first ({error}), so nothing was changed.").format(error=os_error_text(exc)),
                rejected=False,
            ) from exc
        _retire_journal(db_path)
        # From here on the live files change; the new database was checked and opened above.
        os.replace(db_tmp, db_path)
        if attachments.exists():
            os.replace(attachments, att_old)
        os.replace(att_tmp, attachments)
        _remove(att_old)
    try:
        db = open_database(db_path, create=False)
    except DatabaseError as exc:
        raise RestoreError(
            _("The backup was restored but the database could not be opened ({error}). The previous data is kept at {copy}.").format(
                error=exc, copy=safety
            ),
            rejected=False,
        ) from exc
    db.close()
    return RestoreResult(manifest, safety, checked.upgraded_from, None)


def _current_size(db_path: Path) -> int:
    """Bytes the safety copy of the current data will take (database and attachments)."""
    total = 0
    for path in [db_path, *attachments_dir(db_path).rglob("*")] if attachments_dir(db_path).is_dir() else [db_path]:
        with contextlib.suppress(OSError):
            if path.is_file():
                total += path.stat().st_size
    return total


def _note_the_archive_as_last_backup(archive: Path, db_path: Path, manifest: Manifest) -> None:
    """The data restored from a stick or folder was backed up there when the archive was made: the
    reminder, the status bar and the start page say so (the database itself was copied before that
    note was written). An archive from the local backups folder says nothing about the stick."""
    if archive.resolve().parent == local_backups_dir(db_path).resolve():
        return
    record_last_backup(db_path, archive.parent, manifest.created_at, only_if_newer=True)
