"""Dues figures (会费收缴) for the work summary, from services.dues_ledger."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from unionoffice.domain.dues import Period as MonthPeriod
from unionoffice.i18n import N_
from unionoffice.reports.figures import Period, Share, Wan, Yuan
from unionoffice.services.dues_ledger import group_order
from unionoffice.services.dues_summary import GroupTally, summary_tallies

if TYPE_CHECKING:  # the report reads the dues without loading the ORM
    from sqlalchemy.orm import Session

NAMESPACE = "dues"
FIGURES = {
    "due": N_("dues due for the months of the period (万元)"),
    "due_yuan": N_("dues due for the months of the period (元)"),
    "paid": N_("dues paid for the months of the period (万元)"),
    "paid_yuan": N_("dues paid for the months of the period (元)"),
    "arrears": N_("dues still unpaid for the months of the period (万元)"),
    "rate": N_("collection rate: paid of due (收缴率)"),
    "members": N_("members who owed dues in the period"),
    "arrears_members": N_("members with dues unpaid for the period"),
    "long_arrears_members": N_("members with six or more consecutive unpaid months"),
    "exempt_members": N_("members exempt for some of the period"),
    "rate_by_group": N_("collection rate by group"),
    "paid_by_group": N_("dues paid by group (万元)"),
}


def _nothing_due() -> dict[str, Any]:
    return {"due": Wan(0), "due_yuan": Yuan(0), "paid": Wan(0), "paid_yuan": Yuan(0), "arrears": Wan(0),
            "rate": Share(0, 0), "members": 0, "arrears_members": 0, "long_arrears_members": 0, "exempt_members": 0,
            "rate_by_group": {}, "paid_by_group": {}}


def provide(session: Session, period: Period) -> dict[str, Any]:
    if period.end < period.start:
        # A period not yet begun on the drafting day (the summary counts up to that day): nothing is due.
        return _nothing_due()
    months = MonthPeriod.of_dates(period.start, period.end)
    return figures_of(summary_tallies(session, months), group_order(session))


def figures_of(tallies: Mapping[str, GroupTally], order: dict[str, tuple[int, int]]) -> dict[str, Any]:
    """The figures from each group's totals; groups listed in the office's group order."""
    whole = GroupTally()
    for tally in tallies.values():
        whole.merge(tally)
    due, paid = whole.due_fen, whole.paid_fen
    ordered = sorted(tallies.items(), key=lambda item: order.get(item[0], (999999, 1 << 62)))
    return {
        "due": Wan(due),
        "due_yuan": Yuan(due),
        "paid": Wan(paid),
        "paid_yuan": Yuan(paid),
        "arrears": Wan(whole.arrears_fen),
        "rate": Share(min(paid, due), due),
        "members": whole.owing,
        "arrears_members": whole.in_arrears,
        "long_arrears_members": whole.long_runs,
        "exempt_members": whole.exempt,
        "rate_by_group": {g: Share(min(t.paid_fen, t.due_fen), t.due_fen) for g, t in ordered if t.due_fen},
        "paid_by_group": {g: Wan(t.paid_fen) for g, t in ordered if t.paid_fen},
    }
