"""Demo part: dues (bases each year, exemptions, collections with some arrears) and the expense ledger."""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import insert
from sqlalchemy.orm import Session

from unionoffice.demo import DemoContext
from unionoffice.domain.dues import CollectionCycle, cycle_period, month_index, month_of
from unionoffice.services import dues_payments
from unionoffice.services.dues_ledger import CYCLE_KEY, METHOD_KEY, RATE_KEY, ROUNDING_KEY, build_ledger, load_dues_settings
from unionoffice.services.office import set_setting
from unionoffice.store.base import utcnow
from unionoffice.store.models.dues import DuesBase, DuesExemption
from unionoffice.store.models.funds import Expense

ORDER = 50

EXPENSES = [
    ("订阅《工人日报》等报刊", (1500_00, 4000_00), "own_funds"),
    ("职工书屋购置图书", (2000_00, 8000_00), "own_funds"),
    ("会员生日慰问蛋糕卡", (5000_00, 20000_00), "own_funds"),
    ("工会办公用品", (300_00, 1500_00), "own_funds"),
    ("职工之家设施维护", (1000_00, 6000_00), "administration"),
    ("工会干部业务培训差旅", (800_00, 3000_00), "higher_union"),
    ("劳模疗休养", (5000_00, 15000_00), "higher_union"),
]
HANDLERS = ["王干事", "刘会计", "林示范"]


def _bases(session: Session, ctx: DemoContext, rng: random.Random) -> None:
    rows, now = [], utcnow()
    for member_id, _sex, _group in ctx.members:
        base = rng.randrange(3000, 15000, 10) * 100
        for year in range(ctx.start.year, ctx.end.year + 1):
            rows.append({"member_id": member_id, "year": year, "base_fen": base,
                         "source": "entered" if year == ctx.start.year else "copied", "updated_at": now})
            base = base * rng.choice((100, 103, 105, 108)) // 100 // 1000 * 1000
    session.execute(insert(DuesBase), rows)


def _exemptions(session: Session, ctx: DemoContext, rng: random.Random) -> None:
    chosen = rng.sample(ctx.members, max(4, len(ctx.members) // 40))
    rows = []
    for index, (member_id, _sex, _group) in enumerate(chosen):
        first = month_of(ctx.random_date())
        retired = index % 3 != 2
        rows.append({"member_id": member_id, "first_month": first, "last_month": None if retired else min(first + 5, month_of(ctx.end)),
                     "reason": "retired" if retired else "hardship",
                     "notes": "退休后保留会籍" if retired else "困难职工，经工会委员会研究减免半年",
                     "deleted_at": None, "created_at": utcnow()})
    session.execute(insert(DuesExemption), rows)


def _collect(session: Session, ctx: DemoContext, rng: random.Random, cycle: CollectionCycle) -> None:
    """Every period up to the end month is collected by payroll; about 4% of members stop paying for a while."""
    settings = load_dues_settings(session)
    stoppers = {m: (month_of(ctx.random_date()), rng.randint(3, 10)) for m, _s, _g in rng.sample(ctx.members, max(6, len(ctx.members) // 25))}
    items = []
    for year in range(ctx.start.year, ctx.end.year + 1):
        for number in range(1, 12 // cycle.months + 1):
            period = cycle_period(cycle, year, number)
            paid_on = dt.date(period.last // 100, period.last % 100, 25)
            if paid_on > ctx.end or period.last < month_of(ctx.start):
                continue
            ledger = build_ledger(session, period, settings=settings)
            for m in ledger.members:
                if not m.owed_mask:
                    continue
                stop = stoppers.get(m.member_id)
                if stop is not None:
                    start_index = month_index(stop[0])
                    if start_index <= month_index(period.last) and month_index(period.first) < start_index + stop[1]:
                        continue
                due_months = []
                for bit, month in enumerate(period.months):
                    owed = m.owed_mask >> bit & 1
                    due_months.append((month, settings.rule.monthly_due(m.bases.get(month // 100, 0)) if owed else 0))
                amount = sum(d for _m, d in due_months)
                cash = rng.random() < 0.05
                items.append((dues_payments.PaymentInput(m.member_id, period.first, period.last, amount, paid_on,
                                                "cash" if cash else "payroll", "", f"S{paid_on:%Y%m}{m.member_id:05d}" if cash else ""),
                              [(month, due) for month, due in due_months if due]))
        if items:
            dues_payments._payment_rows(session, items)  # noqa: SLF001  (bulk rows for the demo, checked by construction)
            items = []


def _expenses(session: Session, ctx: DemoContext, rng: random.Random) -> None:
    rows, now = [], utcnow()
    for year in range(ctx.start.year, ctx.end.year + 1):
        for number in range(rng.randint(10, 16)):
            purpose, (low, high), source = rng.choice(EXPENSES)
            day = ctx.random_date(max(ctx.start, dt.date(year, 1, 1)), min(ctx.end, dt.date(year, 12, 31)))
            rows.append({"date": day, "purpose": purpose, "amount_fen": rng.randrange(low, high, 100), "funding_source": source,
                         "handler": rng.choice(HANDLERS), "voucher_no": f"记-{day:%Y%m}-{number + 1:03d}", "notes": "演示数据",
                         "deleted_at": None, "created_at": now, "updated_at": now})
    session.execute(insert(Expense), rows)


def populate(session: Session, ctx: DemoContext) -> None:
    rng = random.Random(ctx.start.toordinal() + 16)  # its own stream: the other parts stay as they were
    large = len(ctx.members) > 5000
    cycle = CollectionCycle.QUARTERLY if large else CollectionCycle.MONTHLY
    set_setting(session, RATE_KEY, "5")
    set_setting(session, ROUNDING_KEY, "fen")
    set_setting(session, CYCLE_KEY, cycle.value)
    set_setting(session, METHOD_KEY, "payroll")
    _bases(session, ctx, rng)
    _exemptions(session, ctx, rng)
    session.flush()
    _collect(session, ctx, rng, cycle)
    _expenses(session, ctx, rng)
    session.flush()
