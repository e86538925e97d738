"""What every page is given: the open database and the signals that tell pages to refresh."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:  # the window's frame paints before the database code loads
    from unionoffice.store.database import Database


class AppContext(QObject):
    """Shared by the main window and its pages. Pages never look up the main window globally."""

    # An entity name ("member", "group", "settings", "activity", …) whose records changed.
    data_changed = Signal(str)
    # Ask the main window to show a page by its key ("members", "backup", …).
    navigate = Signal(str)
    # A short message for the status bar.
    status_message = Signal(str)
    # The start page's first steps on a new office: "settings", "import" or "guide".
    first_step = Signal(str)

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        # The window's lock on the database file (unionoffice.store.lock), when it holds one.
        self.db_lock: object | None = None
        # While data_changed is being emitted: the ids of the records that changed, when known.
        self.changed_ids: list[int] | None = None
        # Who signed in (a server office; unionoffice.store.actor.Actor), None on a local office.
        self.actor: object | None = None

    def notify(self, entity: str, ids: list[int] | None = None) -> None:
        """Tell the pages that ``entity`` records changed (``ids``: which ones, when known)."""
        self.changed_ids = list(ids) if ids is not None else None
        try:
            self.data_changed.emit(entity)
        finally:
            self.changed_ids = None
