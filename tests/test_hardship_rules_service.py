"""Hardship files by the national rules, through the services: computed category and its reason, exclusions,
the 低保标准 kept by date, reviews, due and overdue lists, 脱困 suggested, and the 10-year retention."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from relief_fixtures import add_member
from unionoffice.services import hardship, hardship_rules, recycle
from unionoffice.services.hardship_checks import CategoryDisagrees, ExclusionWithoutReason
from unionoffice.services.relief_queries import FileFilter, FileList, list_files
from unionoffice.store.models import AuditEntry
from unionoffice.store.models.hardship_rules import HardshipReview
from unionoffice.store.models.relief_hardship import HardshipFile

STANDARD = 1_000_00


def _input(member, **extra) -> hardship.HardshipFileInput:
    values = dict(member_id=member.id, category="relative", main_cause="6", opened_on=dt.date(2026, 3, 1),
                  household_size=3, household_annual_income_fen=STANDARD * 12 * 3)
    values.update(extra)
    return hardship.HardshipFileInput(**values)


@pytest.fixture
def standard(session):
    hardship_rules.set_standard(session, dt.date(2025, 1, 1), STANDARD)
    return STANDARD


def test_a_category_that_agrees_with_the_rules_saves_without_a_reason(session, standard):
    hfile = hardship.open_file(session, _input(add_member(session, "张三")))
    assert hfile.category == "relative" and hfile.category_reason == ""


def test_a_category_that_disagrees_is_refused_without_a_reason(session, standard):
    member = add_member(session, "张三")
    with pytest.raises(CategoryDisagrees) as caught:
        hardship.open_file(session, _input(member, category="deep"))  # exactly at the line: relative
    assert caught.value.computed.value == "relative"
    assert "相对困难" in str(caught.value)
    assert session.scalar(select(HardshipFile)) is None


def test_the_reason_for_a_disagreeing_category_is_kept_in_the_file_and_the_log(session, standard):
    member = add_member(session, "张三")
    hfile = hardship.open_file(session, _input(member, category="deep", category_reason="妻子下月手术"))
    assert hfile.category == "deep" and hfile.category_reason == "妻子下月手术"
    entry = session.scalar(select(AuditEntry).where(AuditEntry.entity == "hardship_files"))
    assert "妻子下月手术" in entry.summary


def test_itemised_rigid_costs_change_the_computed_category(session, standard):
    member = add_member(session, "张三")
    costs = [hardship.RigidCostInput("medical", 1), hardship.RigidCostInput("schooling", 50)]
    hfile = hardship.open_file(session, _input(member, category="deep", rigid_costs=costs))
    assert [(c.kind, c.amount_fen) for c in hfile.rigid_costs] == [("medical", 1), ("schooling", 50)]


def test_the_standard_in_force_on_the_files_day_is_used(session):
    hardship_rules.set_standard(session, dt.date(2025, 1, 1), 900_00)
    hardship_rules.set_standard(session, dt.date(2026, 7, 1), STANDARD)
    member = add_member(session, "张三")
    per_person = 950_00 * 12 * 3  # 950 a month each
    # opened in March: above the 900 line, under twice it → relative
    hfile = hardship.open_file(session, _input(member, household_annual_income_fen=per_person))
    # reviewed in August: the 1,000 line is in force, so the same income is now deep
    data = hardship.file_input(hfile)
    data.reviewed_on = dt.date(2026, 8, 1)
    with pytest.raises(CategoryDisagrees):
        hardship.update_file(session, hfile.id, data)
    data.category = "deep"
    assert hardship.update_file(session, hfile.id, data).category == "deep"


def test_an_exclusion_makes_the_family_ineligible_without_a_reason(session, standard):
    member = add_member(session, "张三")
    with pytest.raises(ExclusionWithoutReason) as caught:
        hardship.open_file(session, _input(member, exclusions=["vehicle"]))
    assert "机动车" in str(caught.value)
    hfile = hardship.open_file(session, _input(member, exclusions=["vehicle"], exclusion_reason="残疾人代步车"))
    assert hfile.excl_vehicle and not hfile.excl_business and hfile.exclusion_reason == "残疾人代步车"
    assert hardship.file_input(hfile).exclusions == ["vehicle"]


def test_national_fields_are_kept_and_checked(session, standard):
    member = add_member(session, "张三")
    family = [hardship.FamilyMemberInput("李四", "配偶", "female", political_status="3", identity="8", medical_cover="2")]
    data = _input(member, staff_no="GH-0012", work_status="1", model_worker="4", industry="4",
                  work_started_on=dt.date(2001, 7, 1), other_income_fen=1_000_00, hukou_division="110105",
                  zero_employment=True, key_group="3", family=family)
    hfile = hardship.open_file(session, data)
    again = hardship.file_input(session.get(HardshipFile, hfile.id))
    assert (again.staff_no, again.industry, again.hukou_division, again.zero_employment) == ("GH-0012", "4", "110105", True)
    assert (again.family[0].political_status, again.family[0].identity, again.family[0].medical_cover) == ("3", "8", "2")
    with pytest.raises(hardship.ReliefError, match="110105"):
        hardship.update_file(session, hfile.id, _input(member, hukou_division="1101"))
    with pytest.raises(hardship.ReliefError, match="110199"):  # six digits, but no such division
        hardship.update_file(session, hfile.id, _input(member, hukou_division="110199"))
    with pytest.raises(hardship.ReliefError, match="非薪资"):
        hardship.update_file(session, hfile.id, _input(member, other_income_fen=STANDARD * 12 * 3 + 1))


def test_a_review_records_who_what_and_updates_the_income(session, standard):
    member = add_member(session, "张三")
    hfile = hardship.open_file(session, _input(member))
    hardship_rules.record_review(session, hfile.id, hardship_rules.ReviewInput(
        dt.date(2026, 9, 1), "王干事", "妻子已就业", household_annual_income_fen=5_000_000))
    review = session.scalar(select(HardshipReview))
    assert (review.reviewer, review.findings, review.household_annual_income_fen) == ("王干事", "妻子已就业", 5_000_000)
    assert hfile.reviewed_on == dt.date(2026, 9, 1) and hfile.household_annual_income_fen == 5_000_000


def test_marking_reviewed_also_records_a_review(session, standard):
    hfile = hardship.open_file(session, _input(add_member(session, "张三")))
    hardship.mark_reviewed(session, [hfile.id], dt.date(2026, 5, 1))
    assert [r.date for r in hfile.reviews] == [dt.date(2026, 5, 1)]


def _names(session, view, today):
    return [r.member_name for r in list_files(session, FileFilter(view=view, today=today))]


def test_a_review_overdue_by_a_day_is_listed_overdue_not_due_soon(session, standard):
    hardship.open_file(session, _input(add_member(session, "张三"), reviewed_on=dt.date(2025, 3, 1)))
    due = dt.date(2026, 3, 1)  # a year after the last review
    assert _names(session, FileList.OVERDUE, due) == []
    assert _names(session, FileList.DUE_SOON, due) == ["张三"]
    assert _names(session, FileList.OVERDUE, due + dt.timedelta(days=1)) == ["张三"]
    assert _names(session, FileList.DUE_SOON, due + dt.timedelta(days=1)) == []
    assert _names(session, FileList.DUE_SOON, due - dt.timedelta(days=30)) == ["张三"]
    assert _names(session, FileList.DUE_SOON, due - dt.timedelta(days=31)) == []


def test_six_months_of_income_above_the_line_suggest_out_of_hardship(session, standard):
    member = add_member(session, "张三")
    hfile = hardship.open_file(session, _input(member))
    for month in range(3, 9):
        hardship_rules.record_monthly_income(session, hfile.id, dt.date(2026, month, 1), (STANDARD + 1) * 3, 3)
    assert hardship_rules.out_of_hardship_suggestions(session, dt.date(2026, 8, 31)) == []  # August not over
    suggestions = hardship_rules.out_of_hardship_suggestions(session, dt.date(2026, 9, 1))
    assert [(s.member_name, s.months) for s in suggestions] == [("张三", 6)]


def _closed_in_bin(session, closed_on):
    hfile = hardship.open_file(session, _input(add_member(session, "张三")))
    hardship.close_file(session, hfile.id, "out_of_hardship", closed_on, "已就业")
    hardship.delete_files(session, [hfile.id])
    return hfile


def test_purging_a_file_inside_ten_years_of_closing_is_refused(session, standard):
    hfile = _closed_in_bin(session, dt.date(2026, 6, 1))
    with pytest.raises(recycle.RecycleError, match="2036-06-01"):
        recycle.purge(session, "hardship_files", hfile.id)
    assert session.get(HardshipFile, hfile.id) is not None


def test_purging_after_the_retention_period_is_allowed(session, standard):
    hfile = _closed_in_bin(session, dt.date(2026, 6, 1))
    hardship_rules.check_purge(session, [hfile.id], today=dt.date(2036, 6, 2))  # no refusal
    with pytest.raises(hardship.ReliefError):
        hardship_rules.check_purge(session, [hfile.id], today=dt.date(2036, 6, 1))


def test_reopening_does_not_shorten_the_retention(session, standard):
    hfile = _closed_in_bin(session, dt.date(2026, 6, 1))
    hardship.restore_files(session, [hfile.id])
    hardship.reopen_file(session, hfile.id, dt.date(2026, 7, 1), "复发")
    hardship.delete_files(session, [hfile.id])
    with pytest.raises(recycle.RecycleError):
        recycle.purge(session, "hardship_files", hfile.id)


def test_a_standard_on_the_same_date_replaces_the_amount(session):
    hardship_rules.set_standard(session, dt.date(2026, 1, 1), 900_00)
    hardship_rules.set_standard(session, dt.date(2026, 1, 1), 950_00, "市民政局2026年")
    rows = hardship_rules.list_standards(session)
    assert [(r.effective_on, r.monthly_fen, r.note) for r in rows] == [(dt.date(2026, 1, 1), 950_00, "市民政局2026年")]
    with pytest.raises(hardship.ReliefError):
        hardship_rules.set_standard(session, dt.date(2026, 2, 1), 0)


def test_a_file_from_before_the_standard_is_restored_from_the_bin_without_a_reason(session):
    hfile = hardship.open_file(session, _input(add_member(session, "张三"), category="deep"))  # no standard yet
    hardship.delete_files(session, [hfile.id])
    hardship_rules.set_standard(session, dt.date(2025, 1, 1), STANDARD)  # now it would compute as relative
    recycle.restore(session, "hardship_files", hfile.id)
    assert hfile.deleted_at is None and hfile.category == "deep"
