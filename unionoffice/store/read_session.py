"""Reading a local office file for one command without importing SQLAlchemy (the report).

Importing SQLAlchemy and building the models costs more than drafting a whole summary of a
20,000-member office, whose figures are all raw SQL (store/raw_sql.py). ``open_for_reading``
opens the file as ``store.database.open_database`` would for a reader, but only in the plain case:
an existing office file already at the program's schema, whose objects are all ours. Anything else
(missing, older or newer schema, foreign objects, a server) gives None, and the caller opens it the
usual way, which upgrades it or says what is wrong.

A ``ReadSession`` reads in one transaction (one snapshot for every figure). It offers what
``raw_rows`` needs of a Session; should code call anything else of a Session on it (an ORM query),
it opens a real SQLAlchemy Session over the same connection on first use (in a read transaction
begun then: SQLAlchemy's first connect ends the one before).
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from typing import Any


class _Dialect:
    name = "sqlite"


class _DriverConnection:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.driver_connection = connection


class _ConnectionView:
    """What raw_rows reads of a SQLAlchemy Connection: the dialect's name and the DB-API connection."""

    dialect = _Dialect()

    def __init__(self, session: "ReadSession") -> None:
        self._session = session
        self.connection = _DriverConnection(session.raw)

    def __getattr__(self, name: str) -> Any:  # anything else: the ORM session's real connection
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self._session.orm().connection(), name)


class ReadSession:
    """A read-only session over one sqlite3 connection, inside one read transaction."""

    autoflush = False  # nothing is ever pending: raw_rows has nothing to flush

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.raw = connection
        self._view = _ConnectionView(self)
        self._orm: Any = None
        self._engine: Any = None

    def connection(self) -> _ConnectionView:
        return self._view

    def orm(self) -> Any:
        """A SQLAlchemy Session over the same connection (made on first use)."""
        if self._orm is None:
            from sqlalchemy import create_engine
            from sqlalchemy.orm import Session
            from sqlalchemy.pool import StaticPool

            raw = self.raw
            # (no rollback when the pool gets the connection back: that would end the read transaction)
            self._engine = create_engine("sqlite://", creator=lambda: raw, poolclass=StaticPool,
                                         pool_reset_on_return=None)
            # SQLAlchemy's first connect sets the driver's isolation level, which ends the read
            # transaction; a new one begins at once (a fallback no report path takes today).
            self._engine.connect().close()
            if not raw.in_transaction:
                raw.execute("BEGIN")
            self._orm = Session(self._engine, autoflush=False)
        return self._orm

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # (copy, pickle and the like probe for these: no ORM for them)
            raise AttributeError(name)
        return getattr(self.orm(), name)

    def close(self) -> None:
        if self._orm is not None:
            self._orm.close()
            self._engine.dispose()
        with contextlib.suppress(sqlite3.Error):
            if self.raw.in_transaction:
                self.raw.execute("ROLLBACK")
        self.raw.close()


def open_for_reading(path: Path) -> ReadSession | None:
    """A ReadSession on the office file at ``path``, or None when it should be opened the usual way."""
    from unionoffice.store import migrate, schema_names
    from unionoffice.store.schema_guard import UnexpectedSchema, check_schema
    from unionoffice.store.sqlite_paths import UnusablePath, check_database_path, connect_readonly, is_writable, readonly_uri
    from unionoffice.store.writer_lock import busy_seconds

    try:
        if not check_database_path(path) or path.stat().st_size == 0:
            return None
        with path.open("rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                return None
        with contextlib.closing(connect_readonly(path)) as conn:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone() if "alembic_version" in tables else None
        if row is None or int(row[0]) != migrate.head_version() or schema_names.HEAD != migrate.head_version():
            return None
        check_schema(path, head=True, expected=(set(schema_names.TABLES), set(schema_names.INDEXES)))
    except (OSError, UnusablePath, UnexpectedSchema, sqlite3.Error, ValueError):
        return None
    busy = busy_seconds()
    writable = is_writable(path)
    if writable:  # as open_database does for any writable file
        from unionoffice.store.temp_dirs import clean_stale_for

        clean_stale_for(path)  # plaintext snapshots left by a killed backup or restore
    target, uri = (str(path), False) if writable else (readonly_uri(path), True)
    try:
        from unionoffice.store import open_connections

        connection = open_connections.connect(target, uri=uri, timeout=busy, check_same_thread=False)
        connection.isolation_level = None  # BEGIN is ours, as store.database.make_engine does
        connection.execute(f"PRAGMA busy_timeout = {int(busy * 1000)}")
        connection.execute("PRAGMA query_only = ON")
        connection.execute("BEGIN")
    except sqlite3.Error:
        return None
    return ReadSession(connection)
