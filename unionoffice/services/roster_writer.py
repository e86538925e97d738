"""Writing a planned roster import, a chunk of rows at a time, inside the caller's transaction.

``RosterWriter`` takes the planned rows as they come (a whole plan, or the chunks of a streamed
import) and writes new members and their events in batches of ``WRITE_BATCH``; the updates, the
moved 入会 dates, the re-derived statuses and the one audit entry of the import follow at
``finish``. The result is the same whatever the chunks: members numbered in row order, events in
row order, groups added in the order the rows first name them.
"""

from __future__ import annotations

import datetime as dt
from contextlib import ExitStack
from typing import TYPE_CHECKING, Any, Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from unionoffice.domain.choices import MembershipEventKind, MembershipStatus
from unionoffice.domain.pinyin import name_columns
from unionoffice.i18n import _
from unionoffice.io.sheets import RowResult
from unionoffice.services.audit import AuditAction, record
from unionoffice.services.office import find_or_add_groups
from unionoffice.services.roster_changes import jsonable
from unionoffice.services.roster_rows import NewMemberRows
from unionoffice.services.roster_write import (
    WRITE_BATCH,
    RebuiltIndexes,
    import_cache,
    insert_tuples,
    move_first_join,
    refresh_statuses,
    update_members,
)
from unionoffice.store.actor import actor_name
from unionoffice.store.base import utcnow
from unionoffice.store.models import Group, Member, MembershipEvent
from unionoffice.store.register_lock import lock_register
from unionoffice.store.tally import tally_paused, worth_pausing

if TYPE_CHECKING:
    from unionoffice.services.roster_import import ImportResult, PlannedRow

EVENT_COLUMNS = ("member_id", "kind", "date", "reason", "destination", "created_at")
_JOIN = MembershipEventKind.JOIN.value

# The event that leaves a member in an imported status (the status column of the file).
EVENT_FOR_STATUS = {
    MembershipStatus.RETAINED: MembershipEventKind.RETAIN,
    MembershipStatus.TRANSFERRED_OUT: MembershipEventKind.TRANSFER_OUT,
    MembershipStatus.EXPELLED: MembershipEventKind.EXPEL,
    MembershipStatus.WITHDRAWN: MembershipEventKind.WITHDRAW,
    MembershipStatus.DECEASED: MembershipEventKind.DECEASED,
}


