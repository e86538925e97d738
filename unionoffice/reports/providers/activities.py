"""Figures of the activity log for the work summary (文体活动与劳动竞赛)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from unionoffice.domain.ledgers import AwardLevel, Ledger
from unionoffice.i18n import N_
from unionoffice.reports.figures import Period, Share, Yuan
from unionoffice.services.activity_stats import activity_stats
from unionoffice.services.ledger_kinds import kind_labels

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
    "cost": N_("the activities' cost in yuan"),
}


def provide(session: Session, period: Period) -> dict[str, Any]:
    stats = activity_stats(session, period.start, period.end)
    labels = kind_labels(session, Ledger.ACTIVITY)
    levels = {level.value: level.label() for level in AwardLevel}
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
        "cost": Yuan(stats.cost_fen),
    }
