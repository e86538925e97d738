"""Importing a member roster from a spreadsheet (.xlsx, .xls, .ods) on the shared sheets core.

``plan_import`` reads and checks every row and marks it 新增 (new), 更新 (update: same ID number as
a member, each field old → new, only when the clerk chose to update), 无变化 (unchanged) or 错误
(error, with the reasons naming row and field); a status contradicting the recorded one is a
conflict the clerk decides. ``apply_import`` then writes the chosen rows in bulk inside the
caller's transaction: all of them or, on any failure, none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from itertools import islice
from typing import Any, Callable, Iterable, Iterator, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from unionoffice.domain.choices import MembershipStatus
from unionoffice.i18n import _
from unionoffice.io.roster_sheet import COLUMNS
from unionoffice.io.sheets import RowResult, SheetParse, read_and_parse
from unionoffice.services.roster_changes import FieldChange, StatusConflict, field_changes
from unionoffice.services.roster_values import PLAIN_FIELDS, check_row, field_plan, file_values
from unionoffice.services.roster_write import chunks
from unionoffice.services.roster_writer import EVENT_FOR_STATUS, WRITE_BATCH, RosterWriter  # noqa: F401 (EVENT_FOR_STATUS, WRITE_BATCH: public)
from unionoffice.store.portable_sql import as_date, driver_sql
from unionoffice.store.models import Group, Member, MembershipEvent

Progress = Callable[[int, int], None]  # (done, total); raise inside it to cancel
# Rows planned at a time (their members found in one query): as many as a reading worker sends in
# one message, so the rows are planned and written as they come, not after thousands more.
CHUNK = 1000


class Action(str, Enum):
    NEW = "new"
    UPDATE = "update"
    UNCHANGED = "unchanged"  # an existing member the file describes exactly as stored
    ERROR = "error"


@dataclass(slots=True)  # one per row of the file: 200,000 of them
class PlannedRow:
    row: RowResult
    action: Action
    member_id: int | None = None
    # An existing member's fields, old → new (a shared empty tuple for the 200,000 new members).
    changes: Sequence[FieldChange] = ()
    conflict: StatusConflict | None = None  # the file's status contradicts the recorded one
    apply_status: bool = False  # the clerk's choice for a conflict: set the file's status

    @property
    def writes(self) -> bool:
        """Whether importing writes anything for this row."""
        if self.action in (Action.NEW, Action.UPDATE):
            return True
        return self.action == Action.UNCHANGED and self.conflict is not None and self.apply_status

    def change_lines(self) -> list[str]:
        """The changed fields (old → new) and the status conflict, for the preview and the CLI."""
        lines = [change.text() for change in self.changes]
        if self.conflict is not None:
            lines.append(self.conflict.text(self.apply_status))
        return lines


@dataclass
class ImportPlan:
    parsed: SheetParse
    rows: list[PlannedRow]
    update_existing: bool
    # A streamed import keeps only the rows it reports (errors, changes, conflicts) and counts
    # every row here; None: ``rows`` is every row of the file.
    counts: dict[Action, int] | None = None

    def count(self, action: Action) -> int:
        if self.counts is not None:
            return self.counts.get(action, 0)
        return sum(1 for r in self.rows if r.action == action)

    @property
    def total(self) -> int:
        """The data rows of the file."""
        return sum(self.counts.values()) if self.counts is not None else len(self.rows)

    @property
    def accepted(self) -> list[PlannedRow]:
        """The rows to write: new members, real updates and the status conflicts set as in the file."""
        return [r for r in self.rows if r.writes]

    @property
    def rejected(self) -> list[PlannedRow]:
        return [r for r in self.rows if r.action == Action.ERROR]

    @property
    def conflicts(self) -> list[PlannedRow]:
        """Rows whose status contradicts the recorded history (not errors: the clerk decides)."""
        return [r for r in self.rows if r.conflict is not None and r.action != Action.ERROR]

    @property
    def importable(self) -> bool:
        """Something to confirm: any row that is not an error (a roster of unchanged members too)."""
        return any(r.action != Action.ERROR for r in self.rows)

    def set_apply_status(self, apply: bool) -> None:
        """The same choice for every status conflict (the CLI's ``--apply-status``)."""
        for planned in self.rows:
            if planned.conflict is not None:
                planned.apply_status = apply


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    groups_added: int
    statuses_set: int = 0


def read_roster(path: str | Path, sheet: str | int | None = None, progress: Progress | None = None) -> SheetParse:
    """Read and parse the file (SheetError when it cannot be used at all)."""
    return read_and_parse(path, COLUMNS, sheet=sheet, key="id_number", progress=progress)


def plan_import(
    session: Session,
    source: str | Path | SheetParse,
    *,
    sheet: str | int | None = None,
    update_existing: bool = False,
    apply_status: bool = False,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> ImportPlan:
    """Read (unless given a parsed sheet) and mark every row new, update, unchanged or error.

    A member found by ID number whose row holds the stored values is UNCHANGED (never an error);
    one whose row differs is UPDATE with each field old → new, or an ERROR listing those changes
    when ``update_existing`` is off. A status contradicting the recorded one is a conflict,
    set as in the file only where ``apply_status`` (or the clerk's choice per row) says so.
    """
    parsed = source if isinstance(source, SheetParse) else read_roster(source, sheet, progress)
    plan = ImportPlan(parsed, [], update_existing)
    # How many errors each row had from reading the file, so a re-plan (update existing members
    # ticked or not) starts from those and not from the previous plan's.
    # Only rows with such errors are listed (a dict of 200,000 zeros is 20 MB).
    first_plan = "_roster_sheet_errors" not in parsed.__dict__
    sheet_errors: dict[int, int] = parsed.__dict__.setdefault("_roster_sheet_errors", {})

    def from_the_file(rows: Iterable[RowResult]) -> Iterator[RowResult]:
        for row in rows:
            if first_plan:
                if row.errors:
                    sheet_errors[row.row_number] = len(row.errors)
            elif row.errors:
                del row.errors[sheet_errors.get(row.row_number, 0):]
            yield row

    for planned in plan_chunks(session, parsed.mapping, from_the_file(parsed.rows), update_existing=update_existing,
                               apply_status=apply_status, today=today):
        plan.rows.extend(planned)
    return plan


def plan_chunks(session: Session, mapping: dict[str, int], rows: Iterable[RowResult], *, update_existing: bool = False,
                apply_status: bool = False, today: dt.date | None = None, lookup: bool = True) -> Iterator[list[PlannedRow]]:
    """The rows planned a chunk at a time (each chunk's members found in one query), as they come.
    ``lookup=False``: the roster held no member when the import began (nothing to look up)."""
    today = today or dt.date.today()
    fields = field_plan(mapping)
    group_names = dict(session.execute(select(Group.id, Group.name)).all())
    rows = iter(rows)
    while chunk := list(islice(rows, CHUNK)):
        numbers = [n for n in (row.values.get("id_number") for row in chunk) if n] if lookup else []
        existing = _existing_members(session, numbers)
        planned = []
        for row in chunk:
            check_row(row, today)
            planned.append(_plan_row(row, existing.get(row.values.get("id_number") or ""), mapping, fields,
                                     group_names, update_existing, apply_status))
        _date_conflicts(session, [p for p in planned if p.conflict is not None and p.action != Action.ERROR])
        yield planned


def _plan_row(row: RowResult, found: dict[str, Any] | None, mapping: dict[str, int], fields: list[tuple[str, int]],
              group_names: dict[int, str], update_existing: bool, apply_status: bool) -> PlannedRow:
    if found is None:
        return PlannedRow(row, Action.ERROR if row.errors else Action.NEW)
    planned = PlannedRow(row, Action.UNCHANGED, found["id"])
    if found["deleted"]:
        row.add_error("id_number", _("Belongs to {name}, who is in the recycle bin; restore or delete that record first.").format(
            name=found["name"]))
    if row.errors:
        planned.action = Action.ERROR
        return planned
    current = {**found, "group": group_names.get(found["group_id"])}
    planned.changes = sorted(field_changes(current, file_values(row, mapping, fields), row.headers),
                             key=lambda c: mapping.get(c.key, len(mapping)))  # in the file's column order
    status = row.values.get("status") if "status" in mapping else None
    if status is not None and status.value != found["status"]:
        planned.conflict = StatusConflict(MembershipStatus(found["status"]), None, status, row.headers.get("status", ""))
        planned.apply_status = apply_status
    if planned.changes:
        if update_existing:
            planned.action = Action.UPDATE
        else:
            planned.action = Action.ERROR
            row.add_error("id_number", _("Already a member ({name}) and the file differs ({changes}); choose “update existing members” to update.").format(
                name=found["name"], changes=_("; ").join(c.text() for c in planned.changes)))
    return planned


_EXISTING_COLUMNS = [*PLAIN_FIELDS, "id_number", "group_id", "status", "id", "name"]
_EXISTING_SQL = (f"SELECT deleted_at IS NOT NULL, {', '.join(_EXISTING_COLUMNS)} FROM {Member.__tablename__} "
                 "WHERE id_number IN ({marks})")
_DATE_COLUMNS = [i + 1 for i, n in enumerate(_EXISTING_COLUMNS) if n in ("birth_date", "join_date")]
_BOOL_COLUMNS = [i + 1 for i, n in enumerate(_EXISTING_COLUMNS) if n == "migrant_worker"]


def _existing_members(session: Session, numbers: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The members holding these ID numbers, with every column an import compares, in one query
    (straight through the driver: the values as the ORM would load them, without its cost)."""
    if not numbers:
        return {}
    connection = session.connection()
    sql = driver_sql(connection, _EXISTING_SQL.format(marks=", ".join("?" for _n in numbers)))
    found = {}
    for row in connection.exec_driver_sql(sql, tuple(numbers)).fetchall():
        values = list(row)
        for i in _DATE_COLUMNS:
            if values[i] is not None:
                values[i] = as_date(values[i])
        for i in _BOOL_COLUMNS:
            if values[i] is not None:
                values[i] = bool(values[i])
        member = dict(zip(_EXISTING_COLUMNS, values[1:]))
        member["deleted"] = bool(values[0])
        found[member["id_number"]] = member
    return found


def _date_conflicts(session: Session, conflicts: list[PlannedRow]) -> None:
    """Each conflict with the date of the member's last recorded event ("转出 since 2026-10-15")."""
    ids = sorted({p.member_id for p in conflicts if p.member_id is not None})
    last: dict[int, dt.date] = {}
    for chunk in chunks(ids):
        query = select(MembershipEvent.member_id, func.max(MembershipEvent.date)).where(
            MembershipEvent.member_id.in_(chunk)).group_by(MembershipEvent.member_id)
        last.update(dict(session.execute(query).all()))
    for planned in conflicts:
        conflict = planned.conflict
        planned.conflict = StatusConflict(conflict.recorded, last.get(planned.member_id), conflict.in_file, conflict.field)


def apply_import(session: Session, plan: ImportPlan, source_name: str = "", today: dt.date | None = None,
                 progress: Progress | None = None) -> ImportResult:
    """Write every row the plan accepts, in bulk; one transaction with the caller's other work.

    One audit entry records the import: the counts, the new members' ids and, for every member
    changed, the fields before and after (and each status set from the file)."""
    accepted = plan.accepted
    name = source_name or (plan.parsed.path.name if plan.parsed.path else "")
    with RosterWriter(session, plan.parsed.mapping, today or dt.date.today(), plan.count(Action.NEW),
                      len(accepted)) as writer:
        for done, chunk in enumerate(chunks(accepted, 1000), start=1):
            writer.write(chunk)
            if progress is not None and len(chunk) == 1000:
                progress(done * 1000, len(accepted))
        result = writer.finish(name)
    if progress is not None:
        progress(len(accepted), len(accepted))
    return result
