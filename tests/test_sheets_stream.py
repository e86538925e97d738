"""The streaming .xlsx reader: the same values as python-calamine, rows consumed lazily, limits kept."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import python_calamine
from openpyxl import Workbook

from sheets_support import COLUMNS, fill_cell_kinds, make_messy_workbook, trimmed as _trimmed
from unionoffice.io.sheets import SheetError, read_and_parse, reader
from unionoffice.io.sheets.xlsx_stream import XlsxBook, number_format_kind


def _calamine(path: Path, name: str):
    return _trimmed(python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python(
        skip_empty_area=False))


def _streamed(path: Path, index: int = 0):
    book = XlsxBook(path)
    try:
        return _trimmed(book.rows(book.sheets[index]))
    finally:
        book.close()


@pytest.fixture
def always_stream(monkeypatch):
    monkeypatch.setattr(reader, "SLICE_FROM_BYTES", 0)


def test_values_equal_python_calamines_for_every_cell_kind(tmp_path):
    wb = Workbook()
    ws = wb.active
    fill_cell_kinds(ws)
    path = tmp_path / "kinds.xlsx"
    wb.save(path)
    assert _streamed(path) == _calamine(path, "Sheet")


def test_shared_strings_and_a_sheet_saved_by_libreoffice_equal_calamines(tmp_path):
    # The messy ledger as LibreOffice and Excel store text: a shared-strings table, not inline strings.
    source = make_messy_workbook(tmp_path / "messy.xlsx")
    converted = tmp_path / "lo"
    import shutil
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--convert-to", "xlsx", "--outdir", str(converted), str(source)],
                   check=True, capture_output=True, timeout=120)
    path = converted / "messy.xlsx"
    with zipfile.ZipFile(path) as zf:
        assert "xl/sharedStrings.xml" in zf.namelist()
    name = python_calamine.CalamineWorkbook.from_path(str(path)).sheet_names[0]
    assert _streamed(path) == _calamine(path, name)


def test_a_streamed_import_parses_as_the_calamine_one(tmp_path, monkeypatch):
    path = make_messy_workbook(tmp_path / "messy.xlsx")
    by_calamine = read_and_parse(path, COLUMNS, key="id_number")
    monkeypatch.setattr(reader, "SLICE_FROM_BYTES", 0)
    streamed = read_and_parse(path, COLUMNS, key="id_number")
    assert [(r.row_number, r.values, [e.message for e in r.errors]) for r in streamed.rows] == \
        [(r.row_number, r.values, [e.message for e in r.errors]) for r in by_calamine.rows]
    assert streamed.header_row == by_calamine.header_row


def test_rows_are_read_lazily_one_block_at_a_time(tmp_path, always_stream):
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("名册")
    ws.append(["姓名", "身份证号"])
    for index in range(30_000):
        ws.append([f"会员{index}", ""])
    path = tmp_path / "big.xlsx"
    wb.save(path)
    book = XlsxBook(path)
    rows = book.rows(book.sheets[0])
    first = [next(rows) for _ in range(3)]
    assert first[0] == ["姓名", "身份证号"] and first[2] == ["会员1"]
    # The generator holds the block it is in, never the sheet: its frame has not seen the last row.
    assert all("会员29999" not in str(value) for value in rows.gi_frame.f_locals.values())
    assert sum(1 for _ in rows) == 30_000 - 2
    book.close()


def test_a_cell_past_the_column_limit_is_refused_while_streaming(tmp_path, always_stream):
    path = tmp_path / "wide.xlsx"
    wb = Workbook()
    wb.active["A1"] = "姓名"
    wb.active["A2"] = "张三"
    wb.save(path)
    # Hand-edit a cell at column ALM (1001) into row 2, below the limits module's claimed-size check.
    with zipfile.ZipFile(path) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    sheet = sheet.replace("</row></sheetData>", '<c r="ALM2" t="inlineStr"><is><t>x</t></is></c></row></sheetData>')
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    with pytest.raises(SheetError, match="1,000"):
        read_and_parse(path, COLUMNS)  # the limits module's scan, before any reader
    book = XlsxBook(path)  # and the reader itself, should a file get past that scan
    with pytest.raises(SheetError, match="1,000"):
        list(book.rows(book.sheets[0]))
    book.close()


def test_date_formats_are_told_from_number_formats():
    assert number_format_kind("yyyy-mm-dd") == 1
    assert number_format_kind("yyyy年m月d日") == 1
    assert number_format_kind('[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy') == 1
    assert number_format_kind("[h]:mm:ss") == 2
    assert number_format_kind("0.00") == 0
    assert number_format_kind('#,##0.00"元"') == 0
    assert number_format_kind("[Red]0;0") == 0
    assert number_format_kind("#,##0*y") == 0


def test_a_streamed_workbook_picks_the_sheet_that_looks_like_the_ledger(tmp_path, always_stream):
    wb = Workbook()
    wb.active.title = "说明"
    wb.active.append(["本表填写说明：身份证号填18位"])
    ledger = wb.create_sheet("名册")
    ledger.append(["姓名", "身份证号码", "手机号"])
    ledger.append(["张三", "110105199003051238", "13800138000"])
    path = tmp_path / "two.xlsx"
    wb.save(path)
    parsed = read_and_parse(path, COLUMNS)
    assert parsed.sheet_name == "名册"
    assert [row.values["name"] for row in parsed.rows] == ["张三"]
    assert read_and_parse(path, COLUMNS, sheet="名册").rows[0].values["id_number"] == "110105199003051238"
    with pytest.raises(SheetError):
        read_and_parse(path, COLUMNS, sheet=5)
    with pytest.raises(SheetError):
        read_and_parse(path, COLUMNS, sheet="说明")  # no header there
