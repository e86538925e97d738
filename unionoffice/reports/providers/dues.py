"""Dues figures (会费收缴) for the work summary, from services.dues_ledger."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from unionoffice.domain.dues import Period as MonthPeriod
from unionoffice.i18n import N_
from unionoffice.reports.figures import Period, Share, Wan, Yuan
from unionoffice.services.dues_ledger import build_ledger, by_group, long_arrears

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
    ledger = build_ledger(session, months)
    due, paid = ledger.due_fen, ledger.paid_fen
    groups = by_group(ledger)
    return {
        "due": Wan(due),
        "due_yuan": Yuan(due),
        "paid": Wan(paid),
        "paid_yuan": Yuan(paid),
        "arrears": Wan(ledger.arrears_fen),
        "rate": Share(min(paid, due), due),
        "members": sum(1 for m in ledger.members if m.owed_mask),
        "arrears_members": sum(1 for m in ledger.members if m.arrears_fen),
        "long_arrears_members": len(long_arrears(ledger)),
        "exempt_members": sum(1 for m in ledger.members if m.exempt_mask),
        "rate_by_group": {g.group: Share(min(g.paid_fen, g.due_fen), g.due_fen) for g in groups if g.due_fen},
        "paid_by_group": {g.group: Wan(g.paid_fen) for g in groups if g.paid_fen},
    }
