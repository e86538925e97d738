"""Figures of the activity log for any period, as the work summary quotes them (no Qt)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from typing import TYPE_CHECKING

from unionoffice.domain.ledgers import Organiser
from unionoffice.store.raw_sql import members_by_sex_index, raw_rows, raw_value

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class ActivityStats:
    """Activities whose start date lies in [start, end] (inclusive), recycle bin excluded.

    activities: number of activities.  by_kind: kind code -> number of activities.
    own_organised / higher_organised: held by our union / our part in the higher union's events.
    member_person_times: member attendances (a member at 3 activities counts 3 人次).
    outsider_person_times: the outsiders' headcounts added up.
    person_times: member_person_times + outsider_person_times (the 人次 a summary quotes).
    women_person_times: attendances of women members (outsiders' sex is not recorded).
    participants: distinct members who attended at least one activity (参加人数, members only).
    women_participants: distinct women among them.
    awards: awards won at these activities; awards_by_level: level code -> count;
    individual_awards / collective_awards: won by a member / by the collective.
    cost_fen: the activities' cost added up, in fen.
    women_share: women_person_times / member_person_times (0.0 when nobody attended).
    """

    start: dt.date
    end: dt.date
    activities: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    own_organised: int = 0
    higher_organised: int = 0
    member_person_times: int = 0
    outsider_person_times: int = 0
    person_times: int = 0
    women_person_times: int = 0
    participants: int = 0
    women_participants: int = 0
    awards: int = 0
    awards_by_level: dict[str, int] = field(default_factory=dict)
    individual_awards: int = 0
    collective_awards: int = 0
    cost_fen: int = 0

    @property
    def women_share(self) -> float:
        return self.women_person_times / self.member_person_times if self.member_person_times else 0.0


# Raw SQL (store/raw_sql.py: ``?`` placeholders on both engines): the summary runs each of
# these once per process, where building and compiling the ORM statement cost more than the query.
_IN_PERIOD = "a.deleted_at IS NULL AND a.start_date >= ? AND a.start_date <= ?"


def activities_held(session: Session, start: dt.date, end: dt.date) -> int:
    """``activity_stats(…).activities`` counted alone."""
    return int(raw_value(session, f"SELECT count(*) FROM activities a WHERE {_IN_PERIOD}", (start, end)) or 0)


def member_attendances(session: Session, start: dt.date, end: dt.date) -> int:
    """``activity_stats(…).member_person_times`` counted alone (one COUNT over the period's attendance)."""
    return int(raw_value(session,
        "SELECT count(*) FROM activity_attendees t JOIN activities a ON a.id = t.activity_id "
        f"JOIN {members_by_sex_index(session)} ON m.id = t.member_id WHERE {_IN_PERIOD}", (start, end)) or 0)


def activity_stats(session: Session, start: dt.date, end: dt.date) -> ActivityStats:
    period = (start, end)
    by_kind: dict[str, int] = {}
    by_organiser: dict[str, int] = {}
    outsiders = cost = 0
    for kind, organiser, count, outsider_sum, cost_sum in raw_rows(session,
            "SELECT a.kind, a.organiser, count(*), coalesce(sum(a.outsider_count), 0), coalesce(sum(a.cost_fen), 0) "
            f"FROM activities a WHERE {_IN_PERIOD} GROUP BY a.kind, a.organiser", period):
        by_kind[kind] = by_kind.get(kind, 0) + count
        by_organiser[organiser] = by_organiser.get(organiser, 0) + count
        outsiders += int(outsider_sum)
        cost += int(cost_sum)

    # Attendances per member first (one pass over the period's attendance), then the members'
    # sex: the distinct counts need no sort of every attendance (a third of the time).
    member_times, women_times, participants, women_participants = raw_rows(session,
        "SELECT coalesce(sum(p.n), 0), coalesce(sum(CASE WHEN m.sex = 'female' THEN p.n ELSE 0 END), 0), count(*), "
        "coalesce(sum(CASE WHEN m.sex = 'female' THEN 1 ELSE 0 END), 0) "
        "FROM (SELECT t.member_id AS member_id, count(*) AS n FROM activity_attendees t "
        f"JOIN activities a ON a.id = t.activity_id WHERE {_IN_PERIOD} GROUP BY t.member_id) p "
        f"JOIN {members_by_sex_index(session)} ON m.id = p.member_id", period)[0]

    award_rows = raw_rows(session,
        "SELECT w.level, CASE WHEN w.member_id IS NULL THEN 1 ELSE 0 END, count(*) FROM activity_awards w "
        f"JOIN activities a ON a.id = w.activity_id WHERE {_IN_PERIOD} "
        "GROUP BY w.level, CASE WHEN w.member_id IS NULL THEN 1 ELSE 0 END", period)
    awards_by_level: dict[str, int] = {}
    collective = individual = 0
    for level, is_collective, count in award_rows:
        awards_by_level[level] = awards_by_level.get(level, 0) + count
        if is_collective:
            collective += count
        else:
            individual += count

    return ActivityStats(
        start=start,
        end=end,
        activities=sum(by_kind.values()),
        by_kind=by_kind,
        own_organised=by_organiser.get(Organiser.OWN.value, 0),
        higher_organised=by_organiser.get(Organiser.HIGHER.value, 0),
        member_person_times=int(member_times),
        outsider_person_times=int(outsiders),
        person_times=int(member_times) + int(outsiders),
        women_person_times=int(women_times),
        participants=int(participants),
        women_participants=int(women_participants),
        awards=collective + individual,
        awards_by_level=awards_by_level,
        individual_awards=individual,
        collective_awards=collective,
        cost_fen=int(cost),
    )
