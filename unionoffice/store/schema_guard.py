"""Only the schema objects this program's migrations create may be in a database it opens.

A database file can carry more than tables: a crafted one (say, inside a backup) could hold a
trigger that rewrites every member at the next import, a view shadowing a name, or extra tables.
The program creates no views and only the triggers that keep the member tally (their exact text is
in store/member_tally_sql.py), and its tables and indexes are exactly those of the models
(``tests/test_store.py`` compares the models with the migrations), so anything else is refused by
name before the file is used.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from pathlib import Path

from unionoffice.i18n import _

# What SQLite makes by itself: AUTOINCREMENT bookkeeping, ANALYZE statistics, indexes behind
# UNIQUE/PRIMARY KEY constraints.
_INTERNAL_TABLES = {"sqlite_sequence", "sqlite_stat1", "sqlite_stat2", "sqlite_stat3", "sqlite_stat4"}
_AUTOINDEX = re.compile(r"^sqlite_autoindex_(?P<table>.+)_\d+$")


class UnexpectedSchema(Exception):
    """The file holds schema objects the program does not create; the message names them."""


def expected_objects() -> tuple[set[str], set[str]]:
    """(table names, index names) the program's schema at its head version has."""
    from unionoffice.store.base import Base
    import unionoffice.store.models  # noqa: F401 - registers every table

    tables = set(Base.metadata.tables) | {"alembic_version"}
    # Not the server-only pattern indexes (store/models/roster.py), which join the models once a server
    # is compared with the migrations in this process: an office file never has them.
    indexes = {index.name for table in Base.metadata.tables.values() for index in table.indexes
               if index.name and not _server_only(index)}
    return tables, indexes


def _server_only(index: object) -> bool:
    condition = getattr(index, "_ddl_if", None)
    return condition is not None and condition.dialect == "postgresql"


def unexpected_objects(conn: sqlite3.Connection, *, head: bool,
                       expected: tuple[set[str], set[str]] | None = None) -> list[str]:
    """Schema objects that are not the program's, as "kind name" for the message.

    ``head``: the schema is at the program's version, so every table and index is compared;
    otherwise (an older file, before its upgrade) only triggers and views are refused.
    ``expected``: the (tables, indexes) of ``expected_objects()`` when already known.
    """
    from unionoffice.store.member_tally_sql import sqlite_trigger_sql

    tables, indexes = expected or expected_objects()
    triggers = sqlite_trigger_sql()
    found = []
    for kind, name, table, sql in conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"):
        if kind == "trigger" and table == "members" and triggers.get(name) == sql:
            continue  # the program's own, word for word
        if kind in ("trigger", "view"):
            found.append(f"{kind} {name}")
        elif not head:
            continue
        elif kind == "table" and name not in tables and name not in _INTERNAL_TABLES:
            found.append(f"table {name}")
        elif kind == "index":
            auto = _AUTOINDEX.match(name)
            if auto is not None and table in tables:
                continue
            if name not in indexes:
                found.append(f"index {name}")
    return found


def missing_tables(conn: sqlite3.Connection, expected: tuple[set[str], set[str]] | None = None) -> list[str]:
    tables, _indexes = expected or expected_objects()
    present = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return sorted(tables - present)


def check_schema(path: Path, *, head: bool, expected: tuple[set[str], set[str]] | None = None) -> None:
    """Raise UnexpectedSchema naming every foreign object (and, at head, every missing table).
    ``expected``: the (tables, indexes) of ``expected_objects()`` when already known."""
    from unionoffice.store.sqlite_paths import connect_readonly

    with contextlib.closing(connect_readonly(path)) as conn:
        foreign = unexpected_objects(conn, head=head, expected=expected)
        missing = missing_tables(conn, expected) if head else []
    if foreign:
        raise UnexpectedSchema(
            _("{path} holds schema objects this program does not create, so it was refused: {objects}").format(
                path=path, objects=", ".join(foreign[:10])
            )
        )
    if missing:
        raise UnexpectedSchema(
            _("{path} lacks tables this program needs, so it was refused: {tables}").format(
                path=path, tables=", ".join(missing[:10])
            )
        )
