"""A glance at an office database before it is opened: what the window needs for its first paint.

The interface language and whether a program password is set are read with the standard
library's sqlite3, read-only, so the window's frame can paint before SQLAlchemy and the schema
check load. Nothing here writes to the database. A file that does not exist yet is a new office
(the defaults); anything unexpected (not a database, no settings table, locked) gives None, and
the caller opens the database first, as it always did.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

# The keys of the settings table (services/office.py OfficeSettings.language, services/security.py).
LANGUAGE_KEY = "language"
PASSWORD_KEY = "program_password"


@dataclass(frozen=True)
class OfficeGlance:
    language: str  # the office's interface language setting: "auto", "zh_CN" or "en"
    has_password: bool


def glance(path: Path) -> OfficeGlance | None:
    """The office's language and password setting, or None when they cannot be read cheaply."""
    if not path.exists():
        return OfficeGlance("auto", False)
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=1.0)
        try:
            rows = dict(connection.execute("SELECT key, value FROM settings WHERE key IN (?, ?)",
                                           (LANGUAGE_KEY, PASSWORD_KEY)).fetchall())
        finally:
            connection.close()
    except (sqlite3.Error, ValueError, OSError):
        return None
    return OfficeGlance(str(rows.get(LANGUAGE_KEY) or "auto"), bool(rows.get(PASSWORD_KEY)))
