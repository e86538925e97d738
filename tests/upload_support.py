"""Hand-built upload templates in the styles higher unions send, and a small office to fill them from."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Border, Font, Side
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from tests.roster_helpers import add, an_id
from unionoffice.services.office import add_group, load_settings, save_settings

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)

POLITICAL = ["01-中共党员", "02-中共预备党员", "03-共青团员", "04-民革党员", "05-民盟盟员", "06-民建会员", "07-民进会员",
             "08-农工党党员", "09-致公党党员", "10-九三学社社员", "11-台盟盟员", "12-无党派人士", "13-群众"]
EDUCATION = ["1-研究生", "2-大学本科", "3-大学专科", "4-中等专科", "5-高中", "6-初中及以下"]


def merged_title_template(path: Path) -> Path:
    """Two merged title rows, the header in row 3 with * marks, inline lists, 出生年月 asked as YYYYMM."""
    wb = Workbook()
    ws = wb.active
    ws.title = "会员信息"
    headers = ["序号", "*姓名", "*性别", "*公民身份号码", "出生年月(YYYYMM)", "*民族", "学历", "手机号码", "职工编号"]
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    ws["A1"] = "某省总工会会员实名制信息采集表"
    ws["A1"].font = Font(size=16, bold=True)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(headers))
    ws["A2"] = "填报单位（盖章）：            填报日期："
    for col, text in enumerate(headers, start=1):
        cell = ws.cell(row=3, column=col, value=text)
        cell.border = BOX
        ws.cell(row=4, column=col).border = BOX
    ws.column_dimensions["D"].width = 24
    sex = DataValidation(type="list", formula1='"1-男,2-女"', allow_blank=True, sqref="C4:C200")
    edu = DataValidation(type="list", formula1='"' + ",".join(EDUCATION) + '"', allow_blank=True, sqref="G4:G200")
    ws.add_data_validation(sex)
    ws.add_data_validation(edu)
    wb.save(path)
    return path


def hidden_code_sheet_template(path: Path, *, extension: bool = False) -> Path:
    """Lists kept on a hidden 代码表 sheet: 政治面貌 through a defined name, 学历 by a direct range;
    with ``extension`` the direct one is stored the way Excel 2010+ does (x14 extension list)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "会员登记表"
    ws["A1"] = "会员登记表"
    headers = ["序号", "姓名", "性别", "身份证号", "政治面貌", "学历", "入会时间", "所在部门"]
    ws.append(headers)
    codes = wb.create_sheet("代码表")
    for row, item in enumerate(POLITICAL, start=1):
        codes.cell(row=row, column=1, value=item)
    for row, item in enumerate(EDUCATION, start=1):
        codes.cell(row=row, column=2, value=item)
    codes.sheet_state = "hidden"
    wb.defined_names["ZZMM"] = DefinedName("ZZMM", attr_text=f"代码表!$A$1:$A${len(POLITICAL)}")
    ws.add_data_validation(DataValidation(type="list", formula1="ZZMM", sqref="E3:E500"))
    ws.add_data_validation(DataValidation(type="list", formula1=f"代码表!$B$1:$B${len(EDUCATION)}", sqref="F3:F500"))
    ws.add_data_validation(DataValidation(type="list", formula1='"男,女"', sqref="C3:C500"))
    wb.save(path)
    if extension:
        _move_validation_to_extension(path, "F3:F500", f"代码表!$B$1:$B${len(EDUCATION)}")
    return path


def _move_validation_to_extension(path: Path, sqref: str, formula: str) -> None:
    """Rewrite one validation of sheet1 as an x14 extension, as Excel 2010+ saves a cross-sheet list."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    xml = re.sub(r'<dataValidation [^>]*sqref="' + sqref + r'"[^>]*>.*?</dataValidation>', "", xml, flags=re.S)
    xml = re.sub(r'<dataValidations count="\d+">', lambda m: '<dataValidations count="2">', xml)
    ext = (
        '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
        'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
        '<x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
        '<x14:dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1">'
        f'<x14:formula1><xm:f>{formula}</xm:f></x14:formula1><xm:sqref>{sqref}</xm:sqref>'
        '</x14:dataValidation></x14:dataValidations></ext></extLst>'
    )
    xml = xml.replace("</worksheet>", ext + "</worksheet>")
    parts["xl/worksheets/sheet1.xml"] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def note_row_template(path: Path) -> Path:
    """A note row under the header naming the date format for 出生日期 (YYYY.MM), a required 必填 column."""
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名（必填）", "身份证号码（必填）", "出生日期", "是否农民工", "工会名称"])
    ws.append(["填写说明：出生日期格式为YYYY.MM；是否农民工填“是”或“否”。"])
    ws.add_data_validation(DataValidation(type="list", formula1='"是,否"', sqref="D3:D100"))
    wb.save(path)
    return path


def small_office(session) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Three members on the roll in two groups, one transferred out: every field the templates ask for."""
    settings = load_settings(session)
    settings.union_name = "示例机械厂工会委员会"
    save_settings(session, settings)
    workshop = add_group(session, "一车间")
    office = add_group(session, "办公室")
    session.flush()
    ids = {
        "张三": add(session, "张三", id_number=an_id(dt.date(1990, 3, 5), seed=1), sex="male",
                   ethnicity="汉族", education="bachelor", political_status="cpc_member", phone="13800138000",
                   group_id=workshop.id, join_date=dt.date(2015, 6, 1), migrant_worker=True),
        "李四": add(session, "李四", id_number=an_id(dt.date(1985, 11, 20), female=True, seed=2), sex="female",
                   ethnicity="回族", education="college", political_status="masses", phone="13900139000",
                   group_id=office.id, join_date=dt.date(2018, 3, 1)),
        "王五": add(session, "王五", id_number=an_id(dt.date(1978, 1, 9), seed=3), sex="male",
                   ethnicity="汉族", education="postgraduate", political_status="cyl_member",
                   group_id=workshop.id, join_date=dt.date(2010, 9, 1)),
    }
    return ids
