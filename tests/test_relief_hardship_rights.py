"""Hardship files and rights cases: opening, keeping current, closing, recycle bin."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from relief_fixtures import add_member
from unionoffice.domain.relief import per_capita_monthly_income
from unionoffice.services import hardship, rights
from unionoffice.services.relief import ReliefError
from unionoffice.store.models import AuditEntry
from unionoffice.store.models.relief_hardship import HardshipFile, HardshipStatusChange
from unionoffice.store.models.relief_rights import RightsCase


def _file_input(member, **extra) -> hardship.HardshipFileInput:
    values = dict(member_id=member.id, category="subsistence", main_cause="6", opened_on=dt.date(2025, 3, 1),
                  household_size=3, household_annual_income_fen=3_600_000)
    values.update(extra)
    return hardship.HardshipFileInput(**values)


def test_per_capita_monthly_income_is_rounded_half_up_in_fen():
    assert per_capita_monthly_income(3_600_000, 3) == 100_000
    assert per_capita_monthly_income(100, 12 // 12 * 8) == 1  # 100 / 96 = 1.04 fen
    assert per_capita_monthly_income(1_000_000, 0) is None


def test_opening_a_file_keeps_causes_family_and_history(session):
    member = add_member(session, "李梅", sex="female")
    data = _file_input(member, secondary_causes=["3", "9"], family=[
        hardship.FamilyMemberInput("王强", "配偶", "male", monthly_income_fen=0, health="瘫痪"),
        hardship.FamilyMemberInput("王小雨", "子女", "female", work_or_school="示例中学"),
    ])
    hfile = hardship.open_file(session, data)
    stored = session.get(HardshipFile, hfile.id)
    assert [c.cause for c in stored.secondary_causes] == ["3", "9"]
    assert [p.name for p in stored.family] == ["王强", "王小雨"]
    assert [(h.status, h.date) for h in stored.history] == [("open", dt.date(2025, 3, 1))]


def test_more_than_three_secondary_causes_are_refused(session):
    member = add_member(session, "李梅")
    with pytest.raises(ReliefError, match="最多三项"):
        hardship.open_file(session, _file_input(member, secondary_causes=["1", "2", "3", "4"]))


def test_the_main_cause_is_not_also_a_secondary_cause(session):
    member = add_member(session, "李梅")
    with pytest.raises(ReliefError, match="次要致困原因"):
        hardship.open_file(session, _file_input(member, secondary_causes=["6"]))


def test_a_member_has_at_most_one_open_file(session):
    member = add_member(session, "李梅")
    hardship.open_file(session, _file_input(member))
    with pytest.raises(ReliefError, match="已有在档"):
        hardship.open_file(session, _file_input(member))


def test_the_household_counts_the_family_listed(session):
    member = add_member(session, "李梅")
    with pytest.raises(ReliefError, match="家庭人口"):
        hardship.open_file(session, _file_input(member, household_size=1, family=[hardship.FamilyMemberInput("王强", "配偶")]))


def test_closing_as_out_of_hardship_records_date_reason_and_history(session):
    member = add_member(session, "李梅")
    hfile = hardship.open_file(session, _file_input(member))
    hardship.close_file(session, hfile.id, "out_of_hardship", dt.date(2026, 6, 30), "子女就业，收入提高")
    stored = session.get(HardshipFile, hfile.id)
    assert (stored.status, stored.closed_on, stored.close_reason) == ("out_of_hardship", dt.date(2026, 6, 30), "子女就业，收入提高")
    assert [h.status for h in session.scalars(select(HardshipStatusChange).order_by(HardshipStatusChange.id))] == ["open", "out_of_hardship"]


def test_closing_needs_a_reason(session):
    member = add_member(session, "李梅")
    hfile = hardship.open_file(session, _file_input(member))
    with pytest.raises(ReliefError, match="原因"):
        hardship.close_file(session, hfile.id, "cancelled", dt.date(2026, 6, 30), " ")


def test_a_closed_file_can_be_reopened(session):
    member = add_member(session, "李梅")
    hfile = hardship.open_file(session, _file_input(member))
    hardship.close_file(session, hfile.id, "cancelled", dt.date(2026, 1, 5), "调离本单位")
    hardship.reopen_file(session, hfile.id, dt.date(2026, 3, 1), "调回")
    stored = session.get(HardshipFile, hfile.id)
    assert (stored.status, stored.closed_on) == ("open", None)


def test_editing_a_file_replaces_the_family_table(session):
    member = add_member(session, "李梅")
    hfile = hardship.open_file(session, _file_input(member, family=[hardship.FamilyMemberInput("王强", "配偶")]))
    data = hardship.file_input(hfile)
    data.family = [hardship.FamilyMemberInput("王小雨", "子女")]
    data.household_annual_income_fen = 2_400_000
    hardship.update_file(session, hfile.id, data)
    stored = session.get(HardshipFile, hfile.id)
    assert [p.name for p in stored.family] == ["王小雨"]
    assert stored.household_annual_income_fen == 2_400_000


def test_a_deleted_file_is_restorable(session):
    member = add_member(session, "李梅")
    hfile = hardship.open_file(session, _file_input(member))
    hardship.delete_files(session, [hfile.id])
    assert session.get(HardshipFile, hfile.id).deleted_at is not None
    hardship.restore_files(session, [hfile.id])
    assert session.get(HardshipFile, hfile.id).deleted_at is None


def _wage_case(session, member) -> RightsCase:
    return rights.receive_case(session, rights.CaseInput(
        received_on=dt.date(2026, 4, 2), channel="visit", kind="wages", summary="拖欠三个月加班工资", member_id=member.id))


def test_a_wage_complaint_is_logged_through_to_its_recovery(session):
    member = add_member(session, "刘工")
    case = _wage_case(session, member)
    rights.add_step(session, case.id, dt.date(2026, 4, 3), "与人力资源部核实考勤", "王干事")
    rights.add_step(session, case.id, dt.date(2026, 4, 10), "组织劳动争议调解", "林示范")
    rights.close_case(session, case.id, "mediated", dt.date(2026, 4, 20), 1_234_567)
    stored = session.get(RightsCase, case.id)
    assert [s.action for s in stored.steps] == ["与人力资源部核实考勤", "组织劳动争议调解"]
    assert (stored.result, stored.closed_on, stored.money_recovered_fen) == ("mediated", dt.date(2026, 4, 20), 1_234_567)
    summaries = session.scalars(select(AuditEntry.summary).where(AuditEntry.entity.like("rights_case%"))).all()
    assert len(summaries) == 4 and "刘工" in summaries[-1]


def test_a_case_from_a_non_member_needs_a_name(session):
    with pytest.raises(ReliefError, match="反映人"):
        rights.receive_case(session, rights.CaseInput(dt.date(2026, 4, 2), "phone", "contract", "未签劳动合同"))


def test_a_case_cannot_close_before_it_was_received(session):
    case = rights.receive_case(session, rights.CaseInput(dt.date(2026, 4, 2), "phone", "contract", "未签合同", complainant="外包工赵某"))
    with pytest.raises(ReliefError, match="不能早于"):
        rights.close_case(session, case.id, "referred", dt.date(2026, 4, 1))


def test_a_deleted_case_is_restorable(session):
    case = rights.receive_case(session, rights.CaseInput(dt.date(2026, 4, 2), "online", "safety", "车间噪声", complainant="匿名"))
    rights.delete_cases(session, [case.id])
    assert session.get(RightsCase, case.id).deleted_at is not None
    rights.restore_cases(session, [case.id])
    assert session.get(RightsCase, case.id).deleted_at is None
