"""Photos and files of an activity, copied into the data folder so backups carry them.

They live in ``attachments_dir(db_path)/activities/<activity id>/``; the stored name keeps the
original name (made unique), so the folder is readable without the program.
"""

from __future__ import annotations

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


def activity_folder(db_path: Path, activity_id: int) -> Path:
    return attachments_dir(db_path) / "activities" / str(activity_id)


def attachment_path(db_path: Path, attachment: ActivityAttachment) -> Path:
    return activity_folder(db_path, attachment.activity_id) / attachment.stored_name


def is_image(name: str) -> bool:
    return Path(name).suffix.lower() in IMAGE_SUFFIXES


def _unique_name(folder: Path, name: str) -> str:
    candidate, stem, suffix, number = name, Path(name).stem, Path(name).suffix, 2
    while (folder / candidate).exists():
        candidate = f"{stem}({number}){suffix}"
        number += 1
    return candidate


def add_attachment(session: Session, db_path: Path, activity_id: int, source: Path) -> ActivityAttachment:
    """Copy ``source`` into the activity's folder and record it."""
    activity = session.get(Activity, activity_id)
    if activity is None:
        raise LedgerError(_("That activity no longer exists."))
    source = Path(source)
    if not source.is_file():
        raise LedgerError(_("The file {path} cannot be found.").format(path=source))
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


def remove_attachment(session: Session, db_path: Path, attachment_id: int) -> None:
    """Forget the attachment and delete its copy (the original elsewhere is untouched)."""
    attachment = session.get(ActivityAttachment, attachment_id)
    if attachment is None:
        return
    path = attachment_path(db_path, attachment)
    record(session, AuditAction.DELETE, "activity_attachment", attachment.id,
           _("Attachment removed: {name}").format(name=attachment.original_name))
    session.delete(attachment)
    path.unlink(missing_ok=True)
