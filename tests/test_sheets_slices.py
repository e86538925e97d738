"""Reading a large .xlsx with python-calamine a slice of rows at a time: the same rows as
python-calamine reading it whole, wherever the slices fall; unusual markup read by the lxml stream."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
import python_calamine
from openpyxl import Workbook

from sheets_support import COLUMNS, fill_cell_kinds, make_messy_workbook, trimmed as _trimmed
from unionoffice.io.sheets import read_and_parse, reader
from unionoffice.io.sheets.xlsx_chunks import SlicedSheet
from unionoffice.io.sheets.xlsx_stream import XlsxBook


def _calamine(path: Path):
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    return _trimmed(book.get_sheet_by_index(0).to_python(skip_empty_area=False))


def _sliced(path: Path, slice_bytes: int):
    book = XlsxBook(path)
    try:
        sheet = SlicedSheet(book, book.sheets[0], slice_bytes)
        return sheet, _trimmed(sheet.rows())
    finally:
        book.close()


def _kinds(path: Path, date1904: bool = False) -> Path:
    wb = Workbook()
    wb.epoch = dt.datetime(1904, 1, 1) if date1904 else wb.epoch
    ws = wb.active
    fill_cell_kinds(ws)
    for index in range(6, 80):
        ws.cell(index, 1 + index % 5, f"第{index}行")
    ws["C120"] = dt.date(1999, 12, 31)
    wb.save(path)
    return path


@pytest.mark.parametrize("slice_bytes", [1, 200, 5_000, 1 << 20])
def test_sliced_rows_equal_python_calamines_wherever_the_slices_fall(tmp_path, slice_bytes):
    path = _kinds(tmp_path / "kinds.xlsx")
    sheet, rows = _sliced(path, slice_bytes)
    assert sheet.usable
    assert rows == _calamine(path)


def test_a_1904_workbook_keeps_its_dates_in_every_slice(tmp_path):
    path = _kinds(tmp_path / "mac.xlsx", date1904=True)
    assert _sliced(path, 300)[1] == _calamine(path)


def test_a_sheet_whose_first_columns_are_empty_keeps_its_columns(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws["C3"] = "姓名"
    ws["D3"] = "身份证号"
    ws["C40"] = "张三"
    path = tmp_path / "offset.xlsx"
    wb.save(path)
    rows = _sliced(path, 50)[1]
    assert rows[2] == ["", "", "姓名", "身份证号"] and rows[39] == ["", "", "张三"] and len(rows) == 40


def test_the_messy_ledger_imports_alike_in_slices_and_whole(tmp_path, monkeypatch):
    path = make_messy_workbook(tmp_path / "messy.xlsx")
    whole = read_and_parse(path, COLUMNS, key="id_number")
    monkeypatch.setattr(reader, "SLICE_FROM_BYTES", 0)
    sliced = read_and_parse(path, COLUMNS, key="id_number")
    assert [(r.row_number, r.values, [e.message for e in r.errors]) for r in sliced.rows] == \
        [(r.row_number, r.values, [e.message for e in r.errors]) for r in whole.rows]


def test_a_comment_among_the_rows_hands_the_rest_to_the_lxml_stream(tmp_path):
    path = _kinds(tmp_path / "kinds.xlsx")
    with zipfile.ZipFile(path) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(b'<row r="60"', b'<!-- </row> --><row r="60"', 1)
    commented = tmp_path / "commented.xlsx"
    with zipfile.ZipFile(commented, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    assert _sliced(commented, 300)[1] == _calamine(path)


def test_rows_without_references_are_read_by_the_lxml_stream(tmp_path):
    path = _kinds(tmp_path / "kinds.xlsx")
    with zipfile.ZipFile(path) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    import re

    parts["xl/worksheets/sheet1.xml"] = re.sub(rb'<row r="\d+"', b"<row", parts["xl/worksheets/sheet1.xml"])
    bare = tmp_path / "bare.xlsx"
    with zipfile.ZipFile(bare, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    book = XlsxBook(bare)
    try:
        expected = _trimmed(book.rows(book.sheets[0]))
    finally:
        book.close()
    assert _sliced(bare, 300)[1] == expected


def test_slices_are_read_lazily(tmp_path):
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("名册")
    ws.append(["姓名", "身份证号"])
    for index in range(30_000):
        ws.append([f"会员{index}", ""])
    path = tmp_path / "big.xlsx"
    wb.save(path)
    book = XlsxBook(path)
    sheet = SlicedSheet(book, book.sheets[0], 64 * 1024)
    rows = sheet.rows()
    first = [next(rows) for _ in range(3)]
    assert first[0] == ["姓名", "身份证号"] and first[2] == ["会员1"]
    # The generator holds the slice it is in, never the sheet: its frame has not seen the last row.
    assert all("会员29999" not in str(value) for value in rows.gi_frame.f_locals.values())
    assert sum(1 for _ in rows) == 30_000 - 2
    book.close()


def _roster_with_far_cell(path: Path, rows: int, far_cell: str | None) -> Path:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("名册")
    ws.append(["姓名", "身份证号"])
    for index in range(rows):
        ws.append(["会员", index])  # one shared string: the slices are not held to the strings' size
    plain = path.with_name("plain-" + path.name)
    wb.save(plain)
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if far_cell and info.filename.startswith("xl/worksheets/"):
                last = f'r="B{rows + 1}"'.encode()
                assert last in data
                data = data.replace(last, f'r="{far_cell}"'.encode())
            out.writestr(info, data)
    return path


@pytest.mark.parametrize("far_cell, limit", [("B1048576", "300,000"), ("AMA20000", "1,000")])
def test_a_far_cell_in_a_late_slice_is_refused_before_python_calamine_builds_its_grid(tmp_path, monkeypatch, far_cell, limit):
    # The sheet is not scanned whole before a sliced read: each slice is, before its grid is built
    # (a grid up to B1048576 from a slice would be a million rows).
    path = _roster_with_far_cell(tmp_path / "far.xlsx", 20_000, far_cell)
    monkeypatch.setattr(reader, "SLICE_FROM_BYTES", 0)
    built = []
    original = SlicedSheet._grid
    monkeypatch.setattr(SlicedSheet, "_grid", lambda self, xml: built.append(len(xml)) or original(self, xml))
    from unionoffice.io.sheets import SheetError

    with pytest.raises(SheetError, match=limit):
        read_and_parse(path, COLUMNS)
    assert len(built) > 1  # the first slices were read (nothing scanned the whole sheet first)


def test_the_first_slice_is_small_and_the_next_ones_grow(tmp_path):
    path = _roster_with_far_cell(tmp_path / "plain.xlsx", 60_000, None)
    book = XlsxBook(path)
    try:
        sheet = SlicedSheet(book, book.sheets[0], 1 << 20)
        sizes = [len(piece) for piece in sheet._slices()]
    finally:
        book.close()
    assert sizes[0] < 300 << 10
    assert sizes[1] > 1.5 * sizes[0] and max(sizes) <= (1 << 20) + 4096
