"""People of a server office: users with roles, signing in, the last 管理员 kept, a 只读 person
refused every write (in the service layer, so the window and the CLI alike), the audit log naming
who did each change."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from tests.roster_helpers import add
from tests.two_pcs import open_pair, server_database
from tests.pg_cluster import session_cluster
from unionoffice.domain.accounts import Role
from unionoffice.services import accounts
from unionoffice.services.accounts import AccountError, SignInFailed
from unionoffice.store.actor import ReadOnlyUser
from unionoffice.store.models import AuditEntry, Member
from unionoffice.store.models.accounts import User


@pytest.fixture(params=["sqlite", "postgresql"])
def office(request, tmp_path):
    a, b = open_pair(request.param, tmp_path)
    b.close()
    with a.session() as s:
        accounts.add_user(s, "admin", "管理员密码1", Role.ADMIN, "王主席")
    accounts.sign_in(a, "admin", "管理员密码1")
    with a.session() as s:
        accounts.add_user(s, "clerk", "干事密码12", Role.CLERK, "李干事")
        accounts.add_user(s, "chair", "只读密码12", Role.READER, "张主席")
    yield a
    a.close()


def _user_id(db, name):
    with db.session() as s:
        return s.scalar(select(User.id).where(User.name == name))


def test_passwords_are_stored_as_scrypt_hashes(office):
    with office.session() as s:
        stored = s.scalar(select(User.password_hash).where(User.name == "clerk"))
    assert stored.startswith("scrypt$") and "干事密码12" not in stored


def test_signing_in_with_the_right_password_gives_the_person_and_role(office):
    actor = accounts.sign_in(office, "Clerk", "干事密码12")
    assert (actor.name, actor.display_name, actor.role) == ("clerk", "李干事", "clerk")


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(office):
    with pytest.raises(SignInFailed, match="登录名或密码不正确"):
        accounts.sign_in(office, "clerk", "wrong-password")
    with pytest.raises(SignInFailed, match="登录名或密码不正确"):
        accounts.sign_in(office, "nobody", "干事密码12")


def test_a_disabled_person_cannot_sign_in(office):
    with office.session() as s:
        accounts.set_disabled(s, _user_id(office, "clerk"), True)
    with pytest.raises(SignInFailed, match="停用"):
        accounts.sign_in(office, "clerk", "干事密码12")


def test_the_audit_log_names_the_signed_in_person(office):
    accounts.sign_in(office, "clerk", "干事密码12")
    with office.session() as s:
        add(s, "张三")
    with office.session() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.entity == "members")).one()
        assert entry.user == "李干事 (clerk)"


def test_a_reader_cannot_change_anything(office):
    with office.session() as s:
        member_id = add(s, "张三")
    accounts.sign_in(office, "chair", "只读密码12")
    with pytest.raises(ReadOnlyUser, match="只读"):
        with office.session() as s:
            add(s, "李四")
    with pytest.raises(ReadOnlyUser):
        with office.session() as s:
            s.get(Member, member_id).post = "车工"
    with pytest.raises(ReadOnlyUser):
        with office.session() as s:
            s.execute(Member.__table__.delete())
    with office.session() as s:
        assert [m.name for m in s.scalars(select(Member))] == ["张三"]
        assert s.get(Member, member_id).post == ""


def test_a_reader_may_look(office):
    with office.session() as s:
        add(s, "张三")
    accounts.sign_in(office, "chair", "只读密码12")
    with office.session() as s:
        assert s.scalar(select(Member.name)) == "张三"


def test_only_an_administrator_manages_people(office):
    accounts.sign_in(office, "clerk", "干事密码12")
    with pytest.raises(AccountError, match="管理员"):
        with office.session() as s:
            accounts.add_user(s, "other", "password12", Role.CLERK)


def test_the_last_administrator_can_be_neither_demoted_nor_disabled(office):
    admin_id = _user_id(office, "admin")
    with pytest.raises(AccountError, match="最后一位管理员"):
        with office.session() as s:
            accounts.set_role(s, admin_id, Role.CLERK)
    with pytest.raises(AccountError, match="最后一位管理员"):
        with office.session() as s:
            accounts.set_disabled(s, admin_id, True)
    with office.session() as s:
        accounts.set_role(s, _user_id(office, "clerk"), Role.ADMIN)
        accounts.set_role(s, admin_id, Role.CLERK)  # another administrator exists now
    with office.session() as s:
        assert s.get(User, admin_id).role == "clerk"


def test_a_reset_password_replaces_the_old_one(office):
    with office.session() as s:
        accounts.reset_password(s, _user_id(office, "clerk"), "新的密码123")
    with pytest.raises(SignInFailed):
        accounts.sign_in(office, "clerk", "干事密码12")
    assert accounts.sign_in(office, "clerk", "新的密码123").name == "clerk"


def test_names_are_unique_whatever_the_case_and_passwords_long_enough(office):
    with pytest.raises(AccountError, match="已有"):
        with office.session() as s:
            accounts.add_user(s, "CLERK", "password12", Role.CLERK)
    with pytest.raises(AccountError, match="至少"):
        with office.session() as s:
            accounts.add_user(s, "short", "12345", Role.CLERK)


def test_the_first_administrator_needs_no_sign_in_but_the_second_person_does(tmp_path):
    a, b = open_pair("sqlite", tmp_path)
    b.close()
    try:
        with a.session() as s:
            accounts.add_user(s, "it", "password12", Role.ADMIN)
        with pytest.raises(AccountError):
            with a.session() as s:
                accounts.add_user(s, "more", "password12", Role.CLERK)
    finally:
        a.close()


def test_on_the_server_a_readers_connection_refuses_even_plain_sql():
    url = session_cluster().new_database()
    db = server_database(url)
    try:
        with db.session() as s:
            accounts.add_user(s, "chair", "password12", Role.READER)
        accounts.sign_in(db, "chair", "password12")
        with pytest.raises(Exception, match="read-only transaction"):
            with db.engine.begin() as conn:
                conn.execute(text("INSERT INTO groups (name, position, retired, created_at) VALUES ('x', 0, false, now())"))
    finally:
        db.close()


def test_signing_in_as_a_clerk_after_a_reader_on_one_server_connection_writes_again():
    url = session_cluster().new_database()
    db = server_database(url)
    try:
        with db.session() as s:
            accounts.add_user(s, "admin", "password12", Role.ADMIN)
        accounts.sign_in(db, "admin", "password12")
        with db.session() as s:
            accounts.add_user(s, "chair", "password12", Role.READER)
        accounts.sign_in(db, "chair", "password12")
        accounts.sign_in(db, "admin", "password12")
        with db.session() as s:
            add(s, "张三")
        with db.session() as s:
            assert s.scalar(select(Member.name)) == "张三"
    finally:
        db.close()


def test_only_an_administrator_changes_the_office_settings(office):
    import dataclasses

    from unionoffice.services.office import load_settings, save_settings
    from unionoffice.store.actor import NotAdministrator

    accounts.sign_in(office, "clerk", "干事密码12")
    with office.session() as s:
        settings = load_settings(s)
        save_settings(s, settings)  # nothing changed: the clerk may press 保存 after editing groups
    with pytest.raises(NotAdministrator, match="只有管理员"):
        with office.session() as s:
            save_settings(s, dataclasses.replace(settings, union_name="某某工会"))
    accounts.sign_in(office, "admin", "管理员密码1")
    with office.session() as s:
        save_settings(s, dataclasses.replace(settings, union_name="某某工会"))
    with office.session() as s:
        assert load_settings(s).union_name == "某某工会"
