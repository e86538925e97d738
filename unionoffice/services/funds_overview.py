"""经费使用情况: what the union spent in a period, by funding source and by purpose, against the dues collected.

Spending comes from every register that records money: activities (cost), training sessions
(cost), relief visits (cash and goods) and the expense ledger. Sums are exact integer fen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from unionoffice.domain.funds import funding_label
from unionoffice.i18n import N_, _
from unionoffice.store.raw_sql import raw_rows, raw_value

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

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
    # Raw SQL (store/raw_sql.py): the summary reads this once per process, where building and
    # compiling six ORM statements cost more than the queries.
    overview = FundsOverview(start, end)
    period = (start, end)
    _add(overview, "activities", raw_rows(session,
        "SELECT funding_source, sum(cost_fen) FROM activities WHERE deleted_at IS NULL AND start_date BETWEEN ? AND ? "
        "GROUP BY funding_source", period))
    _add(overview, "training", raw_rows(session,
        "SELECT funding_source, sum(cost_fen) FROM training_sessions WHERE deleted_at IS NULL "
        "AND start_date BETWEEN ? AND ? GROUP BY funding_source", period))
    _add(overview, "relief", raw_rows(session,
        "SELECT funding_source, sum(cash_fen + goods_value_fen) FROM relief_visits WHERE deleted_at IS NULL "
        "AND date BETWEEN ? AND ? GROUP BY funding_source", period))
    _add(overview, "other", raw_rows(session,
        "SELECT funding_source, sum(amount_fen) FROM expenses WHERE deleted_at IS NULL AND date BETWEEN ? AND ? "
        "GROUP BY funding_source", period))
    overview.expenses_by_purpose = {purpose: int(fen) for purpose, fen in raw_rows(session,
        "SELECT purpose, sum(amount_fen) FROM expenses WHERE deleted_at IS NULL AND date BETWEEN ? AND ? "
        "GROUP BY purpose ORDER BY sum(amount_fen) DESC", period)}
    overview.dues_collected_fen = int(raw_value(session,
        "SELECT coalesce(sum(amount_fen), 0) FROM dues_payments WHERE deleted_at IS NULL AND paid_on BETWEEN ? AND ?",
        period) or 0)
    return overview
