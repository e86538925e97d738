"""What a work summary names, from the records of a period (no Qt): the main activities by title,
awards by name and level, trainings by title, and who took part in nothing.

Each function returns plain values (titles, counts, codes); the summary's providers turn them into
quotable figures in the document language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from typing import TYPE_CHECKING

from unionoffice.domain.ledgers import AwardLevel
from unionoffice.services.roll_counts import on_roll_rows, roll_counts
from unionoffice.services.roll_sql import ON_ROLL_CODES as ON_ROLL_LIST
from unionoffice.services.roll_sql import maybe_not_active_sql, status_sql
from unionoffice.store.raw_sql import raw_rows, raw_value

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

COMPETITION_KINDS = ("competition",)
FESTIVAL_KINDS = ("festival",)


@dataclass(frozen=True)
class HeldActivity:
    title: str
    kind: str
    attendance: int  # members who attended plus outsiders


@dataclass(frozen=True)
class AwardLine:
    level: str  # AwardLevel code
    name: str
    count: int


# Raw SQL (store/raw_sql.py): each runs once per summary, where building and compiling the
# ORM statements cost more than the queries themselves.

def held_activities(session: Session, start: dt.date, end: dt.date) -> list[HeldActivity]:
    """Activities that started in the period, most attended first (then by date)."""
    # Each activity's attendance counted from the (activity, member) unique index: a count of every
    # year's attendance grouped by activity took three times as long.
    rows = raw_rows(session,
        "SELECT a.title, a.kind, (SELECT count(*) FROM activity_attendees t WHERE t.activity_id = a.id) "
        "+ coalesce(a.outsider_count, 0) AS attendance FROM activities a "
        "WHERE a.deleted_at IS NULL AND a.start_date >= ? AND a.start_date <= ? "
        "ORDER BY attendance DESC, a.start_date, a.id", (start, end))
    return [HeldActivity(title, kind, int(n)) for title, kind, n in rows]


def award_lines(session: Session, start: dt.date, end: dt.date) -> list[AwardLine]:
    """Awards won at the period's activities, one line per level and name, highest level first."""
    rows = raw_rows(session,
        "SELECT w.level, w.name, count(*) FROM activity_awards w JOIN activities a ON a.id = w.activity_id "
        "WHERE a.deleted_at IS NULL AND a.start_date >= ? AND a.start_date <= ? GROUP BY w.level, w.name",
        (start, end))
    rank = {level.value: index for index, level in enumerate(AwardLevel)}
    lines = [AwardLine(level, name, int(n)) for level, name, n in rows]
    return sorted(lines, key=lambda a: (rank.get(a.level, len(rank)), -a.count, a.name))


def training_titles(session: Session, start: dt.date, end: dt.date) -> list[tuple[str, str, int]]:
    """(title, kind code, attendances) of the period's training sessions, most attended first."""
    rows = raw_rows(session,  # (each session's attendance from the (session, member) unique index, as above)
        "SELECT s.title, s.kind, (SELECT count(*) FROM training_attendees t WHERE t.session_id = s.id "
        "AND t.attended = ?) AS attended FROM training_sessions s "
        "WHERE s.deleted_at IS NULL AND s.start_date >= ? AND s.start_date <= ? "
        "ORDER BY attended DESC, s.start_date, s.id", (True, start, end))
    return [(title, kind, int(count)) for title, kind, count in rows]


@dataclass(frozen=True)
class Participation:
    """Who on the roll at the period's end took part in an activity or a training of the period."""

    on_roll: int
    took_part: int
    women_on_roll: int
    women_took_part: int
    migrant_on_roll: int
    migrant_took_part: int
    idle_groups: tuple[str, ...]  # groups with members on the roll none of whom took part


def participation(session: Session, start: dt.date, end: dt.date) -> Participation:
    # Everyone on the roll from the roll's counts by status (shared with the members' figures of a
    # draft); the members who took part gathered once and joined, counted by the keys, less those
    # of them off the roll: only the few who may not be active have their last event looked up
    # (roll_sql.maybe_not_active_sql; CASE … AND … stops at the first false).
    took_part = (
        "SELECT t.member_id FROM activity_attendees t JOIN activities a ON a.id = t.activity_id "
        "WHERE a.deleted_at IS NULL AND a.start_date >= ? AND a.start_date <= ? "
        "UNION SELECT t.member_id FROM training_attendees t JOIN training_sessions s ON s.id = t.session_id "
        "WHERE s.deleted_at IS NULL AND t.attended = ? AND s.start_date >= ? AND s.start_date <= ?")
    maybe, maybe_params = maybe_not_active_sql(session, end)
    status, status_params = status_sql(session, end)
    off_roll = f"CASE WHEN {maybe} AND {status} NOT IN ({ON_ROLL_LIST}) THEN 1 ELSE 0 END"
    took = [(sex, migrant, group_id, int(count) - int(off)) for sex, migrant, group_id, count, off in raw_rows(session,
        f"SELECT m.sex, m.migrant_worker, m.group_id, count(*), sum({off_roll}) FROM ({took_part}) p "
        "JOIN members m ON m.id = p.member_id WHERE m.deleted_at IS NULL GROUP BY m.sex, m.migrant_worker, m.group_id",
        (*maybe_params, *status_params, start, end, True, start, end))]
    everyone = [(sex, migrant, group_id, count) for sex, _education, _political, migrant, group_id, count, *_bands
                in on_roll_rows(roll_counts(session, end))]
    totals = {"all": [0, 0], "women": [0, 0], "migrant": [0, 0]}  # [on the roll, took part]
    by_group: dict[int | None, list[int]] = {}
    for index, rows in ((0, everyone), (1, took)):
        for sex, migrant, group_id, count in rows:
            count = int(count)
            for key, applies in (("all", True), ("women", sex == "female"), ("migrant", bool(migrant))):
                if applies:
                    totals[key][index] += count
            by_group.setdefault(group_id, [0, 0])[index] += count
    names = raw_rows(session, "SELECT id, name FROM groups ORDER BY position, id")
    idle = tuple(name for gid, name in names if gid in by_group and by_group[gid][1] == 0)
    (on, part), (w_on, w_part), (m_on, m_part) = totals["all"], totals["women"], totals["migrant"]
    return Participation(on, part, w_on, w_part, m_on, m_part, idle)


def stale_hardship_files(session: Session, on: dt.date, months: int = 12) -> int:
    """Hardship files on file at ``on`` not reviewed (nor opened) in the ``months`` before it."""
    try:
        cutoff = on.replace(year=on.year - months // 12)
    except ValueError:
        cutoff = on.replace(year=on.year - months // 12, day=28)
    return int(raw_value(session,
        "SELECT count(*) FROM hardship_files WHERE deleted_at IS NULL AND opened_on <= ? "
        "AND (closed_on IS NULL OR closed_on > ?) AND coalesce(reviewed_on, opened_on) < ?", (on, on, cutoff)) or 0)
