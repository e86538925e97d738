"""经费使用情况: what the union spent in a period, by funding source and by purpose, against the dues collected.

Spending comes from every register that records money: activities (cost), training sessions
(cost), relief visits (cash and goods) and the expense ledger. Sums are exact integer fen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from unionoffice.domain.funds import funding_label
from unionoffice.i18n import N_, _
from unionoffice.store.models.dues import DuesPayment
from unionoffice.store.models.funds import Expense
from unionoffice.store.models.ledgers import Activity, TrainingSession
from unionoffice.store.models.relief import ReliefVisit

# Purposes in the order the overview lists them.
PURPOSES = {
    "activities": N_("Activities for members"),
    "training": N_("Training"),
    "relief": N_("Relief and hardship aid"),
    "other": N_("Other expenses"),
}


def purpose_label(code: str) -> str:
    return _(PURPOSES[code]) if code in PURPOSES else code


@dataclass
class FundsOverview:
    start: dt.date
    end: dt.date
    # (purpose code, funding source code) -> fen
    spending: dict[tuple[str, str], int] = field(default_factory=dict)
    dues_collected_fen: int = 0
    expenses_by_purpose: dict[str, int] = field(default_factory=dict)  # the expense ledger by its own purpose text

    @property
    def total_fen(self) -> int:
        return sum(self.spending.values())

    def by_purpose(self) -> dict[str, int]:
        out = {code: 0 for code in PURPOSES}
        for (purpose, _source), fen in self.spending.items():
            out[purpose] = out.get(purpose, 0) + fen
        return out

    def by_source(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for (_purpose, source), fen in sorted(self.spending.items(), key=lambda item: item[0][1]):
            out[source] = out.get(source, 0) + fen
        return out

    def table(self) -> list[tuple[str, dict[str, int], int]]:
        """Rows purpose → {source label: fen} and the row total, for the page and the print."""
        rows = []
        for code in PURPOSES:
            cells: dict[str, int] = {}
            for (purpose, source), fen in self.spending.items():
                if purpose == code:
                    label = funding_label(source) or _("Not given")
                    cells[label] = cells.get(label, 0) + fen
            rows.append((purpose_label(code), cells, sum(cells.values())))
        return rows


def _add(overview: FundsOverview, purpose: str, rows: list[tuple[str | None, int | None]]) -> None:
    for source, fen in rows:
        if fen:
            key = (purpose, source or "")
            overview.spending[key] = overview.spending.get(key, 0) + int(fen)


def funds_overview(session: Session, start: dt.date, end: dt.date) -> FundsOverview:
    overview = FundsOverview(start, end)
    _add(overview, "activities", session.execute(
        select(Activity.funding_source, func.sum(Activity.cost_fen))
        .where(Activity.deleted_at.is_(None), Activity.start_date.between(start, end)).group_by(Activity.funding_source)).all())
    _add(overview, "training", session.execute(
        select(TrainingSession.funding_source, func.sum(TrainingSession.cost_fen))
        .where(TrainingSession.deleted_at.is_(None), TrainingSession.start_date.between(start, end))
        .group_by(TrainingSession.funding_source)).all())
    _add(overview, "relief", session.execute(
        select(ReliefVisit.funding_source, func.sum(ReliefVisit.cash_fen + ReliefVisit.goods_value_fen))
        .where(ReliefVisit.deleted_at.is_(None), ReliefVisit.date.between(start, end)).group_by(ReliefVisit.funding_source)).all())
    _add(overview, "other", session.execute(
        select(Expense.funding_source, func.sum(Expense.amount_fen))
        .where(Expense.deleted_at.is_(None), Expense.date.between(start, end)).group_by(Expense.funding_source)).all())
    overview.expenses_by_purpose = {purpose: int(fen) for purpose, fen in session.execute(
        select(Expense.purpose, func.sum(Expense.amount_fen))
        .where(Expense.deleted_at.is_(None), Expense.date.between(start, end)).group_by(Expense.purpose)
        .order_by(func.sum(Expense.amount_fen).desc()))}
    overview.dues_collected_fen = int(session.scalar(
        select(func.coalesce(func.sum(DuesPayment.amount_fen), 0))
        .where(DuesPayment.deleted_at.is_(None), DuesPayment.paid_on.between(start, end))) or 0)
    return overview
