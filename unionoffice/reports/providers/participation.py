"""Who took part (活动、培训覆盖面) and what was left undone, for the reflective parts of the summary."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from unionoffice.i18n import N_
from unionoffice.reports.figures import Names, Period, Share
from unionoffice.services.summary_highlights import participation, stale_hardship_files

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

NAMESPACE = "participation"
FIGURES = {
    "took_part": N_("members on the roll who took part in an activity or a training"),
    "none": N_("members on the roll who took part in nothing in the period"),
    "none_share": N_("share of the members who took part in nothing"),
    "women_share": N_("women's share of the members who took part"),
    "migrant_share": N_("migrant workers' share of the members who took part"),
    "women_took_part_share": N_("share of the women members who took part"),
    "migrant_took_part_share": N_("share of the migrant-worker members who took part"),
    "took_part_share": N_("share of the members who took part"),
    "idle_groups": N_("groups whose members took part in nothing (by name)"),
    "idle_group_count": N_("number of groups whose members took part in nothing"),
    "stale_files": N_("hardship files on file not reviewed for 12 months"),
}


def provide(session: Session, period: Period) -> dict[str, Any]:
    p = participation(session, period.start, period.end)
    return {
        "took_part": p.took_part,
        "none": p.on_roll - p.took_part,
        "none_share": Share(p.on_roll - p.took_part, p.on_roll),
        "women_share": Share(p.women_took_part, p.took_part),
        "migrant_share": Share(p.migrant_took_part, p.took_part),
        "women_took_part_share": Share(p.women_took_part, p.women_on_roll),
        "migrant_took_part_share": Share(p.migrant_took_part, p.migrant_on_roll),
        "took_part_share": Share(p.took_part, p.on_roll),
        "idle_groups": Names(p.idle_groups),
        "idle_group_count": len(p.idle_groups),
        "stale_files": stale_hardship_files(session, period.end),
    }
