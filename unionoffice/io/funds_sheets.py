"""The spending overview and the expense ledger to .xlsx (the overview by purpose and source, then the expenses)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Mapping

from unionoffice.domain.funds import FundingSource
from unionoffice.i18n import N_, _
from unionoffice.io.sheets import Column, ExportSheet, Kind, choice_parser, synonyms, write_workbook

EXPENSE_COLUMNS = [
    Column("date", N_("Date"), synonyms=("支出日期", *synonyms.DATE), kind=Kind.DATE, required=True),
    Column("purpose", N_("Purpose"), synonyms=("用途", "支出用途", "摘要", "事由"), required=True, width=30),
    Column("amount", N_("Amount (yuan)"), synonyms=synonyms.AMOUNT, kind=Kind.MONEY, required=True),
    Column("funding_source", N_("Funding source"), synonyms=("经费来源", "资金来源"), parse=choice_parser(FundingSource)),
    Column("handler", N_("Handled by"), synonyms=("经办人",)),
    Column("voucher_no", N_("Voucher no."), synonyms=("凭证号", "凭证编号")),
    Column("notes", N_("Notes"), synonyms=synonyms.REMARK),
]


def write_overview(path: str | Path, sources: list[str], table: list[tuple[str, dict[str, int], int]],
                   expenses: Iterable[Mapping[str, Any]], caption: str) -> Path:
    """Sheet 1: purposes × funding sources (fen, shown as yuan); sheet 2: the expense ledger of the period."""
    columns = [Column("purpose", N_("Purpose"), width=20)] + [
        Column(f"s{i}", source, kind=Kind.MONEY) for i, source in enumerate(sources)] + [
        Column("total", N_("Total (yuan)"), kind=Kind.MONEY)]
    rows = [{"purpose": purpose, **{f"s{i}": cells.get(s, 0) for i, s in enumerate(sources)}, "total": total}
            for purpose, cells, total in table]
    rows.append({"purpose": _("Total"), **{f"s{i}": sum(c.get(s, 0) for _p, c, _t in table) for i, s in enumerate(sources)},
                 "total": sum(t for _p, _c, t in table)})
    return write_workbook(path, [
        ExportSheet(_("Use of union funds"), columns, rows, caption=caption),
        ExportSheet(_("Expense ledger"), EXPENSE_COLUMNS, expenses, caption=_("Expense ledger")),
    ])
