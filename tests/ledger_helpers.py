"""Small builders shared by the activity and training tests."""

from __future__ import annotations

import datetime as dt

from unionoffice.domain.pinyin import name_columns
from unionoffice.store.models import Group, Member


def add_group(session, name: str = "生产一车间") -> int:
    group = Group(name=name, position=1, retired=False)
    session.add(group)
    session.flush()
    return group.id


def add_members(session, count: int, sex: str = "female", group_id: int | None = None, prefix: str = "成员") -> list[int]:
    ids = []
    for i in range(count):
        name = f"{prefix}{i + 1}"
        member = Member(name=name, sex=sex, group_id=group_id, **name_columns(name),
                        status="active", id_number=None)
        session.add(member)
        session.flush()
        ids.append(member.id)
    return ids


def add_member(session, name: str, sex: str = "female", group_id: int | None = None, id_number: str | None = None,
               phone: str = "") -> int:
    member = Member(name=name, sex=sex, group_id=group_id, **name_columns(name),
                    status="active", id_number=id_number, phone=phone, birth_date=dt.date(1990, 1, 1))
    session.add(member)
    session.flush()
    return member.id
