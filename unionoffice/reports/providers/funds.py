"""Spending figures (经费使用情况) for the work summary, from services.funds_overview."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from unionoffice.domain.funds import funding_label
from unionoffice.i18n import N_
from unionoffice.reports.figures import Period, Share, Wan, Yuan
from unionoffice.services.funds_overview import funds_overview, purpose_label

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

NAMESPACE = "funds"
FIGURES = {
    "spent": N_("everything spent in the period (万元)"),
    "spent_yuan": N_("everything spent in the period (元)"),
    "activities": N_("spent on activities (万元)"),
    "activities_share": N_("share of spending on activities for members"),
    "training": N_("spent on training (万元)"),
    "training_share": N_("share of spending on training"),
    "relief": N_("spent on relief, cash and goods (万元)"),
    "relief_share": N_("share of spending on relief"),
    "other": N_("other expenses from the expense ledger (万元)"),
    "own_funds": N_("spent from the union's own funds (万元)"),
    "dues_collected": N_("dues collected in the period (万元)"),
    "by_source": N_("spending by funding source (万元, by the source's name)"),
    "by_purpose": N_("spending by purpose (万元, by the purpose's name)"),
}


def provide(session: Session, period: Period) -> dict[str, Any]:
    o = funds_overview(session, period.start, period.end)
    total = o.total_fen
    purposes = o.by_purpose()
    sources = o.by_source()
    return {
        "spent": Wan(total),
        "spent_yuan": Yuan(total),
        "activities": Wan(purposes["activities"]),
        "activities_share": Share(purposes["activities"], total),
        "training": Wan(purposes["training"]),
        "training_share": Share(purposes["training"], total),
        "relief": Wan(purposes["relief"]),
        "relief_share": Share(purposes["relief"], total),
        "other": Wan(purposes["other"]),
        "own_funds": Wan(sources.get("own_funds", 0)),
        "dues_collected": Wan(o.dues_collected_fen),
        "by_source": {funding_label(code) or code: Wan(fen) for code, fen in sources.items() if code},
        "by_purpose": {purpose_label(code): Wan(fen) for code, fen in purposes.items() if fen},
    }
