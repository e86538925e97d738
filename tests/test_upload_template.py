"""Filling the higher union's upload template from the roster: layout found, lists honoured, checks made."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import DATA
from tests.roster_helpers import add, an_id
from tests.upload_support import (
    EDUCATION,
    hidden_code_sheet_template,
    merged_title_template,
    note_row_template,
    small_office,
)
from unionoffice.io.upload.profiles import Profile, load_profile, save_profile
from unionoffice.io.upload.writer import PROBLEM_SHEET, add_problem_sheet, check_filled, fill, open_template, save
from unionoffice.services.upload_fill import upload_records


@pytest.fixture
def records(session):
    small_office(session)
    session.flush()
    return upload_records(session)


def _rows(path: Path, sheet: str | None = None) -> list[list]:
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet] if sheet else wb.worksheets[0]
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_header_found_under_two_merged_title_rows(tmp_path):
    template = open_template(merged_title_template(tmp_path / "t.xlsx"))
    assert template.header_row == 3 and template.first_data_row == 4
    fields = {c.header: c.field for c in template.columns}
    assert fields["公民身份号码"] == "id_number" and fields["序号"] == "serial"
    assert [c.header for c in template.columns if c.required] == ["姓名", "性别", "公民身份号码", "民族"]


def test_inline_lists_get_the_coded_item(tmp_path, records):
    template = open_template(merged_title_template(tmp_path / "t.xlsx"))
    result = fill(template, records)
    save(template, tmp_path / "out.xlsx")
    rows = _rows(tmp_path / "out.xlsx")
    by_name = {row[1]: row for row in rows[3:]}
    assert by_name["张三"][2] == "1-男" and by_name["李四"][2] == "2-女"
    assert by_name["张三"][6] == "2-大学本科" and by_name["李四"][6] == "3-大学专科" and by_name["王五"][6] == "1-研究生"
    assert result.clean


def test_dates_in_the_format_the_header_asks_and_ids_as_text(tmp_path, records):
    template = open_template(merged_title_template(tmp_path / "t.xlsx"))
    fill(template, records)
    save(template, tmp_path / "out.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "out.xlsx").active
    names = {ws.cell(row=r, column=2).value: r for r in range(4, 7)}
    row = names["张三"]
    assert ws.cell(row=row, column=5).value == "199003"
    id_cell = ws.cell(row=row, column=4)
    assert isinstance(id_cell.value, str) and len(id_cell.value) == 18 and id_cell.number_format == "@"
    assert [ws.cell(row=r, column=1).value for r in range(4, 7)] == [1, 2, 3]


def test_template_formatting_title_and_validations_kept(tmp_path, records):
    template = open_template(merged_title_template(tmp_path / "t.xlsx"))
    fill(template, records)
    save(template, tmp_path / "out.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "out.xlsx").active
    assert "A1:I1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["A1"].value == "某省总工会会员实名制信息采集表" and ws["A1"].font.b
    assert ws.column_dimensions["D"].width == 24
    assert ws.cell(row=6, column=4).border.left.style == "thin"  # the first data row's borders copied down
    assert {v.formula1 for v in ws.data_validations.dataValidation} == {'"1-男,2-女"', '"' + ",".join(EDUCATION) + '"'}


def test_lists_on_a_hidden_sheet_by_name_and_by_range(tmp_path, records):
    template = open_template(hidden_code_sheet_template(tmp_path / "t.xlsx"))
    fill(template, records)
    save(template, tmp_path / "out.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "out.xlsx")
    assert wb["代码表"].sheet_state == "hidden"
    rows = {row[1]: row for row in _rows(tmp_path / "out.xlsx")[2:]}
    assert rows["张三"][4] == "01-中共党员" and rows["王五"][4] == "03-共青团员" and rows["李四"][4] == "13-群众"
    assert rows["张三"][5] == "2-大学本科" and rows["张三"][2] == "男"
    assert rows["张三"][7] == "一车间"


def test_excel_2010_extension_lists_are_read_and_kept(tmp_path, records):
    template = open_template(hidden_code_sheet_template(tmp_path / "t.xlsx", extension=True))
    education = next(c for c in template.columns if c.field == "education")
    assert education.items == EDUCATION
    fill(template, records)
    save(template, tmp_path / "out.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "out.xlsx").active
    assert "代码表!$B$1:$B$6" in {v.formula1 for v in ws.data_validations.dataValidation}


def test_note_row_under_the_header_is_kept_and_sets_the_date_format(tmp_path, records):
    template = open_template(note_row_template(tmp_path / "t.xlsx"))
    assert template.first_data_row == 3
    fill(template, records)
    save(template, tmp_path / "out.xlsx")
    rows = _rows(tmp_path / "out.xlsx")
    assert rows[1][0].startswith("填写说明")
    zhang = next(r for r in rows if r[0] == "张三")
    assert zhang[2] == "1990.03" and zhang[3] == "是" and zhang[4] == "示例机械厂工会委员会"


def test_a_column_without_a_field_is_left_empty_and_reported(tmp_path, records):
    template = open_template(merged_title_template(tmp_path / "t.xlsx"))
    assert [c.header for c in template.unmapped] == ["职工编号"]
    fill(template, records)
    save(template, tmp_path / "out.xlsx")
    assert all(row[8] is None for row in _rows(tmp_path / "out.xlsx")[3:])


def test_a_generic_democratic_party_value_is_never_guessed_into_one_party(tmp_path, session):
    small_office(session)
    add(session, "孙八", id_number=an_id(dt.date(1980, 5, 5), seed=12), political_status="democratic_party")
    session.flush()
    template = open_template(hidden_code_sheet_template(tmp_path / "t.xlsx"))
    result = fill(template, upload_records(session))
    problem = next(p for p in result.problems if p.member == "孙八")
    assert problem.column == "政治面貌"
    political = template.column_for("political_status")
    assert template.sheet.cell(row=problem.row, column=political.index).value is None


def test_value_without_a_list_item_is_a_problem_and_never_written(tmp_path, session):
    small_office(session)
    add(session, "赵六", id_number=an_id(dt.date(1992, 2, 2), seed=9), sex="male", education="high_school")
    session.flush()
    template = open_template(hidden_code_sheet_template(tmp_path / "t.xlsx"))
    education = next(c for c in template.columns if c.field == "education")
    education.items = [item for item in education.items if item != "5-高中"]
    result = fill(template, upload_records(session))
    problem = next(p for p in result.problems if p.member == "赵六")
    assert problem.column == "学历" and "高中" in problem.message
    assert template.sheet.cell(row=problem.row, column=education.index).value is None


def test_required_blank_and_id_disagreeing_with_birth_are_problems(tmp_path, session):
    small_office(session)
    add(session, "钱七", id_number=an_id(dt.date(1991, 7, 7), seed=11))  # no 民族, which the template requires
    session.flush()
    template = open_template(merged_title_template(tmp_path / "t.xlsx"))
    result = fill(template, upload_records(session))
    lines = [p.line() for p in result.problems if p.member == "钱七"]
    assert any("民族" in line and "必填" in line for line in lines), lines


def test_birth_month_disagreeing_with_the_id_number_is_a_problem(tmp_path, records):
    template = open_template(merged_title_template(tmp_path / "t.xlsx"))
    records[0]["birth_date"] = dt.date(1970, 1, 1)
    result = fill(template, records)
    assert [p.column for p in result.problems] == ["出生年月(YYYYMM)"]
    assert "身份证" in result.problems[0].message


def test_problems_sheet_lists_each_problem(tmp_path, session):
    small_office(session)
    add(session, "钱七", id_number=an_id(dt.date(1991, 7, 7), seed=11))
    session.flush()
    template = open_template(merged_title_template(tmp_path / "t.xlsx"))
    result = fill(template, upload_records(session))
    add_problem_sheet(template, result.problems)
    save(template, tmp_path / "out.xlsx")
    problems = _rows(tmp_path / "out.xlsx", PROBLEM_SHEET)
    assert problems[0] == ["行号", "姓名", "列", "问题"]
    assert any(row[1] == "钱七" and row[2] == "民族" for row in problems[1:])


def test_check_filled_by_hand_finds_bad_codes_ids_and_duplicates(tmp_path):
    path = merged_title_template(tmp_path / "t.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    good = an_id(dt.date(1990, 3, 5), seed=1)
    rows = [[1, "张三", "男", good, "199003", "汉族", "2-大学本科", "13800138000"],
            [2, "李四", "2-女", good, "199003", "汉族", "本科", ""],
            [3, "王五", "1-男", good[:-1] + ("0" if good[-1] != "0" else "1"), "199003", "", "", ""]]
    for r, values in enumerate(rows, start=4):
        for c, value in enumerate(values, start=1):
            ws.cell(row=r, column=c, value=value)
    wb.save(path)
    problems = [p.line() for p in check_filled(open_template(path)).problems]
    assert any("第4行" in line and "“男”" in line for line in problems), problems
    assert any("第5行" in line and "第4行" in line for line in problems)  # duplicate ID
    assert any("第5行" in line and "“本科”" in line for line in problems)
    assert any("第5行" in line and "性别" in line for line in problems)  # 2-女 against a male ID
    assert any("第6行" in line and "公民身份号码" in line for line in problems)


def test_xls_template_with_hidden_code_sheet(tmp_path, records):
    source = tmp_path / "登记表.xls"
    shutil.copy(DATA / "upload-hidden-codes.xls", source)
    template = open_template(source)
    political = next(c for c in template.columns if c.field == "political_status")
    assert political.items and political.items[4] == "05-民盟盟员"
    fill(template, records)
    save(template, tmp_path / "out.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "out.xlsx")
    assert wb["代码表"].sheet_state == "hidden"
    rows = {row[1]: row for row in _rows(tmp_path / "out.xlsx")[2:]}
    assert rows["张三"][4] == "01-中共党员"
    assert len(wb.active.data_validations.dataValidation) == 3


def test_xls_template_with_merged_titles_and_inline_lists(tmp_path, records):
    template = open_template(DATA / "upload-merged-title.xls")
    assert template.header_row == 3
    assert next(c for c in template.columns if c.field == "sex").items == ["1-男", "2-女"]
    assert {str(r) for r in template.sheet.merged_cells.ranges} >= {"A1:I1", "A2:I2"}


def test_profile_round_trip_applies_an_edited_mapping(tmp_path):
    template = open_template(merged_title_template(tmp_path / "t.xlsx"))
    template.apply_mapping({"职工编号": "card_no"})
    save_profile(tmp_path, Profile("省总2026", template.mapping()))
    again = open_template(merged_title_template(tmp_path / "t2.xlsx"))
    missing = again.apply_mapping(load_profile(tmp_path, "省总2026").mapping)
    assert missing == [] and again.column_for("card_no").header == "职工编号"


def test_output_equal_to_template_is_refused(tmp_path, records):
    from unionoffice.io.upload.template import TemplateError

    path = merged_title_template(tmp_path / "t.xlsx")
    template = open_template(path)
    fill(template, records)
    before = path.read_bytes()
    with pytest.raises(TemplateError):
        save(template, path)
    assert path.read_bytes() == before


def test_check_sheet_per_group_masks_ids_and_has_a_signature_column(tmp_path, records):
    from unionoffice.io.forms import TableBlock
    from unionoffice.io.upload.checklist import checklist_form

    template = open_template(hidden_code_sheet_template(tmp_path / "t.xlsx"))
    result = fill(template, records)
    form = checklist_form(template, result, "示例工会", per_member=False)
    tables = [b for b in form.blocks if isinstance(b, TableBlock)]
    assert [t.title for t in tables] == ["一车间", "办公室"]
    assert tables[0].columns[-1].header == "本人签字"
    id_index = [c.field for c in template.columns if c.field].index("id_number")
    assert all("********" in row[id_index] for table in tables for row in table.rows)


def test_check_sheet_per_member_when_the_template_is_too_wide_for_a_table(tmp_path, records):
    from unionoffice.io.forms import GridBlock
    from unionoffice.io.upload.checklist import MAX_TABLE_COLUMNS, checklist_form, table_fits

    template = open_template(hidden_code_sheet_template(tmp_path / "t.xlsx"))
    for i in range(MAX_TABLE_COLUMNS):  # a template with many more mapped columns
        template.columns.append(type(template.columns[0])(100 + i, f"备用{i}", "notes", False))
    assert not table_fits(template)
    form = checklist_form(template, fill(template, records), "示例工会", per_member=False)
    grids = [b for b in form.blocks if isinstance(b, GridBlock)]
    assert len(grids) == 3 and any(f.label == "本人签字" for f in grids[0].fields)
