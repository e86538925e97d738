"""Small builders shared by the roster tests."""

from __future__ import annotations

import datetime as dt
import random

from unionoffice.domain.idcard import make_id_number
from unionoffice.services.members import MemberData, add_member


def an_id(birth: dt.date = dt.date(1990, 3, 5), female: bool = False, seed: int = 1) -> str:
    return make_id_number(random.Random(seed), birth, female)


def add(session, name: str = "张三", **values) -> int:
    data = MemberData(name=name, **values)
    data.join_date = data.join_date or dt.date(2020, 1, 1)
    return add_member(session, data).member.id
