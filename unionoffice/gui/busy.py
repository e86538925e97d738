"""When another program keeps the database busy past the busy timeout: one clear message, nothing lost.

The window's saving sessions begin with BEGIN IMMEDIATE (``ctx.db.session(write=True)``), so a
save waits while a command-line import or a backup writes; only when that takes longer than the
busy timeout (``UNIONOFFICE_BUSY_SECONDS``, 10 s by default) does the save give up. Then the
clerk is told so, and the form that was being saved stays open with its input.
"""

from __future__ import annotations

import sqlite3
from typing import Callable

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from unionoffice.i18n import _


def is_busy(error: BaseException) -> bool:
    """True for "database is locked"/busy from SQLite (however wrapped) and for DatabaseBusy."""
    from unionoffice.store.writer_lock import DatabaseBusy

    seen: BaseException | None = error
    for _depth in range(10):
        if seen is None:
            return False
        if isinstance(seen, DatabaseBusy):
            return True
        if isinstance(seen, sqlite3.OperationalError):
            text = str(seen).lower()
            return "locked" in text or "busy" in text
        orig = getattr(seen, "orig", None)
        seen = orig if isinstance(orig, BaseException) else (seen.__cause__ or seen.__context__)
    return False


def busy_message() -> str:
    return _("The database is busy: another program (an import or a backup) is writing to it and did not finish "
             "in time. Nothing was saved; what you entered is kept. Try saving again in a moment.")


def show_busy(parent: QWidget | None, title: str | None = None) -> None:
    QMessageBox.warning(parent, title or _("UnionOffice"), busy_message())


def reopen_when_busy(dialog: QDialog, save: Callable[[], None]) -> Callable[[], None]:
    """``save`` for a dialog that closes as it is accepted: when the database stays busy past the
    timeout, say so and show the dialog again as it was filled in (nothing typed is lost)."""
    def run() -> None:
        try:
            save()
        except Exception as exc:
            if not is_busy(exc):
                raise
            show_busy(dialog.parentWidget(), dialog.windowTitle())
            dialog.open()
    return run
