"""Output files: refuse a target that would destroy data, and write whole files or none.

``check_output_path`` runs before a command writes anything: the output may not be the
database, the input being read, any SQLite database (one of the program's, a copy, a backup
snapshot), a folder, or lie in a missing folder. ``atomic_target`` hands out a temporary name
beside the target and renames it over the target only when the writer finished, so a full disk
or a kill never leaves a truncated file under the final name.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Iterable, Iterator

from unionoffice.i18n import _

SQLITE_MAGIC = b"SQLite format 3\x00"
TEMP_MARK = ".uotmp-"


class OutputRefused(Exception):
    """The output path was refused before anything was written; the message is for the user."""


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


def is_sqlite_file(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == SQLITE_MAGIC
    except OSError:
        return False


def check_output_path(out: Path, *, database: Path | None = None, inputs: Iterable[Path] = (), what: str = "") -> None:
    """Raise OutputRefused when writing ``out`` would overwrite data or cannot work at all."""
    out = Path(out)
    label = what or str(out)
    if database is not None:
        for sibling in (database, database.with_name(database.name + "-wal"), database.with_name(database.name + "-shm")):
            if _same_file(out, sibling):
                raise OutputRefused(_("The output {path} is the database itself; choose another file name. Nothing was written.").format(path=label))
    for source in inputs:
        if _same_file(out, Path(source)):
            raise OutputRefused(_("The output {path} is the file being read; choose another file name. Nothing was written.").format(path=label))
    from unionoffice.store.sqlite_paths import UnusablePath, check_database_path

    try:
        check_database_path(out)  # a folder, a FIFO (opening it would hang), a device, a link loop
    except UnusablePath as exc:
        raise OutputRefused(str(exc)) from exc
    if out.exists() and is_sqlite_file(out):
        raise OutputRefused(_("The output {path} is a database file; it will not be overwritten. Nothing was written.").format(path=label))
    if not out.parent.is_dir():
        raise OutputRefused(_("The folder {folder} for {path} does not exist. Nothing was written.").format(folder=out.parent, path=label))


@contextlib.contextmanager
def atomic_target(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path``; renamed to ``path`` when the block ends without error."""
    path = Path(path)
    temp = path.with_name(f"{TEMP_MARK}{os.getpid()}-{path.name}")
    try:
        yield temp
        os.replace(temp, path)
    finally:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
