"""The dues rule, exemptions, who is on the roll, payments over several months, arrears."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from tests.dues_helpers import small_office
from tests.roster_helpers import an_id
from unionoffice.domain.choices import MembershipEventKind
from unionoffice.domain.dues import DuesError, DuesRule, Period, Rounding, cycle_period, CollectionCycle
from unionoffice.services import dues, dues_payments, members
from unionoffice.services.dues_ledger import arrears, build_ledger, by_group
from unionoffice.store.models import AuditEntry
from unionoffice.store.models.dues import DuesPayment, DuesPaymentMonth

Q1 = Period(202601, 202603)
YEAR = Period(202601, 202612)


def test_monthly_due_is_the_rate_of_the_base_rounded_half_up():
    rule = DuesRule(Decimal(5), Rounding.FEN)
    assert rule.monthly_due(400000) == 2000  # 4,000 yuan → 20.00
    assert rule.monthly_due(612345) == 3062  # 30.61725 → 30.62
    assert rule.monthly_due(612300) == 3062  # 30.615 → 30.62 (half up)
    assert DuesRule(Decimal(5), Rounding.JIAO).monthly_due(612345) == 3060  # 30.61725 → 30.6
    assert DuesRule(Decimal(5), Rounding.JIAO).monthly_due(555000) == 2780  # 27.75 → 27.8


def test_quarter_due_for_the_group_adds_every_month(session):
    o = small_office(session)
    ledger = build_ledger(session, Q1, group_id=o["group"])
    assert {m.name: m.due_fen for m in ledger.members} == {"张三": 6000, "李四": 8325, "王五": 9186}
    assert ledger.due_fen == 23511


def test_jiao_rounding_from_the_office_settings(session):
    o = small_office(session)
    dues.save_dues_settings(session, "5", "jiao", "quarterly", "cash")
    ledger = build_ledger(session, Q1, member_ids=[o["li"]])
    assert ledger.members[0].due_fen == 3 * 2780


def test_an_exempt_member_owes_nothing_for_the_exempt_months(session):
    o = small_office(session)
    dues.add_exemption(session, dues.ExemptionInput(o["wang"], 202602, None, "retired"))
    ledger = build_ledger(session, Q1, member_ids=[o["wang"]])
    assert ledger.members[0].due_fen == 3062  # January only
    assert ledger.members[0].exempt_mask == 0b110


def test_hardship_exemption_needs_no_note_but_other_does(session):
    o = small_office(session)
    with pytest.raises(DuesError):
        dues.add_exemption(session, dues.ExemptionInput(o["wang"], 202602, 202603, "other"))
    dues.add_exemption(session, dues.ExemptionInput(o["wang"], 202602, 202603, "hardship"))
    assert build_ledger(session, YEAR, member_ids=[o["wang"]]).members[0].months_owed == 10


def test_a_member_transferred_out_owes_nothing_after_leaving(session):
    o = small_office(session)
    members.change_status(session, o["zhang"], MembershipEventKind.TRANSFER_OUT, dt.date(2026, 2, 1), destination="市总工会")
    ledger = build_ledger(session, Q1, member_ids=[o["zhang"]])
    assert ledger.members[0].due_fen == 2000  # January only: gone on February's first day


def test_a_member_who_joins_mid_month_owes_for_that_month(session):
    o = small_office(session)
    late = members.add_member(session, members.MemberData(name="钱七", group_id=o["group"], join_date=dt.date(2026, 2, 15))).member.id
    dues.set_bases(session, 2026, {late: 400000})
    assert build_ledger(session, Q1, member_ids=[late]).members[0].due_fen == 4000


def test_no_base_means_nothing_due_and_is_reported(session):
    o = small_office(session)
    ledger = build_ledger(session, Period(202701, 202703), member_ids=[o["zhang"]])
    assert ledger.members[0].due_fen == 0
    assert ledger.members[0].missing_base_mask == 0b111


def test_one_payment_covers_several_months(session):
    o = small_office(session)
    dues_payments.record_payment(session, dues_payments.PaymentInput(o["zhang"], 202601, 202603, 6000, dt.date(2026, 3, 20), "cash"))
    months = session.execute(select(DuesPaymentMonth.month, DuesPaymentMonth.amount_fen).order_by(DuesPaymentMonth.month)).all()
    assert months == [(202601, 2000), (202602, 2000), (202603, 2000)]
    ledger = build_ledger(session, Q1, member_ids=[o["zhang"]])
    assert (ledger.members[0].paid_fen, ledger.members[0].arrears_fen, ledger.members[0].unpaid_mask) == (6000, 0, 0)


def test_a_partial_payment_settles_the_first_months(session):
    o = small_office(session)
    dues_payments.record_payment(session, dues_payments.PaymentInput(o["zhang"], 202601, 202603, 3000, dt.date(2026, 3, 20)))
    ledger = build_ledger(session, Q1, member_ids=[o["zhang"]])
    assert ledger.members[0].arrears_fen == 3000
    assert ledger.months_of(ledger.members[0].unpaid_mask) == [202603]


def test_paying_more_than_due_needs_a_reason(session):
    o = small_office(session)
    with pytest.raises(DuesError, match="原因|reason"):
        dues_payments.record_payment(session, dues_payments.PaymentInput(o["zhang"], 202601, 202601, 2500, dt.date(2026, 1, 20)))
    assert session.scalar(select(func.count(DuesPayment.id))) == 0
    dues_payments.record_payment(session, dues_payments.PaymentInput(o["zhang"], 202601, 202601, 2500, dt.date(2026, 1, 20), reason="补缴上年差额"))
    assert session.scalar(select(func.sum(DuesPaymentMonth.amount_fen))) == 2500


def test_negative_base_is_refused(session):
    o = small_office(session)
    with pytest.raises(DuesError):
        dues.set_bases(session, 2026, {o["zhang"]: -100})


def test_batch_saves_every_ticked_line_and_one_audit_entry(session):
    o = small_office(session)
    ledger = build_ledger(session, Q1, group_id=o["group"])
    lines = [dues_payments.BatchLine(m.member_id, m.due_fen, paid=m.name != "王五") for m in ledger.members]
    result = dues_payments.save_batch(session, Q1, dt.date(2026, 3, 25), lines)
    assert (result.payments, result.total_fen) == (2, 6000 + 8325)
    assert session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.entity == "dues_payments")) == 1
    after = {m.name: m.arrears_fen for m in build_ledger(session, Q1, group_id=o["group"]).members}
    assert after == {"张三": 0, "李四": 0, "王五": 9186}


def test_a_refused_batch_line_writes_nothing(session):
    o = small_office(session)
    lines = [dues_payments.BatchLine(o["zhang"], 6000), dues_payments.BatchLine(o["li"], 99999)]
    with pytest.raises(DuesError, match="李四"):
        dues_payments.save_batch(session, Q1, dt.date(2026, 3, 25), lines)
    assert session.scalar(select(func.count(DuesPayment.id))) == 0


def test_six_consecutive_unpaid_months_are_listed_and_status_is_untouched(session):
    o = small_office(session)
    for member, first, last in ((o["zhang"], 202601, 202606), (o["li"], 202601, 202601), (o["wang"], 202601, 202612)):
        due = build_ledger(session, Period(first, last), member_ids=[member]).due_fen
        dues_payments.record_payment(session, dues_payments.PaymentInput(member, first, last, due, dt.date(2026, 1, 20)))
    # 张三 paid Jan–Jun (6 unpaid after), 李四 paid January only (11 unpaid), 王五 all year, 赵六 nothing.
    _ledger, listed = arrears(session, YEAR)
    assert sorted(m.name for m in listed) == ["张三", "李四", "赵六"]
    _ledger, listed = arrears(session, Period(202601, 202611))
    assert sorted(m.name for m in listed) == ["李四", "赵六"]  # 张三 has only five unpaid months by November
    assert {members.get_member(session, o[k]).status for k in ("zhang", "li", "zhao")} == {"active"}


def test_deleted_payments_count_again_once_restored(session):
    from unionoffice.services import recycle
    o = small_office(session)
    payment = dues_payments.record_payment(session, dues_payments.PaymentInput(o["zhang"], 202601, 202603, 6000, dt.date(2026, 3, 20)))
    dues_payments.delete_payments(session, [payment.id])
    assert build_ledger(session, Q1, member_ids=[o["zhang"]]).members[0].paid_fen == 0
    recycle.restore(session, "dues_payments", payment.id)
    assert build_ledger(session, Q1, member_ids=[o["zhang"]]).members[0].paid_fen == 6000


def test_group_totals_and_collection_rate(session):
    o = small_office(session)
    dues_payments.record_payment(session, dues_payments.PaymentInput(o["zhang"], 202601, 202603, 6000, dt.date(2026, 3, 20)))
    groups = {g.group: g for g in by_group(build_ledger(session, Q1))}
    assert (groups["一车间"].due_fen, groups["一车间"].paid_fen, groups["一车间"].arrears_members) == (23511, 6000, 2)
    assert groups["一车间"].rate == Decimal(6000) / Decimal(23511)
    assert groups["二车间"].due_fen == 4500


def test_copy_bases_from_last_year_fills_only_the_missing(session):
    o = small_office(session)
    dues.set_bases(session, 2027, {o["zhang"]: 450000})
    assert dues.copy_bases(session, 2026, 2027) == 3
    assert dues.bases_for(session, 2027) == {o["zhang"]: 450000, o["li"]: 555000, o["wang"]: 612345, o["zhao"]: 300000}


def test_cycle_periods():
    assert cycle_period(CollectionCycle.QUARTERLY, 2026, 2) == Period(202604, 202606)
    assert cycle_period(CollectionCycle.HALF_YEARLY, 2026, 2) == Period(202607, 202612)
    with pytest.raises(DuesError):
        cycle_period(CollectionCycle.YEARLY, 2026, 2)


def test_a_later_payment_settles_the_months_still_owed(session):
    o = small_office(session)
    dues_payments.record_payment(session, dues_payments.PaymentInput(o["zhang"], 202601, 202601, 2000, dt.date(2026, 1, 20)))
    dues_payments.record_payment(session, dues_payments.PaymentInput(o["zhang"], 202601, 202603, 4000, dt.date(2026, 3, 20)))
    ledger = build_ledger(session, Q1, member_ids=[o["zhang"]])
    assert (ledger.members[0].arrears_fen, ledger.members[0].unpaid_mask) == (0, 0)


def test_paying_again_for_a_paid_month_needs_a_reason(session):
    o = small_office(session)
    dues_payments.record_payment(session, dues_payments.PaymentInput(o["zhang"], 202601, 202601, 2000, dt.date(2026, 1, 20)))
    with pytest.raises(DuesError):
        dues_payments.record_payment(session, dues_payments.PaymentInput(o["zhang"], 202601, 202601, 2000, dt.date(2026, 1, 21)))


def test_the_dues_export_streams_the_period_in_order_with_member_and_group(session, tmp_path):
    from python_calamine import CalamineWorkbook

    from unionoffice.services.dues_export import export_dues

    o = small_office(session)
    dues_payments.record_payment(session, dues_payments.PaymentInput(o["zhang"], 202601, 202603, 6000, dt.date(2026, 3, 20), "cash",
                                                   receipt_no="No.001"))
    dues_payments.record_payment(session, dues_payments.PaymentInput(o["li"], 202601, 202601, 2775, dt.date(2026, 1, 15)))
    dues_payments.record_payment(session, dues_payments.PaymentInput(o["zhao"], 202607, 202607, 1500, dt.date(2026, 7, 10)))
    path = tmp_path / "dues.xlsx"
    assert export_dues(session, path, Q1) == 2
    book = CalamineWorkbook.from_path(str(path))
    payments, bases, exemptions = (book.get_sheet_by_index(i).to_python() for i in range(3))
    assert [row[:2] for row in payments[1:]] == [["李四", an_id(seed=2)], ["张三", an_id(seed=1)]]
    assert payments[2][2:5] == ["一车间", "2026-01", "2026-03"]
    assert payments[2][5] == 60.0 and payments[2][6] == dt.date(2026, 3, 20) and payments[2][-1] == "No.001"
    assert [row[1] for row in bases[1:]] == sorted(an_id(seed=s) for s in (1, 2, 3, 4))
    assert {row[0]: (row[2], row[4]) for row in bases[1:]}["赵六"] == ("二车间", 3000.0)
    assert len(exemptions) == 1  # the header only
