"""SQL that reads differently on SQLite (the local file) and PostgreSQL (a server office).

``starts_with(column, text)``: SQLite gets ``column GLOB 'text*'`` (answered from an ordinary index,
which a case-insensitive LIKE is not); PostgreSQL gets ``column LIKE 'text%'`` (case-sensitive
there, like GLOB), with LIKE's wildcards and escape character escaped.
``contains(column, text)``: SQLite's ``instr(column, text) > 0``, PostgreSQL's ``strpos(column, text) > 0``
(both literal: no wildcard in ``text`` means anything).

And the raw driver SQL the bulk writers use: ``?`` placeholders on SQLite, ``%s`` for psycopg.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Boolean
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement


class _StartsWith(FunctionElement):
    # Clauses: the column, the GLOB pattern, the LIKE pattern: both patterns are bound parameters made
    # when the query is built, so a cached compiled statement takes each new search's values.
    type = Boolean()
    inherit_cache = True
    name = "starts_with"


class _Contains(FunctionElement):
    type = Boolean()
    inherit_cache = True
    name = "contains"


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


def driver_sql(connection: Any, sql: str) -> str:
    """Raw SQL written with ``?`` placeholders, in the driver's own style (psycopg: ``%s``)."""
    if connection.dialect.name == "postgresql":
        return sql.replace("%", "%%").replace("?", "%s")
    return sql


def is_server(connection: Any) -> bool:
    return connection.dialect.name == "postgresql"


def as_date(value: Any) -> dt.date | None:
    """A date read through the raw driver: ISO text from SQLite, a date from psycopg."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)
