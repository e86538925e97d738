"""Alembic, driven from code: revisions are numbered "0001", "0002", … so the number is the
schema version the program shows and compares."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_version() -> int:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise RuntimeError("no migrations found")
    return int(head)


def upgrade_to_head(engine: Engine) -> None:
    """Run every pending migration inside one transaction: all of them, or none."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def upgrade_to(engine: Engine, version: int) -> None:
    """Upgrade to a given version (tests build old-schema databases with this)."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, f"{version:04d}")
