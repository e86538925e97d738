"""Writing a planned roster import in bulk: new members and their events with one executemany
each, updates as one executemany per set of changed columns, the first 入会 event moved with a
corrected join date, and the status re-derived from the events only where those changed.

Everything runs on the caller's session connection, inside its transaction (all or nothing).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import defaultdict
from contextlib import contextmanager
from typing import Any, Iterable, Iterator, Sequence

from sqlalchemy import Date, DateTime
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from unionoffice.domain.choices import MembershipEventKind
from unionoffice.domain.membership import Event, current_status
from unionoffice.store.actor import actor_name
from unionoffice.store.models import Member, MembershipEvent
from unionoffice.store.portable_sql import advance_sequence, as_date, driver_sql, is_server

CHUNK = 5000  # ids per IN (...): well under SQLite's limit of bound parameters
IMPORT_CACHE_KIB = 65536  # SQLite's page cache while an import writes (the default is 2 MiB)


WRITE_BATCH = 5000  # new members (and events) written at a time: 200,000 never sit in memory at once
# New members from which secondary indexes are rebuilt rather than kept up: one write batch, so a
# roster whose size is not known ahead (read a slice at a time) drops them before its first batch;
# 5,000 rows inserted with them cost 0.6 s, rebuilt 0.05 s.
REBUILD_INDEXES_FROM = WRITE_BATCH


# The columns that grow with every new row an import writes: the members' ids, their events' member.
APPENDED_KEYS = {"members": "id", "membership_events": "member_id"}


class RebuiltIndexes:
    """The secondary indexes of some tables, dropped while a large import inserts and created again
    once at the end, each built from sorted keys instead of updated row by row. Inside the caller's
    transaction (SQLite's DDL is transactional): a failure leaves them as they were."""

    def __init__(self, session: Session, tables: Sequence[str]) -> None:
        self.session = session
        self.tables = tables
        self.dropped: list[tuple[str, str]] = []
        self.usable = not is_server(session.connection())  # a server keeps them up itself

    def worth_it(self, rows: int, existing: int) -> bool:
        """Whether ``rows`` new rows into ``existing`` ones are better written without the indexes."""
        return self.usable and not self.dropped and rows >= REBUILD_INDEXES_FROM and rows >= existing

    def drop(self) -> None:
        connection = self.session.connection()
        marks = ", ".join("?" for _t in self.tables)
        found = connection.exec_driver_sql(
            f"SELECT name, sql, tbl_name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({marks})", tuple(self.tables)).all()
        self.dropped = [(name, sql) for name, sql, table in found if not self._appended(connection, name, table)]
        for name, _sql in self.dropped:
            connection.exec_driver_sql(f'DROP INDEX "{name}"')

    @staticmethod
    def _appended(connection: Any, name: str, table: str) -> bool:
        """Whether the index leads with the id new rows get in increasing order: each new entry
        then goes at its end, as in the table itself, so it is kept up for little (rebuilding the
        three such indexes costs 0.5 s at 200,000 members)."""
        first = connection.exec_driver_sql(f'PRAGMA index_info("{name}")').first()
        return first is not None and APPENDED_KEYS.get(table) == first[2]

    def restore(self) -> None:
        connection = self.session.connection()
        for _name, sql in self.dropped:
            connection.exec_driver_sql(sql)
        self.dropped = []


@contextmanager
def import_cache(session: Session) -> Iterator[None]:
    """A larger page cache for the import's writes: 200,000 members' indexes stay in memory instead
    of being read back page by page (insert cost no longer grows with the index), and sorts in
    memory; both restored after."""
    connection = session.connection()
    if is_server(connection):  # the server's own buffers
        yield
        return
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
    temp_store = _set_temp_store(connection, 2)  # the rebuilt indexes sorted in memory, not in temp files
    def restore() -> None:
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(before)}")
        if temp_store is not None:
            _set_temp_store(connection, temp_store)

    try:
        yield
    except BaseException:
        # A statement stopped half-way (Ctrl-C inside an INSERT) leaves the connection unusable
        # until rolled back, and it is discarded with the transaction: the settings go with it,
        # and restoring them must not replace the interruption with an error of its own.
        with contextlib.suppress(Exception):
            restore()
        raise
    restore()


