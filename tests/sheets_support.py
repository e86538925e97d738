"""Shared by the tests of unionoffice.io.sheets: a register's columns and a messy real-world ledger.

``make_messy_workbook`` also made the checked-in tests/data/sheets-messy.xls and .ods (converted once
with ``libreoffice --headless --convert-to xls|ods``), so all three formats hold the same ledger.
tests/data/sheets-password.xlsx is a two-cell openpyxl workbook encrypted once with the password
"secret" by msoffcrypto-tool (``OOXMLFile(f).encrypt("secret", out)``; not a project dependency).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

from unionoffice.i18n import N_
from unionoffice.io.sheets import Column, Kind, parse_id_number, synonyms

COLUMNS = [
    Column("name", N_("Name"), synonyms=synonyms.NAME, required=True),
    Column("id_number", N_("ID number"), synonyms=synonyms.ID_NUMBER, parse=parse_id_number, required=True),
    Column("phone", N_("Mobile"), synonyms=synonyms.PHONE, kind=Kind.PHONE),
    Column("group", N_("Group"), synonyms=synonyms.GROUP),
    Column("joined", N_("Date joined"), synonyms=synonyms.JOINED_ON, kind=Kind.DATE),
    Column("birth", N_("Date of birth"), synonyms=synonyms.BIRTH_DATE, kind=Kind.MONTH),
    Column("migrant", N_("Migrant worker"), synonyms=synonyms.MIGRANT_WORKER, kind=Kind.BOOLEAN),
    Column("fee", N_("Amount (yuan)"), synonyms=("会费",) + synonyms.AMOUNT, kind=Kind.MONEY),
    Column("count", N_("Times"), synonyms=("次数",), kind=Kind.INTEGER),
]

MALE_1990 = "110105199003051238"
FEMALE_1988 = "110105198807124020"
MALE_1975_X = "44030619751130251X"
MALE_1985 = "320102198501010012"

# Row by row, what make_messy_workbook writes (Excel row numbers in the comments).
MESSY_HEADER = ["序号", "姓 名", "身份证\n号码", "手机＊", "所在部门", "入会\n时间", "出生年月（必填）", "是否农民工会员", "会费", "备注"]
MESSY_ROWS = [
    # row 4: spaces and full-width digits in the ID, phone as a number, date cell, 1990.03 text
    [1, "张三", "１１０１０５ １９９００３０５ １２３８", 13800138000, "一车间", dt.date(2019, 3, 5), "1990.03", "是", 1500.5, ""],
    # row 5: ID stored as a number (digits lost), landline with dashes, a serial number, 1988年7月
    [2, "李四", 1.10105199003051e17, "010-12345678", "二车间", 43529, "1988年7月", "√", "¥300", "调入"],
    # row 6: lowercase x, +86 phone, 2019.3.5, compact birth date, N
    [3, "王五", MALE_1975_X.lower(), "+86 139 0013 9000", "二车间", "2019.3.5", "19751130", "N", "１２０", None],
    # row 7: blank
    [None] * 10,
    # row 8: wrong check digit and a bad phone and a bad date: three errors
    [4, "赵六", MALE_1985[:-1] + "9", "12345", "后勤", "2019年2月30日", "1985/01/01", "否", 0, None],
    # row 9: duplicate of row 4's ID number (written differently)
    [5, "张三（重复）", MALE_1990, "13800138000", "一车间", "2019/03/05", "1990-03-05", "1", 10, None],
    # row 10: the name is missing
    [6, None, FEMALE_1988, None, "后勤", "2019-03-05", None, "0", None, None],
    # row 11: the total row
    ["合计", None, None, None, None, None, None, None, 1930.5, None],
]
MESSY_HEADER_ROW = 3


def make_messy_workbook(path: Path) -> Path:
    """A ledger as clerks keep them: a title row, a blank row, a loose header, mixed value forms, 合计."""
    workbook = Workbook()
    ws = workbook.active
    ws.title = "花名册"
    ws["A1"] = "某某公司工会会员花名册（2024年）"
    ws.merge_cells("A1:J1")
    ws.append([])
    ws.append(MESSY_HEADER)
    for row in MESSY_ROWS:
        ws.append(row)
    ws.cell(row=4, column=6).number_format = "yyyy-mm-dd"
    workbook.save(path)
    return path


def trimmed(rows):
    """Rows as lists without trailing blank cells, trailing blank rows left out (readers compared)."""
    out = []
    for row in rows:
        row = list(row)
        while row and row[-1] in ("", None):
            row.pop()
        out.append(row)
    while out and not out[-1]:
        out.pop()
    return out


def fill_cell_kinds(ws) -> None:  # noqa: ANN001 - an openpyxl worksheet
    """Every kind of cell a reader must give as python-calamine does: text, numbers, dates and
    times (one in a Chinese date format, a plain number under a date and a time), a boolean, an
    error formula, a blank, XML's special characters, and a gap of empty rows."""
    ws.append(["文本", 1, 1.5, dt.date(2020, 1, 2), dt.datetime(2020, 1, 2, 3, 4), True, "=1/0", None, "a & <b>"])
    ws["D2"] = dt.date(2021, 3, 4)
    ws["D2"].number_format = "yyyy年m月d日"
    ws["E2"] = 44000
    ws["E2"].number_format = "0.00"
    ws["F2"] = dt.time(3, 4)
    ws["B5"] = "after a gap"
