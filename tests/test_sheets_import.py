"""Reading ledgers: header detection, value forms, per-row errors, file-level failures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from sheets_support import (
    COLUMNS,
    FEMALE_1988,
    MALE_1975_X,
    MALE_1990,
    MESSY_HEADER_ROW,
    make_messy_workbook,
)
from unionoffice.io.sheets import (
    HeaderError,
    SheetError,
    error_lines,
    normalize_header,
    notice_lines,
    parse_cells,
    read_and_parse,
)

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def messy(tmp_path):
    return read_and_parse(make_messy_workbook(tmp_path / "messy.xlsx"), COLUMNS, key="id_number")


def _row(parsed, number):
    return next(row for row in parsed.rows if row.row_number == number)


def _save(tmp_path, rows, name="book.xlsx"):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    path = tmp_path / name
    workbook.save(path)
    return path


def test_header_found_below_title_rows_with_line_breaks_and_synonyms(messy):
    assert messy.header_row == MESSY_HEADER_ROW
    assert messy.mapping == {
        "name": 1, "id_number": 2, "phone": 3, "group": 4, "joined": 5, "birth": 6, "migrant": 7, "fee": 8,
    }
    assert messy.headers["id_number"] == "身份证号码"
    assert messy.headers["phone"] == "手机"


def test_unknown_columns_are_reported_but_the_serial_number_column_is_not(messy):
    assert messy.unknown_columns == ["备注"]
    assert messy.notices()[0] == "以下列不导入：备注"


def test_values_in_their_messy_forms_are_read(messy):
    assert _row(messy, 4).values == {
        "name": "张三", "id_number": MALE_1990, "phone": "13800138000", "group": "一车间",
        "joined": dt.date(2019, 3, 5), "birth": dt.date(1990, 3, 1), "migrant": True, "fee": 150050, "count": None,
    }
    assert _row(messy, 6).values == {
        "name": "王五", "id_number": MALE_1975_X, "phone": "13900139000", "group": "二车间",
        "joined": dt.date(2019, 3, 5), "birth": dt.date(1975, 11, 30), "migrant": False, "fee": 12000, "count": None,
    }


def test_serial_number_date_and_landline(messy):
    row = _row(messy, 5)
    assert row.values["joined"] == dt.date(2019, 3, 5)
    assert row.values["phone"] == "01012345678"
    assert row.values["birth"] == dt.date(1988, 7, 1)


def test_id_stored_as_a_number_is_rejected_with_row_and_field(messy):
    row = _row(messy, 5)
    assert not row.ok
    assert row.values["id_number"] is None
    assert error_lines([row]) == ["第5行 身份证号码：身份证号被存成了数字，末几位已丢失"]


def test_every_error_of_a_row_is_collected(messy):
    row = _row(messy, 8)
    assert [(issue.key, issue.field) for issue in row.errors] == [
        ("id_number", "身份证号码"), ("phone", "手机"), ("joined", "入会时间"),
    ]
    assert error_lines([row]) == [
        "第8行 身份证号码：校验位错误；手机：手机号应为11位，现为5位；入会时间：2019年2月没有30日"
    ]


def test_duplicate_key_in_the_file_names_the_first_row(messy):
    assert error_lines([_row(messy, 9)]) == ["第9行 身份证号码：文件内重复（与第4行相同）"]
    assert _row(messy, 4).ok


def test_required_value_missing(messy):
    row = _row(messy, 10)
    assert row.values["id_number"] == FEMALE_1988
    assert error_lines([row]) == ["第10行 姓名：必填，不能为空"]


def test_blank_rows_and_the_total_row_are_not_data(messy):
    assert [row.row_number for row in messy.rows] == [4, 5, 6, 8, 9, 10]
    assert messy.skipped_rows == [11]
    assert messy.notices()[-1] == "第11行是合计行，已跳过"


def test_good_and_rejected_rows(messy):
    assert [row.row_number for row in messy.good_rows] == [4, 6]
    assert [row.row_number for row in messy.rejected_rows] == [5, 8, 9, 10]


@pytest.mark.parametrize("suffix", ["xls", "ods"])
def test_xls_and_ods_read_like_the_xlsx(messy, suffix):
    other = read_and_parse(DATA / f"sheets-messy.{suffix}", COLUMNS, key="id_number")
    assert other.header_row == messy.header_row
    assert [(r.row_number, r.values, r.errors) for r in other.rows] == [
        (r.row_number, r.values, r.errors) for r in messy.rows
    ]


def test_columns_in_any_order():
    parsed = parse_cells([["手机号", "身份证号", "姓名"], ["13800138000", MALE_1990, "张三"]], COLUMNS)
    assert parsed.rows[0].values["name"] == "张三"
    assert parsed.rows[0].values["id_number"] == MALE_1990
    assert parsed.rows[0].values["phone"] == "13800138000"


def test_the_header_is_the_row_naming_most_columns():
    cells = [["姓名：王科长", "", ""], ["序号", "姓名", "身份证号"], [1, "张三", MALE_1990]]
    parsed = parse_cells(cells, COLUMNS)
    assert parsed.header_row == 2
    assert parsed.rows[0].values["name"] == "张三"


def test_header_beyond_the_first_ten_rows_is_not_searched():
    cells = [["标题"]] * 10 + [["姓名", "身份证号"], ["张三", MALE_1990]]
    with pytest.raises(HeaderError, match="找不到表头：前10行"):
        parse_cells(cells, COLUMNS)


def test_missing_required_columns_are_named():
    with pytest.raises(HeaderError, match="缺少必需的列：身份证号"):
        parse_cells([["姓名", "手机号"], ["张三", "13800138000"]], COLUMNS)


@pytest.mark.parametrize(
    "header", ["身份证号", " 身份证 号\n", "身份证号*", "*身份证号", "身份证号（必填）", "身份证号(必填)", "身份证号＊", "ID number", "id  NUMBER"]
)
def test_header_decorations_are_tolerated(header):
    assert normalize_header(header) in COLUMNS[1].header_names()


def test_full_width_header_characters_match():
    assert normalize_header("ＩＤ　ｎｕｍｂｅｒ") == normalize_header("ID number")


def test_a_second_column_with_the_same_meaning_is_reported():
    parsed = parse_cells([["姓名", "身份证号", "证件号码"], ["张三", MALE_1990, "x"]], COLUMNS)
    assert parsed.mapping["id_number"] == 1
    assert parsed.unknown_columns == ["证件号码"]


def test_register_checks_become_row_errors_naming_the_files_header(messy):
    row = _row(messy, 4)
    row.add_error("id_number", "已是会员李四的身份证号")
    assert error_lines([row]) == ["第4行 身份证号码：已是会员李四的身份证号"]
    assert row in messy.rejected_rows


def test_month_only_date_gives_a_notice_and_legacy_id_too():
    cells = [["姓名", "身份证号", "入会日期"], ["张三", "110105900305123", "2019.03"]]
    parsed = parse_cells(cells, COLUMNS)
    row = parsed.rows[0]
    assert row.ok
    assert row.values["joined"] == dt.date(2019, 3, 1)
    assert row.values["id_number"] == MALE_1990
    assert notice_lines(parsed.rows) == [
        f"第2行 身份证号：15位旧身份证号 110105900305123 已转换为18位：{MALE_1990}",
        "第2行 入会日期：只填了年月，按2019-03-01导入",
    ]


def test_a_sheet_is_chosen_by_its_header(tmp_path):
    workbook = Workbook()
    workbook.active.title = "填表说明"
    workbook.active.append(["请按模板填写"])
    ledger = workbook.create_sheet("会员")
    ledger.append(["姓名", "身份证号"])
    ledger.append(["张三", MALE_1990])
    workbook.save(tmp_path / "two.xlsx")
    parsed = read_and_parse(tmp_path / "two.xlsx", COLUMNS)
    assert parsed.sheet_name == "会员"
    assert parsed.rows[0].values["name"] == "张三"


def test_a_named_sheet_that_does_not_exist(tmp_path):
    path = _save(tmp_path, [["姓名", "身份证号"]])
    with pytest.raises(SheetError, match="没有名为“会员”的工作表"):
        read_and_parse(path, COLUMNS, sheet="会员")


def test_an_empty_sheet(tmp_path):
    path = _save(tmp_path, [])
    with pytest.raises(SheetError, match="是空的"):
        read_and_parse(path, COLUMNS)


def test_a_password_protected_file():
    with pytest.raises(SheetError, match="设有打开密码"):
        read_and_parse(DATA / "sheets-password.xlsx", COLUMNS)


@pytest.mark.parametrize("content", [b"hello, not a workbook", bytes(range(256)) * 20])
@pytest.mark.parametrize("suffix", [".xlsx", ".xls", ".ods"])
def test_a_damaged_file(tmp_path, content, suffix):
    path = tmp_path / f"bad{suffix}"
    path.write_bytes(content)
    with pytest.raises(SheetError, match="文件已损坏或不是电子表格"):
        read_and_parse(path, COLUMNS)


def test_a_file_that_is_not_a_spreadsheet(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("姓名,身份证号\n", encoding="utf-8")
    with pytest.raises(SheetError, match="不是本程序能读取的电子表格"):
        read_and_parse(path, COLUMNS)


def test_a_missing_file(tmp_path):
    with pytest.raises(SheetError, match="不存在"):
        read_and_parse(tmp_path / "nowhere.xlsx", COLUMNS)


def test_numbered_empty_template_rows_are_blank():
    cells = [["序号", "姓名", "身份证号"], [1, "张三", MALE_1990], [2, "", ""], [3, None, "  "]]
    parsed = parse_cells(cells, COLUMNS)
    assert [row.row_number for row in parsed.rows] == [2]


def test_parsing_reports_progress():
    cells = [["姓名", "身份证号"]] + [[f"职工{i}", MALE_1990] for i in range(1200)]
    seen = []
    parse_cells(cells, COLUMNS, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(500, 1200), (1000, 1200), (1200, 1200)]


def test_a_unit_or_note_after_the_header_name_is_set_aside():
    parsed = parse_cells([["姓名", "身份证号（18位）", "会费（元）"], ["张三", MALE_1990, "12.5"]], COLUMNS)
    assert parsed.unknown_columns == []
    assert parsed.rows[0].values["fee"] == 1250
    assert parsed.headers["fee"] == "会费（元）"


@pytest.mark.parametrize("label", ["合计", "总计", "小计", "合 计", "合计：25人", "Total"])
def test_total_rows_in_their_forms_are_skipped(label):
    cells = [["姓名", "身份证号", "会费"], ["张三", MALE_1990, 10], [label, None, 10]]
    parsed = parse_cells(cells, COLUMNS)
    assert [row.row_number for row in parsed.rows] == [2]
    assert parsed.skipped_rows == [3]


@pytest.mark.parametrize("name", ["renamed.xlsx", "wps.et"])
def test_a_renamed_xls_is_read_by_its_content(tmp_path, messy, name):
    path = tmp_path / name
    path.write_bytes((DATA / "sheets-messy.xls").read_bytes())
    other = read_and_parse(path, COLUMNS, key="id_number")
    assert [row.values for row in other.rows] == [row.values for row in messy.rows]


def test_a_row_check_sees_parsed_values_and_adds_errors():
    from unionoffice.io.sheets import sex_from_id

    def check(row):
        if row.values["id_number"] and row.values["name"] == "李四":
            row.add_error("name", "与身份证号不符")
        row.values["sex"] = sex_from_id(row.values["id_number"]) if row.values["id_number"] else None

    cells = [["姓名", "身份证号"], ["张三", MALE_1990], ["李四", FEMALE_1988]]
    parsed = parse_cells(cells, COLUMNS, check=check)
    assert parsed.rows[0].values["sex"].value == "male"
    assert error_lines(parsed.rows) == ["第3行 姓名：与身份证号不符"]


def test_several_errors_of_a_row_join_without_a_full_stop_before_the_semicolon():
    from unionoffice.io.sheets import RowResult

    row = RowResult(4, {}, headers={"end": "结束日期"})
    row.add_error("end", "结束日期早于开始日期。")
    row.add_error(None, "已登记过：2025-12-25的“参观”已存在（编号8）。")
    assert row.error_text() == "结束日期：结束日期早于开始日期；已登记过：2025-12-25的“参观”已存在（编号8）。"
