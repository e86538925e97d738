"""Moving an office between a local file and a PostgreSQL server (either way), and the server
office's backups and restores, all through one proved copy (store/transfer.py).

- ``move_office``: every table copied in one transaction and proved by count and content hash;
  the target must be empty (a new file, or an empty server database / one that only ran the
  migrations). A local office's attachment files go into the server's rows; going to a file,
  rows holding their content stay so (activity_files reads both kinds); file to file copies the folder.
- ``snapshot_server``: a consistent SQLite copy of a server office, taken in one REPEATABLE READ
  transaction: what a server office's ``.uobak`` holds, so the archive is the same portable kind.
- ``restore_to_server``: a ``.uobak`` checked and extracted as for a local restore, then moved
  onto an empty server database.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from sqlalchemy import Connection, select, update

from unionoffice.i18n import _
from unionoffice.paths import attachments_dir
from unionoffice.store.database import Database, DatabaseError, open_database, open_office
from unionoffice.store.targets import Target, shown_target
from unionoffice.store.transfer import TableProof, TransferError, copy_office

Progress = Callable[[str, int], None]


class MoveError(Exception):
    """The move was refused or failed; nothing was kept in the target. ``refused``: the target is
    not empty or the copy did not verify (exit 1); otherwise a target or source that cannot be used (2)."""

    def __init__(self, message: str, refused: bool = False, busy: bool = False) -> None:
        super().__init__(message)
        self.refused = refused
        self.busy = busy  # a window has the source file open (exit 3)


@dataclass
class MoveResult:
    source: str
    target: str
    proofs: list[TableProof]
    attachments_embedded: int = 0


def _embed_attachment_files(folder: Path) -> tuple[Callable[[Connection], None], list[int]]:
    """A ``finish`` for copy_office: each attachment still in the local folder is put into its row."""
    from unionoffice.store.models.ledgers import ActivityAttachment

    embedded: list[int] = []

    def finish(connection: Connection) -> None:
        table = ActivityAttachment.__table__
        rows = connection.execute(select(table.c.id, table.c.activity_id, table.c.stored_name, table.c.original_name)
                                  .where(table.c.content.is_(None))).all()
        for attachment_id, activity_id, stored_name, original_name in rows:
            path = folder / "activities" / str(activity_id) / stored_name
            try:
                content = path.read_bytes()
            except OSError as exc:
                raise TransferError(_("The attachment {name} of activity {activity} cannot be read ({error}); "
                                      "nothing was moved.").format(name=original_name, activity=activity_id,
                                                                   error=exc)) from exc
            connection.execute(update(table).where(table.c.id == attachment_id).values(content=content))
            embedded.append(attachment_id)

    return finish, embedded


def _open_target(target: Target, *, create: bool) -> Database:
    try:
        if isinstance(target, Path):
            return open_database(target, create=create)
        return open_office(target)
    except DatabaseError as exc:
        raise MoveError(str(exc)) from exc


def move_office(source: Target, target: Target, progress: Progress | None = None) -> MoveResult:
    """Copy the office at ``source`` into the empty ``target`` (a new file is created), proved table by table."""
    if isinstance(source, Path) and isinstance(target, Path) and source.resolve() == target.resolve():
        raise MoveError(_("The source and the target are the same database."))
    if isinstance(source, Path) and not source.is_file():
        raise MoveError(_("The database file {path} does not exist.").format(path=source))
    if isinstance(source, str) and isinstance(target, str) and shown_target(source) == shown_target(target):
        raise MoveError(_("The source and the target are the same database."))
    new_file = isinstance(target, Path) and not target.exists()
    window_lock = None
    if isinstance(source, Path):  # the window keeps away while the office leaves its file
        from unionoffice.store.lock import DatabaseLock, DatabaseLocked

        try:
            window_lock = DatabaseLock(source).acquire()
        except DatabaseLocked as exc:
            raise MoveError(str(exc), busy=True) from exc
    try:
        return _move(source, target, new_file, progress)
    finally:
        if window_lock is not None:
            window_lock.release()


def _move(source: Target, target: Target, new_file: bool, progress: Progress | None) -> MoveResult:
    src = _open_target(source, create=False)
    try:
        dst = _open_target(target, create=True)
    except MoveError:
        src.close()
        raise
    embedded: list[int] = []
    finish = None
    if isinstance(source, Path) and not isinstance(target, Path):
        finish, embedded = _embed_attachment_files(attachments_dir(source))
    try:
        try:
            proofs = copy_office(src.engine, dst.engine, progress, finish=finish)
        except TransferError as exc:
            raise MoveError(str(exc), refused=True) from exc
        if isinstance(source, Path) and isinstance(target, Path) and attachments_dir(source).is_dir():
            shutil.copytree(attachments_dir(source), attachments_dir(target), dirs_exist_ok=True)
    except BaseException:
        dst.close()
        src.close()
        if new_file:
            _remove_new_file(target)  # type: ignore[arg-type]
        raise
    dst.close()
    src.close()
    return MoveResult(shown_target(source), shown_target(target), proofs, len(embedded))


def _remove_new_file(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def snapshot_server(db: Database, target: Path, progress: Progress | None = None) -> list[TableProof]:
    """Write a consistent SQLite copy of the server office ``db`` to the new file ``target``."""
    fresh = open_database(target)
    try:
        return copy_office(db.engine, fresh.engine, progress)
    except TransferError as exc:
        raise DatabaseError(str(exc)) from exc
    finally:
        fresh.close()


def make_server_backup(db: Database, target_dir: Path, *, password: str | None = None, keep: int | None = None,
                       progress=None, cancelled=None):  # type: ignore[no-untyped-def]
    """A server office's backup: the same verified ``.uobak`` as a local one, made from a snapshot
    (services.backup.make_backup does the writing, verifying and rotation). The note of the last
    backup is written on the server (the snapshot's own note goes with the temporary copy)."""
    from unionoffice.services.backup import BackupError, make_backup
    from unionoffice.services.backup_reminder import LAST_BACKUP_AT, LAST_BACKUP_TARGET
    from unionoffice.services.office import set_setting
    from unionoffice.store.temp_dirs import owned_temp_dir

    if not Path(target_dir).is_dir():
        raise BackupError(_("The backup folder {target} does not exist or is not a folder.").format(target=target_dir))
    with owned_temp_dir(Path(tempfile.gettempdir()), ".uobak-") as work:
        snapshot = work / "office.sqlite3"
        try:
            snapshot_server(db, snapshot)
        except DatabaseError as exc:
            raise BackupError(_("The server's database could not be read for the backup ({error}).").format(
                error=exc)) from exc
        result = make_backup(snapshot, Path(target_dir), password=password, keep=keep, progress=progress,
                             cancelled=cancelled)
    import datetime as dt

    with db.session() as session:
        set_setting(session, LAST_BACKUP_AT,
                    result.manifest.created_at.astimezone(dt.timezone.utc).isoformat(timespec="seconds"))
        set_setting(session, LAST_BACKUP_TARGET, str(Path(target_dir).resolve()))
    return result


def restore_to_server(archive: Path, url: str, password: str | None = None, progress: Progress | None = None) -> MoveResult:
    """Put a ``.uobak``'s office onto the empty server database at ``url`` (checked as a local restore
    is: archive, integrity, schema; upgraded if older), attachments into the rows."""
    from unionoffice.services.backup_restore import restore_backup
    from unionoffice.store.temp_dirs import owned_temp_dir

    with owned_temp_dir(Path(tempfile.gettempdir()), ".uorestore-") as folder:
        local = folder / "office.sqlite3"
        restore_backup(Path(archive), local, password)
        return move_office(local, url, progress)
