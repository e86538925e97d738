"""Member services: validation from the ID number, duplicates, phones, status, recycle bin, audit."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from roster_helpers import add, an_id
from unionoffice.domain.choices import MembershipEventKind
from unionoffice.services import members as svc
from unionoffice.services.members import MemberData, MemberError
from unionoffice.store.models import AuditEntry, Member


def test_birth_date_and_sex_are_taken_from_the_id_number(session):
    member_id = add(session, id_number=an_id(dt.date(1988, 2, 29), female=True))
    member = session.get(Member, member_id)
    assert (member.birth_date, member.sex) == (dt.date(1988, 2, 29), "female")


def test_spaces_fullwidth_and_lowercase_x_are_repaired(session):
    number = an_id(seed=7)
    typed = " ".join([number[:6], number[6:14], number[14:]]).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    member = session.get(Member, add(session, id_number=typed.lower()))
    assert member.id_number == number


def test_a_wrong_check_digit_is_refused(session):
    number = an_id()
    wrong = number[:17] + ("0" if number[17] != "0" else "1")
    with pytest.raises(MemberError, match="身份证号.*校验位错误"):
        add(session, id_number=wrong)


def test_an_impossible_birth_date_in_the_id_is_refused(session):
    first17 = "11010519910230001"
    from unionoffice.domain.idcard import check_digit

    with pytest.raises(MemberError, match="出生日期不存在"):
        add(session, id_number=first17 + check_digit(first17))


def test_a_15_digit_number_is_converted_with_a_notice(session):
    saved = svc.add_member(session, MemberData(name="李四", id_number="110105491231002", join_date=dt.date(2020, 1, 1)))
    assert saved.member.id_number == "11010519491231002X"
    assert saved.member.birth_date == dt.date(1949, 12, 31)
    assert "15位" in saved.notices[0] and "11010519491231002X" in saved.notices[0]


def test_birth_date_must_agree_with_the_id_number(session):
    with pytest.raises(MemberError, match="出生日期"):
        add(session, id_number=an_id(dt.date(1990, 3, 5)), birth_date=dt.date(1990, 3, 6))


def test_sex_must_agree_with_the_id_number(session):
    with pytest.raises(MemberError, match="性别"):
        add(session, id_number=an_id(female=False), sex="female")


def test_the_same_id_number_cannot_belong_to_two_members(session):
    number = an_id()
    add(session, "张三", id_number=number)
    with pytest.raises(MemberError, match="张三"):
        add(session, "李四", id_number=number)


def test_an_id_number_in_the_recycle_bin_is_named_as_such(session):
    number = an_id()
    svc.delete_member(session, add(session, "张三", id_number=number))
    with pytest.raises(MemberError, match="回收站"):
        add(session, "李四", id_number=number)


def test_phones_are_normalised_to_digits(session):
    member = session.get(Member, add(session, phone="138-0013 8000"))
    assert member.phone == "13800138000"
    member = session.get(Member, add(session, "王五", phone="010-12345678"))
    assert member.phone == "01012345678"


def test_a_short_mobile_number_is_refused(session):
    with pytest.raises(MemberError, match="手机号.*11位"):
        add(session, phone="1380013800")


def test_pinyin_keys_follow_the_name(session):
    member_id = add(session, "张三")
    svc.update_member(session, member_id, MemberData(name="李四", join_date=dt.date(2020, 1, 1)))
    member = session.get(Member, member_id)
    assert (member.pinyin_initials, member.pinyin_full) == ("ls", "lisi")


def test_transfer_out_needs_a_destination(session):
    member_id = add(session)
    with pytest.raises(MemberError, match="转往"):
        svc.change_status(session, member_id, MembershipEventKind.TRANSFER_OUT, dt.date(2024, 5, 1))


def test_a_transfer_out_changes_the_status_and_keeps_the_history(session):
    member_id = add(session)
    svc.change_status(session, member_id, MembershipEventKind.TRANSFER_OUT, dt.date(2024, 5, 1), "调动", "市总工会")
    member = session.get(Member, member_id)
    assert member.status == "transferred_out"
    assert [(e.kind, e.destination) for e in member.events] == [("join", ""), ("transfer_out", "市总工会")]


def test_a_status_change_in_the_future_is_refused(session):
    member_id = add(session)
    with pytest.raises(MemberError, match="晚于今天"):
        svc.change_status(session, member_id, MembershipEventKind.WITHDRAW, dt.date.today() + dt.timedelta(days=30))
    assert session.get(Member, member_id).status == "active"


def test_delete_restore_and_purge(session):
    member_id = add(session)
    with pytest.raises(MemberError):
        svc.purge_member(session, member_id)
    svc.delete_member(session, member_id)
    assert [m.id for m in svc.recycle_bin(session)] == [member_id]
    svc.restore_member(session, member_id)
    assert session.get(Member, member_id).deleted_at is None
    svc.delete_member(session, member_id)
    svc.purge_member(session, member_id)
    assert session.get(Member, member_id) is None


def test_every_change_is_audited(session):
    member_id = add(session)
    svc.update_member(session, member_id, MemberData(name="张三", phone="13800138000", join_date=dt.date(2020, 1, 1)))
    svc.change_status(session, member_id, MembershipEventKind.RETAIN, dt.date(2024, 1, 1))
    svc.delete_member(session, member_id)
    svc.restore_member(session, member_id)
    svc.delete_member(session, member_id)
    svc.purge_member(session, member_id)
    entries = session.scalars(select(AuditEntry).where(AuditEntry.entity == "members").order_by(AuditEntry.id)).all()
    assert [e.action for e in entries] == ["create", "update", "update", "delete", "restore", "delete", "purge"]
    assert json.loads(entries[1].after) == {"phone": "13800138000"}


def test_editing_the_join_date_moves_the_first_join_event(session):
    member_id = add(session)
    svc.update_member(session, member_id, MemberData(name="张三", join_date=dt.date(2019, 6, 1)))
    assert [e.date for e in session.get(Member, member_id).events] == [dt.date(2019, 6, 1)]
