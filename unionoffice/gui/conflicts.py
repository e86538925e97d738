"""When a save is refused because someone else saved the record first: say who and when, offer to reload.

A form reads its record's version as it opens (``version_now``); its save checks it in the save's
own transaction (``refuse_if_changed``) before the register's service writes."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from unionoffice.i18n import _
from unionoffice.services.versioning import RecordChanged, load_current, record_changed_from
from unionoffice.store.database import Database


def offer_reload(parent: QWidget | None, title: str, error: RecordChanged) -> bool:
    """True when the person wants the record reloaded (their unsaved edits are then dropped)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, str(error), parent=parent)
    reload_button = box.addButton(_("Reload"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("Close"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(reload_button)
    box.exec()
    return box.clickedButton() is reload_button


# What a save over a moved-on version raises: the form's own check, or the version column's guard.
CONFLICTS = (RecordChanged, StaleDataError)


def version_now(db: Database, model: type, record_id: int | None) -> int | None:
    """The record's version, read just before its form loads it (None for a new record)."""
    if record_id is None:
        return None
    with db.session() as session:
        return session.scalar(select(model.version).where(model.id == record_id))


def refuse_if_changed(session: Session, model: type, record_id: int | None, version: int | None) -> None:
    """In the save's transaction: RecordChanged when someone else saved the record since the form opened."""
    if record_id is not None:
        load_current(session, model, record_id, version)


def handle_conflict(parent: QWidget | None, title: str, error: Exception, reopen: Callable[[], object] | None) -> None:
    """Say who changed it and when; reopen the form on the stored version when the person wants that."""
    conflict = error if isinstance(error, RecordChanged) else record_changed_from(error)  # type: ignore[arg-type]
    if offer_reload(parent, title, conflict) and reopen is not None:
        QTimer.singleShot(0, reopen)
