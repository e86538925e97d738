"""Importing a member roster from a spreadsheet (.xlsx, .xls, .ods) on the shared sheets core.

``plan_import`` reads and checks every row and marks it 新增 (new), 更新 (update: same ID number as
a member, only when the clerk chose to update) or 错误 (error, with the reasons naming row and
field). ``apply_import`` then writes the chosen rows inside the caller's transaction: all of them
or, on any failure, none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, Callable

from sqlalchemy import Date, DateTime, func, select
from sqlalchemy.orm import Session

from unionoffice.domain.choices import IdType, MembershipEventKind, MembershipStatus
from unionoffice.domain.pinyin import name_columns
from unionoffice.i18n import _
from unionoffice.io.roster_sheet import COLUMNS
from unionoffice.io.sheets import (
    RowResult,
    SheetParse,
    read_and_parse,
    sex_from_id,
)
from unionoffice.services import members as member_service
from unionoffice.services.audit import AuditAction, record, snapshot
from unionoffice.services.office import find_or_add_group
from unionoffice.store.base import utcnow
from unionoffice.store.models import Group, Member, MembershipEvent

Progress = Callable[[int, int], None]  # (done, total); raise inside it to cancel

# The event that leaves a member in an imported status (the status column of the file).
EVENT_FOR_STATUS = {
    MembershipStatus.RETAINED: MembershipEventKind.RETAIN,
    MembershipStatus.TRANSFERRED_OUT: MembershipEventKind.TRANSFER_OUT,
    MembershipStatus.EXPELLED: MembershipEventKind.EXPEL,
    MembershipStatus.WITHDRAWN: MembershipEventKind.WITHDRAW,
    MembershipStatus.DECEASED: MembershipEventKind.DECEASED,
}
# Member fields filled straight from the column of the same key.
PLAIN_FIELDS = ("name", "ethnicity", "birth_date", "political_status", "education", "skill_level", "employment",
                "post", "phone", "hukou_type", "hukou_place", "native_place", "migrant_worker", "join_date",
                "card_no", "notes", "sex", "id_type")
TEXT_FIELDS = {"ethnicity", "skill_level", "post", "phone", "hukou_place", "native_place", "card_no", "notes"}


class Action(str, Enum):
    NEW = "new"
    UPDATE = "update"
    UNCHANGED = "unchanged"  # an existing member the file describes exactly as stored
    ERROR = "error"


@dataclass
class PlannedRow:
    row: RowResult
    action: Action
    member_id: int | None = None


@dataclass
class ImportPlan:
    parsed: SheetParse
    rows: list[PlannedRow]
    update_existing: bool

    def count(self, action: Action) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def accepted(self) -> list[PlannedRow]:
        """The rows to write: new members and real updates."""
        return [r for r in self.rows if r.action in (Action.NEW, Action.UPDATE)]

    @property
    def rejected(self) -> list[PlannedRow]:
        return [r for r in self.rows if r.action == Action.ERROR]


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    groups_added: int


def read_roster(path: str | Path, sheet: str | int | None = None, progress: Progress | None = None) -> SheetParse:
    """Read and parse the file (SheetError when it cannot be used at all)."""
    return read_and_parse(path, COLUMNS, sheet=sheet, key="id_number", progress=progress)


def _birth_in(number: str) -> dt.date:
    """The birth date of an ID number the parser already validated (stdnum re-checks every digit)."""
    return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def _check_row(row: RowResult, today: dt.date) -> None:
    """The roster's own checks, beyond what each cell's parser checked."""
    values = row.values
    number = values.get("id_number")
    if number and (values.get("id_type") in (None, IdType.RESIDENT_ID)):
        from_id = _birth_in(number)
        given = values.get("birth_date")
        # 出生年月 (a month alone) reads as the 1st: it agrees when the month does.
        if given is not None and given != from_id and not (given.day == 1 and given.replace(day=from_id.day) == from_id):
            row.add_error("birth_date", _("Does not agree with the ID number ({date}).").format(date=f"{from_id:%Y-%m-%d}"))
        sex = values.get("sex")
        if sex is not None and sex != sex_from_id(number):
            row.add_error("sex", _("Does not agree with the ID number."))
    join = values.get("join_date")
    birth = values.get("birth_date") or (_birth_in(number) if number else None)
    if join is not None:
        if join > today:
            row.add_error("join_date", _("It is later than today."))
        elif birth is not None and join < birth:
            row.add_error("join_date", _("It is before the birth date."))
    if values.get("status") == MembershipStatus.NOT_YET:
        row.add_error("status", _("A roster lists members; “{status}” cannot be imported.").format(
            status=MembershipStatus.NOT_YET.label()))


def plan_import(
    session: Session,
    source: str | Path | SheetParse,
    *,
    sheet: str | int | None = None,
    update_existing: bool = False,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> ImportPlan:
    """Read (unless given a parsed sheet) and mark every row new, update, unchanged or error."""
    parsed = source if isinstance(source, SheetParse) else read_roster(source, sheet, progress)
    today = today or dt.date.today()
    existing = {
        number: (member_id, name, deleted)
        for number, member_id, name, deleted in session.execute(
            select(Member.id_number, Member.id, Member.name, Member.deleted_at.is_not(None)).where(
                Member.id_number.is_not(None))
        )
    }
    plan = ImportPlan(parsed, [], update_existing)
    # How many errors each row had from reading the file, so a re-plan (update existing members
    # ticked or not) starts from those and not from the previous plan's.
    sheet_errors: dict[int, int] = parsed.__dict__.setdefault("_roster_sheet_errors", {})
    for row in parsed.rows:
        sheet_errors.setdefault(row.row_number, len(row.errors))
        del row.errors[sheet_errors[row.row_number]:]
        _check_row(row, today)
        found = existing.get(row.values.get("id_number") or "")
        member_id = None
        if found is not None:
            member_id, name, deleted = found
            if deleted:
                row.add_error("id_number", _("Belongs to {name}, who is in the recycle bin; restore or delete that record first.").format(name=name))
            elif not update_existing:
                row.add_error("id_number", _("Already a member ({name}); choose “update existing members” to update.").format(name=name))
        action = Action.ERROR if row.errors else (Action.UPDATE if member_id is not None else Action.NEW)
        plan.rows.append(PlannedRow(row, action, member_id))
    _mark_unchanged(session, plan)
    return plan


def _row_values(row: RowResult, mapping: dict[str, int], fields: list[tuple[str, int]],
                group_ids: dict[str, int]) -> dict[str, Any]:
    """What the member's columns become from this row (group name → id; an unknown group → -1)."""
    values = _member_values(row, fields, "id_number" in mapping)
    if "group" in mapping:
        name = row.values.get("group")
        values["group_id"] = group_ids.get(" ".join(name.split()), -1) if name else None
    return values


