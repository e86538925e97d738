"""The roster import's former per-row writer (ORM objects, a flush per member), kept only as the
reference the bulk writer must agree with: same members, events and groups from the same plan."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from unionoffice.domain.choices import MembershipEventKind, MembershipStatus
from unionoffice.domain.pinyin import name_columns
from unionoffice.i18n import _
from unionoffice.services import members as member_service
from unionoffice.services.office import find_or_add_group
from unionoffice.services.roster_import import EVENT_FOR_STATUS, Action, ImportPlan
from unionoffice.services.roster_values import field_plan as _field_plan, member_values as _member_values
from unionoffice.services.roster_write import insert_rows
from unionoffice.store.base import utcnow
from unionoffice.store.models import Group, Member, MembershipEvent


def _row_values(row, mapping, fields, group_ids) -> dict[str, Any]:
    values = _member_values(row, fields, "id_number" in mapping)
    if "group" in mapping:
        name = row.values.get("group")
        values["group_id"] = group_ids.get(" ".join(name.split()), -1) if name else None
    return values


def apply_per_row(session: Session, plan: ImportPlan, today: dt.date) -> None:
    """The old apply_import, status applied wherever the file's differs (as it always did)."""
    mapping = plan.parsed.mapping
    accepted = plan.accepted
    group_ids = {g.name: g.id for g in session.scalars(select(Group))}
    for planned in accepted:
        name = planned.row.values.get("group")
        if name and " ".join(name.split()) not in group_ids:
            group = find_or_add_group(session, name)
            group_ids[group.name] = group.id
    next_id = (session.scalar(select(func.max(Member.id))) or 0) + 1
    new_members, new_events = [], []
    fields = _field_plan(mapping)
    for planned in accepted:
        row = planned.row
        values = _row_values(row, mapping, fields, group_ids)
        status = row.values.get("status") if "status" in mapping else None
        if planned.action == Action.NEW:
            values["join_date"] = values.get("join_date") or today
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
        else:
            _update_member(session, planned.member_id, values, status, today)
    now = utcnow().isoformat(sep=" ")
    session.flush()
    insert_rows(session, Member.__table__, [{**m, "created_at": now, "updated_at": now} for m in new_members])
    insert_rows(session, MembershipEvent.__table__, [{**e, "created_at": now} for e in new_events])


def _update_member(session, member_id, values, status, today) -> None:
    member = member_service.get_member(session, member_id)
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
        member.events.append(MembershipEvent(kind=kind.value, date=today, reason=_("Status as imported: {status}").format(status=status.label()),
                                             destination=""))
    member_service.refresh_status(member)
    session.flush()
