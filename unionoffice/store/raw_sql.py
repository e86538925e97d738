"""Raw SQL through the driver, on either engine, without importing SQLAlchemy (store/portable_sql.py
re-exports these): ``?`` placeholders on SQLite, ``%s`` for psycopg. ``session`` is a SQLAlchemy
Session or anything with ``connection()`` giving ``.dialect.name`` and ``.connection.driver_connection``
(store/read_session.py: the report's reading session without SQLAlchemy)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Sequence


def driver_sql(connection: Any, sql: str) -> str:
    """Raw SQL written with ``?`` placeholders, in the driver's own style (psycopg: ``%s``)."""
    if connection.dialect.name == "postgresql":
        return sql.replace("%", "%%").replace("?", "%s")
    return sql


def raw_rows(session: Any, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
    """Rows of ``?``-placeholder SQL straight from the DB-API connection of the session (its
    transaction; no per-row overhead), on either engine. Like an ORM query, it first writes what
    the session holds unsaved (autoflush), so the rows include it."""
    if getattr(session, "autoflush", False):
        session.flush()
    connection = session.connection()
    raw = connection.connection.driver_connection
    if is_server(connection):
        with raw.cursor() as cursor:
            cursor.execute(driver_sql(connection, sql), tuple(params))
            return cursor.fetchall()
    return raw.execute(sql, sqlite_params(params)).fetchall()


def raw_value(session: Any, sql: str, params: Sequence[Any] = ()) -> Any:
    """The first column of the first row of ``raw_rows`` (None when there is no row)."""
    rows = raw_rows(session, sql, params)
    return rows[0][0] if rows else None


def sqlite_params(params: Sequence[Any]) -> Sequence[Any]:
    """Dates as the ISO text SQLite stores them (what SQLAlchemy's Date writes there); the
    sqlite3 module's own date adapter is deprecated."""
    if not any(type(p) is dt.date for p in params):
        return params
    return tuple(p.isoformat() if type(p) is dt.date else p for p in params)


def is_server(connection: Any) -> bool:
    return connection.dialect.name == "postgresql"


def as_date(value: Any) -> dt.date | None:
    """A date read through the raw driver: ISO text from SQLite, a date from psycopg."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def members_by_sex_index(session: Any) -> str:
    """``members m`` for a join on ``m.id`` that reads nothing of the member but the sex (or only
    that the member exists): on SQLite through the narrow (id, sex) index. SQLite otherwise takes
    each member's table row by its id, and the rows are wide: 21,000 attendances of a year cost
    44 ms that way and 17 ms through the index. (PostgreSQL chooses by itself.)"""
    return "members m" if is_server(session.connection()) else "members m INDEXED BY ix_members_id_sex"
