"""The activity log: recording with attendance and awards, validation, recycle bin, lists, honours."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from tests.ledger_helpers import add_group, add_member, add_members
from unionoffice.domain.ledgers import LedgerError
from unionoffice.services import activities
from unionoffice.services.activities import ActivityData, AwardData
from unionoffice.services.activity_stats import activity_stats
from unionoffice.services.ledger_lists import LedgerFilter, honours, list_activities
from unionoffice.store.models import AuditEntry
from unionoffice.store.models.ledgers import ActivityAttendee, ActivityAward

MARCH_8 = dt.date(2026, 3, 8)


def womens_day(**changes) -> ActivityData:
    values = dict(title="三八妇女节趣味运动会", kind="festival", start_date=MARCH_8, place="厂区体育馆",
                  cost_fen=680000, funding_source="工会经费")
    values.update(changes)
    return ActivityData(**values)


def test_womens_day_with_120_women_and_an_award_is_recorded(session):
    women = add_members(session, 120)
    activity = activities.create_activity(
        session, womens_day(), women, [AwardData(name="优秀组织奖", level="city", collective_name="本单位工会", date=MARCH_8)]
    )
    assert session.scalar(select(ActivityAttendee.id).where(ActivityAttendee.activity_id == activity.id).limit(1)) is not None
    assert len(session.scalars(select(ActivityAttendee).where(ActivityAttendee.activity_id == activity.id)).all()) == 120
    award = session.scalars(select(ActivityAward)).one()
    assert (award.name, award.level, award.member_id) == ("优秀组织奖", "city", None)
    stats = activity_stats(session, dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert (stats.activities, stats.person_times, stats.women_person_times, stats.awards) == (1, 120, 120, 1)


def test_creating_writes_an_audit_entry_with_the_attendance(session):
    ids = add_members(session, 3)
    activity = activities.create_activity(session, womens_day(), ids)
    entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "activity")).one()
    assert entry.action == "create" and entry.entity_id == activity.id
    assert json.loads(entry.after)["attendees"] == 3


def test_a_title_is_required(session):
    with pytest.raises(LedgerError, match="标题"):
        activities.create_activity(session, womens_day(title="  "))


def test_end_before_start_is_refused(session):
    with pytest.raises(LedgerError, match="结束日期"):
        activities.create_activity(session, womens_day(end_date=dt.date(2026, 3, 1)))


def test_unknown_kind_is_refused(session):
    with pytest.raises(LedgerError, match="bogus"):
        activities.create_activity(session, womens_day(kind="bogus"))


def test_award_without_winner_is_refused(session):
    with pytest.raises(LedgerError, match="集体"):
        activities.create_activity(session, womens_day(), [], [AwardData(name="一等奖", level="unit")])


def test_repeated_attendees_count_once(session):
    ids = add_members(session, 2)
    activity = activities.create_activity(session, womens_day(), ids + ids)
    assert activities.get_activity(session, activity.id).member_ids == ids


def test_update_replaces_attendees_and_keeps_awards_when_not_given(session):
    ids = add_members(session, 5)
    activity = activities.create_activity(session, womens_day(), ids, [AwardData(name="一等奖", level="unit", member_id=ids[0])])
    activities.update_activity(session, activity.id, womens_day(title="三八节活动"), ids[:2])
    detail = activities.get_activity(session, activity.id)
    assert detail.data.title == "三八节活动"
    assert detail.member_ids == ids[:2]
    assert [a.name for a in detail.awards] == ["一等奖"]


def test_deleted_activity_leaves_list_and_statistics_and_comes_back(session):
    activity = activities.create_activity(session, womens_day(outsider_count=10))
    activities.delete_activity(session, activity.id)
    assert list_activities(session) == []
    assert [r.id for r in list_activities(session, LedgerFilter(deleted=True))] == [activity.id]
    assert activity_stats(session, MARCH_8, MARCH_8).activities == 0
    activities.restore_activity(session, activity.id)
    assert [r.id for r in list_activities(session)] == [activity.id]


def test_purge_needs_the_recycle_bin_first(session):
    activity = activities.create_activity(session, womens_day())
    with pytest.raises(LedgerError):
        activities.purge_activity(session, activity.id)
    activities.delete_activity(session, activity.id)
    activities.purge_activity(session, activity.id)
    assert activities.deleted_activities(session) == []


def test_list_filters_by_group_of_attendees(session):
    workshop = add_group(session, "生产一车间")
    office = add_group(session, "综合办公室")
    a = activities.create_activity(session, womens_day(title="车间活动"), add_members(session, 2, group_id=workshop))
    activities.create_activity(session, womens_day(title="办公室活动"), add_members(session, 2, group_id=office, prefix="办"))
    assert [r.id for r in list_activities(session, LedgerFilter(group_id=workshop))] == [a.id]


def test_list_filters_by_period_kind_and_text(session):
    activities.create_activity(session, womens_day())
    second = activities.create_activity(session, womens_day(title="安全知识竞赛", kind="competition", start_date=dt.date(2026, 5, 1)))
    assert [r.id for r in list_activities(session, LedgerFilter(date_from=dt.date(2026, 4, 1)))] == [second.id]
    assert [r.id for r in list_activities(session, LedgerFilter(kind="competition"))] == [second.id]
    assert [r.id for r in list_activities(session, LedgerFilter(text="竞赛"))] == [second.id]


def test_list_sorts_by_attendance_in_sql(session):
    small = activities.create_activity(session, womens_day(title="小"), add_members(session, 1))
    big = activities.create_activity(session, womens_day(title="大"), add_members(session, 3, prefix="乙"))
    rows = list_activities(session, sort="members", descending=True)
    assert [r.id for r in rows] == [big.id, small.id]
    assert (rows[0].members, rows[0].women) == (3, 3)


def test_honours_list_names_member_and_collective_winners(session):
    group = add_group(session)
    winner = add_member(session, "王芳", group_id=group)
    activities.create_activity(session, womens_day(), [winner], [
        AwardData(name="巾帼标兵", level="city", member_id=winner, date=dt.date(2026, 3, 9)),
        AwardData(name="优秀组织奖", level="unit", collective_name="生产一车间"),
    ])
    rows = honours(session)
    assert [(r.winner, r.group_name, r.award, r.date) for r in rows] == [
        ("王芳", "生产一车间", "巾帼标兵", dt.date(2026, 3, 9)),
        ("生产一车间", "", "优秀组织奖", MARCH_8),
    ]


@pytest.mark.sqlite_only  # a server office keeps them in the database: tests/test_server_attachments.py
def test_attachment_is_copied_into_the_activity_folder_and_removed(session, db, tmp_path):
    from unionoffice.services import activity_files

    photo = tmp_path / "合影.jpg"
    photo.write_bytes(b"\xff\xd8\xff photo")
    activity = activities.create_activity(session, womens_day())
    first = activity_files.add_attachment(session, db.path, activity.id, photo)
    second = activity_files.add_attachment(session, db.path, activity.id, photo)
    first_path = activity_files.attachment_path(db.path, first)
    assert first_path.read_bytes() == b"\xff\xd8\xff photo"
    assert first_path.parent.name == str(activity.id) and first_path.parent.parent.name == "activities"
    assert second.stored_name == "合影(2).jpg"
    activity_files.remove_attachment(session, db.path, first.id)
    assert not first_path.exists() and photo.exists()
    assert [a.id for a in activity_files.list_attachments(session, activity.id)] == [second.id]


@pytest.mark.sqlite_only
def test_purging_from_the_recycle_bin_removes_the_attachment_folder(db, tmp_path):
    from unionoffice.services import activity_files, recycle

    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"jpeg")
    with db.session() as session:
        activity = activities.create_activity(session, womens_day())
        stored = activity_files.attachment_path(db.path, activity_files.add_attachment(session, db.path, activity.id, photo))
        activities.delete_activity(session, activity.id)
    assert stored.exists()
    with db.session() as session:
        recycle.purge(session, "activities", activity.id)
    assert not stored.parent.exists()
    assert photo.exists()
