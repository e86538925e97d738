"""Exporting ledgers and saving rejected rows: cell types, page setup, formula injection, round trips."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from sheets_support import COLUMNS, FEMALE_1988, MALE_1975_X, MALE_1990, make_messy_workbook
from unionoffice.i18n import N_, _
from unionoffice.domain.choices import Education
from unionoffice.io.sheets import (
    Column,
    ExportSheet,
    choice_parser,
    error_lines,
    export_rows,
    read_and_parse,
    write_rejected_rows,
    write_workbook,
)

RECORDS = [
    {"name": "张三", "id_number": MALE_1990, "phone": "13800138000", "group": "一车间", "joined": dt.date(2019, 3, 5),
     "birth": dt.date(1990, 3, 1), "migrant": True, "fee": 150050, "count": 3},
    {"name": "李四", "id_number": MALE_1975_X, "phone": "01012345678", "group": None, "joined": None,
     "birth": dt.date(1975, 11, 30), "migrant": False, "fee": 0, "count": 0},
    {"name": "=HYPERLINK(\"http://x\")", "id_number": FEMALE_1988, "phone": None, "group": "+1 车间",
     "joined": dt.date(2020, 1, 1), "birth": None, "migrant": None, "fee": 1, "count": None},
    {"name": "-王五", "id_number": "110105199202290039", "phone": "13900139000", "group": "@SUM(A1)",
     "joined": dt.date(2024, 2, 29), "birth": dt.date(1992, 2, 29), "migrant": True, "fee": 12345678, "count": 20000},
]


@pytest.fixture
def exported(tmp_path):
    return export_rows(tmp_path / "out.xlsx", COLUMNS, RECORDS, sheet_name="花名册", caption="会员花名册")


def _by_header(ws):
    """Column index by English label (headers are written translated; registers translate common labels)."""
    labels = {column.title: column.label for column in COLUMNS}
    headers = [cell.value for cell in ws[1]]
    return {labels.get(header, header): index for index, header in enumerate(headers)}


def test_export_imports_back_unchanged(exported):
    parsed = read_and_parse(exported, COLUMNS, key="id_number")
    assert error_lines(parsed.rows) == []
    assert [row.values for row in parsed.rows] == RECORDS
    assert parsed.header_row == 1 and parsed.unknown_columns == []


def test_ids_and_phones_are_text_cells(exported):
    ws = load_workbook(exported)["花名册"]
    columns = _by_header(ws)
    for column in ("ID number", "Mobile"):
        cell = ws.cell(row=2, column=columns[column] + 1)
        assert cell.data_type == "s"
        # the column's format, so that numbers typed into new rows stay text
        assert ws.column_dimensions[cell.column_letter].number_format == "@"
    assert ws.cell(row=2, column=columns["ID number"] + 1).value == MALE_1990
    assert ws.cell(row=3, column=columns["Mobile"] + 1).value == "01012345678"


def test_dates_money_integers_and_booleans_have_their_cell_types(exported):
    ws = load_workbook(exported)["花名册"]
    columns = _by_header(ws)
    joined = ws.cell(row=2, column=columns["Date joined"] + 1)
    assert joined.is_date and joined.value == dt.datetime(2019, 3, 5) and joined.number_format == "yyyy-mm-dd"
    fee = ws.cell(row=2, column=columns["Amount (yuan)"] + 1)
    assert fee.data_type == "n" and fee.value == 1500.5 and fee.number_format == "#,##0.00"
    assert ws.cell(row=2, column=columns["Times"] + 1).value == 3
    assert ws.cell(row=2, column=columns["Migrant worker"] + 1).value == "是"
    assert ws.cell(row=3, column=columns["Migrant worker"] + 1).value == "否"
    assert ws.cell(row=3, column=columns["Group"] + 1).value is None


@pytest.mark.parametrize("row, column", [(4, "Name"), (4, "Group"), (5, "Name"), (5, "Group")])
def test_values_starting_with_formula_characters_stay_text(exported, row, column):
    ws = load_workbook(exported)["花名册"]
    cell = ws.cell(row=row, column=_by_header(ws)[column] + 1)
    assert cell.data_type == "s"
    assert cell.value == RECORDS[row - 2]["name" if column == "Name" else "group"]


def test_page_setup_for_printing(exported):
    ws = load_workbook(exported)["花名册"]
    assert ws.freeze_panes == "A2"
    assert ws.print_title_rows == "$1:$1"
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert "会员花名册" in ws.oddHeader.center.text
    assert ws.column_dimensions["B"].width >= 21  # the ID number column
    assert ws["A1"].font.bold


def test_several_sheets(tmp_path):
    extra = [Column("name", N_("Name"), synonyms=("姓名",)), Column("education", N_("Education"),
             synonyms=("学历",), parse=choice_parser(Education))]
    undergraduate = Education.from_text("本科")
    path = write_workbook(tmp_path / "two.xlsx", [
        ExportSheet("花名册", COLUMNS, RECORDS[:2]),
        ExportSheet("学历/统计", extra, [{"name": "张三", "education": undergraduate}]),
    ])
    assert load_workbook(path).sheetnames == ["花名册", "学历_统计"]
    second = read_and_parse(path, extra, sheet="学历_统计")
    assert second.rows[0].values == {"name": "张三", "education": undergraduate}
    assert load_workbook(path)["学历_统计"]["B2"].value == "本科"


def test_nothing_is_left_behind_when_writing_fails(tmp_path):
    class Broken:
        def __iter__(self):
            yield RECORDS[0]
            raise RuntimeError("database went away")

    target = tmp_path / "out.xlsx"
    with pytest.raises(RuntimeError):
        export_rows(target, COLUMNS, Broken())
    assert list(tmp_path.iterdir()) == []


# --- rejected rows -------------------------------------------------------------------------

@pytest.fixture
def messy(tmp_path):
    return read_and_parse(make_messy_workbook(tmp_path / "messy.xlsx"), COLUMNS, key="id_number")


@pytest.fixture
def rejects(messy, tmp_path):
    return write_rejected_rows(messy, tmp_path / "rejects.xlsx")


def test_rejected_rows_file_has_the_original_header_and_an_error_column(messy, rejects):
    ws = load_workbook(rejects).active
    assert [cell.value for cell in ws[1]] == [
        "序号", "姓 名", "身份证\n号码", "手机＊", "所在部门", "入会\n时间", "出生年月（必填）", "是否农民工会员", "会费", "备注", "错误原因",
    ]
    assert ws.max_row == 1 + len(messy.rejected_rows)
    assert ws["K2"].value == "身份证号码：身份证号被存成了数字，末几位已丢失"
    assert ws["K3"].value == "身份证号码：校验位错误；手机：手机号应为11位，现为5位；入会时间：2019年2月没有30日"


def test_rejected_rows_keep_ids_and_phones_as_text(rejects):
    ws = load_workbook(rejects).active
    assert ws["C2"].data_type == "s" and ws["C2"].value == "1.10105199003051E+17"
    assert ws["D2"].data_type == "s" and ws["D2"].value == "010-12345678"
    assert ws["D3"].value == "12345" and ws["D3"].data_type == "s"
    assert ws["F2"].value == 43529  # a number in a date column stays what it was


def test_rejected_rows_import_again_with_the_same_values(messy, rejects):
    again = read_and_parse(rejects, COLUMNS, key="id_number")
    assert again.unknown_columns == ["备注"]  # 错误原因 is not an unknown column
    before = [(row.values, [(e.key, e.message) for e in row.errors]) for row in messy.rejected_rows]
    after = [(row.values, [(e.key, e.message) for e in row.errors]) for row in again.rows]
    # Row 9 was a duplicate of a row that is not in this file: only that error goes away.
    before[2] = (before[2][0], [])
    assert after == before
    assert [row.raw_cells[1] for row in again.rows] == [row.raw_cells[1] for row in messy.rejected_rows]


def test_rejects_of_a_rejects_file_do_not_repeat_the_error_column(rejects, tmp_path):
    again = read_and_parse(rejects, COLUMNS)
    second = write_rejected_rows(again, tmp_path / "rejects2.xlsx")
    header = [cell.value for cell in load_workbook(second).active[1]]
    assert header.count("错误原因") == 1 and header[-1] == "错误原因"


def test_export_reports_progress_and_can_be_cancelled(tmp_path):
    seen = []

    def progress(done):
        seen.append(done)
        if done >= 1000:
            raise KeyboardInterrupt  # what a cancel button's callback would raise

    records = (dict(RECORDS[0], id_number=None, name=f"职工{i}") for i in range(5000))
    with pytest.raises(KeyboardInterrupt):
        export_rows(tmp_path / "out.xlsx", COLUMNS, records, progress=progress)
    assert seen == [500, 1000]
    assert list(tmp_path.iterdir()) == []


def test_an_empty_export_is_an_import_template(tmp_path):
    path = export_rows(tmp_path / "template.xlsx", COLUMNS, [])
    ws = load_workbook(path).active
    assert ws.max_row == 1
    assert [cell.value for cell in ws[1]][:2] == [_("Name"), _("ID number")]


def test_many_rows_keep_their_own_values(tmp_path):
    from unionoffice.domain.idcard import make_id_number
    import random

    rng = random.Random(7)
    records = [
        dict(RECORDS[0], name=f"职工{i}", id_number=make_id_number(rng, dt.date(1980, 1, 1) + dt.timedelta(days=i), i % 2 == 0),
             phone=f"139{i:08d}", joined=dt.date(2000, 1, 1) + dt.timedelta(days=i), fee=i, count=i)
        for i in range(1500)
    ]
    parsed = read_and_parse(export_rows(tmp_path / "many.xlsx", COLUMNS, records), COLUMNS, key="id_number")
    assert [row.values for row in parsed.rows] == records


def test_yes_no_and_choice_columns_get_a_drop_down_list(tmp_path):
    columns = COLUMNS + [Column("education", N_("Education"), synonyms=("学历",), parse=choice_parser(Education))]
    ws = load_workbook(export_rows(tmp_path / "template.xlsx", columns, [])).active
    lists = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    migrant = lists["G2:G500"]
    assert migrant.formula1 == '"是,否"' and migrant.showErrorMessage is False
    assert lists["J2:J500"].formula1 == '"' + ",".join(member.label() for member in Education) + '"'
    assert len(lists) == 2


def test_exporting_into_a_missing_folder_names_the_folder(tmp_path):
    from unionoffice.io.sheets import WriteError

    target = tmp_path / "不存在" / "活动.xlsx"
    with pytest.raises(WriteError) as caught:
        export_rows(target, COLUMNS, RECORDS)
    assert str(tmp_path / "不存在") in str(caught.value) and "Errno" not in str(caught.value)
    assert isinstance(caught.value, OSError)  # callers that catch OSError still do


def test_a_file_open_in_excel_gives_advice_and_leaves_no_part_file(tmp_path, monkeypatch):
    from pathlib import Path

    from unionoffice.io.sheets import WriteError

    def locked(self, target):
        raise PermissionError(13, "The process cannot access the file because it is being used by another process")

    monkeypatch.setattr(Path, "replace", locked)
    with pytest.raises(WriteError, match="Excel"):
        export_rows(tmp_path / "out.xlsx", COLUMNS, RECORDS)
    assert list(tmp_path.iterdir()) == []
