"""The statements a connection runs, and SQLite's plan for one (tests of which index a query uses)."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator

from sqlalchemy import event


@contextmanager
def statements_run(connection: Any) -> Iterator[list[tuple[str, Any]]]:
    """(statement, parameters) of each statement ``connection`` runs inside the block."""
    statements: list[tuple[str, Any]] = []

    def remember(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
        statements.append((statement, parameters))

    event.listen(connection, "before_cursor_execute", remember)
    try:
        yield statements
    finally:
        event.remove(connection, "before_cursor_execute", remember)


def query_plan(connection: Any, statement: str, parameters: Any = ()) -> str:
    """SQLite's EXPLAIN QUERY PLAN of the statement, its steps in one line."""
    return " ".join(row[-1] for row in connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters))
