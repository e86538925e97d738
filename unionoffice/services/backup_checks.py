"""The checks a backup's database passes before it is trusted: the same for `verify` and restore.

An extracted database must pass ``PRAGMA integrity_check``, carry the schema version its
manifest states, hold no schema object the program does not create (checked before and after
the upgrade of an older schema), open with the program's schema after the upgrade, and its
counts are read from the database itself (not from the manifest, which anyone can write).
Nothing is extracted when the disk lacks the room the manifest says it needs.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from unionoffice.i18n import _
from unionoffice.io.archive import Manifest
from unionoffice.io.archive_stream import ArchiveError

# Room kept free beyond what is extracted (SQLite journals, the file system's own needs).
FREE_SPACE_MARGIN = 32 * 1024 * 1024


@dataclass
class CheckedDatabase:
    counts: dict[str, int]
    upgraded_from: int | None


class NoRoom(OSError):
    """Not enough free space for what would be written; the message is for the user."""


def check_free_space(folder: Path, needed: int) -> None:
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return  # unknown: the write itself will say
    if needed + FREE_SPACE_MARGIN > free:
        raise NoRoom(
            _("There is not enough free space in {folder}: {needed} MB needed, {free} MB free. Nothing was written.").format(
                folder=folder, needed=(needed + FREE_SPACE_MARGIN) // 2**20 + 1, free=free // 2**20
            )
        )


def check_extracted_database(path: Path, manifest: Manifest) -> CheckedDatabase:
    """Check (and upgrade, in place) an extracted database; raises ArchiveError saying why not."""
    from unionoffice.services.backup import integrity_errors
    from unionoffice.store.database import DatabaseError, open_database, read_schema_version, table_counts

    problems = integrity_errors(path)
    if problems:
        raise ArchiveError(
            _("The database inside the backup failed its integrity check: {problems}").format(problems="; ".join(problems[:3]))
        )
    try:
        if read_schema_version(path) != manifest.schema_version:
            raise ArchiveError(_("The backup's contents do not match its description."))
        db = open_database(path, create=False)  # refuses foreign schema objects; upgrades an older schema
    except DatabaseError as exc:
        raise ArchiveError(_("The database inside the backup cannot be used: {error}").format(error=exc)) from exc
    try:
        counts = table_counts(db.engine)
    finally:
        db.close()
    return CheckedDatabase(counts=counts, upgraded_from=db.upgraded_from)
