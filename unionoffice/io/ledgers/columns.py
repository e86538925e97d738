"""The columns of the two ledgers' workbooks: sheet 1 one row per activity/session, sheet 2 the
attendees keyed by the record's number (编号) and the member's ID number. Import and export share them."""

from __future__ import annotations

from typing import Any

from unionoffice.domain.funds import FundingSource
from unionoffice.domain.ledgers import MAX_HOURS, MAX_SCORE, LedgerError, Organiser, parse_tenths
from unionoffice.i18n import N_, _
from unionoffice.io.sheets import CellError, Column, Kind, choice_parser, parse_id_number
from unionoffice.io.sheets import synonyms as common


def _tenths_parser(what: str, maximum: int):  # type: ignore[no-untyped-def]
    def parse(value: Any) -> int | None:
        try:
            return parse_tenths(value, what=_(what), maximum=maximum)
        except LedgerError as exc:
            raise CellError(str(exc)) from None
    return parse


# The record's number links its attendee lines. A sheet without it (序号 is a plain row number the
# sheets core ignores) numbers its records 1, 2, 3 … in order, which is what 序号 holds anyway.
REF = Column("ref", N_("Record no."), synonyms=("编号", "活动编号", "培训编号", "期次"), kind=Kind.INTEGER)

ACTIVITY_COLUMNS = [
    REF,
    Column("title", N_("Activity"), synonyms=("活动名称", "活动标题", "标题", "名称", "活动主题"), required=True, width=30),
    Column("kind", N_("Kind"), synonyms=("类别", "活动类别", "活动类型", "类型"), required=True),
    Column("start_date", N_("Start date"), synonyms=("开始日期", "活动日期", "活动时间", "日期", "时间"), kind=Kind.DATE, required=True),
    Column("end_date", N_("End date"), synonyms=("结束日期",), kind=Kind.DATE),
    Column("place", N_("Place"), synonyms=("地点", "活动地点")),
    Column("organiser", N_("Organiser"), synonyms=("组织方", "组织形式"), parse=choice_parser(Organiser)),
    Column("organiser_name", N_("Organised by"), synonyms=("主办单位", "组织单位", "主办方")),
    Column("cost_fen", N_("Cost (yuan)"), synonyms=("费用", "活动经费", "经费", "金额"), kind=Kind.MONEY),
    Column("funding_source", N_("Funding source"), synonyms=("经费来源", "资金来源"), parse=choice_parser(FundingSource)),
    Column("outsider_count", N_("Outside attendees (headcount)"), synonyms=("非会员人数", "非会员参加人数", "其他人员"), kind=Kind.INTEGER),
    Column("description", N_("Description"), synonyms=("活动内容", "内容", "备注", "简介"), width=40),
]

ACTIVITY_ATTENDEE_COLUMNS = [
    Column("ref", N_("Activity no."), synonyms=("活动编号", "编号", "活动序号", "对应序号"), kind=Kind.INTEGER, required=True),
    Column("name", N_("Full name"), synonyms=common.NAME),
    Column("id_number", N_("ID card number"), synonyms=common.ID_NUMBER,
           parse=parse_id_number, required=True),
]

TRAINING_COLUMNS = [
    REF,
    Column("title", N_("Course title"), synonyms=("培训名称", "培训项目", "培训内容", "课程名称", "培训班名称", "名称"), required=True, width=30),
    Column("kind", N_("Kind"), synonyms=("类别", "培训类别", "培训类型", "类型"), required=True),
    Column("start_date", N_("Start date"), synonyms=("开始日期", "培训日期", "培训时间", "日期", "时间"), kind=Kind.DATE, required=True),
    Column("end_date", N_("End date"), synonyms=("结束日期",), kind=Kind.DATE),
    Column("hours_tenths", N_("Hours"), synonyms=("学时", "课时", "培训学时"), parse=_tenths_parser(N_("Hours"), MAX_HOURS), kind=Kind.NUMBER),
    Column("full_marks", N_("Full marks"), synonyms=("满分", "试卷满分", "考试满分"), kind=Kind.INTEGER),
    Column("trainer", N_("Trainer"), synonyms=("授课人", "授课老师", "讲师", "主讲人")),
    Column("organiser", N_("Organiser"), synonyms=("组织单位", "主办单位", "组织者", "举办单位")),
    Column("place", N_("Place"), synonyms=("地点", "培训地点")),
    Column("cost_fen", N_("Cost (yuan)"), synonyms=("费用", "培训经费", "培训费用", "经费", "金额"), kind=Kind.MONEY),
    Column("funding_source", N_("Funding source"), synonyms=("经费来源", "资金来源"), parse=choice_parser(FundingSource)),
    Column("description", N_("Notes"), synonyms=("备注", "内容简介", "说明", "培训内容"), width=40),
]

TRAINING_ATTENDEE_COLUMNS = [
    Column("ref", N_("Session no."), synonyms=("培训编号", "编号", "期次", "培训序号", "对应序号"), kind=Kind.INTEGER, required=True),
    Column("name", N_("Full name"), synonyms=common.NAME),
    Column("id_number", N_("ID card number"), synonyms=common.ID_NUMBER,
           parse=parse_id_number, required=True),
    Column("attended", N_("Attended"), synonyms=("是否参加", "实到", "出勤", "是否出勤"), kind=Kind.BOOLEAN),
    Column("score_tenths", N_("Score"), synonyms=("成绩", "考试成绩", "考核成绩", "分数"), parse=_tenths_parser(N_("Score"), MAX_SCORE), kind=Kind.NUMBER),
    Column("passed", N_("Passed"), synonyms=("是否合格", "考核结果", "合格"), kind=Kind.BOOLEAN),
    Column("certificate_name", N_("Certificate"), synonyms=("证书名称", "证书", "取得证书")),
    Column("certificate_no", N_("Certificate no."), synonyms=("证书编号", "证书号")),
]
