"""Hardship files as a workbook: 困难职工档案 (one row per file), 家庭成员 and 刚性支出 (rows joined to their file
by 档案序号). Formats only: rows in, rows out; services/hardship_io.py does the database work."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from unionoffice.domain.choices import LabelledEnum, Sex
from unionoffice.domain.hardship_codes import (
    Exclusion,
    FamilyIdentity,
    FamilyPolitics,
    Industry,
    KeyGroup,
    MedicalCover,
    ModelWorker,
    RigidCostKind,
    WorkStatus,
)
from unionoffice.domain.relief import HardshipCategory, HardshipCause, HardshipStatus, MaritalStatus
from unionoffice.i18n import N_, _
from unionoffice.io.sheets import Column, Kind, SheetParse, choice_parser, read_and_parse, synonyms
from unionoffice.io.sheets.export import ExportSheet, write_workbook
from unionoffice.io.sheets.reader import open_workbook
from unionoffice.io.sheets.values import CellError, normalize_text

FILE_NO = Column("file_no", N_("File no."), synonyms=("档案序号", "序号"), kind=Kind.INTEGER, required=True)


def list_parser(enum: type[LabelledEnum]) -> Callable[[Any], list[LabelledEnum]]:
    """Several items of a code list in one cell, separated by 、 , ; (codes or names)."""

    def parse_items(value: Any) -> list[LabelledEnum]:
        text = normalize_text(value)
        for separator in ",，;；/":
            text = text.replace(separator, "、")
        items = []
        for part in (p.strip() for p in text.split("、")):
            if not part:
                continue
            found = enum.from_text(part)
            if found is None:
                allowed = "、".join(m.label() for m in enum)
                raise CellError(_("“{text}” is not one of: {allowed}.").format(text=part, allowed=allowed))
            items.append(found)
        return items

    return parse_items


def _coded(key: str, label: str, enum: type[LabelledEnum], *names: str) -> Column:
    return Column(key, label, synonyms=names, parse=choice_parser(enum))


FILE_COLUMNS = [
    FILE_NO,
    Column("name", N_("Name"), synonyms=("姓名",), required=True),
    Column("id_number", N_("ID number"), synonyms=synonyms.ID_NUMBER, kind=Kind.ID_NUMBER),
    Column("staff_no", N_("Staff number"), synonyms=("职工编号",)),
    _coded("category", N_("Hardship category"), HardshipCategory, "困难类别"),
    _coded("main_cause", N_("Main cause"), HardshipCause, "主要致困原因"),
    Column("secondary_causes", N_("Secondary causes"), synonyms=("次要致困原因",), parse=list_parser(HardshipCause)),
    Column("health", N_("Health"), synonyms=("健康状况",)),
    Column("disability", N_("Disability"), synonyms=("残疾类别",)),
    _coded("marital_status", N_("Marital status"), MaritalStatus, "婚姻状况"),
    Column("single_parent", N_("Single parent"), synonyms=("是否单亲",), kind=Kind.BOOLEAN),
    Column("housing", N_("Housing"), synonyms=("住房类型", "住房")),
    _coded("work_status", N_("Work status"), WorkStatus, "工作状态"),
    _coded("model_worker", N_("Model worker"), ModelWorker, "劳模类型"),
    _coded("industry", N_("Industry"), Industry, "所属行业"),
    Column("work_started_on", N_("Working since"), synonyms=("工作时间",), kind=Kind.DATE),
    Column("monthly_income", N_("Own monthly income (yuan)"), synonyms=("本人月平均收入",), kind=Kind.MONEY),
    Column("household_size", N_("Household size"), synonyms=("家庭人口",), kind=Kind.INTEGER, required=True),
    Column("household_income", N_("Household annual income (yuan)"), synonyms=("家庭年度总收入",), kind=Kind.MONEY),
    Column("other_income", N_("Other non-wage income a year (yuan)"), synonyms=("家庭其他非薪资年收入",), kind=Kind.MONEY),
    Column("hukou_division", N_("Household registration division"), synonyms=("户口所在地行政区划",)),
    Column("medical_insurance", N_("Medical insurance"), synonyms=("医保状况",)),
    Column("zero_employment", N_("Zero-employment family"), synonyms=("是否为零就业家庭", "零就业家庭"), kind=Kind.BOOLEAN),
    _coded("key_group", N_("Key group"), KeyGroup, "五类重点群体"),
    Column("hardship_costs", N_("Hardship costs this year (yuan)"), synonyms=("致困费用",), kind=Kind.MONEY),
    Column("hardship_offsets", N_("Compensation, insurance and aid (yuan)"), synonyms=("赔偿保险救助",), kind=Kind.MONEY),
    Column("exclusions", N_("Exclusions"), synonyms=("排除情形",), parse=list_parser(Exclusion)),
    Column("exclusion_reason", N_("Reason despite exclusions"), synonyms=("排除情形理由",)),
    Column("category_reason", N_("Reason for the category"), synonyms=("困难类别理由",)),
    _coded("status", N_("Status"), HardshipStatus, "状态"),
    Column("opened_on", N_("File opened on"), synonyms=("建档日期",), kind=Kind.DATE, required=True),
    Column("closed_on", N_("Closed on"), synonyms=("撤档日期",), kind=Kind.DATE),
    Column("close_reason", N_("Reason for closing"), synonyms=("撤档原因",)),
    Column("reviewed_on", N_("Last review"), synonyms=("上次复核",), kind=Kind.DATE),
    Column("notes", N_("Notes"), synonyms=synonyms.REMARK),
]

FAMILY_COLUMNS = [
    FILE_NO,
    Column("name", N_("Name"), synonyms=("姓名",), required=True),
    Column("relation", N_("Relation"), synonyms=("关系",)),
    _coded("sex", N_("Sex"), Sex, "性别"),
    Column("birth_date", N_("Birth date"), synonyms=("出生日期",), kind=Kind.DATE),
    Column("id_number", N_("ID number"), synonyms=synonyms.ID_NUMBER, kind=Kind.ID_NUMBER),
    _coded("political_status", N_("Political status"), FamilyPolitics, "政治面貌"),
    Column("health", N_("Health"), synonyms=("健康状况",)),
    Column("monthly_income", N_("Monthly income (yuan)"), synonyms=("月收入",), kind=Kind.MONEY),
    _coded("identity", N_("Identity"), FamilyIdentity, "身份"),
    _coded("medical_cover", N_("Medical insurance"), MedicalCover, "医保状况"),
    Column("work_or_school", N_("Work unit or school"), synonyms=("单位或学校",)),
]

COST_COLUMNS = [
    FILE_NO,
    _coded("kind", N_("Kind"), RigidCostKind, "类别"),
    Column("description", N_("What"), synonyms=("内容", "项目")),
    Column("amount", N_("Amount a year (yuan)"), synonyms=("金额",), kind=Kind.MONEY, required=True),
]

SHEETS = (N_("Hardship files"), N_("Family members"), N_("Unavoidable costs"))


@dataclass
class HardshipWorkbook:
    """The three sheets as parsed; family and cost rows carry the file_no of their file."""

    files: SheetParse
    family: SheetParse | None
    costs: SheetParse | None


def write_hardship_workbook(path: str | Path, files: Sequence[Mapping[str, Any]], family: Sequence[Mapping[str, Any]],
                            costs: Sequence[Mapping[str, Any]]) -> Path:
    return write_workbook(path, [
        ExportSheet(_(SHEETS[0]), FILE_COLUMNS, files, _("Hardship files")),
        ExportSheet(_(SHEETS[1]), FAMILY_COLUMNS, family, _("Family members of the hardship files")),
        ExportSheet(_(SHEETS[2]), COST_COLUMNS, costs, _("Unavoidable costs of the hardship files")),
    ])


def _sheet_named(names: list[str], wanted: str, index: int) -> str | int | None:
    """The sheet by its name (in either language), else by its place; None when the workbook has no such sheet."""
    for name in names:
        if "".join(name.split()) in (wanted, _(wanted)):
            return name
    return index if index < len(names) else None


def read_hardship_workbook(path: str | Path) -> HardshipWorkbook:
    """Raises SheetError when the file or its first sheet cannot be used."""
    workbook = open_workbook(path)
    try:
        names = list(workbook.sheet_names)
    finally:
        workbook.close()
    files = read_and_parse(path, FILE_COLUMNS, sheet=_sheet_named(names, SHEETS[0], 0), key="file_no")
    parts = []
    for index, columns in ((1, FAMILY_COLUMNS), (2, COST_COLUMNS)):
        sheet = _sheet_named(names, SHEETS[index], index)
        parts.append(read_and_parse(path, columns, sheet=sheet) if sheet is not None else None)
    return HardshipWorkbook(files, parts[0], parts[1])
