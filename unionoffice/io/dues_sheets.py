"""The dues ledger's workbook: wage bases, exemptions and payments, one sheet each (import and export share them).

Months are written as text ``2026-03`` (and read from 2026-03, 2026.3, 2026年3月, 202603 or a date
cell). Formats take and return rows; services/dues_import.py does the session work.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from unionoffice.domain.dues import DuesError, ExemptionReason, PaymentMethod, format_month, parse_month_text
from unionoffice.i18n import N_, _
from unionoffice.io.sheets import CellError, Column, ExportSheet, Kind, choice_parser, synonyms, write_workbook


def parse_month_cell(value: Any) -> int:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.year * 100 + value.month
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    try:
        return parse_month_text(str(value))
    except DuesError as exc:
        raise CellError(str(exc)) from None


def parse_year_cell(value: Any) -> int:
    text = "".join(str(value).split()).removesuffix("年").removesuffix(".0")
    if not (text.isdigit() and 1900 <= int(text) <= 2999):
        raise CellError(_("“{year}” is not a year.").format(year=value))
    return int(text)


NAME = Column("name", N_("Name"), synonyms=synonyms.NAME, required=True, blank_ok=True)
ID_NUMBER = Column("id_number", N_("ID number"), synonyms=synonyms.ID_NUMBER, kind=Kind.ID_NUMBER, required=True)
GROUP = Column("group", N_("Group"), synonyms=synonyms.GROUP)

BASE_COLUMNS = [
    NAME, ID_NUMBER, GROUP,
    Column("year", N_("Year"), synonyms=("年度", "缴费年度"), parse=parse_year_cell, kind=Kind.TEXT),
    Column("base", N_("Monthly wage base (yuan)"),
           synonyms=("缴费基数", "工资基数", "月工资", "工资收入", "应发工资", "应发合计", "基本工资", "工资"),
           kind=Kind.MONEY, required=True),
]

EXEMPTION_COLUMNS = [
    NAME, ID_NUMBER, GROUP,
    Column("first_month", N_("Exempt from (month)"), synonyms=("免缴起始月", "免缴开始"),
           parse=parse_month_cell, kind=Kind.TEXT, required=True),
    Column("last_month", N_("Exempt until (month)"), synonyms=("免缴截止月", "免缴结束"),
           parse=parse_month_cell, kind=Kind.TEXT),
    Column("reason", N_("Exemption reason"), synonyms=("免缴原因", "减免原因"), parse=choice_parser(ExemptionReason), required=True),
    Column("notes", N_("Notes"), synonyms=synonyms.REMARK),
]

PAYMENT_COLUMNS = [
    NAME, ID_NUMBER, GROUP,
    Column("first_month", N_("From month"), synonyms=("起始月份", "缴费起始月", "所属月份", "缴费月份", "月份"),
           parse=parse_month_cell, kind=Kind.TEXT, required=True),
    Column("last_month", N_("To month"), synonyms=("截止月份", "缴费截止月"), parse=parse_month_cell, kind=Kind.TEXT),
    Column("amount", N_("Amount paid (yuan)"), synonyms=("实缴金额", "缴费金额", "会费", "实缴会费", *synonyms.AMOUNT),
           kind=Kind.MONEY, required=True),
    Column("paid_on", N_("Paid on"), synonyms=("缴费日期", "收缴日期", *synonyms.DATE), kind=Kind.DATE, required=True),
    Column("method", N_("Payment method"), synonyms=("缴费方式", "收缴方式"), parse=choice_parser(PaymentMethod)),
    Column("reason", N_("Reason for paying more"), synonyms=("多缴原因", "超额原因")),
    Column("receipt_no", N_("Receipt no."), synonyms=("收据号", "收据编号", "票据号")),
]

ARREARS_COLUMNS = [
    Column("name", N_("Name"), synonyms=synonyms.NAME),
    Column("id_number", N_("ID number"), synonyms=synonyms.ID_NUMBER, kind=Kind.ID_NUMBER),
    Column("group", N_("Group"), synonyms=synonyms.GROUP),
    Column("unpaid_run", N_("Consecutive unpaid months"), kind=Kind.INTEGER),
    Column("unpaid_months", N_("Unpaid months"), width=40),
    Column("due", N_("Due (yuan)"), kind=Kind.MONEY),
    Column("paid", N_("Paid (yuan)"), kind=Kind.MONEY),
    Column("arrears", N_("Unpaid (yuan)"), kind=Kind.MONEY),
]

Progress = Callable[[int], None]


def month_text(yyyymm: int | None) -> str:
    return format_month(yyyymm) if yyyymm else ""


def write_dues_workbook(path: str | Path, bases: Iterable[Mapping[str, Any]], exemptions: Iterable[Mapping[str, Any]],
                        payments: Iterable[Mapping[str, Any]], progress: Progress | None = None) -> Path:
    """Rows as mappings key → value (fen, dates; months already as text)."""
    return write_workbook(path, [
        ExportSheet(_("Dues payments"), PAYMENT_COLUMNS, payments, caption=_("Dues collection ledger")),
        ExportSheet(_("Wage bases"), BASE_COLUMNS, bases, caption=_("Dues wage bases")),
        ExportSheet(_("Exemptions"), EXEMPTION_COLUMNS, exemptions, caption=_("Dues exemptions")),
    ], progress)


def write_arrears(path: str | Path, rows: Iterable[Mapping[str, Any]], caption: str) -> Path:
    return write_workbook(path, [ExportSheet(_("Dues arrears"), ARREARS_COLUMNS, rows, caption=caption)])
