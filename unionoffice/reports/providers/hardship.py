"""Hardship file figures (困难职工档案) for the work summary, from services.relief_stats."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from unionoffice.domain.relief import HardshipCategory, HardshipCause
from unionoffice.i18n import N_
from unionoffice.reports.figures import Period, Share, Wan
from unionoffice.services.relief_stats import file_holder_visits, hardship_statistics

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

NAMESPACE = "hardship"
FIGURES = {
    "open_files": N_("hardship files on file at the period's end (户)"),
    "open_women": N_("of the files on file, women members"),
    "opened": N_("files opened in the period"),
    "closed": N_("files closed in the period (out of hardship or struck off)"),
    "out_of_hardship": N_("files closed as out of hardship"),
    "struck_off": N_("files struck off"),
    "helped": N_("files on file whose holder was visited in the period"),
    "helped_share": N_("share of the files on file that were helped"),
    "by_cause": N_("files on file by main cause (by the cause's name)"),
    "by_category": N_("files on file by category (深度困难, 相对困难, 意外致困)"),
    "deep": N_("files on file in deep hardship (深度困难, 户)"),
    "relative": N_("files on file in relative hardship (相对困难, 户)"),
    "accident": N_("files on file in hardship from an accident (意外致困, 户)"),
    "reviewed": N_("files reviewed in the period (复核, 户)"),
    "overdue": N_("files on file at the period's end overdue for their yearly review"),
    "relief_households": N_("households with a hardship file helped in the period (户)"),
    "relief_cash": N_("cash given to households with a hardship file in the period (万元)"),
}


def provide(session: Session, period: Period) -> dict[str, Any]:
    s = hardship_statistics(session, period.start, period.end)
    households, cash_fen = file_holder_visits(session, period.start, period.end)  # (relief counts the rest)
    return {
        "deep": s.open_by_category.get(HardshipCategory.DEEP.value, 0),
        "relative": s.open_by_category.get(HardshipCategory.RELATIVE.value, 0),
        "accident": s.open_by_category.get(HardshipCategory.ACCIDENT.value, 0),
        "reviewed": s.reviewed,
        "overdue": s.overdue_at_end,
        "relief_households": households,
        "relief_cash": Wan(cash_fen),
        "open_files": s.open_at_end,
        "open_women": s.open_women,
        "opened": s.opened,
        "closed": s.closed,
        "out_of_hardship": s.out_of_hardship,
        "struck_off": s.cancelled,
        "helped": s.helped,
        "helped_share": Share(s.helped, s.open_at_end),
        "by_cause": {HardshipCause(code).label(): n for code, n in s.open_by_cause.items()},
        "by_category": {HardshipCategory(code).label(): n for code, n in s.open_by_category.items()},
    }
