"""Sheets written by io/sheets/sheet_xml.py: UTF-8 text, the same cells openpyxl's write-only mode writes."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Side

from unionoffice.io.roster_sheet import ROSTER_COLUMNS
from unionoffice.io.sheets import export_rows
from unionoffice.io.sheets.cells import DATE_FORMAT, MONEY_FORMAT
from unionoffice.io.sheets.export import save_workbook
from unionoffice.io.sheets.sheet_xml import StyledValue, new_sheet, style_id

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}

# Every kind of value a register's sheet holds, and text that needs escaping or keeps its spaces.
VALUES = ["张三", "a & b < c > d", "  前后有空格  ", "第一行\n第二行", "回车\r换行", 42, -7, 3.25, 1e20,
          Decimal("1234.50"), True, False, dt.date(2024, 2, 29), dt.date(1900, 1, 15),
          dt.datetime(2026, 6, 30, 14, 5), dt.time(8, 30), "=SUM(A1:A2)", "#N/A", "110105199003071234"]


def sheet_xml(path: Path, index: int = 1) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read(f"xl/worksheets/sheet{index}.xml")


def cells(xml: bytes) -> list[tuple]:
    """Every row's attributes and every cell's attributes and content, as parsed."""
    root = etree.fromstring(xml)
    out = []
    for row in root.iterfind(".//m:sheetData/m:row", NS):
        out.append(("row", dict(row.attrib)))
        for cell in row:
            out.append((dict(cell.attrib), "".join(cell.itertext()),
                        [el.get("{http://www.w3.org/XML/1998/namespace}space") for el in cell.iter("{*}t")]))
    return out


def test_chinese_text_is_written_as_utf8_not_as_character_references(tmp_path: Path) -> None:
    path = export_rows(tmp_path / "roster.xlsx", ROSTER_COLUMNS, [{"name": "张三", "notes": "困难职工"}])
    xml = sheet_xml(path)
    assert "张三".encode() in xml and "困难职工".encode() in xml
    assert b"&#" not in xml


def test_the_cells_are_the_ones_openpyxl_writes_in_write_only_mode(tmp_path: Path) -> None:
    """The same rows, styles and row heights through openpyxl's own write-only sheet and through
    StreamedSheet parse to the same cells (values, types, styles, spaces)."""
    ruled = Border(left=Side(style="thin"), right=Side(style="thin"))

    def write(make_sheet, path: Path) -> Path:  # noqa: ANN001
        workbook = Workbook(write_only=True)
        ws = make_sheet(workbook)
        ws.row_dimensions[2].height = 33
        header = WriteOnlyCell(ws, value="标题")
        header.alignment = Alignment(wrap_text=True)
        ws.append([header, None, "B"])
        ws.append(VALUES[:10])
        styled = []
        for value in VALUES[10:] + [None]:
            cell = WriteOnlyCell(ws, value=value)
            cell.border = ruled
            cell.number_format = DATE_FORMAT if isinstance(value, dt.date) else MONEY_FORMAT
            if isinstance(value, str):
                cell.data_type = "s"  # as the program writes text: never a formula or an error value
            styled.append(cell)
        ws.append(styled)
        save_workbook(workbook, path)
        return path

    theirs = write(lambda wb: wb.create_sheet("表"), tmp_path / "openpyxl.xlsx")
    ours = write(lambda wb: new_sheet(wb, "表"), tmp_path / "ours.xlsx")
    assert cells(sheet_xml(ours)) == cells(sheet_xml(theirs))
    assert len(cells(sheet_xml(ours))) == 3 + 2 + len(VALUES) + 1


def test_values_read_back_as_written(tmp_path: Path) -> None:
    workbook = Workbook(write_only=True)
    ws = new_sheet(workbook, "值")
    date_style = style_id(ws, number_format=DATE_FORMAT)
    ws.append_row(VALUES, [date_style if isinstance(v, dt.date) else 0 for v in VALUES])
    ws.append_row([StyledValue(dt.date(2026, 1, 2), date_style), None, "末"])
    save_workbook(workbook, tmp_path / "values.xlsx")
    rows = list(load_workbook(tmp_path / "values.xlsx", read_only=True).worksheets[0].iter_rows(values_only=True))
    expected = [v if not isinstance(v, Decimal) else float(v) for v in VALUES]
    expected[VALUES.index(dt.date(2024, 2, 29))] = dt.datetime(2024, 2, 29)
    expected[VALUES.index(dt.date(1900, 1, 15))] = dt.datetime(1900, 1, 15)
    expected[VALUES.index(dt.time(8, 30))] = 8.5 / 24  # a time without a time format: its serial number
    assert list(rows[0]) == expected
    assert list(rows[1][:3]) == [dt.datetime(2026, 1, 2), None, "末"]


def test_control_characters_are_dropped_and_the_file_still_opens(tmp_path: Path) -> None:
    workbook = Workbook(write_only=True)
    new_sheet(workbook, "表").append_row(["响\x00铃\x07", "a\x1bb"])
    save_workbook(workbook, tmp_path / "control.xlsx")
    rows = list(load_workbook(tmp_path / "control.xlsx", read_only=True).worksheets[0].iter_rows(values_only=True))
    assert rows == [("响铃", "ab")]


def test_a_sheet_cannot_be_written_after_it_is_closed(tmp_path: Path) -> None:
    workbook = Workbook(write_only=True)
    ws = new_sheet(workbook, "表")
    ws.append_row(["一"])
    ws.close()
    with pytest.raises(Exception, match="already been saved"):
        ws.append_row(["二"])


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_reads_an_export(tmp_path: Path) -> None:
    records = [{"name": f"张{i}", "sex": "女", "birth_date": dt.date(1990, 1, 1 + i), "id_number": "11010519900307123X",
                "notes": "备注 & <说明>"} for i in range(3)]
    path = export_rows(tmp_path / "roster.xlsx", ROSTER_COLUMNS, records)
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=180)
    lines = (tmp_path / "roster.csv").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4
    keys = [c.key for c in ROSTER_COLUMNS]
    first = lines[1].split(",")
    assert first[keys.index("name")] == "张0"
    assert first[keys.index("birth_date")] == "1990-01-01"
    assert first[keys.index("id_number")] == "11010519900307123X"
    assert first[keys.index("notes")] == "备注 & <说明>"
