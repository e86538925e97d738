"""A small .ods or .xls that claims a huge grid is refused before python-calamine allocates it."""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import olefile
import pytest
from reliability_support import cli_env

from unionoffice.io.sheets import SheetError
from unionoffice.io.sheets.reader import open_workbook
from unionoffice.store.database import open_database

DATA = Path(__file__).parent / "data"

_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
       'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
       'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')


def _cell(text: str, repeated: int = 1) -> str:
    times = f' table:number-columns-repeated="{repeated}"' if repeated > 1 else ""
    return f'<table:table-cell office:value-type="string"{times}><text:p>{text}</text:p></table:table-cell>'


def _row(cells: str, repeated: int = 1) -> str:
    times = f' table:number-rows-repeated="{repeated}"' if repeated > 1 else ""
    return f"<table:table-row{times}>{cells}</table:table-row>"


HEADER_ROW = _row(_cell("姓名") + _cell("性别"))
# What LibreOffice writes: every row padded with empty cells to the sheet's edge, and the rest of
# the sheet as one empty row repeated to row 1,048,576.
EDGE = '<table:table-cell table:number-columns-repeated="16382"/>'
SHEET_END = _row('<table:table-cell table:number-columns-repeated="16384"/>', repeated=1_048_574)


def _ods(path: Path, rows: str) -> Path:
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_NS} office:version="1.2">'
               f'<office:body><office:spreadsheet><table:table table:name="名单">{rows}</table:table>'
               "</office:spreadsheet></office:body></office:document-content>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("META-INF/manifest.xml", '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
                    'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                    "</manifest:manifest>")
        zf.writestr("content.xml", content)
    return path


def _records(data: bytes):
    pos = 0
    while pos + 4 <= len(data):
        rid, size = struct.unpack_from("<HH", data, pos)
        yield rid, pos + 4, size
        pos += 4 + size


def _patched_xls(path: Path, *, cell_at: tuple[int, int] | None = None, dimensions: tuple[int, int] | None = None,
                 mulblank_at: tuple[int, int] | None = None) -> Path:
    """A copy of a real .xls (made by LibreOffice) with one cell record moved or its DIMENSIONS changed."""
    shutil.copy(DATA / "sheets-messy.xls", path)
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        data = bytearray(ole.openstream("Workbook").read())
        substream, moved = 0, False
        for rid, body, size in _records(bytes(data)):
            if rid == 0x0809:
                substream += 1
            if substream != 2:  # the first worksheet
                continue
            if rid == 0x0200 and dimensions:
                struct.pack_into("<IIHH", data, body, 0, dimensions[0], 0, dimensions[1])
            if rid == 0x00FD and size == 10 and not moved and (cell_at or mulblank_at):
                if cell_at:
                    struct.pack_into("<HH", data, body, *cell_at)
                else:  # the same 10 bytes as a MULBLANK: row, first column, two XF indexes, last column
                    row, last = mulblank_at
                    struct.pack_into("<HHHHHH", data, body - 4, 0x00BE, 10, row, last - 1, 15, 15)
                    struct.pack_into("<H", data, body + 8, last)
                moved = True
        ole.write_stream("Workbook", bytes(data))
    return path


def test_an_ods_of_a_repeated_row_of_repeated_cells_is_refused_naming_the_row_limit(tmp_path):
    bomb = _ods(tmp_path / "炸弹.ods", HEADER_ROW + _row(_cell("张三", 16_384), repeated=1_000_000))
    assert bomb.stat().st_size < 2000
    with pytest.raises(SheetError, match="300,000 行"):
        open_workbook(bomb)


def test_an_ods_row_repeating_one_cell_past_the_column_limit_is_refused(tmp_path):
    with pytest.raises(SheetError, match="1,000 列"):
        open_workbook(_ods(tmp_path / "宽.ods", HEADER_ROW + _row(_cell("张三", 1_001))))


