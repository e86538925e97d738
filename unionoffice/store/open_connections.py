"""The SQLite connections the program holds open for an office, so that a command's quick exit
(unionoffice/quick_exit.py) can close them first, as freeing them at a normal exit would: an open
transaction rolls back, and the last connection folds the WAL back into the office file (a clerk
may copy only the .sqlite3 file to a USB stick)."""

from __future__ import annotations

import sqlite3
import weakref
from typing import Any


class TrackedConnection(sqlite3.Connection):
    """A plain sqlite3 connection that can be tracked (sqlite3.Connection itself takes no weak reference)."""


_OPEN: "weakref.WeakSet[TrackedConnection]" = weakref.WeakSet()


def connect(database: str, **options: Any) -> sqlite3.Connection:
    """``sqlite3.connect``, remembered until it is closed or freed."""
    connection = sqlite3.connect(database, factory=TrackedConnection, **options)
    _OPEN.add(connection)
    return connection


def close_all() -> None:
    """Close every connection still open (uncommitted work is rolled back, as sqlite3 does)."""
    for connection in list(_OPEN):
        try:
            connection.close()
        except sqlite3.Error:
            pass  # closing from another thread, or already broken: nothing more to save
    _OPEN.clear()
