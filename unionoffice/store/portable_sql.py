"""SQL that reads differently on SQLite (the local file) and PostgreSQL (a server office).

``starts_with(column, text)``: SQLite gets ``column GLOB 'text*'`` (answered from an ordinary index,
which a case-insensitive LIKE is not); PostgreSQL gets ``column LIKE 'text%'`` (case-sensitive
there, like GLOB), with LIKE's wildcards and escape character escaped.
``contains(column, text)``: SQLite's ``instr(column, text) > 0``, PostgreSQL's ``strpos(column, text) > 0``
(both literal: no wildcard in ``text`` means anything).
``unindexed(column)``: the column's value, kept off its indexes: SQLite's no-op ``+column`` (costs
nothing per row, where ``column || ''`` builds a new string for each), ``(column || '')`` elsewhere.

And the raw driver SQL the bulk writers use: ``?`` placeholders on SQLite, ``%s`` for psycopg
(store/raw_sql.py, re-exported here). The expressions live in store/portable_sql_elements.py and
are loaded with SQLAlchemy when first named, so the raw SQL alone loads no SQLAlchemy.
"""

from __future__ import annotations

import re
from typing import Any, Sequence

from unionoffice.store.raw_sql import as_date, driver_sql, is_server, raw_rows, raw_value, sqlite_params  # noqa: F401


def like_prefix(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def glob_prefix(text: str) -> str:
    return text.replace("[", "[[]").replace("*", "[*]").replace("?", "[?]") + "*"


_NAMED = re.compile(r"(?<!:):([A-Za-z_][A-Za-z0-9_]*)")


def raw_executemany(session: Any, sql: str, rows: Sequence[dict[str, Any]]) -> None:
    """``:name``-placeholder SQL for many rows straight through the driver (thousands at once)."""
    connection = session.connection()
    raw = connection.connection.driver_connection
    if is_server(connection):
        with raw.cursor() as cursor:
            cursor.executemany(_NAMED.sub(r"%(\1)s", sql.replace("%", "%%")), rows)
        return
    raw.executemany(sql, rows)


def advance_sequence(session: Any, table: str, column: str = "id") -> None:
    """After rows written with explicit ids, a server's id sequence continues after the largest
    (SQLite's INTEGER PRIMARY KEY needs nothing)."""
    connection = session.connection()
    if is_server(connection):
        connection.exec_driver_sql(
            f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
            f"COALESCE((SELECT MAX({column}) FROM {table}), 0) + 1, false)")


_ELEMENTS = frozenset({"starts_with", "contains", "unindexed", "date_text", "_StartsWith", "_Contains"})


def __getattr__(name: str) -> Any:
    """The SQLAlchemy expressions, from portable_sql_elements on first use."""
    if name in _ELEMENTS:
        from unionoffice.store import portable_sql_elements

        return getattr(portable_sql_elements, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