def _set_temp_store(connection: Any, value: int) -> int | None:
    """Set SQLite's temp_store; the value before, or None when the transaction has already used
    temporary storage (SQLite then refuses the change, and the import sorts as it would have)."""
    before = int(connection.exec_driver_sql("PRAGMA temp_store").scalar())
    if before == value:
        return None
    try:
        connection.exec_driver_sql(f"PRAGMA temp_store = {value}")
    except OperationalError:
        return None
    return before


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _sql_value(value: Any) -> Any:
    """Dates as SQLAlchemy stores them (ISO text)."""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def insert_rows(session: Session, table: Any, rows: list[dict[str, Any]]) -> None:
    """One executemany straight through the driver: the ORM and Core paths spend more time
    preparing 20,000 parameter sets than SQLite spends storing them. Missing keys get the
    column's scalar default; dates are stored as SQLAlchemy stores them (ISO text)."""
    if not rows:
        return
    defaults = {c.key: c.default.arg for c in table.c if c.default is not None and c.default.is_scalar}
    if "changed_by" in table.c:
        defaults["changed_by"] = actor_name(session)
    present = set(defaults)
    present.update(*rows)  # the keys of every row
    keys = sorted(present)
    fallbacks = [defaults.get(k) for k in keys]
    date_positions = [i for i, k in enumerate(keys) if isinstance(table.c[k].type, (Date, DateTime))]
    params = []
    for r in rows:
        values = list(map(r.get, keys, fallbacks))
        for i in date_positions:
            value = values[i]
            if value is not None and not isinstance(value, str):
                values[i] = _sql_value(value)
        params.append(tuple(values))
    insert_tuples(session, table.name, keys, params)


def insert_tuples(session: Session, table_name: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    """One executemany of rows already in ``columns``' order, as the driver stores them (dates as
    ISO text, every column given: its default where the row has none)."""
    if not rows:
        return
    sql = f'INSERT INTO {table_name} ({", ".join(columns)}) VALUES ({", ".join("?" for _k in columns)})'
    connection = session.connection()
    connection.exec_driver_sql(driver_sql(connection, sql), rows)
    if "id" in columns:
        advance_sequence(session, table_name)


def update_members(session: Session, updates: Iterable[tuple[int, dict[str, Any]]], now: dt.datetime) -> None:
    """``(member id, {column: new value})``: one executemany per set of changed columns."""
    by_columns: dict[tuple[str, ...], list[tuple[Any, ...]]] = defaultdict(list)
    stamp = _sql_value(now)
    who = actor_name(session)  # the record's version and who/when changed it move on, as in a form save
    for member_id, values in updates:
        columns = tuple(sorted(values))
        by_columns[columns].append((*(_sql_value(values[c]) for c in columns), stamp, who, member_id))
    connection = session.connection()
    for columns, params in by_columns.items():
        assignments = ", ".join(f"{c} = ?" for c in (*columns, "updated_at", "changed_by"))
        connection.exec_driver_sql(driver_sql(
            connection, f"UPDATE {Member.__tablename__} SET {assignments}, version = version + 1 WHERE id = ?"), params)


def move_first_join(session: Session, join_dates: dict[int, dt.date | None]) -> None:
    """Keep each member's first 入会 event (earliest by date) on the join date the import corrected."""
    wanted = {member_id: date for member_id, date in join_dates.items() if date is not None}
    connection = session.connection()
    params = []
    for ids in chunks(sorted(wanted)):
        marks = ", ".join("?" for _i in ids)
        seen: set[int] = set()
        rows = connection.exec_driver_sql(driver_sql(connection,
            f"SELECT id, member_id FROM {MembershipEvent.__tablename__} WHERE kind = ? AND member_id IN ({marks}) "
            "ORDER BY member_id, date, id"), (MembershipEventKind.JOIN.value, *ids))
        for event_id, member_id in rows:
            if member_id not in seen:
                seen.add(member_id)
                params.append((_sql_value(wanted[member_id]), event_id))
    if params:
        connection.exec_driver_sql(driver_sql(connection, f"UPDATE {MembershipEvent.__tablename__} SET date = ? WHERE id = ?"),
                                   params)


def refresh_statuses(session: Session, member_ids: Iterable[int]) -> None:
    """Re-derive the stored status of these members from their events (as ``members.refresh_status``)."""
    connection = session.connection()
    params = []
    for ids in chunks(sorted(set(member_ids))):
        marks = ", ".join("?" for _i in ids)
        events: dict[int, list[Event]] = defaultdict(list)
        stored: dict[int, str] = {}
        for member_id, status in connection.exec_driver_sql(driver_sql(connection,
                f"SELECT id, status FROM {Member.__tablename__} WHERE id IN ({marks})"), tuple(ids)):
            stored[member_id] = status
        for member_id, kind, date in connection.exec_driver_sql(driver_sql(connection,
                f"SELECT member_id, kind, date FROM {MembershipEvent.__tablename__} WHERE member_id IN ({marks}) "
                "ORDER BY member_id, id"), tuple(ids)):
            events[member_id].append(Event(MembershipEventKind(kind), as_date(date)))
        for member_id in ids:
            status = current_status(events.get(member_id, [])).value
            if stored.get(member_id) != status:
                params.append((status, member_id))
    if params:
        connection.exec_driver_sql(driver_sql(connection, f"UPDATE {Member.__tablename__} SET status = ? WHERE id = ?"),
                                   params)
