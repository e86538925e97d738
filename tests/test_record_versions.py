"""No lost update: each record carries a version; a save over a version someone else moved on is
refused naming who and when, and nothing is overwritten. Two PCs, on SQLite and on PostgreSQL."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm.exc import StaleDataError

from tests.roster_helpers import add
from tests.two_pcs import open_pair, work_as
from unionoffice.services import members as svc
from unionoffice.services.members import MemberData
from unionoffice.services.versioning import RecordChanged, register_stamp
from unionoffice.store.models import AuditEntry, Member
from unionoffice.store.models.funds import Expense


@pytest.fixture(params=["sqlite", "postgresql"])
def pcs(request, tmp_path):
    a, b = open_pair(request.param, tmp_path)
    work_as(a, "wang", display_name="王干事")
    work_as(b, "li", display_name="李主席")
    yield a, b
    a.close()
    b.close()


def _member(db, member_id):
    with db.session() as s:
        m = s.get(Member, member_id)
        return MemberData.of(m), m.version, m.changed_by


def test_a_new_record_starts_at_version_one_and_names_who_made_it(pcs):
    a, _b = pcs
    with a.session() as s:
        member_id = add(s, "张三")
    _data, version, changed_by = _member(a, member_id)
    assert version == 1 and changed_by == "王干事 (wang)"


def test_each_save_moves_the_version_on_and_stamps_who(pcs):
    a, b = pcs
    with a.session() as s:
        member_id = add(s, "张三")
    data, version, _who = _member(b, member_id)
    with b.session() as s:
        svc.update_member(s, member_id, dataclasses.replace(data, post="车工"), expected_version=version)
    _data, version, changed_by = _member(a, member_id)
    assert version == 2 and changed_by == "李主席 (li)"


def test_saving_over_a_version_someone_else_moved_on_is_refused_naming_them(pcs):
    a, b = pcs
    with a.session() as s:
        member_id = add(s, "张三")
    data_a, version_a, _ = _member(a, member_id)  # PC A opens the form
    data_b, version_b, _ = _member(b, member_id)  # PC B opens it too, and saves first
    with b.session() as s:
        svc.save_member_form(s, member_id, dataclasses.replace(data_b, phone="13800000000"), expected_version=version_b)
    with pytest.raises(RecordChanged) as refused:
        with a.session() as s:
            svc.save_member_form(s, member_id, dataclasses.replace(data_a, post="钳工"), expected_version=version_a)
    assert "李主席 (li)" in str(refused.value) and "重新载入" in str(refused.value)
    assert refused.value.when is not None
    stored, version, who = _member(a, member_id)
    assert (stored.phone, stored.post, version, who) == ("13800000000", "", 2, "李主席 (li)")


def test_the_refused_save_writes_no_audit_entry(pcs):
    a, b = pcs
    with a.session() as s:
        member_id = add(s, "张三")
    data, version, _ = _member(a, member_id)
    with b.session() as s:
        svc.update_member(s, member_id, dataclasses.replace(data, post="车工"), expected_version=version)
    with pytest.raises(RecordChanged):
        with a.session() as s:
            svc.update_member(s, member_id, dataclasses.replace(data, post="钳工"), expected_version=version)
    with a.session() as s:
        users = [e.user for e in s.scalars(select(AuditEntry).where(AuditEntry.entity == "members"))]
    assert users == ["王干事 (wang)", "李主席 (li)"]


def test_a_change_slipping_in_between_read_and_write_is_caught_by_the_version_column(pcs):
    """The ORM's guard under the form's check: an UPDATE over a stale version matches nothing."""
    a, b = pcs
    with a.session() as s:
        member_id = add(s, "张三")
    with a.sessions() as s_a:
        member = s_a.get(Member, member_id)  # loaded at version 1
        s_a.commit()  # ends the read transaction (as a form that was opened minutes ago)
        with b.session() as s_b:
            s_b.get(Member, member_id).post = "车工"
        member.post = "钳工"
        with pytest.raises(StaleDataError):
            s_a.commit()
    stored, version, _ = _member(a, member_id)
    assert (stored.post, version) == ("车工", 2)


def test_a_change_on_another_pc_moves_the_registers_stamp(pcs):
    a, b = pcs
    with a.session() as s:
        member_id = add(s, "张三")
        before = register_stamp(s, Member)
    with b.session() as s:
        data = MemberData.of(s.get(Member, member_id))
        svc.update_member(s, member_id, dataclasses.replace(data, post="车工"))
    with a.session() as s:
        assert register_stamp(s, Member) != before
        same = register_stamp(s, Member)
    with a.session() as s:
        assert register_stamp(s, Member) == same


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_old_rows_get_version_one_from_the_migration(kind, tmp_path):
    """A schema-10 office with data upgrades to record versions keeping every row (both engines)."""
    from tests.pg_cluster import session_cluster
    from tests.two_pcs import server_database
    from unionoffice.store import migrate
    from unionoffice.store.database import make_engine, open_database
    from unionoffice.store.server import make_server_engine

    if kind == "sqlite":
        path = tmp_path / "old.sqlite3"
        engine = make_engine(path)
    else:
        url = session_cluster().new_database()
        engine = make_server_engine(url)
    migrate.upgrade_to(engine, 10)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO members (name, ethnicity, id_type, skill_level, post, phone, hukou_place, "
                          "native_place, migrant_worker, card_no, notes, pinyin_initials, pinyin_full, name_sort_key, "
                          "status, created_at, updated_at) VALUES ('老会员', '', 'resident_id', '', '', '', '', '', "
                          "false, '', '', 'lhy', 'laohuiyuan', '', 'active', '2020-01-01', '2020-01-01')"))
        conn.execute(text("INSERT INTO expenses (date, purpose, amount_fen, funding_source, handler, voucher_no, "
                          "notes, created_at, updated_at) VALUES ('2026-01-05', 'culture', 12345, 'own_funds', '', '', "
                          "'', '2026-01-05', '2026-01-05')"))
    engine.dispose()
    db = open_database(path) if kind == "sqlite" else server_database(url)
    try:
        assert db.schema_version == migrate.head_version()
        with db.session() as s:
            member = s.scalars(select(Member)).one()
            assert (member.name, member.version, member.changed_by) == ("老会员", 1, "")
            expense = s.scalars(select(Expense)).one()
            assert (expense.amount_fen, expense.version) == (12345, 1)
            member.post = "车工"
        with db.session() as s:
            assert s.scalars(select(Member)).one().version == 2
    finally:
        db.close()