def test_empty_repeated_cells_before_a_value_count_as_columns(tmp_path):
    row = _row('<table:table-cell table:number-columns-repeated="1000000"/>' + _cell("张三"))
    with pytest.raises(SheetError, match="1,000 列"):
        open_workbook(_ods(tmp_path / "宽.ods", HEADER_ROW + row))


def test_empty_repeated_rows_before_a_value_count_as_rows(tmp_path):
    rows = HEADER_ROW + _row("<table:table-cell/>", repeated=1_000_000) + _row(_cell("张三"))
    with pytest.raises(SheetError, match="300,000 行"):
        open_workbook(_ods(tmp_path / "长.ods", rows))


def test_an_ods_within_rows_and_columns_but_over_the_cell_limit_is_refused(tmp_path):
    rows = HEADER_ROW + _row(_cell("张三", 100), repeated=200_000)
    with pytest.raises(SheetError, match="10,000,000 个单元格"):
        open_workbook(_ods(tmp_path / "大.ods", rows))


def test_libreoffice_padding_to_the_sheet_edge_is_accepted_and_read(tmp_path):
    rows = HEADER_ROW + _row(_cell("张三") + _cell("男") + EDGE) + SHEET_END
    sheet = open_workbook(_ods(tmp_path / "名单.ods", rows)).get_sheet_by_name("名单")
    assert sheet.to_python() == [["姓名", "性别"], ["张三", "男"]]


def test_the_real_ods_and_xls_fixtures_still_read():
    for suffix in ("ods", "xls"):
        workbook = open_workbook(DATA / f"sheets-messy.{suffix}")
        assert len(workbook.get_sheet_by_name(workbook.sheet_names[0]).to_python()) > 5


def test_a_second_sheet_is_measured_on_its_own(tmp_path):
    # 250,000 rows on one sheet and 900 columns on another: each within the limits.
    tall = HEADER_ROW + _row(_cell("张三"), repeated=250_000)
    path = _ods(tmp_path / "两表.ods", tall + '</table:table><table:table table:name="宽">' + _row(_cell("x", 900)))
    open_workbook(path)


def test_an_xls_cell_record_at_the_last_row_and_column_is_refused(tmp_path):
    with pytest.raises(SheetError, match="10,000,000 个单元格"):
        open_workbook(_patched_xls(tmp_path / "远.xls", cell_at=(65_535, 255)))


def test_an_xls_whose_dimensions_record_claims_the_whole_grid_is_refused(tmp_path):
    with pytest.raises(SheetError, match="10,000,000 个单元格"):
        open_workbook(_patched_xls(tmp_path / "维度.xls", dimensions=(65_536, 256)))


def test_an_xls_run_of_empty_cells_far_away_is_refused(tmp_path):
    with pytest.raises(SheetError, match="10,000,000 个单元格"):
        open_workbook(_patched_xls(tmp_path / "空白.xls", mulblank_at=(65_535, 255)))


@pytest.mark.parametrize("kind", ["ods", "xls"])
def test_the_command_refuses_in_one_line_under_a_memory_ceiling_and_writes_nothing(tmp_path, kind):
    if kind == "ods":
        bomb = _ods(tmp_path / "炸弹.ods", HEADER_ROW + _row(_cell("张三", 16_384), repeated=1_000_000))
    else:
        bomb = _patched_xls(tmp_path / "炸弹.xls", cell_at=(65_535, 255))
    db = tmp_path / "x.sqlite3"
    open_database(db).close()
    # A memory ceiling, so that a regression fails the test instead of the machine.
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30));"
            "from unionoffice.cli import main; sys.exit(main(sys.argv[1:]))")
    result = subprocess.run([sys.executable, "-c", code, "import-members", str(bomb), "--db", str(db)],
                            capture_output=True, text=True, timeout=120, env=cli_env())
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().count("\n") == 0 and "Traceback" not in result.stderr
    assert "没有读取" in result.stderr