class RosterWriter:
    """Writes the rows a plan accepts; ``with RosterWriter(...) as writer: writer.write(rows) …
    result = writer.finish(name)``. Leaving the block on an error leaves the caller's transaction
    to roll back (the indexes an import rebuilds are inside it too)."""

    def __init__(self, session: Session, mapping: dict[str, int], today: dt.date, expected_new: int,
                 expected_rows: int | None = None) -> None:
        """``expected_new``: about how many new members will come (0: not known). From it, or from
        how many have come once they are many, the secondary indexes are rebuilt once at the end
        rather than kept up row by row. ``expected_rows``: about how many members will be written,
        new or updated (default: ``expected_new``); from it, the member tally's triggers are
        paused for one recount at the end, or left counting the few rows."""
        self.session = session
        self.mapping = mapping
        self.today = today
        self.expected_new = expected_new
        self.expected_rows = expected_new if expected_rows is None else expected_rows
        self.has_status = "status" in mapping
        now = utcnow()
        self.now = now
        self.stamp = now.isoformat(sep=" ")
        self.new_events: list[tuple[Any, ...]] = []  # in EVENT_COLUMNS' order
        self.updates: list[tuple[int, dict[str, Any]]] = []
        self.changed: list[dict[str, Any]] = []
        self.statuses: list[int] = []
        self.joins_moved: dict[int, dt.date | None] = {}
        self.group_ids: dict[str, int] = {}
        self.done = 0
        self._stack = ExitStack()

    def __enter__(self) -> "RosterWriter":
        session = self.session
        lock_register(session, "members")  # held already when the plan was made under it (the CLI)
        self.groups_before = session.scalar(select(func.count(Group.id))) or 0
        self.next_id = (session.scalar(select(func.max(Member.id))) or 0) + 1
        self.first_id = self.next_id
        self.members = NewMemberRows(self.mapping, self.group_ids, self.today, self.stamp, actor_name(session))
        self._stack.enter_context(import_cache(session))
        if worth_pausing(self.expected_rows, self.next_id - 1):  # a few rows: the triggers count them
            self._stack.enter_context(tally_paused(session))  # the member tally recounted once at the end
        self.indexes = RebuiltIndexes(session, (Member.__tablename__, MembershipEvent.__tablename__))
        if self.indexes.worth_it(self.expected_new, self.next_id - 1):
            self.indexes.drop()
        return self

    def __exit__(self, kind: Any, error: Any, traceback: Any) -> None:
        self._stack.__exit__(kind, error, traceback)  # nothing left to undo once finished

    def write(self, planned_rows: Iterable["PlannedRow"]) -> None:
        """Write these planned rows (those that write anything; the others are passed over)."""
        accepted = [p for p in planned_rows if p.writes]
        if not accepted:
            return
        names = (p.row.values.get("group") or "" for p in accepted)
        if "group" in self.mapping and any(n and " ".join(n.split()) not in self.group_ids for n in names):
            self.group_ids = find_or_add_groups(self.session, (p.row.values.get("group") or "" for p in accepted))
            self.members.group_ids = self.group_ids
            self.session.flush()  # the groups, before rows that refer to them
        for planned in accepted:
            self._write_one(planned)
            if len(self.members.rows) >= WRITE_BATCH:
                self._write_new()

    def _write_one(self, planned: "PlannedRow") -> None:
        from unionoffice.services.roster_import import Action

        row = planned.row
        status = row.values.get("status") if self.has_status else None
        stamp = self.stamp
        if planned.action == Action.NEW:
            member_id = self.next_id
            join = self.members.add(row, member_id, status)
            self.new_events.append((member_id, _JOIN, join.isoformat(), "", "", stamp))
            if status in EVENT_FOR_STATUS:
                self.new_events.append((member_id, EVENT_FOR_STATUS[status].value, max(self.today, join).isoformat(),
                                        _("Status as imported: {status}").format(status=status.label()), "", stamp))
            self.next_id += 1
            return
        entry: dict[str, Any] = {"id": planned.member_id, "row": row.row_number, "name": row.values.get("name")}
        if planned.action == Action.UPDATE:
            self.updates.append((planned.member_id, updated_columns(planned, self.group_ids, self.joins_moved)))
            entry["before"] = {c.key: jsonable(c.old) for c in planned.changes}
            entry["after"] = {c.key: jsonable(c.new) for c in planned.changes}
        if planned.conflict is not None and planned.apply_status:
            kind = EVENT_FOR_STATUS.get(status, MembershipEventKind.TRANSFER_IN)
            self.new_events.append((planned.member_id, kind.value, self.today.isoformat(),
                                    _("Status as imported: {status}").format(status=status.label()), "", stamp))
            self.statuses.append(planned.member_id)
            entry["status"] = [planned.conflict.recorded.value, status.value]
        self.changed.append(entry)

    def _write_new(self) -> None:
        if self.members.rows and self.indexes.worth_it(self.next_id - self.first_id, self.first_id - 1):
            self.indexes.drop()  # so many new members: the rest are written without the indexes
        insert_tuples(self.session, Member.__tablename__, self.members.columns, self.members.rows)
        insert_tuples(self.session, MembershipEvent.__tablename__, EVENT_COLUMNS, self.new_events)
        self.members.clear()
        self.new_events = []

    def finish(self, source_name: str) -> "ImportResult":
        """The rest of the writes, the indexes back, the import's audit entry; the counts."""
        from unionoffice.services.roster_import import ImportResult

        session = self.session
        self._write_new()
        update_members(session, self.updates, self.now)
        move_first_join(session, self.joins_moved)
        refresh_statuses(session, [*self.joins_moved, *self.statuses])
        self.indexes.restore()
        self._stack.close()  # the page cache as it was
        added, updated = self.next_id - self.first_id, len(self.updates)
        record(session, AuditAction.IMPORT, "members", None,
               _("Members imported from {file}: {added} added, {updated} updated").format(
                   file=source_name, added=added, updated=updated),
               after={"added": added, "updated": updated, "first_id": self.first_id if added else None,
                      "last_id": self.next_id - 1 if added else None, "changed": self.changed})
        session.expire_all()  # the rows were written past the ORM: objects loaded before must reload
        groups = session.scalar(select(func.count(Group.id))) or 0
        return ImportResult(added, updated, groups - self.groups_before, len(self.statuses))


def updated_columns(planned: "PlannedRow", group_ids: dict[str, int], joins_moved: dict[int, dt.date | None]) -> dict[str, Any]:
    """The member columns an update writes: the changed fields (the group by id), new search keys
    for a new name; a changed join date is noted in ``joins_moved`` (its 入会 event follows)."""
    values: dict[str, Any] = {}
    for change in planned.changes:
        if change.key == "group":
            values["group_id"] = group_ids[change.new] if change.new else None
        else:
            values[change.key] = change.new
        if change.key == "join_date":
            joins_moved[planned.member_id] = change.new
    if "name" in values:
        values.update(name_columns(values["name"]))
    return values
