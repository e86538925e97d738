"""The arrears list's fast first pass gives exactly what a month-by-month computation gives,
on a random office (events, exemptions, missing and zero bases, partial and deleted payments)."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from sqlalchemy import select

from tests.roster_helpers import add, an_id
from unionoffice.domain.choices import STATUS_AFTER_EVENT, MembershipEventKind, MembershipStatus
from unionoffice.domain.dues import Period, first_day, last_day, months_between
from unionoffice.services import dues, dues_payments, members, office
from unionoffice.services.dues_ledger import arrears
from unionoffice.store.models import Member
from unionoffice.store.models.dues import DuesBase, DuesExemption, DuesPaymentMonth

LEAVE = [MembershipEventKind.TRANSFER_OUT, MembershipEventKind.RETAIN, MembershipEventKind.WITHDRAW]
BACK = [MembershipEventKind.TRANSFER_IN, MembershipEventKind.JOIN]


def _random_office(session, seed: int) -> None:
    rng = random.Random(seed)
    groups = [office.add_group(session, name).id for name in ("一车间", "二车间", "机关")]
    ids = []
    for n in range(120):
        joined = dt.date(2019 + rng.randrange(7), 1 + rng.randrange(12), 1 + rng.randrange(28))
        member_id = add(session, f"会员{n}", group_id=rng.choice(groups), id_number=an_id(dt.date(1960 + n // 12 % 40, 1 + n % 12, 1 + n % 28), seed=n), join_date=joined)
        ids.append(member_id)
        day = joined
        for _step in range(rng.choice([0, 0, 0, 1, 2, 3])):  # most join once; some leave and come back
            day = day + dt.timedelta(days=rng.randrange(20, 500))
            if day >= dt.date(2026, 11, 30):
                break
            status = members.get_member(session, member_id).status
            kind = rng.choice(LEAVE) if status == MembershipStatus.ACTIVE.value else rng.choice(BACK)
            members.change_status(session, member_id, kind, day, destination="外单位" if kind is MembershipEventKind.TRANSFER_OUT else "")
    for year in range(2021, 2027):
        bases = {m: rng.choice([0, 300000, 455500, 612345]) for m in ids if rng.random() < 0.85}
        dues.set_bases(session, year, bases)
    for member_id in rng.sample(ids, 25):
        first = rng.choice(months_between(202201, 202606))
        last = None if rng.random() < 0.3 else min(first + rng.randrange(0, 8), first // 100 * 100 + 12)
        dues.add_exemption(session, dues.ExemptionInput(member_id, first, last, "hardship"))
    items = []
    for member_id in ids:
        month_list = months_between(202201, 202609)
        position = 0
        while position < len(month_list):
            position += rng.randrange(0, 9)  # gaps of unpaid months
            span = rng.randrange(1, 4)
            chunk = month_list[position:position + span]
            position += span
            if chunk:
                items.append(dues_payments.PaymentInput(member_id, chunk[0], chunk[-1], rng.choice([1, 500, 10_000]) * len(chunk),
                                               dt.date(2026, 10, 1)))
    dues_payments.insert_payments(session, items)
    payment_ids = [p.id for p in dues_payments.payments_in(session, Period(202201, 202609))]
    dues_payments.delete_payments(session, rng.sample(payment_ids, 40))
    for member_id in rng.sample(ids, 5):
        members.delete_member(session, member_id)


def _straightforward(session, period: Period, months: int) -> dict[int, list[int]]:
    """Member -> unpaid owed months, month by month from the definitions, for those with a long run."""
    out = {}
    for member in session.scalars(select(Member).where(Member.deleted_at.is_(None))):
        events = sorted(member.events, key=lambda e: (e.date, e.id))

        def active(day: dt.date) -> bool:
            before = [e for e in events if e.date <= day]
            if not events:
                return member.join_date is None or member.join_date <= day
            return bool(before) and STATUS_AFTER_EVENT[MembershipEventKind(before[-1].kind)] is MembershipStatus.ACTIVE

        bases = {b.year: b.base_fen for b in session.scalars(select(DuesBase).where(DuesBase.member_id == member.id))}
        exemptions = session.scalars(select(DuesExemption).where(DuesExemption.member_id == member.id,
                                                                 DuesExemption.deleted_at.is_(None))).all()
        paid = set(session.scalars(select(DuesPaymentMonth.month).where(
            DuesPaymentMonth.member_id == member.id, DuesPaymentMonth.deleted == 0, DuesPaymentMonth.amount_fen > 0)))
        unpaid = []
        for month in period.months:
            owed = (active(first_day(month)) or active(last_day(month))) and bases.get(month // 100, 0) > 0 and not any(
                x.first_month <= month and (x.last_month is None or month <= x.last_month) for x in exemptions)
            unpaid.append(month if owed and month not in paid else None)
        run = best = 0
        for month in unpaid:
            run = run + 1 if month else 0
            best = max(best, run)
        if best >= months:
            out[member.id] = [m for m in unpaid if m]
    return out


@pytest.mark.parametrize("seed", [1, 2])
def test_the_fast_arrears_list_equals_a_month_by_month_computation(session, seed):
    _random_office(session, seed)
    # five whole years, a period beginning in March, a run of three instead of six
    for first, last, months in [(202201, 202609, 6), (202303, 202508, 6), (202207, 202606, 3)]:
        period = Period(first, last)
        expected = _straightforward(session, period, months)
        ledger, listed = arrears(session, period, months)
        assert {m.member_id: ledger.months_of(m.unpaid_mask) for m in listed} == expected, period.label()
        assert len(expected) >= 3  # the office has arrears to find (the comparison is not vacuous)
    group_id = office.list_groups(session)[0].id
    in_group = {m.id for m in session.scalars(select(Member).where(Member.group_id == group_id))}
    ledger, listed = arrears(session, period, months, group_id=group_id)
    assert {m.member_id: ledger.months_of(m.unpaid_mask) for m in listed} == {
        k: v for k, v in expected.items() if k in in_group}


def _figures_the_long_way(session, months: Period) -> dict:
    """The dues.* figures from the full ledger of every member (what the provider did before)."""
    from unionoffice.reports.figures import Share, Wan, Yuan
    from unionoffice.services.dues_ledger import build_ledger, by_group, long_arrears

    ledger = build_ledger(session, months)
    due, paid = ledger.due_fen, ledger.paid_fen
    groups = by_group(ledger)
    return {
        "due": Wan(due), "due_yuan": Yuan(due), "paid": Wan(paid), "paid_yuan": Yuan(paid), "arrears": Wan(ledger.arrears_fen),
        "rate": Share(min(paid, due), due), "members": sum(1 for m in ledger.members if m.owed_mask),
        "arrears_members": sum(1 for m in ledger.members if m.arrears_fen),
        "long_arrears_members": len(long_arrears(ledger)),
        "exempt_members": sum(1 for m in ledger.members if m.exempt_mask),
        "rate_by_group": {g.group: Share(min(g.paid_fen, g.due_fen), g.due_fen) for g in groups if g.due_fen},
        "paid_by_group": {g.group: Wan(g.paid_fen) for g in groups if g.paid_fen},
    }


def test_the_fast_summary_figures_equal_those_of_the_full_ledger(session):
    from unionoffice.reports.figures import Period as SummaryPeriod
    from unionoffice.reports.providers import dues as provider

    _random_office(session, 3)
    # a whole year, half a year from March (amounts from the payment months), seven years (no fast path)
    for start, end in [(dt.date(2025, 1, 1), dt.date(2025, 12, 31)), (dt.date(2024, 3, 1), dt.date(2024, 8, 31)),
                       (dt.date(2020, 1, 1), dt.date(2026, 9, 30))]:
        months = Period.of_dates(start, end)
        got = provider.provide(session, SummaryPeriod(start, end, "期间"))
        expected = _figures_the_long_way(session, months)
        assert {k: repr(v) for k, v in got.items()} == {k: repr(v) for k, v in expected.items()}, months.label()
        assert list(got["rate_by_group"]) == list(expected["rate_by_group"])  # the same order of groups
        assert got["exempt_members"] > 0 and got["arrears_members"] > 0


def test_the_dues_lists_whole_office_reads_come_from_indexes_in_order_without_a_sort(session):
    """The arrears list over five years and one year's figures read each dues table from a covering
    index in the order they group by (a year-first index for a member grouping would sort 100,000
    rows in a temporary tree: measured 160 ms on the large demo office)."""
    from unionoffice.reports.figures import Period as SummaryPeriod
    from unionoffice.reports.providers import dues as provider

    connection = session.connection()
    if connection.dialect.name != "sqlite":
        pytest.skip("SQLite's query plans")
    _random_office(session, 4)
    raw = connection.connection.driver_connection
    statements: list[str] = []  # as SQLite ran them, parameters written in
    raw.set_trace_callback(lambda sql: statements.append(sql) if "dues_" in sql or "membership_events" in sql else None)
    try:
        arrears(session, Period(202201, 202609))
        provider.provide(session, SummaryPeriod(dt.date(2025, 1, 1), dt.date(2025, 12, 31), "2025年"))
    finally:
        raw.set_trace_callback(None)
    whole_office = [sql for sql in statements if " IN (" not in sql and sql.lstrip().startswith("SELECT")]
    assert len(whole_office) >= 6
    for sql in whole_office:
        plan = " | ".join(row[-1] for row in raw.execute("EXPLAIN QUERY PLAN " + sql))
        assert "TEMP B-TREE" not in plan, (sql, plan)
