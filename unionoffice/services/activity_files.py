"""Photos and files of an activity, copied into the data folder so backups carry them.

Beside a local database file they live in ``attachments_dir(db_path)/activities/<activity id>/``;
the stored name keeps the original name (made unique), so the folder is readable without the
program. A server office (``db_path`` None) keeps them in the database row itself, so every PC
sees them; to show or open one, ``attachment_file`` writes it into this PC's cache folder.
An office moved from a server to a local file keeps such rows as they are: both kinds are read.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from unionoffice.domain.ledgers import LedgerError
from unionoffice.i18n import _
from unionoffice.paths import attachments_dir
from unionoffice.services.audit import AuditAction, record
from unionoffice.store.models.ledgers import Activity, ActivityAttachment

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp"})


MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024  # one file in the database: a photo or a document, not a film


def activity_folder(db_path: Path, activity_id: int) -> Path:
    return attachments_dir(db_path) / "activities" / str(activity_id)


def attachment_path(db_path: Path, attachment: ActivityAttachment) -> Path:
    """Where a file-folder attachment lives (see ``attachment_file`` for one that may be in the database)."""
    return activity_folder(db_path, attachment.activity_id) / attachment.stored_name


def cache_folder() -> Path:
    """This PC's copies of attachments kept in a server office's database (to show and open them)."""
    from unionoffice.paths import data_dir

    return data_dir() / "attachment-cache"


def in_database(session: Session, attachment_id: int) -> bool:
    return session.scalar(select(ActivityAttachment.content.is_not(None))
                          .where(ActivityAttachment.id == attachment_id)) or False


def attachment_file(session: Session, db_path: Path | None, attachment: ActivityAttachment) -> Path:
    """A file on this PC holding the attachment: its place in the folder, or for one kept in the
    database a copy in the cache folder (named by its content's hash: one copy per distinct file,
    whichever office it came from)."""
    if not in_database(session, attachment.id):
        if db_path is None:
            raise LedgerError(_("The file {name} is not in the server's database.").format(name=attachment.original_name))
        return attachment_path(db_path, attachment)
    content = attachment.content or b""
    folder = cache_folder() / hashlib.sha256(content).hexdigest()[:24]
    path = folder / (Path(attachment.original_name).name or "file")
    if not path.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / (path.name + ".part")
        tmp.write_bytes(content)
        tmp.replace(path)
    return path


def is_image(name: str) -> bool:
    return Path(name).suffix.lower() in IMAGE_SUFFIXES


def _unique_name(folder: Path, name: str) -> str:
    candidate, stem, suffix, number = name, Path(name).stem, Path(name).suffix, 2
    while (folder / candidate).exists():
        candidate = f"{stem}({number}){suffix}"
        number += 1
    return candidate


def add_attachment(session: Session, db_path: Path | None, activity_id: int, source: Path) -> ActivityAttachment:
    """Copy ``source`` into the activity's folder (``db_path`` None: into the database) and record it."""
    activity = session.get(Activity, activity_id)
    if activity is None:
        raise LedgerError(_("That activity no longer exists."))
    source = Path(source)
    if not source.is_file():
        raise LedgerError(_("The file {path} cannot be found.").format(path=source))
    if db_path is None:
        attachment = ActivityAttachment(activity_id=activity_id, stored_name=source.name, original_name=source.name,
                                        content=_read_for_database(source))
        session.add(attachment)
        session.flush()
        record(session, AuditAction.CREATE, "activity_attachment", attachment.id,
               _("File attached to “{title}”: {name}").format(title=activity.title, name=source.name))
        return attachment
    folder = activity_folder(db_path, activity_id)
    folder.mkdir(parents=True, exist_ok=True)
    stored = _unique_name(folder, source.name)
    try:
        shutil.copy2(source, folder / stored)
    except OSError as exc:
        raise LedgerError(_("The file {path} could not be copied ({error}).").format(path=source, error=exc)) from exc
    attachment = ActivityAttachment(activity_id=activity_id, stored_name=stored, original_name=source.name)
    session.add(attachment)
    session.flush()
    record(session, AuditAction.CREATE, "activity_attachment", attachment.id,
           _("File attached to “{title}”: {name}").format(title=activity.title, name=source.name))
    return attachment


def list_attachments(session: Session, activity_id: int) -> list[ActivityAttachment]:
    return list(session.scalars(
        select(ActivityAttachment).where(ActivityAttachment.activity_id == activity_id).order_by(ActivityAttachment.id)))


def _read_for_database(source: Path) -> bytes:
    try:
        size = source.stat().st_size
        if size > MAX_ATTACHMENT_BYTES:
            raise LedgerError(_("The file {path} is larger than {limit} MB; attach a smaller copy.").format(
                path=source, limit=MAX_ATTACHMENT_BYTES // (1024 * 1024)))
        return source.read_bytes()
    except OSError as exc:
        raise LedgerError(_("The file {path} could not be copied ({error}).").format(path=source, error=exc)) from exc


def remove_attachment(session: Session, db_path: Path | None, attachment_id: int) -> None:
    """Forget the attachment and delete its copy (the original elsewhere is untouched)."""
    attachment = session.get(ActivityAttachment, attachment_id)
    if attachment is None:
        return
    path = None if db_path is None or in_database(session, attachment_id) else attachment_path(db_path, attachment)
    record(session, AuditAction.DELETE, "activity_attachment", attachment.id,
           _("Attachment removed: {name}").format(name=attachment.original_name))
    session.delete(attachment)
    if path is not None:
        path.unlink(missing_ok=True)
