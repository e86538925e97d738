"""Demo part: a fuller membership history, so the roster's history, "as of" view and statistics
have every kind of change to show (转入, 退会, 除名, 去世 besides the foundation's 入会/转出/保留)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from unionoffice.demo import DemoContext
from unionoffice.domain.choices import STATUS_AFTER_EVENT, MembershipEventKind, MembershipStatus
from unionoffice.store.models import Member, MembershipEvent
from unionoffice.store.tally import tally_paused

ORDER = 20

# Share of active members who leave during the period, per kind, with a reason.
LEAVING = (
    (MembershipEventKind.WITHDRAW, 0.012, "个人申请退会"),
    (MembershipEventKind.DECEASED, 0.003, "病故"),
    (MembershipEventKind.EXPEL, 0.001, "严重违反会员义务"),
)
TRANSFER_IN_SHARE = 0.08  # of members who came from another union rather than joining here


def populate(session: Session, ctx: DemoContext) -> None:
    rng = ctx.rng
    joins = session.execute(
        select(MembershipEvent.id, MembershipEvent.member_id, MembershipEvent.date, Member.status)
        .join(Member, Member.id == MembershipEvent.member_id)
        .where(MembershipEvent.kind == MembershipEventKind.JOIN.value)
        .order_by(MembershipEvent.id)
    ).all()
    transfers_in = []
    for event_id, _member_id, _date, _status in joins:
        if rng.random() < TRANSFER_IN_SHARE:
            transfers_in.append({"id": event_id, "kind": MembershipEventKind.TRANSFER_IN.value,
                                 "reason": "工作调入", "destination": ""})
    if transfers_in:
        session.execute(update(MembershipEvent), transfers_in)

    new_events, new_status = [], []
    for _event_id, member_id, joined, status in joins:
        if status != MembershipStatus.ACTIVE.value:
            continue
        roll = rng.random()
        for kind, share, reason in LEAVING:
            if roll < share:
                first = max(joined + dt.timedelta(days=1), ctx.start)
                if first <= ctx.end:
                    new_events.append({"member_id": member_id, "kind": kind.value, "reason": reason,
                                       "date": ctx.random_date(first, ctx.end), "destination": ""})
                    new_status.append({"id": member_id, "version": 1,  # just inserted: the first version
                                       "status": STATUS_AFTER_EVENT[kind].value})
                break
            roll -= share
    if new_events:
        session.execute(insert(MembershipEvent), new_events)
        with tally_paused(session):
            session.execute(update(Member), new_status)
