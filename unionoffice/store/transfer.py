"""Copying every table of an office from one database to another (a local file and a PostgreSQL
server, either way), then proving the copy: the same row count and the same content hash for every
table, computed the same way on both sides. The target must be empty; the copy is one transaction.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from sqlalchemy import Connection, Engine, Integer, Table, func, insert, select, text

from unionoffice.i18n import _
from unionoffice.store.base import Base
from unionoffice.store.tally import tally_paused

BATCH = 2000
Progress = Callable[[str, int], None]  # (table, rows copied so far)


class TransferError(Exception):
    """The copy was refused or did not verify; the message is for the user."""


@dataclass(frozen=True)
class TableProof:
    name: str
    rows: int
    digest: str


def program_tables() -> list[Table]:
    """Every table of the schema, parents before children (so foreign keys hold while copying)."""
    from unionoffice.store import models  # noqa: F401  (registers every table)

    return list(Base.metadata.sorted_tables)


def _row_bytes(row: Any) -> bytes:
    """One row as the proof hashes it, the same on both engines: the values as SQLAlchemy hands them
    over (int, str, bool, date, datetime, bytes or None: the types of the columns, whichever engine
    read them), written by ``repr`` (C speed; None and the text 'None' stay apart)."""
    return repr(tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)).encode("utf-8", "backslashreplace")


def _ordered(table: Table):  # type: ignore[no-untyped-def]
    return select(table).order_by(*table.primary_key.columns)


def _rows(connection: Connection, table: Table) -> Iterator[Any]:
    # On the statement, not the connection (Connection.execution_options changes the connection itself:
    # every later statement on it, an UPDATE too, would go through a server-side cursor).
    result = connection.execute(_ordered(table).execution_options(stream_results=True, yield_per=BATCH))
    yield from result


def table_proof(connection: Connection, table: Table) -> TableProof:
    digest = hashlib.sha256()
    count = 0
    for row in _rows(connection, table):
        digest.update(_row_bytes(row))
        count += 1
    return TableProof(table.name, count, digest.hexdigest())


def _count(connection: Connection, table: Table) -> int:
    return connection.execute(select(func.count()).select_from(table)).scalar_one()


def seeded_counts() -> dict[str, int]:
    """How many rows the migrations themselves write into each table (default kinds and the like):
    read off a fresh database, so a new migration that seeds a table is known without a list here."""
    import tempfile
    from pathlib import Path

    from unionoffice.store.database import open_database

    with tempfile.TemporaryDirectory(prefix="uo-seed-") as folder:
        db = open_database(Path(folder) / "fresh.sqlite3")
        try:
            with db.engine.connect() as conn:
                return {t.name: n for t in program_tables() if (n := _count(conn, t))}
        finally:
            db.close()


def non_empty_tables(connection: Connection, seeded: dict[str, int]) -> list[str]:
    """Tables holding more than what a fresh database holds: the office's own records."""
    return [t.name for t in program_tables() if _count(connection, t) != seeded.get(t.name, 0)]


def _reset_sequences(connection: Connection, table: Table) -> None:
    """After explicit ids, a PostgreSQL serial must continue after the largest one."""
    if connection.dialect.name != "postgresql":
        return
    keys = list(table.primary_key.columns)
    if len(keys) != 1 or not isinstance(keys[0].type, Integer):
        return
    column = keys[0].name
    connection.execute(text(
        f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', '{column}'), "
        f"COALESCE((SELECT MAX(\"{column}\") FROM \"{table.name}\"), 1), "
        f"(SELECT MAX(\"{column}\") FROM \"{table.name}\") IS NOT NULL)"))


def _insert_rows(src: Connection, dst: Connection, table: Table, progress: Progress | None) -> int:
    """Into a local file: executemany in batches (SQLite takes them at C speed)."""
    copied = 0
    batch: list[dict[str, Any]] = []
    for row in _rows(src, table):
        batch.append(dict(row._mapping))
        if len(batch) >= BATCH:
            dst.execute(insert(table), batch)
            copied += len(batch)
            batch.clear()
            if progress is not None:
                progress(table.name, copied)
    if batch:
        dst.execute(insert(table), batch)
        copied += len(batch)
    return copied


def _copy_into_server(src: Connection, dst: Connection, table: Table, progress: Progress | None) -> int:
    """Onto a server: one COPY … FROM STDIN per table, in the copy's transaction (an INSERT per row,
    even pipelined, is ten times slower for the 2 million rows of a large office)."""
    columns = [c.name for c in table.columns]
    names = ", ".join(f'"{name}"' for name in columns)
    raw = dst.connection.driver_connection
    copied = 0
    with raw.cursor() as cursor, cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:  # type: ignore[union-attr]
        for row in _rows(src, table):
            copy.write_row(tuple(row))
            copied += 1
            if progress is not None and copied % BATCH == 0:
                progress(table.name, copied)
    return copied


def continue_sequences(connection: Connection) -> None:
    """On a server, every table's serial continues after its largest id (after rows written with ids)."""
    if connection.dialect.name == "postgresql":
        for table in program_tables():
            _reset_sequences(connection, table)


def copy_office(source: Engine, target: Engine, progress: Progress | None = None,
                finish: Callable[[Connection], None] | None = None) -> list[TableProof]:
    """Copy every table from ``source`` into the empty ``target`` (both at the program's schema) and
    verify each table's count and content hash; raises TransferError (nothing kept) when either fails.
    Tables kept by triggers (``info["derived"]``: the member tally) are not copied but recounted in
    the target from the copied rows, and proved: they match only if both sides are exact.

    ``finish(target connection)``: more work in the copy's own transaction, after the proofs (a
    local office's attachment files put into the server's rows)."""
    tables = program_tables()
    seeded = seeded_counts()
    with source.connect() as src:
        # One snapshot of the source for the copy and its proof: one REPEATABLE READ transaction on
        # a server (what others save meanwhile is not in it); SQLite's read transaction is one already.
        if source.dialect.name == "postgresql":
            src = src.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
        with target.begin() as dst:
            busy = non_empty_tables(dst, seeded)
            if busy:
                raise TransferError(_("The target database is not empty (it has records in {tables}): "
                                      "an office is only moved into an empty database.").format(tables="、".join(busy)))
            for table in reversed(tables):  # the target's seeded rows give way to the office's own
                if table.name in seeded:
                    dst.execute(table.delete())
            with tally_paused(dst):  # the member tally recounted once, after the rows are in
                for table in tables:
                    if table.info.get("derived"):
                        continue
                    copied = (_copy_into_server if dst.dialect.name == "postgresql" else _insert_rows)(src, dst, table, progress)
                    _reset_sequences(dst, table)
                    if progress is not None:
                        progress(table.name, copied)
            proofs = []
            for table in tables:
                expected, found = table_proof(src, table), table_proof(dst, table)
                if expected != found:
                    raise TransferError(_("The copy of table {table} does not match the original ({found} rows "
                                          "against {expected}); nothing was kept.").format(
                        table=table.name, found=found.rows, expected=expected.rows))
                proofs.append(found)
            if finish is not None:
                finish(dst)
    return proofs
