"""SQL that reads differently on SQLite (the local file) and PostgreSQL (a server office).

``starts_with(column, text)``: SQLite gets ``column GLOB 'text*'`` (answered from an ordinary index,
which a case-insensitive LIKE is not); PostgreSQL gets ``column LIKE 'text%'`` (case-sensitive
there, like GLOB), with LIKE's wildcards and escape character escaped.
``contains(column, text)``: SQLite's ``instr(column, text) > 0``, PostgreSQL's ``strpos(column, text) > 0``
(both literal: no wildcard in ``text`` means anything).
``unindexed(column)``: the column's value, kept off its indexes: SQLite's no-op ``+column`` (costs
nothing per row, where ``column || ''`` builds a new string for each), ``(column || '')`` elsewhere.

And the raw driver SQL the bulk writers use: ``?`` placeholders on SQLite, ``%s`` for psycopg.
"""

from __future__ import annotations

import re
from typing import Any, Sequence

from sqlalchemy import Boolean, String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement

from unionoffice.store.raw_sql import as_date, driver_sql, is_server, raw_rows, raw_value, sqlite_params  # noqa: F401


class _StartsWith(FunctionElement):
    # Clauses: the column, the GLOB pattern, the LIKE pattern: both patterns are bound parameters made
    # when the query is built, so a cached compiled statement takes each new search's values.
    type = Boolean()
    inherit_cache = True
    name = "starts_with"
    _is_implicitly_boolean = True  # a comparison already: no "= 1" after it (that would keep SQLite off the index)


class _Contains(FunctionElement):
    type = Boolean()
    inherit_cache = True
    name = "contains"
    _is_implicitly_boolean = True


class unindexed(FunctionElement):  # noqa: N801 - reads as an SQL expression
    """A text column's value that the query planner will not look up through an index."""

    type = String()
    inherit_cache = True
    name = "unindexed"


@compiles(unindexed, "sqlite")
def _unindexed_sqlite(element: unindexed, compiler: Any, **kw: Any) -> str:
    return f"+{compiler.process(list(element.clauses)[0], **kw)}"


@compiles(unindexed)
def _unindexed_other(element: unindexed, compiler: Any, **kw: Any) -> str:
    return f"({compiler.process(list(element.clauses)[0], **kw)} || '')"


class date_text(FunctionElement):  # noqa: N801 - reads as an SQL function
    """A date column as its ISO text (YYYY-MM-DD): SQLite stores it so (nothing to convert, an index
    still serves it), PostgreSQL formats it with to_char."""

    type = String()
    inherit_cache = True
    name = "date_text"


@compiles(date_text, "sqlite")
def _date_text_sqlite(element: date_text, compiler: Any, **kw: Any) -> str:
    return compiler.process(list(element.clauses)[0], **kw)


@compiles(date_text)
def _date_text_other(element: date_text, compiler: Any, **kw: Any) -> str:
    return f"to_char({compiler.process(list(element.clauses)[0], **kw)}, 'YYYY-MM-DD')"


def like_prefix(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def glob_prefix(text: str) -> str:
    return text.replace("[", "[[]").replace("*", "[*]").replace("?", "[?]") + "*"


def starts_with(column: Any, text: str) -> _StartsWith:
    return _StartsWith(column, glob_prefix(text), like_prefix(text))


def contains(column: Any, text: str) -> _Contains:
    return _Contains(column, text)


@compiles(_StartsWith, "sqlite")
def _starts_with_sqlite(element: _StartsWith, compiler: Any, **kw: Any) -> str:
    column, glob, _like = list(element.clauses)
    return f"{compiler.process(column, **kw)} GLOB {compiler.process(glob, **kw)}"


@compiles(_StartsWith)
def _starts_with_other(element: _StartsWith, compiler: Any, **kw: Any) -> str:
    column, _glob, like = list(element.clauses)
    return f"{compiler.process(column, **kw)} LIKE {compiler.process(like, **kw)}"


@compiles(_Contains, "sqlite")
def _contains_sqlite(element: _Contains, compiler: Any, **kw: Any) -> str:
    column, text = list(element.clauses)
    return f"instr({compiler.process(column, **kw)}, {compiler.process(text, **kw)}) > 0"


@compiles(_Contains)
def _contains_other(element: _Contains, compiler: Any, **kw: Any) -> str:
    column, text = list(element.clauses)
    return f"strpos({compiler.process(column, **kw)}, {compiler.process(text, **kw)}) > 0"


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


