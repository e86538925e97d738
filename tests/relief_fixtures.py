"""Small builders shared by the relief, hardship and rights tests."""

from __future__ import annotations

import datetime as dt

from unionoffice.domain.pinyin import name_columns
from unionoffice.services import relief
from unionoffice.store.models import Group, Member


def add_member(session, name: str, sex: str = "male", group: str | None = None) -> Member:
    group_row = None
    if group:
        group_row = session.query(Group).filter_by(name=group).one_or_none()
        if group_row is None:
            group_row = Group(name=group, position=1, retired=False)
            session.add(group_row)
            session.flush()
    member = Member(name=name, sex=sex, group_id=group_row.id if group_row else None, **name_columns(name), status="active")
    session.add(member)
    session.flush()
    return member


def occasion_id(session, code: str) -> int:
    return next(o.id for o in relief.list_occasions(session) if o.code == code)


def visit(session, member: Member, cash_fen: int, code: str = "spring_festival", day: dt.date = dt.date(2026, 1, 20),
          **extra) -> relief.ReliefVisit:
    return relief.record_visit(
        session, relief.VisitInput(date=day, member_id=member.id, occasion_id=occasion_id(session, code), cash_fen=cash_fen, **extra)
    )
