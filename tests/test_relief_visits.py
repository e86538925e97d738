"""Relief visits: recording, limits with reasons, the Spring Festival batch, recycle bin, audit."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from relief_fixtures import add_member, occasion_id, visit
from unionoffice.domain.money import parse_amount
from unionoffice.services import relief
from unionoffice.store.models import AuditEntry
from unionoffice.store.models.relief import ReliefBatch, ReliefVisit


def test_a_fresh_database_offers_the_usual_occasions_in_chinese(session):
    names = [o.name for o in relief.list_occasions(session)]
    assert names[:2] == ["春节送温暖", "住院慰问"]
    assert "金秋助学" in names and len(names) == 9


def test_recording_a_visit_stores_it_and_writes_an_audit_entry(session):
    member = add_member(session, "张三")
    stored = visit(session, member, parse_amount("1,500"), goods="米面油", goods_value_fen=parse_amount("120.5"))
    row = session.get(ReliefVisit, stored.id)
    assert (row.cash_fen, row.goods_value_fen, row.goods) == (150000, 12050, "米面油")
    audit = session.scalars(select(AuditEntry).where(AuditEntry.entity == "relief_visits")).one()
    assert "张三" in audit.summary and audit.action == "create"


def test_a_visit_needs_cash_or_goods(session):
    member = add_member(session, "张三")
    with pytest.raises(relief.ReliefError, match="慰问金或物品"):
        visit(session, member, 0)


def test_a_family_member_needs_a_relation(session):
    member = add_member(session, "张三")
    with pytest.raises(relief.ReliefError, match="李四"):
        visit(session, member, 20000, family_name="李四")


def test_cash_above_the_hospital_limit_is_refused_without_a_reason(session):
    member = add_member(session, "王五")
    with pytest.raises(relief.LimitExceeded) as caught:
        visit(session, member, 80000, code="hospital")
    assert caught.value.limit_fen == 50000
    assert "500.00" in str(caught.value) and "王五" in str(caught.value)
    assert session.scalar(select(ReliefVisit.id)) is None


def test_cash_above_the_limit_is_kept_with_the_reason(session):
    member = add_member(session, "王五")
    stored = visit(session, member, 80000, code="hospital", over_limit_reason="重大手术，主席批准")
    assert session.get(ReliefVisit, stored.id).over_limit_reason == "重大手术，主席批准"


def test_the_limit_warning_names_amount_and_limit(session):
    assert relief.limit_warning(session, occasion_id(session, "hospital"), 50000) is None
    warning = relief.limit_warning(session, occasion_id(session, "hospital"), 50001)
    assert "500.01" in warning and "住院慰问" in warning


def test_the_office_can_add_an_occasion_with_its_own_limit(session):
    occasion = relief.add_occasion(session, "退休慰问", limit_fen=30000)
    member = add_member(session, "赵六")
    with pytest.raises(relief.LimitExceeded):
        relief.record_visit(session, relief.VisitInput(dt.date(2026, 3, 1), member.id, occasion.id, cash_fen=30001))


def test_an_occasion_name_is_unique(session):
    with pytest.raises(relief.ReliefError, match="已存在"):
        relief.add_occasion(session, "住院 慰问")


def _round_of(session, count: int) -> list:
    return [add_member(session, f"职工{i:02d}") for i in range(count)]


def test_a_spring_festival_round_for_forty_people_is_saved_in_one_step(session):
    people = _round_of(session, 40)
    entries = [relief.BatchEntry(member_id=m.id, cash_fen=50000) for m in people]
    entries[3].cash_fen = 80000  # adjusted for one person
    batch = relief.create_batch(session, relief.BatchInput(
        title="2026年春节送温暖", date=dt.date(2026, 1, 25), occasion_id=occasion_id(session, "spring_festival"),
        entries=entries, goods="米、油", visitors="林示范、王干事"))
    visits = session.scalars(select(ReliefVisit).where(ReliefVisit.batch_id == batch.id)).all()
    assert len(visits) == 40
    assert sum(v.cash_fen for v in visits) == 39 * 50000 + 80000
    assert {v.visitors for v in visits} == {"林示范、王干事"}


def test_a_round_with_one_refused_person_saves_nobody(session):
    people = _round_of(session, 3)
    entries = [relief.BatchEntry(member_id=m.id, cash_fen=40000) for m in people]
    entries[2].cash_fen = 60000  # above the hospital limit, no reason
    with pytest.raises(relief.LimitExceeded):
        relief.create_batch(session, relief.BatchInput(
            title="住院慰问", date=dt.date(2026, 2, 1), occasion_id=occasion_id(session, "hospital"), entries=entries))
    assert session.scalar(select(ReliefVisit.id)) is None
    assert session.scalar(select(ReliefBatch.id)) is None


def test_batch_limit_problems_lists_each_person_over_the_limit(session):
    people = _round_of(session, 3)
    entries = [relief.BatchEntry(member_id=m.id, cash_fen=c) for m, c in zip(people, (40000, 60000, 70000))]
    entries[2].over_limit_reason = "特殊情况"
    problems = relief.batch_limit_problems(session, occasion_id(session, "hospital"), entries)
    assert len(problems) == 1 and "职工01" in problems[0]


def test_a_person_cannot_be_twice_in_a_round(session):
    person = add_member(session, "张三")
    with pytest.raises(relief.ReliefError, match="两次"):
        relief.create_batch(session, relief.BatchInput(
            title="春节", date=dt.date(2026, 1, 25), occasion_id=occasion_id(session, "spring_festival"),
            entries=[relief.BatchEntry(person.id, 100), relief.BatchEntry(person.id, 200)]))


def test_deleted_visits_go_to_the_recycle_bin_and_come_back(session):
    member = add_member(session, "张三")
    stored = visit(session, member, 10000)
    assert relief.delete_visits(session, [stored.id]) == 1
    assert session.get(ReliefVisit, stored.id).deleted_at is not None
    assert relief.restore_visits(session, [stored.id]) == 1
    assert session.get(ReliefVisit, stored.id).deleted_at is None
    actions = session.scalars(select(AuditEntry.action).where(AuditEntry.entity == "relief_visits")).all()
    assert actions == ["create", "delete", "restore"]


def test_visits_can_be_marked_as_entered_in_the_accounts(session):
    member = add_member(session, "张三")
    stored = visit(session, member, 10000)
    assert relief.set_in_accounts(session, [stored.id]) == 1
    assert session.get(ReliefVisit, stored.id).in_accounts is True


def test_editing_a_visit_keeps_a_diff_in_the_audit(session):
    member = add_member(session, "张三")
    stored = visit(session, member, 10000)
    data = relief.visit_input(stored)
    data.cash_fen = 20000
    relief.update_visit(session, stored.id, data)
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "update")).one()
    assert '"cash_fen": 10000' in entry.before and '"cash_fen": 20000' in entry.after


def test_the_shared_recycle_bin_names_a_deleted_visit(session):
    from unionoffice.services import recycle

    member = add_member(session, "张三")
    stored = visit(session, member, 10000, family_name="李秀英", family_relation="母亲")
    relief.delete_visits(session, [stored.id])
    entries = recycle.list_deleted(session, "relief_visits")
    assert [(e.record_id, e.description) for e in entries] == [(stored.id, "张三（母亲 李秀英）")]
