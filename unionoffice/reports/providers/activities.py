"""Figures of the activity log for the work summary (文体活动与劳动竞赛)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from unionoffice.domain.ledgers import AwardLevel, Ledger
from unionoffice.i18n import N_, _
from unionoffice.reports.figures import Money, Names, Period, Share
from unionoffice.services.activity_stats import activities_held, activity_stats, member_attendances
from unionoffice.services.summaries_lookups import kind_labels
from unionoffice.services.summary_highlights import COMPETITION_KINDS, FESTIVAL_KINDS, award_lines, held_activities

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

NAMESPACE = "activities"
FIGURES = {
    "count": N_("activities held (by start date)"),
    "by_kind": N_("activities by kind, keyed by the kind's name (e.g. 文体活动)"),
    "own_organised": N_("activities held by our union"),
    "higher_organised": N_("the higher union's events we took part in"),
    "person_times": N_("attendances, members and outsiders (人次)"),
    "member_person_times": N_("attendances of members"),
    "outsider_person_times": N_("attendances of outsiders (headcounts)"),
    "women_person_times": N_("attendances of women members"),
    "women_share": N_("women's share of member attendances"),
    "participants": N_("distinct members who attended"),
    "awards": N_("awards won"),
    "awards_by_level": N_("awards by level, keyed by the level's name (e.g. 市级)"),
    "individual_awards": N_("awards won by a member"),
    "collective_awards": N_("awards won by a collective"),
    "cost": N_("the activities' cost (元 or 万元 by size)"),
    "highlights": N_("the main activities by title: competitions, festival events, then the most attended"),
    "most_attended": N_("activity titles, most attended first"),
    "competitions": N_("titles of the labour competitions and skill contests"),
    "festivals": N_("titles of the festival events"),
    "award_names": N_("awards by level and name with their number (市级“工人先锋号”1项)"),
}


def _highlights(held: list) -> list[str]:
    """Competitions first, then festival events, then the rest; each list most attended first."""
    first = COMPETITION_KINDS + FESTIVAL_KINDS
    ordered = [a for a in held if a.kind in COMPETITION_KINDS] + [a for a in held if a.kind in FESTIVAL_KINDS]
    ordered += [a for a in held if a.kind not in first]  # (not "a not in ordered": quadratic)
    return list(dict.fromkeys(a.title for a in ordered))


# What a 同比 quotes of last year (the template, reflection.FALLS), counted without the rest (lazy_figures.py).
COUNTED_ALONE = {
    "count": lambda session, period: activities_held(session, period.start, period.end),
    "member_person_times": lambda session, period: member_attendances(session, period.start, period.end),
}


def provide(session: Session, period: Period) -> dict[str, Any]:
    stats = activity_stats(session, period.start, period.end)
    labels = kind_labels(session, Ledger.ACTIVITY)
    levels = {level.value: level.label() for level in AwardLevel}
    held = held_activities(session, period.start, period.end)
    awards = award_lines(session, period.start, period.end)
    return {
        "count": stats.activities,
        "by_kind": {labels.get(code, code): n for code, n in stats.by_kind.items()},
        "own_organised": stats.own_organised,
        "higher_organised": stats.higher_organised,
        "person_times": stats.person_times,
        "member_person_times": stats.member_person_times,
        "outsider_person_times": stats.outsider_person_times,
        "women_person_times": stats.women_person_times,
        "women_share": Share(stats.women_person_times, stats.member_person_times),
        "participants": stats.participants,
        "awards": stats.awards,
        "awards_by_level": {levels.get(code, code): n for code, n in stats.awards_by_level.items()},
        "individual_awards": stats.individual_awards,
        "collective_awards": stats.collective_awards,
        "cost": Money(stats.cost_fen),
        "highlights": Names(tuple(_highlights(held))),
        "most_attended": Names(tuple(dict.fromkeys(a.title for a in held))),
        "competitions": Names(tuple(dict.fromkeys(a.title for a in held if a.kind in COMPETITION_KINDS))),
        "festivals": Names(tuple(dict.fromkeys(a.title for a in held if a.kind in FESTIVAL_KINDS))),
        "award_names": Names(tuple(
            _("{level} “{name}” {count}").format(level=levels.get(a.level, a.level), name=a.name, count=a.count)
            for a in awards)),
    }
