"""Batch saves are single transactions on both engines: a Spring Festival round and a dues batch
are written whole, or — one line refused — not at all."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from tests.dues_helpers import small_office
from tests.relief_fixtures import add_member, occasion_id
from tests.two_pcs import open_pair
from unionoffice.domain.dues import DuesError, Period

from unionoffice.services import dues_payments, relief
from unionoffice.services.relief import ReliefError
from unionoffice.services.dues_ledger import build_ledger
from unionoffice.store.models.dues import DuesPayment, DuesPaymentMonth
from unionoffice.store.models.relief import ReliefBatch, ReliefVisit

Q1 = Period(202601, 202603)


@pytest.fixture(params=["sqlite", "postgresql"])
def office(request, tmp_path):
    a, b = open_pair(request.param, tmp_path)
    b.close()
    yield a
    a.close()


def _round(session, entries):
    return relief.create_batch(session, relief.BatchInput(
        "2026年春节送温暖", dt.date(2026, 1, 25), occasion_id(session, "spring_festival"), entries))


def test_a_spring_festival_round_is_written_whole(office):
    with office.session() as s:
        people = [add_member(s, f"职工{i:02d}") for i in range(20)]
        _round(s, [relief.BatchEntry(m.id, 50000) for m in people])
    with office.session() as s:
        assert s.scalar(select(func.count(ReliefVisit.id))) == 20 and s.scalar(select(func.count(ReliefBatch.id))) == 1


def test_a_round_with_one_refused_line_writes_nothing(office):
    with office.session() as s:
        people = [add_member(s, f"职工{i:02d}") for i in range(5)]
    with pytest.raises(ReliefError):
        with office.session() as s:
            _round(s, [relief.BatchEntry(m.id, 50000) for m in people] + [relief.BatchEntry(999999, 50000)])
    with office.session() as s:
        assert s.scalar(select(func.count(ReliefVisit.id))) == 0 and s.scalar(select(func.count(ReliefBatch.id))) == 0


def test_a_dues_batch_is_written_whole_with_its_months(office):
    with office.session() as s:
        o = small_office(s)
        ledger = build_ledger(s, Q1, group_id=o["group"])
        result = dues_payments.save_batch(s, Q1, dt.date(2026, 3, 25), [dues_payments.BatchLine(m.member_id, m.due_fen) for m in ledger.members])
    with office.session() as s:
        assert s.scalar(select(func.count(DuesPayment.id))) == result.payments == 3
        assert sorted(s.scalars(select(DuesPayment.id))) == sorted(result.payment_ids)
        assert s.scalar(select(func.count(DuesPaymentMonth.id))) == 9
        after = {m.name: m.arrears_fen for m in build_ledger(s, Q1, group_id=o["group"]).members}
        assert after == {"张三": 0, "李四": 0, "王五": 0}


def test_a_dues_batch_with_one_refused_line_writes_nothing(office):
    with office.session() as s:
        o = small_office(s)
    with pytest.raises(DuesError, match="李四"):
        with office.session() as s:
            dues_payments.save_batch(s, Q1, dt.date(2026, 3, 25), [dues_payments.BatchLine(o["zhang"], 6000), dues_payments.BatchLine(o["li"], 99999)])
    with office.session() as s:
        assert s.scalar(select(func.count(DuesPayment.id))) == 0 and s.scalar(select(func.count(DuesPaymentMonth.id))) == 0