def _mark_unchanged(session: Session, plan: ImportPlan) -> None:
    """Updates that would change nothing become UNCHANGED (shown as such, and skipped)."""
    updates = [p for p in plan.rows if p.action == Action.UPDATE]
    if not updates:
        return
    mapping = plan.parsed.mapping
    fields = _field_plan(mapping)
    group_ids = {g.name: g.id for g in session.scalars(select(Group))}
    current = _current_values(session, [p.member_id for p in updates])
    for planned in updates:
        now = current.get(planned.member_id, {})
        values = _row_values(planned.row, mapping, fields, group_ids)
        status = planned.row.values.get("status") if "status" in mapping else None
        if all(now.get(k) == v for k, v in values.items()) and (status is None or status.value == now.get("status")):
            planned.action = Action.UNCHANGED


ENUM_FIELDS = {"sex", "political_status", "education", "employment", "hukou_type", "id_type"}


def _field_plan(mapping: dict[str, int]) -> list[tuple[str, int]]:
    """(field, how to convert: 0 as is, 1 enum code, 2 text, 3 bool) for the fields the file has."""
    return [(name, 1 if name in ENUM_FIELDS else 2 if name in TEXT_FIELDS else 3 if name == "migrant_worker" else 0)
            for name in PLAIN_FIELDS if name in mapping]


def _member_values(row: RowResult, fields: list[tuple[str, int]], has_id: bool) -> dict[str, Any]:
    """Column values for the member, only for the columns the file has."""
    source = row.values
    values = {}
    for name, how in fields:
        value = source.get(name)
        if how == 1:
            value = value.value if value is not None else None
        elif how == 2:
            value = value or ""
        elif how == 3:
            value = bool(value)
        values[name] = value
    number = source.get("id_number") if has_id else None
    if has_id:
        values["id_number"] = number
    if number and values.get("id_type") in (None, IdType.RESIDENT_ID.value):
        # Birth date and sex from the ID number: exact where the file has a month or nothing.
        values["birth_date"] = _birth_in(number)
        values["sex"] = values.get("sex") or sex_from_id(number).value
    if values.get("id_type") is None:
        values.pop("id_type", None)
    return values


