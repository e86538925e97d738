"""Two PCs on one office, for the concurrency tests: two Database objects (two engines, two
connection pools) on one SQLite file or one PostgreSQL database of the throwaway test cluster."""

from __future__ import annotations

from pathlib import Path

from tests.pg_cluster import session_cluster
from unionoffice.store.actor import Actor, set_actor
from unionoffice.store.database import Database, open_database
from unionoffice.store.server import open_server_database


def server_database(url: str) -> Database:
    return open_server_database(url)


def open_pair(kind: str, tmp_path: Path) -> tuple[Database, Database]:
    """(PC A, PC B) on one fresh office of ``kind`` ("sqlite" or "postgresql")."""
    if kind == "postgresql":
        url = session_cluster().new_database()
        return server_database(url), server_database(url)
    path = tmp_path / "office.sqlite3"
    return open_database(path), open_database(path)


def work_as(db: Database, name: str, role: str = "clerk", display_name: str = "") -> Actor:
    actor = Actor(None, name, display_name or name, role)
    set_actor(db.sessions, actor)
    return actor
