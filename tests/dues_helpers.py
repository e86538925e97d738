"""A hand-built office for the dues tests: every amount is known."""

from __future__ import annotations

import datetime as dt

from tests.roster_helpers import add, an_id
from unionoffice.services import dues, office


def small_office(session):
    """Three members of 一车间 with bases for 2026: 4,000 / 5,550 / 6,123.45 yuan a month; rate 5‰ to the fen."""
    group = office.add_group(session, "一车间").id
    other = office.add_group(session, "二车间").id
    zhang = add(session, "张三", group_id=group, id_number=an_id(seed=1), join_date=dt.date(2020, 1, 1))
    li = add(session, "李四", group_id=group, id_number=an_id(seed=2), join_date=dt.date(2020, 1, 1))
    wang = add(session, "王五", group_id=group, id_number=an_id(seed=3), join_date=dt.date(2020, 1, 1))
    zhao = add(session, "赵六", group_id=other, id_number=an_id(seed=4), join_date=dt.date(2020, 1, 1))
    dues.set_bases(session, 2026, {zhang: 400000, li: 555000, wang: 612345, zhao: 300000})
    return {"group": group, "other": other, "zhang": zhang, "li": li, "wang": wang, "zhao": zhao}
