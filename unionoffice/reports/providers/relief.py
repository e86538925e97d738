"""Relief visit figures (慰问/送温暖) for the work summary, from services.relief_stats."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from unionoffice.domain.relief import FundingSource
from unionoffice.i18n import N_
from unionoffice.reports.figures import Money, Period, Share, Yuan
from unionoffice.services.relief_stats import households_visited, visit_statistics

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

NAMESPACE = "relief"
FIGURES = {
    "visits": N_("relief visits recorded"),
    "households": N_("households visited (户)"),
    "persons": N_("people who received relief (人)"),
    "women": N_("of the households visited, women members"),
    "women_share": N_("share of women among the households visited"),
    "file_holders": N_("households visited that hold a hardship file"),
    "file_holder_cash": N_("cash given to hardship file holders (元 or 万元 by size)"),
    "cash": N_("cash paid out (元 or 万元 by size, with the unit)"),
    "cash_yuan": N_("cash paid out (元, number only)"),
    "goods": N_("value of goods (元 or 万元 by size, with the unit)"),
    "total": N_("cash and goods together (元 or 万元 by size)"),
    "by_occasion": N_("households visited by occasion (by the occasion's name)"),
    "cash_by_occasion": N_("cash by occasion (元 or 万元, by the occasion's name)"),
    "cash_by_funding": N_("cash by funding source (元 or 万元)"),
    "spring_households": N_("households visited in the Spring Festival round (春节送温暖)"),
    "spring_cash": N_("cash of the Spring Festival round (元 or 万元)"),
    "spring_goods": N_("value of the goods of the Spring Festival round (元 or 万元)"),
}

SPRING_FESTIVAL = "spring_festival"


# What a 同比 quotes of last year (the template, reflection.FALLS), counted without the rest (lazy_figures.py).
COUNTED_ALONE = {"households": lambda session, period: households_visited(session, period.start, period.end)}


def provide(session: Session, period: Period) -> dict[str, Any]:
    s = visit_statistics(session, period.start, period.end)
    names = s.occasion_names
    return {
        "visits": s.visits,
        "households": s.households,
        "persons": s.persons,
        "women": s.women,
        "women_share": Share(s.women, s.households),
        "file_holders": s.file_holders,
        "file_holder_cash": Money(s.file_holder_cash_fen),
        "cash": Money(s.cash_fen),
        "cash_yuan": Yuan(s.cash_fen),
        "goods": Money(s.goods_value_fen),
        "total": Money(s.total_value_fen),
        "by_occasion": {names.get(code, code): n for code, n in s.households_by_occasion.items()},
        "cash_by_occasion": {names.get(code, code): Money(fen) for code, fen in s.cash_by_occasion.items()},
        "cash_by_funding": {FundingSource(code).label(): Money(fen) for code, fen in s.cash_by_funding.items()},
        "spring_households": s.households_by_occasion.get(SPRING_FESTIVAL, 0),
        "spring_cash": Money(s.cash_by_occasion.get(SPRING_FESTIVAL, 0)),
        "spring_goods": Money(s.goods_by_occasion.get(SPRING_FESTIVAL, 0)),
    }
