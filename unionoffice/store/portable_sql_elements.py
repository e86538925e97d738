"""The SQLAlchemy expressions of store/portable_sql.py (``starts_with``, ``contains``, ``unindexed``,
``date_text``), compiled differently for SQLite and PostgreSQL. Kept apart so that importing
portable_sql for its raw driver SQL loads no SQLAlchemy (the report reads without it); portable_sql
gives these names on first use."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement

from unionoffice.store.portable_sql import glob_prefix, like_prefix


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
