"""Recycle bin across registers, the audit log query, the program password."""

from __future__ import annotations

import datetime as dt

import pytest

from unionoffice.services import audit_log, recycle, security
from unionoffice.services.office import add_group, rename_group
from unionoffice.store.models import AuditEntry, Member


def _member(session, name="张三"):
    member = Member(name=name, sex="male")
    session.add(member)
    session.flush()
    return member


def test_deleted_record_is_listed_restored_and_audited(db):
    with db.session() as s:
        member_id = _member(s).id
        recycle.move_to_bin(s, s.get(Member, member_id))
    with db.session() as s:
        entries = recycle.list_deleted(s)
        assert [(e.table, e.record_id, e.kind, e.description) for e in entries] == [("members", member_id, "会员", "张三")]
        recycle.restore(s, "members", member_id)
    with db.session() as s:
        assert s.get(Member, member_id).deleted_at is None
        assert recycle.list_deleted(s) == []
        actions = [e.action for e in s.query(AuditEntry).filter_by(entity="members").order_by(AuditEntry.id)]
    assert actions == ["delete", "restore"]


def test_purge_only_from_the_bin(db):
    with db.session() as s:
        member_id = _member(s).id
    with db.session() as s, pytest.raises(recycle.RecycleError):
        recycle.purge(s, "members", member_id)
    with db.session() as s:
        recycle.move_to_bin(s, s.get(Member, member_id))
    with db.session() as s:
        recycle.purge(s, "members", member_id)
    with db.session() as s:
        assert s.get(Member, member_id) is None
        assert s.query(AuditEntry).filter_by(action="purge", entity_id=member_id).count() == 1


def test_audit_query_filters_by_entity_text_and_day(db):
    with db.session() as s:
        group = add_group(s, "一车间")
        rename_group(s, group.id, "二车间")
        _member(s)
    with db.session() as s:
        rows = audit_log.query_audit(s, audit_log.AuditFilter(entity="group"))
        assert [r.summary for r in rows] == ["部门/小组改名为：二车间", "新增部门/小组：一车间"]
        assert rows[0].before == {"name": "一车间"} and rows[0].after == {"name": "二车间"}
        assert len(audit_log.query_audit(s, audit_log.AuditFilter(text="二车间"))) == 1
        tomorrow = dt.date.today() + dt.timedelta(days=2)
        assert audit_log.query_audit(s, audit_log.AuditFilter(start=tomorrow)) == []
        assert "group" in audit_log.audit_entities(s)


def test_program_password(session):
    assert security.check_password(session, "anything")
    with pytest.raises(security.SecurityError):
        security.set_password(session, "12")
    security.set_password(session, "工会2026")
    assert security.has_password(session)
    assert security.check_password(session, "工会2026")
    assert not security.check_password(session, "工会2027")
    assert "工会2026" not in str(session.get(__import__("unionoffice.store.models", fromlist=["Setting"]).Setting, "program_password").value)
    security.clear_password(session)
    assert security.check_password(session, "whatever")


def test_a_member_still_referred_to_stays_in_the_bin_with_a_clear_message(db):
    from unionoffice.services.relief import VisitInput, list_occasions, record_visit

    with db.session() as s:
        member = _member(s, "钱七")
        occasion = list_occasions(s)[0]
        record_visit(s, VisitInput(date=dt.date(2026, 1, 20), member_id=member.id, occasion_id=occasion.id, cash_fen=50000))
        recycle.move_to_bin(s, member)
        member_id = member.id
    with db.session() as s, pytest.raises(recycle.RecycleError, match="钱七"):
        recycle.purge(s, "members", member_id)
    with db.session() as s:
        assert s.get(Member, member_id) is not None
        assert [e.record_id for e in recycle.list_deleted(s)] == [member_id]


def test_restoring_uses_the_registers_own_rules(db):
    """A second open hardship file for one member is refused, also when restored from the bin."""
    from unionoffice.domain.relief import HardshipCategory, HardshipCause
    from unionoffice.services import hardship

    with db.session() as s:
        member_id = _member(s, "孙八").id
        data = hardship.HardshipFileInput(member_id=member_id, category=list(HardshipCategory)[0].value,
                                          main_cause=list(HardshipCause)[0].value, opened_on=dt.date(2026, 1, 5))
        first = hardship.open_file(s, data)
        hardship.delete_files(s, [first.id])
        hardship.open_file(s, data)
        first_id = first.id
    with db.session() as s, pytest.raises(recycle.RecycleError):
        recycle.restore(s, "hardship_files", first_id)
    with db.session() as s:
        assert [e.record_id for e in recycle.list_deleted(s, "hardship_files")] == [first_id]


def test_the_change_log_names_every_kind_the_services_record_in_words():
    """The 类别 column of the change log: no table names such as “settings” or “ledger_kind”."""
    import re
    from pathlib import Path

    import unionoffice

    recorded = set()
    for path in Path(unionoffice.__file__).parent.joinpath("services").glob("*.py"):
        recorded |= set(re.findall(r'record\(\s*session,\s*AuditAction\.\w+,\s*"(\w+)"', path.read_text(encoding="utf-8")))
    recorded |= {"activity", "training"}  # the importers' spec.entity
    assert {"settings", "ledger_kind", "activity"} <= recorded
    assert sorted(kind for kind in recorded if kind not in recycle.ENTITY_LABELS) == []
