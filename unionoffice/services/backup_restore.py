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
    integrity_errors,
    make_local_backup,
)
from unionoffice.services.backup_reminder import record_last_backup
from unionoffice.store import migrate
from unionoffice.store.database import DatabaseError, open_database, read_schema_version
from unionoffice.store.lock import DatabaseLock, DatabaseLocked


class RestoreError(Exception):
    """A restore that was refused or failed; the message is for the user."""

    def __init__(self, message: str, rejected: bool = True) -> None:
        super().__init__(message)
        self.rejected = rejected  # True: the archive was refused; False: the target was the problem


@dataclass
class BackupInfo:
    path: Path
    size: int
    encrypted: bool
    manifest: Manifest

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
        fh = Path(path).open("rb")
    except OSError as exc:
        raise RestoreError(_("The backup file {path} cannot be read ({error}).").format(path=path, error=os_error_text(exc)), rejected=False) from exc
    try:
        return fh, ArchiveReader(fh, password)
    except ArchiveError as exc:
        fh.close()
        raise RestoreError(str(exc)) from exc
    except BaseException:
        fh.close()
        raise


def inspect_backup(path: Path, password: str | None = None) -> BackupInfo:
    """What an archive holds (date, office, counts, versions), read from its manifest only."""
    fh, reader = _open(path, password)
    with fh, reader:
        return BackupInfo(Path(path), Path(path).stat().st_size, reader.encrypted, reader.manifest)


def verify_backup(path: Path, password: str | None = None, progress: ProgressFn | None = None) -> BackupInfo:
    """Read an archive completely and check every hash and its database's integrity."""
    from tempfile import TemporaryDirectory

    from unionoffice.services.backup import verify_file

    info = inspect_backup(path, password)
    with TemporaryDirectory(prefix="uobak-verify-") as tmp:
        try:
            step = ProgressCounter(progress, None)
            step.start(Stage.VERIFY, info.manifest.total_size * 2)  # read, then the database again
            verify_file(Path(path), password, Path(tmp), step)
        except ArchiveError as exc:
            raise RestoreError(str(exc)) from exc
        except OSError as exc:
            raise RestoreError(_("The backup file {path} cannot be read ({error}).").format(path=path, error=os_error_text(exc)), rejected=False) from exc
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
    """Fold the WAL into the old file and remove WAL/journal files, so none is replayed later."""
    with contextlib.suppress(sqlite3.Error):
        with contextlib.closing(sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=rw", uri=True)) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for suffix in ("-wal", "-shm", "-journal"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)


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
    elsewhere is refused. Raises RestoreError; on refusal nothing was changed.
    """
    archive, db_path = Path(archive), Path(db_path)
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
                raise RestoreError(str(exc), rejected=False) from exc
        try:
            result = _restore(reader, manifest, db_path, ProgressCounter(progress, None))
            _note_the_archive_as_last_backup(archive, db_path, manifest)
            return result
        finally:
            if own_lock:
                lock.release()


def _restore(reader: ArchiveReader, manifest: Manifest, db_path: Path, step: ProgressCounter) -> RestoreResult:
    db_tmp = db_path.with_name(db_path.name + ".restore-tmp")
    attachments = attachments_dir(db_path)
    att_tmp = attachments.with_name(attachments.name + ".restore-tmp")
    att_old = attachments.with_name(attachments.name + ".before-restore")
    for leftover in (db_tmp, att_tmp, att_old):
        _remove(leftover)
    try:
        try:
            db_path.parent.mkdir(parents=True, exist_ok=True)
            step.start(Stage.VERIFY, manifest.total_size)
            reader.verify(step)
            step.start(Stage.WRITE, manifest.total_size)
            reader.extract(DATABASE_NAME, db_tmp, step)
            problems = integrity_errors(db_tmp)
            if problems:
                raise ArchiveError(_("The database inside the backup failed its integrity check: {problems}").format(problems="; ".join(problems[:3])))
            if read_schema_version(db_tmp) != manifest.schema_version:
                raise ArchiveError(_("The backup's contents do not match its description."))
            reader.extract_attachments(att_tmp, step)
        except (ArchiveError, DatabaseError) as exc:
            raise RestoreError(str(exc)) from exc
        except OSError as exc:
            raise RestoreError(_("Restoring failed before anything was changed ({error}).").format(error=os_error_text(exc)), rejected=False) from exc
        try:
            safety = _safety_copy(db_path)
        except OSError as exc:
            raise RestoreError(
                _("The current data could not be saved first ({error}), so nothing was changed.").format(error=os_error_text(exc)),
                rejected=False,
            ) from exc
        # From here on the live files change.
        _retire_journal(db_path)
        os.replace(db_tmp, db_path)
        if attachments.exists():
            os.replace(attachments, att_old)
        os.replace(att_tmp, attachments)
        _remove(att_old)
    finally:
        _remove(db_tmp)
        _remove(att_tmp)
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
    return RestoreResult(manifest, safety, db.upgraded_from, db.pre_upgrade_copy)


def _note_the_archive_as_last_backup(archive: Path, db_path: Path, manifest: Manifest) -> None:
    """The data restored from a stick or folder was backed up there when the archive was made: the
    reminder, the status bar and the start page say so (the database itself was copied before that
    note was written). An archive from the local backups folder says nothing about the stick."""
    if archive.resolve().parent == local_backups_dir(db_path).resolve():
        return
    record_last_backup(db_path, archive.parent, manifest.created_at, only_if_newer=True)
