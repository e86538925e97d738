"""One sample of each form shape with realistic content, for looking at the layout and for tests.

The texts here are sample data, like the demo office's names: the registers build their real forms
with translated headers. Write all four PDFs with

    python -m unionoffice.io.forms.samples OUTPUT_FOLDER
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

from unionoffice.domain.idcard import make_id_number
from unionoffice.domain.money import format_yuan
from unionoffice.i18n import format_date
from unionoffice.io.forms.masking import mask_id_number
from unionoffice.io.forms.model import (
    Align,
    Column,
    Field,
    FormDocument,
    GridBlock,
    MetaItem,
    Orientation,
    TableBlock,
)
from unionoffice.io.forms.renderer import money_total_row, write_form

NAMES = ["王䶮", "李秀英", "张𠇔", "刘伟", "陈静", "杨帆", "黄丽娟", "赵强", "吴敏", "周杰", "徐芳", "孙磊",
         "马艳", "朱涛", "胡娜", "郭明", "何超", "高霞", "林平", "罗刚"]
GROUPS = ["综合办公室", "财务部", "生产一车间", "生产二车间", "质检部", "技术研发部", "后勤服务中心"]


def _name(index: int) -> str:
    return NAMES[index % len(NAMES)] + ("" if index < len(NAMES) else str(index // len(NAMES)))


def roster(count: int = 60, *, show_full_id: bool = False) -> FormDocument:
    """会员花名册: landscape, many columns, ID numbers masked unless asked."""
    columns = [
        Column("序号", 0.6), Column("姓名", 1.1), Column("性别", 0.6), Column("出生年月", 1.1), Column("民族", 0.8),
        Column("政治面貌", 1.2), Column("学历", 0.9), Column("身份证号", 2.4), Column("部门/工会小组", 1.6, Align.LEFT),
        Column("入会时间", 1.5), Column("会员卡号", 1.3), Column("会籍状态", 0.9), Column("是否农民工", 0.9),
        Column("联系电话", 1.6), Column("备注", 1.4, Align.LEFT),
    ]
    rows = []
    for i in range(count):
        birth = dt.date(1965 + i % 35, 1 + i % 12, 1 + i % 28)
        female = i % 3 == 1
        id_number = make_id_number(random.Random(i), birth, female)
        rows.append([
            _name(i), "女" if female else "男", f"{birth.year}.{birth.month:02d}", "汉族" if i % 9 else "回族",
            "中共党员" if i % 4 == 0 else "群众", "本科" if i % 2 else "大专", mask_id_number(id_number, show_full=show_full_id),
            GROUPS[i % len(GROUPS)], f"{2010 + i % 15}.03.01", f"GH{2024000 + i}", "在册",
            "是" if i % 7 == 3 else "否", f"139{10000000 + i * 7919:08d}",
            "2024年由外单位转入，会员证补办中" if i % 11 == 5 else "",
        ])
    return FormDocument(
        title="示例市演示机械有限公司工会会员花名册",
        meta=[MetaItem("填报单位", "示例市演示机械有限公司工会委员会"), MetaItem("截至日期", format_date(dt.date(2026, 6, 30))),
              MetaItem("会员人数", f"{count}人")],
        orientation=Orientation.LANDSCAPE,
        blocks=[TableBlock(columns, rows, numbered=True, min_row_height_mm=6)],
        author="示例市演示机械有限公司工会委员会",
    )


def sign_in_sheet(attendees: int = 18, blank_rows: int = 10) -> FormDocument:
    """活动签到表: pre-filled names plus blank rows, rows tall enough to sign in."""
    columns = [Column("序号", 0.6), Column("姓名", 1.2), Column("部门", 1.8), Column("联系电话", 1.7),
               Column("签到", 1.6), Column("备注", 1.1)]
    rows = [[_name(i), GROUPS[i % len(GROUPS)], f"138{20000000 + i * 104729:08d}", "", ""] for i in range(attendees)]
    return FormDocument(
        title="2026年“五一”职工趣味运动会签到表",
        meta=[MetaItem("时间", "2026年4月28日 14:30"), MetaItem("地点", "公司职工活动中心一楼篮球馆"),
              MetaItem("组织者", "公司工会文体委员会")],
        blocks=[TableBlock(columns, rows, numbered=True, blank_rows=blank_rows, min_row_height_mm=11)],
        notes=["注：请参加人员本人签名，代签无效。"],
    )


def relief_sheet(recipients: int = 12) -> FormDocument:
    """慰问金发放签领表: amounts, a total in figures and in 大写, signature lines."""
    columns = [Column("序号", 0.6), Column("姓名", 1.1), Column("部门", 1.6), Column("慰问事由", 2.2, Align.LEFT),
               Column("金额（元）", 1.2, Align.RIGHT), Column("签领人签字", 1.4), Column("日期", 1.2)]
    reasons = ["春节送温暖", "住院慰问（因腰椎间盘突出住院手术治疗二十余天）", "丧葬慰问", "生育慰问", "金秋助学"]
    amounts = [50000, 100000, 80000, 50000, 150000]
    rows, total = [], 0
    for i in range(recipients):
        fen = amounts[i % len(amounts)]
        total += fen
        rows.append([_name(i), GROUPS[i % len(GROUPS)], reasons[i % len(reasons)], format_yuan(fen), "", ""])
    return FormDocument(
        title="2026年春节送温暖慰问金发放签领表",
        meta=[MetaItem("发放单位", "示例市演示机械有限公司工会"), MetaItem("发放日期", format_date(dt.date(2026, 2, 10)))],
        meta_per_line=2,
        blocks=[TableBlock(columns, rows, numbered=True, total=money_total_row(len(columns), 4, total),
                           min_row_height_mm=10)],
        signatures=["经办人", "审核人", "工会主席"],
    )


def hardship_file() -> FormDocument:
    """困难职工档案表: label/value sections plus the family-members table."""
    basic = GridBlock(title="基本情况", pairs_per_row=3, fields=[
        Field("姓名", "张𠇔"), Field("性别", "男"), Field("出生日期", format_date(dt.date(1972, 8, 15))),
        Field("民族", "汉族"), Field("政治面貌", "群众"), Field("婚姻状况", "已婚"),
        Field("身份证号", mask_id_number(make_id_number(random.Random(7), dt.date(1972, 8, 15), False))),
        Field("部门", "生产二车间"), Field("健康状况", "患病"),
        Field("家庭住址", "示例市东城区和平里街道幸福小区12号楼3单元502室", span=2), Field("联系电话", "13912345678"),
    ])
    hardship = GridBlock(title="困难情况", pairs_per_row=3, fields=[
        Field("困难类别", "低保边缘"), Field("主要致困原因", "重特大疾病"), Field("其他致困原因", "子女上学"),
        Field("本人月收入", "3,200.00元"), Field("家庭人口", "4人"), Field("家庭年总收入", "52,800.00元"),
        Field("人均月收入", "1,100.00元"), Field("住房情况", "自有住房（老旧小区，约55平方米）", span=2),
        Field("困难情况简述", "本人2025年确诊肾功能衰竭，每周透析三次，自付医疗费用较高；配偶无固定工作，"
              "长子在读大学，次子在读高中，家庭收入难以维持基本生活和医疗支出。", span=3),
    ])
    family = TableBlock(
        title="家庭成员情况",
        columns=[Column("姓名", 1.0), Column("关系", 0.7), Column("性别", 0.6), Column("出生年月", 1.0),
                 Column("健康状况", 0.9), Column("月收入（元）", 1.0, Align.RIGHT), Column("工作单位或学校", 2.2, Align.LEFT)],
        rows=[["李䶮", "配偶", "女", "1974.03", "健康", "1,200.00", "无固定工作（社区保洁临时工）"],
              ["张晨", "长子", "男", "2005.09", "健康", "0.00", "示例理工大学机械工程学院"],
              ["张曦", "次子", "男", "2010.01", "健康", "0.00", "示例市第二中学"]],
        blank_rows=1,
    )
    relief = TableBlock(
        title="帮扶记录",
        columns=[Column("日期", 1.2), Column("帮扶方式", 1.4), Column("金额或物品", 1.6, Align.LEFT),
                 Column("经办人", 1.0), Column("备注", 2.0, Align.LEFT)],
        rows=[[format_date(dt.date(2026, 1, 20)), "春节送温暖", "慰问金1,000.00元、米面油", "林示范", ""],
              [format_date(dt.date(2026, 3, 5)), "医疗救助", "3,000.00元", "林示范", "市总工会医疗救助"]],
        blank_rows=2,
    )
    return FormDocument(
        title="困难职工档案表",
        meta=[MetaItem("档案编号", "KN-2026-007"), MetaItem("建档日期", format_date(dt.date(2025, 11, 3))),
              MetaItem("档案状态", "在档")],
        blocks=[basic, hardship, family, relief],
        block_gap_mm=3,
        signatures=["填表人", "审核人", "工会主席"],
    )


def write_samples(folder: Path) -> list[Path]:
    """Write the four sample forms into ``folder``; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, form in (("roster", roster()), ("sign_in", sign_in_sheet()), ("relief", relief_sheet()),
                       ("hardship", hardship_file())):
        path = folder / f"{name}.pdf"
        write_form(form, path)
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in write_samples(Path(sys.argv[1] if len(sys.argv) > 1 else ".")):
        print(written_path)
