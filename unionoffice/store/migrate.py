"""Alembic, driven from code: revisions are numbered "0001", "0002", … so the number is the
schema version the program shows and compares.

Alembic itself (about a tenth of a second to import) loads only when a migration runs: the head
version is read from the revision scripts' ``revision = "NNNN"`` lines, so opening a current
database costs no Alembic import.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
VERSIONS_DIR = MIGRATIONS_DIR / "versions"
_REVISION_LINE = re.compile(r"""^revision\s*(?::[^=]*)?=\s*['"](\d+)['"]""", re.MULTILINE)


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_version() -> int:
    """The newest revision number among the migration scripts (what Alembic calls the head)."""
    numbers = []
    for script in VERSIONS_DIR.glob("*.py"):
        found = _REVISION_LINE.search(script.read_text(encoding="utf-8"))
        if found:
            numbers.append(int(found.group(1)))
    if not numbers:
        raise RuntimeError("no migrations found")
    return max(numbers)


def upgrade_to_head(engine: Engine) -> None:
    """Run every pending migration inside one transaction: all of them, or none."""
    from alembic import command

    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def upgrade_to(engine: Engine, version: int) -> None:
    """Upgrade to a given version (tests build old-schema databases with this)."""
    from alembic import command

    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, f"{version:04d}")


def model_differences(connection) -> list:  # type: ignore[no-untyped-def]
    """What the models hold that this database's migrated schema lacks (or the other way round), as
    Alembic's autogenerate compares them; objects the models create on another engine only (an
    index with ``ddl_if(dialect=…)``) are left out. Empty when the migrations match the models."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from unionoffice.store import models  # noqa: F401  (registers every table)
    from unionoffice.store.base import Base

    name = connection.dialect.name
    if name == "postgresql":
        from unionoffice.store.models.roster import add_server_search_indexes

        add_server_search_indexes()

    def include_object(obj, _name, type_, _reflected, _compare_to):  # type: ignore[no-untyped-def]
        only = getattr(obj, "_ddl_if", None)
        if type_ == "index" and only is not None and isinstance(only.dialect, str):
            return only.dialect == name
        return True

    context = MigrationContext.configure(connection, opts={"compare_type": True, "include_object": include_object})
    return compare_metadata(context, Base.metadata)
