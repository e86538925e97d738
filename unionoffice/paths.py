"""Where the program keeps its data and finds its resources.

Data lives in the per-user data folder (platformdirs), unless a file ``portable.txt`` sits
beside the program: then everything stays in ``data/`` beside it, so the program can run
from a USB stick. ``--db PATH`` and ``UNIONOFFICE_DB`` override the database location.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "UnionOffice"
DB_FILENAME = "unionoffice.sqlite3"
PORTABLE_MARKER = "portable.txt"
DB_ENV = "UNIONOFFICE_DB"


def program_dir() -> Path:
    """The folder the program runs from: the bundle's folder when frozen, else the checkout."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    """The resources/ folder (fonts, templates, catalogs), in a checkout or in a bundle."""
    override = os.environ.get("UNIONOFFICE_RESOURCES")
    if override:
        return Path(override)
    bundled = getattr(sys, "_MEIPASS", None)
    if bundled:
        return Path(bundled) / "resources"
    return program_dir() / "resources"


def ui_dir() -> Path:
    """The ui/ folder of Qt Designer forms."""
    bundled = getattr(sys, "_MEIPASS", None)
    if bundled:
        return Path(bundled) / "ui"
    return program_dir() / "ui"


def is_portable() -> bool:
    return (program_dir() / PORTABLE_MARKER).exists()


def data_dir() -> Path:
    """The folder for the database, attachments and local backups (created on demand)."""
    if is_portable():
        folder = program_dir() / "data"
    else:
        import platformdirs

        folder = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def cache_dir() -> Path:
    """The folder for what the program can always compute again (parsed fonts); not created here."""
    if is_portable():
        return program_dir() / "data" / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / DB_FILENAME


class EmptyDatabasePath(ValueError):
    """``--db ""`` or an empty ``UNIONOFFICE_DB``: refused rather than silently meaning the default."""


def _given_path(value: str | os.PathLike[str], source: str) -> Path:
    text = os.fspath(value)
    if not str(text).strip():
        from unionoffice.i18n import _

        raise EmptyDatabasePath(
            _("{source} is empty: give the database file, or leave it out to use the default one.").format(source=source)
        )
    path = Path(text).expanduser()
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop and the like: the open reports it
        return Path(os.path.abspath(path))


def resolve_db_path(cli_value: str | os.PathLike[str] | None) -> Path:
    """The database to open: ``--db`` first, then ``UNIONOFFICE_DB``, then the default.

    A given but empty value is an error (EmptyDatabasePath), not the default database.
    """
    if cli_value is not None:
        return _given_path(cli_value, "--db")
    env = os.environ.get(DB_ENV)
    if env is not None:
        return _given_path(env, DB_ENV)
    return default_db_path()


def attachments_dir(db_path: Path) -> Path:
    """Attachments (photos, files) live beside the database they belong to."""
    return db_path.parent / f"{db_path.stem}-attachments"


def local_backups_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"
