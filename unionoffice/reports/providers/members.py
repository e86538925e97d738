"""Member figures (基本情况, 组织建设) for the work summary, from services.roster_stats."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from unionoffice.domain.choices import Education, PoliticalStatus
from unionoffice.i18n import N_
from unionoffice.reports.figures import Period, Share
from unionoffice.services.member_figures import age_band_label, members_stats, on_roll_count

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

NAMESPACE = "members"
FIGURES = {
    "total": N_("members on the roll at the period's end"),
    "women": N_("of whom women"),
    "women_share": N_("share of women among the members"),
    "migrant": N_("migrant-worker members"),
    "migrant_share": N_("share of migrant workers among the members"),
    "party": N_("CPC members (full and probationary) among the members"),
    "youth": N_("members aged 35 and under"),
    "democratic": N_("members of the democratic parties (the eight parties together)"),
    "by_political_status": N_("members by political status, each democratic party apart (by its name)"),
    "joined": N_("members who joined or transferred in during the period"),
    "new_joins": N_("members who joined during the period"),
    "transferred_in": N_("members who transferred in during the period"),
    "left": N_("members who left during the period (transfer out, expelled, withdrew, deceased)"),
    "retained": N_("members whose membership is retained at the period's end"),
    "groups": N_("groups with members on the roll"),
    "by_education": N_("members by education (by its name)"),
    "by_age_band": N_("members by age band (by its name)"),
    "by_group": N_("members by group (by the group's name)"),
}


def _labelled(enum: type, counts: dict[str, int]) -> dict[str, int]:
    out = {}
    for code, count in counts.items():
        label = next((m.label() for m in enum if m.value == code), None)
        out[label or code] = count
    return out


def _total(session: Session, period: Period) -> int:
    return on_roll_count(session, period.end)


# What a 同比 quotes of last year (the template, reflection.FALLS), counted without the rest (lazy_figures.py).
COUNTED_ALONE = {"total": _total}


def provide(session: Session, period: Period) -> dict[str, Any]:
    s = members_stats(session, period.start, period.end)
    c = s.composition
    return {
        "total": s.total,
        "women": s.women,
        "women_share": Share(s.women, s.total),
        "migrant": s.migrant_workers,
        "migrant_share": Share(s.migrant_workers, s.total),
        "party": s.party_members,
        "youth": s.youth,
        "democratic": c.democratic_party_members,
        "by_political_status": _labelled(PoliticalStatus, c.by_political_status),
        "joined": s.joined,
        "new_joins": s.new_joins,
        "transferred_in": s.transferred_in,
        "left": s.left,
        "retained": s.retained,
        "groups": s.groups_with_members,
        "by_education": _labelled(Education, c.by_education),
        "by_age_band": {age_band_label(code): n for code, n in c.by_age_band.items()},
        "by_group": dict(c.by_group),
    }
