"""Training records: sessions with per-attendee results, recycle bin, list, a member's history."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from tests.ledger_helpers import add_group, add_members
from unionoffice.domain.ledgers import LedgerError, format_tenths, parse_tenths
from unionoffice.services import trainings
from unionoffice.services.ledger_lists import LedgerFilter, list_trainings
from unionoffice.services.trainings import TrainingData, TrainingResult
from unionoffice.store.models import AuditEntry
from unionoffice.store.models.ledgers import TrainingAttendee


def safety(**changes) -> TrainingData:
    values = dict(title="安全生产培训", kind="safety", start_date=dt.date(2026, 4, 10), hours_tenths=40, trainer="李安全")
    values.update(changes)
    return TrainingData(**values)


def test_session_with_results_is_stored(session):
    a, b = add_members(session, 2)
    training = trainings.create_training(session, safety(), [
        TrainingResult(a, attended=True, score_tenths=925, passed=True, certificate_name="安全员证", certificate_no="AQ-001"),
        TrainingResult(b, attended=False),
    ])
    rows = session.scalars(select(TrainingAttendee).where(TrainingAttendee.session_id == training.id).order_by(TrainingAttendee.member_id)).all()
    assert [(r.member_id, r.attended, r.score_tenths, r.passed, r.certificate_no) for r in rows] == [
        (a, True, 925, True, "AQ-001"), (b, False, None, None, "")]


def test_session_change_is_audited(session):
    training = trainings.create_training(session, safety())
    trainings.update_training(session, training.id, safety(hours_tenths=80))
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "update", AuditEntry.entity == "training")).one()
    assert '"hours_tenths": 80' in entry.after


def test_unknown_kind_is_refused(session):
    with pytest.raises(LedgerError, match="培训类别"):
        trainings.create_training(session, safety(kind="nothing"))


def test_hours_parse_in_tenths_without_floats():
    assert parse_tenths("1.5", what="学时", maximum=100) == 15
    assert parse_tenths("２", what="学时", maximum=100) == 20
    assert parse_tenths("", what="学时", maximum=100) is None
    assert format_tenths(15) == "1.5" and format_tenths(20) == "2"


def test_hours_with_two_decimals_are_refused():
    with pytest.raises(LedgerError, match="一位小数"):
        parse_tenths("1.25", what="学时", maximum=100)


def test_list_counts_attended_passed_and_certificates(session):
    a, b, c = add_members(session, 3)
    trainings.create_training(session, safety(), [
        TrainingResult(a, passed=True, certificate_no="X1"), TrainingResult(b, passed=False), TrainingResult(c, attended=False)])
    row = list_trainings(session)[0]
    assert (row.enrolled, row.attended, row.women, row.passed, row.certificates) == (3, 2, 2, 1, 1)


def test_list_filters_by_group_and_sorts_by_hours(session):
    group = add_group(session)
    long = trainings.create_training(session, safety(title="长", hours_tenths=160), add_results(add_members(session, 1, group_id=group)))
    short = trainings.create_training(session, safety(title="短", hours_tenths=20))
    assert [r.id for r in list_trainings(session, sort="hours", descending=False)] == [short.id, long.id]
    assert [r.id for r in list_trainings(session, LedgerFilter(group_id=group))] == [long.id]


def add_results(ids):
    return [TrainingResult(i) for i in ids]


def test_deleted_session_goes_to_the_recycle_bin_and_back(session):
    training = trainings.create_training(session, safety())
    trainings.delete_training(session, training.id)
    assert list_trainings(session) == []
    trainings.restore_training(session, training.id)
    assert [r.id for r in list_trainings(session)] == [training.id]


def test_member_history_totals_hours_of_attended_sessions(session):
    (member,) = add_members(session, 1)
    trainings.create_training(session, safety(hours_tenths=40), [TrainingResult(member, certificate_name="安全员证")])
    trainings.create_training(session, safety(title="消防", start_date=dt.date(2026, 5, 1), hours_tenths=25), [TrainingResult(member)])
    trainings.create_training(session, safety(title="缺席", hours_tenths=80), [TrainingResult(member, attended=False)])
    history = trainings.member_training_history(session, member)
    assert [line.title for line in history.lines][0] == "消防"
    assert (history.sessions_attended, history.hours_tenths, history.certificates) == (2, 65, 1)