def apply_import(session: Session, plan: ImportPlan, source_name: str = "", today: dt.date | None = None,
                 progress: Progress | None = None) -> ImportResult:
    """Write every row not marked as an error; one transaction with the caller's other work."""
    today = today or dt.date.today()
    mapping = plan.parsed.mapping
    accepted = plan.accepted
    group_ids: dict[str, int] = {g.name: g.id for g in session.scalars(select(Group))}
    groups_before = len(group_ids)
    for planned in accepted:
        name = planned.row.values.get("group")
        if name and " ".join(name.split()) not in group_ids:
            group = find_or_add_group(session, name)
            group_ids[group.name] = group.id
    next_id = (session.scalar(select(func.max(Member.id))) or 0) + 1
    first_id = next_id
    new_members, new_events, added, updated = [], [], 0, 0
    fields = _field_plan(mapping)
    for done, planned in enumerate(accepted, start=1):
        row = planned.row
        values = _row_values(row, mapping, fields, group_ids)
        status = row.values.get("status") if "status" in mapping else None
        if planned.action == Action.NEW:
            values.setdefault("join_date", None)
            values["join_date"] = values["join_date"] or today
            values.update(id=next_id, **name_columns(values["name"]),
                          status=(status or MembershipStatus.ACTIVE).value)
            new_members.append(values)
            new_events.append({"member_id": next_id, "kind": MembershipEventKind.JOIN.value,
                               "date": values["join_date"], "reason": "", "destination": ""})
            if status in EVENT_FOR_STATUS:
                new_events.append({"member_id": next_id, "kind": EVENT_FOR_STATUS[status].value,
                                   "date": max(today, values["join_date"]), "destination": "",
                                   "reason": _("Status as imported: {status}").format(status=status.label())})
            next_id += 1
            added += 1
        else:
            _update_member(session, planned.member_id, values, status, today)
            updated += 1
        if progress is not None and done % 1000 == 0:
            progress(done, len(accepted))
    if new_members:
        now = utcnow().isoformat(sep=" ")
        _insert_rows(session, Member.__table__, [{**m, "created_at": now, "updated_at": now} for m in new_members])
        _insert_rows(session, MembershipEvent.__table__, [{**e, "created_at": now} for e in new_events])
    record(session, AuditAction.IMPORT, "members", None,
           _("Members imported from {file}: {added} added, {updated} updated").format(
               file=source_name or (plan.parsed.path.name if plan.parsed.path else ""), added=added, updated=updated),
           after={"added": added, "updated": updated, "first_id": first_id if added else None,
                  "last_id": next_id - 1 if added else None})
    if progress is not None:
        progress(len(accepted), len(accepted))
    return ImportResult(added, updated, len(group_ids) - groups_before)


def _insert_rows(session: Session, table: Any, rows: list[dict[str, Any]]) -> None:
    """One executemany straight through the driver: the ORM and Core paths spend more time
    preparing 20,000 parameter sets than SQLite spends storing them. Missing keys get the
    column's scalar default; dates are stored as SQLAlchemy stores them (ISO text)."""
    defaults = {c.key: c.default.arg for c in table.c if c.default is not None and c.default.is_scalar}
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
                values[i] = value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
        params.append(tuple(values))
    sql = f'INSERT INTO {table.name} ({", ".join(keys)}) VALUES ({", ".join("?" for _k in keys)})'
    session.connection().exec_driver_sql(sql, params)


def _current_values(session: Session, member_ids: list[int]) -> dict[int, dict[str, Any]]:
    """The stored values of the members an import would update, in a few queries."""
    names = [*PLAIN_FIELDS, "id_number", "group_id", "status"]
    found: dict[int, dict[str, Any]] = {}
    for start in range(0, len(member_ids), 5000):  # well under SQLite's limit of bound parameters
        chunk = member_ids[start:start + 5000]
        query = select(Member.id, *(getattr(Member, n) for n in names)).where(Member.id.in_(chunk))
        for row in session.execute(query):
            found[row[0]] = dict(zip(names, row[1:]))
    return found


def _update_member(session: Session, member_id: int, values: dict[str, Any], status: MembershipStatus | None,
                   today: dt.date) -> None:
    member = member_service.get_member(session, member_id)
    before = snapshot(member)
    old_join = member.join_date
    for key, value in values.items():
        setattr(member, key, value)
    for column, key in name_columns(member.name).items():
        setattr(member, column, key)
    if member.join_date and member.join_date != old_join:
        first_join = next((e for e in member.events if e.kind == MembershipEventKind.JOIN.value), None)
        if first_join is not None:
            first_join.date = member.join_date
    if status is not None and status.value != member.status:
        kind = EVENT_FOR_STATUS.get(status, MembershipEventKind.TRANSFER_IN)
        member.events.append(MembershipEvent(kind=kind.value, date=today, reason=_("Status as imported: {status}").format(
            status=status.label()), destination=""))
    member_service.refresh_status(member)
    session.flush()
    after = snapshot(member)
    before.pop("updated_at"), after.pop("updated_at")
    if before != after:
        record(session, AuditAction.UPDATE, "members", member.id,
               _("Member updated by import: {name}").format(name=member.name), before, after)

