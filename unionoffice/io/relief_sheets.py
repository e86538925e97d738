"""Relief visits and rights cases: their spreadsheet columns, and the hardship list as an .xlsx.

The session work of importing and exporting them (finding members, checking limits, recording)
is services/relief_io.py's; this module only says what the columns are.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

from unionoffice.domain.relief import (
    CaseChannel,
    CaseKind,
    CaseResult,
    FundingSource,
    HardshipCategory,
    HardshipCause,
    HardshipStatus,
)
from unionoffice.i18n import N_, _
from unionoffice.io.sheets import Column, Kind, choice_parser, export_rows, synonyms

VISIT_COLUMNS = [
    Column("date", N_("Date"), synonyms=("慰问日期", "发放日期", *synonyms.DATE), kind=Kind.DATE, required=True),
    Column("name", N_("Name"), synonyms=synonyms.NAME, required=True, blank_ok=True),  # or the ID number
    Column("id_number", N_("ID number"), synonyms=synonyms.ID_NUMBER, kind=Kind.ID_NUMBER),
    Column("group", N_("Group"), synonyms=synonyms.GROUP),
    Column("family_name", N_("Family member"), synonyms=("家属姓名", "家属")),
    Column("family_relation", N_("Relation"), synonyms=("与会员关系", "关系")),
    Column("occasion", N_("Occasion"), synonyms=("慰问事由", "慰问类型", "事由"), required=True),
    Column("cash", N_("Cash (yuan)"), synonyms=("慰问金", "慰问金额", *synonyms.AMOUNT), kind=Kind.MONEY),
    Column("goods", N_("Goods"), synonyms=("慰问品", "物品")),
    Column("goods_value", N_("Goods value (yuan)"), synonyms=("物品价值", "物品折合", "折合金额"), kind=Kind.MONEY),
    Column("funding", N_("Funding source"), synonyms=("经费来源", "资金来源"), parse=choice_parser(FundingSource)),
    Column("visitors", N_("Visitors"), synonyms=("慰问人", "慰问人员")),
    Column("in_accounts", N_("In accounts"), synonyms=("已入账", "是否入账"), kind=Kind.BOOLEAN),
    Column("over_limit_reason", N_("Reason for exceeding"), synonyms=("超标准原因",)),
    Column("notes", N_("Notes"), synonyms=synonyms.REMARK),
]

CASE_COLUMNS = [
    Column("received_on", N_("Received on"), synonyms=("受理日期", "收到日期", *synonyms.DATE), kind=Kind.DATE, required=True),
    Column("name", N_("Complainant"), synonyms=("反映人", "投诉人", "姓名"), required=True),
    Column("id_number", N_("ID number"), synonyms=synonyms.ID_NUMBER, kind=Kind.ID_NUMBER),
    Column("contact", N_("Contact"), synonyms=synonyms.PHONE),
    Column("channel", N_("Channel"), synonyms=("反映渠道", "渠道", "方式"), parse=choice_parser(CaseChannel), required=True),
    Column("kind", N_("Kind"), synonyms=("类别", "案件类别", "投诉类别"), parse=choice_parser(CaseKind), required=True),
    Column("summary", N_("What the case is about"), synonyms=("反映问题", "主要内容", "事由"), required=True),
    Column("handling", N_("Handling"), synonyms=("处理过程", "处理情况")),
    Column("result", N_("Result"), synonyms=("处理结果", "结果"), parse=choice_parser(CaseResult)),
    Column("money", N_("Money recovered (yuan)"), synonyms=("追回金额", "挽回经济损失"), kind=Kind.MONEY),
    Column("closed_on", N_("Closed on"), synonyms=("办结日期", "结案日期"), kind=Kind.DATE),
    Column("notes", N_("Notes"), synonyms=synonyms.REMARK),
]

FILE_COLUMNS = [
    Column("name", N_("Name"), synonyms=("姓名",)),
    Column("group", N_("Group"), synonyms=("部门",)),
    Column("category", N_("Hardship category"), synonyms=("困难类别",)),
    Column("main_cause", N_("Main cause"), synonyms=("主要致困原因",)),
    Column("household", N_("Household size"), synonyms=("家庭人口",), kind=Kind.INTEGER),
    Column("per_capita", N_("Per-capita monthly income (yuan)"), synonyms=("人均月收入",), kind=Kind.MONEY),
    Column("status", N_("Status"), synonyms=("状态",)),
    Column("opened", N_("File opened on"), synonyms=("建档日期",), kind=Kind.DATE),
    Column("reviewed", N_("Last review"), synonyms=("上次复核",), kind=Kind.DATE),
    Column("visits", N_("Visits"), synonyms=("帮扶次数",), kind=Kind.INTEGER),
    Column("cash", N_("Cash received (yuan)"), synonyms=("累计慰问金",), kind=Kind.MONEY),
    Column("last_visit", N_("Last visit"), synonyms=("最近帮扶",), kind=Kind.DATE),
]


def export_file_list(path: str | Path, rows: Sequence[Any], title: str) -> int:
    """A hardship list as the clerk filtered it (services.relief_queries.FileRow items), to .xlsx."""
    export_rows(path, FILE_COLUMNS, [
        {"name": r.member_name, "group": r.group, "category": HardshipCategory(r.category).label(),
         "main_cause": HardshipCause(r.main_cause).label(), "household": r.household_size,
         "per_capita": r.per_capita_monthly_fen, "status": HardshipStatus(r.status).label(), "opened": r.opened_on,
         "reviewed": r.reviewed_on, "visits": r.visits, "cash": r.cash_fen, "last_visit": r.last_visit}
        for r in rows
    ], sheet_name=_("Hardship files"), caption=title)
    return len(rows)
