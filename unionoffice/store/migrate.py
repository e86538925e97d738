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
