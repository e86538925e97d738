"""Figures of the training records for any period, as the work summary quotes them (no Qt)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from typing import TYPE_CHECKING

from unionoffice.store.raw_sql import members_by_sex_index, raw_rows, raw_value

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class TrainingStats:
    """Sessions whose start date lies in [start, end] (inclusive), recycle bin excluded.

    sessions: number of sessions (期数).  by_kind: kind code -> number of sessions.
    hours_tenths: the sessions' 学时 added up, in tenths (15 = 1.5 学时).
    person_times: attendees who attended (培训职工人次; a member in 3 sessions counts 3).
    women_person_times: of whom women.
    person_hours_tenths: each attendance times its session's hours, in tenths (人均学时 = this / person_times).
    participants / women_participants: distinct members who attended at least one session / the women among them.
    enrolled: attendee lines, attended or not; absent = enrolled - person_times.
    examined: attendances with a pass/fail result; passed: of which passed.
    certificates: certificates obtained (a name or number recorded).
    pass_rate: passed / examined (0.0 when nobody was examined).
    women_share: women_person_times / person_times (0.0 when nobody attended).
    """

    start: dt.date
    end: dt.date
    sessions: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    hours_tenths: int = 0
    person_times: int = 0
    women_person_times: int = 0
    person_hours_tenths: int = 0
    participants: int = 0
    women_participants: int = 0
    enrolled: int = 0
    examined: int = 0
    passed: int = 0
    certificates: int = 0

    @property
    def absent(self) -> int:
        return self.enrolled - self.person_times

    @property
    def pass_rate(self) -> float:
        return self.passed / self.examined if self.examined else 0.0

    @property
    def women_share(self) -> float:
        return self.women_person_times / self.person_times if self.person_times else 0.0


# Raw SQL (store/raw_sql.py), as in activity_stats: compiling the ORM statements cost more than the queries.
_IN_PERIOD = "s.deleted_at IS NULL AND s.start_date >= ? AND s.start_date <= ?"


def sessions_held(session: Session, start: dt.date, end: dt.date) -> int:
    """``training_stats(…).sessions`` counted alone."""
    return int(raw_value(session, f"SELECT count(*) FROM training_sessions s WHERE {_IN_PERIOD}", (start, end)) or 0)


def attendances(session: Session, start: dt.date, end: dt.date) -> int:
    """``training_stats(…).person_times`` counted alone (attendees marked as attended)."""
    return int(raw_value(session,
        "SELECT count(*) FROM training_attendees t JOIN training_sessions s ON s.id = t.session_id "
        f"JOIN {members_by_sex_index(session)} ON m.id = t.member_id WHERE {_IN_PERIOD} AND t.attended = ?", (start, end, True)) or 0)


def training_stats(session: Session, start: dt.date, end: dt.date) -> TrainingStats:
    period = (start, end)
    by_kind: dict[str, int] = {}
    hours = 0
    for kind, count, kind_hours in raw_rows(session,
            f"SELECT s.kind, count(*), coalesce(sum(s.hours_tenths), 0) FROM training_sessions s WHERE {_IN_PERIOD} "
            "GROUP BY s.kind", period):
        by_kind[kind] = count
        hours += int(kind_hours)
    # (a = attended, w = attended by a woman; booleans compared with a parameter: 1 on SQLite, true on a server)
    a = "t.attended = ?"
    w = "t.attended = ? AND m.sex = 'female'"
    row = raw_rows(session,
        f"SELECT count(*), coalesce(sum(CASE WHEN {a} THEN 1 ELSE 0 END), 0), "
        f"coalesce(sum(CASE WHEN {w} THEN 1 ELSE 0 END), 0), "
        f"coalesce(sum(CASE WHEN {a} THEN s.hours_tenths ELSE 0 END), 0), "
        f"count(DISTINCT CASE WHEN {a} THEN t.member_id END), "
        f"count(DISTINCT CASE WHEN {w} THEN t.member_id END), "
        f"coalesce(sum(CASE WHEN {a} AND t.passed IS NOT NULL THEN 1 ELSE 0 END), 0), "
        f"coalesce(sum(CASE WHEN {a} AND t.passed = ? THEN 1 ELSE 0 END), 0), "
        "coalesce(sum(CASE WHEN t.certificate_name != '' OR t.certificate_no != '' THEN 1 ELSE 0 END), 0) "
        "FROM training_attendees t JOIN training_sessions s ON s.id = t.session_id "
        f"JOIN {members_by_sex_index(session)} ON m.id = t.member_id WHERE {_IN_PERIOD}",
        (True, True, True, True, True, True, True, True, *period))[0]
    enrolled, person_times, women_times, person_hours, participants, women_participants, examined, passed, certificates = (
        int(v) for v in row
    )
    return TrainingStats(
        start=start, end=end, sessions=sum(by_kind.values()), by_kind=by_kind, hours_tenths=int(hours),
        person_times=person_times, women_person_times=women_times, person_hours_tenths=person_hours,
        participants=participants, women_participants=women_participants, enrolled=enrolled,
        examined=examined, passed=passed, certificates=certificates,
    )
