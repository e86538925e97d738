"""The grid an .ods or .xls CLAIMS, measured before python-calamine builds it.

A few hundred bytes of .ods can say "this cell, repeated 16,384 times, in a row repeated a
million times" (table:number-columns-repeated / table:number-rows-repeated), and a .xls can put
one cell record (or a MULBLANK run of empty cells, or its DIMENSIONS record) at row 65,536,
column 256: calamine then allocates the dense grid up to there (gigabytes, or an abort). Both
formats are measured here from their own bytes, without building anything, and refused beyond
the same limits as an .xlsx (io/sheets/limits.py).

.ods: content.xml is streamed row by row (cut at each ``</table:table-row>``). A row counts up to
its last cell that holds something; trailing empty repeated cells and trailing empty repeated
rows (LibreOffice writes both, to the edge of the sheet) claim nothing, just as calamine drops
them. Element names are matched with the ``table:`` prefix literally, as calamine matches them.

.xls: the BIFF records of each sheet substream are walked (a few bytes each): the DIMENSIONS
record and the position of every cell record, MULRK and MULBLANK included.
"""

from __future__ import annotations

import re
import struct
import zipfile
from pathlib import Path
from typing import Callable

from unionoffice.i18n import _
from unionoffice.io.sheets.errors import SheetError

GridCheck = Callable[[int, int], None]  # (rows, columns) -> raises SheetError beyond the limits

_BLOCK = 1024 * 1024
MAX_ROW_BYTES = 64 * 1024 * 1024  # one <table:table-row> element; a real row is a few KB

_ROW_END = b"</table:table-row>"
_ROW_STARTS = (b"<table:table-row ", b"<table:table-row>", b"<table:table-row\n", b"<table:table-row\t")
_ROWS_REPEATED = re.compile(rb'table:number-rows-repeated\s*=\s*["\'](\d+)')
_REPEATED_CELL = re.compile(
    rb'<table:(?:covered-)?table-cell\b[^>]*?table:number-columns-repeated\s*=\s*["\'](\d+)[^>]*>')
_CELL_TAGS = (b"<table:table-cell", b"<table:covered-table-cell")
_CONTENT_MARKS = (b"office:value-type", b"<text:")


def _has_content(data: bytes, start: int = 0) -> bool:
    return any(data.find(mark, start) >= 0 for mark in _CONTENT_MARKS)


def _only_trailing_repeats(piece: bytes) -> bool:
    """No repeated cell, or nothing with content from the first repeated cell on."""
    first = piece.find(b"columns-repeated")
    if first < 0:
        return True
    return not _has_content(piece, piece.rfind(b"<", 0, first))


def _row_start(piece: bytes) -> int:
    return max(piece.rfind(tag) for tag in _ROW_STARTS)


class _OdsTable:
    """Running extent of the table being streamed."""

    def __init__(self, check: GridCheck) -> None:
        self.check = check
        self.cursor = self.rows = self.columns = 0

    def row(self, piece: bytes) -> None:
        if b"<table:table " in piece or b"<table:table>" in piece:
            # a new sheet may begin before this row (a missed one only makes the count stricter)
            self.cursor = self.rows = self.columns = 0
        if b"rows-repeated" not in piece and _only_trailing_repeats(piece):
            # the common row (LibreOffice ends each with one empty repeated cell): C-level scans only
            self.cursor += 1
            if b"office:value-type" in piece or b"<text:" in piece:
                self.rows = self.cursor
                width = piece.count(b"<table:table-cell")
                if b"<table:covered-table-cell" in piece:
                    width += piece.count(b"<table:covered-table-cell")
                if width > self.columns:
                    self.columns = width
                self.check(self.rows, self.columns)
            return
        self._repeated_row(piece)

    def _repeated_row(self, piece: bytes) -> None:
        start = _row_start(piece)
        if start < 0:
            return
        tag_end = piece.find(b">", start)
        if tag_end < 0:
            return
        repeated = _ROWS_REPEATED.search(piece, start, tag_end + 1)
        count = int(repeated[1]) if repeated else 1
        body = piece[tag_end + 1:]
        self.cursor += count
        if not _has_content(body):
            return  # an empty row (however repeated) claims nothing unless data follows it
        width = sum(body.count(tag) for tag in _CELL_TAGS)
        for cell in _REPEATED_CELL.finditer(body):
            tag = cell[0]
            empty = tag.endswith(b"/>") and not _has_content(tag)
            if empty and not _has_content(body, cell.end()):
                break  # trailing empty cells: nothing after them
            width += int(cell[1]) - 1
        self.rows = self.cursor
        self.columns = max(self.columns, width)
        self.check(self.rows, self.columns)


def check_ods_grid(zf: zipfile.ZipFile, info: zipfile.ZipInfo, check: GridCheck, too_long_row: Callable[[], SheetError]) -> None:
    """Stream an .ods content.xml and ``check`` the grid each table claims so far."""
    table = _OdsTable(check)
    buffer = b""
    with zf.open(info) as fh:
        while block := fh.read(_BLOCK):
            buffer += block
            pieces = buffer.split(_ROW_END)
            buffer = pieces.pop()
            for piece in pieces:
                table.row(piece)
            if len(buffer) > MAX_ROW_BYTES:
                raise too_long_row()


# BIFF record ids (MS-XLS 2.3): cell records begin with row (2 bytes), column (2 bytes).
_BOF, _EOF, _DIMENSIONS = 0x0809, 0x000A, 0x0200
_CELLS = frozenset({0x0201, 0x0203, 0x0204, 0x0205, 0x0006, 0x027E, 0x00FD, 0x00D6})  # BLANK…RSTRING
_RUNS = frozenset({0x00BD, 0x00BE})  # MULRK, MULBLANK: row, first column, …, last column (last 2 bytes)
_STREAMS = ("Workbook", "Book", "WORKBOOK", "BOOK")


def _workbook_stream(path: Path) -> bytes | None:
    import olefile

    if not olefile.isOleFile(str(path)):
        return None  # not a BIFF file: the reader says what it is
    with olefile.OleFileIO(str(path)) as ole:
        for name in _STREAMS:
            if ole.exists(name):
                return ole.openstream(name).read()
    return None


def check_xls_grid(path: Path, check: GridCheck) -> None:
    """Walk a .xls file's sheets and ``check`` the farthest position each one claims."""
    try:
        data = _workbook_stream(path)
    except (OSError, ValueError, struct.error, IndexError):
        return  # damaged container: the reader reports it in its own words
    if data is None:
        return
    unpack = struct.unpack_from
    cells, runs = _CELLS, _RUNS
    rows = columns = 0
    pos, end = 0, len(data) - 4
    while pos <= end:
        rid, size = unpack("<HH", data, pos)
        body = pos + 4
        pos = body + size
        if pos > len(data):
            break
        if rid in cells:
            if size >= 4:
                row, col = unpack("<HH", data, body)
                if row >= rows:
                    rows = row + 1
                if col >= columns:
                    columns = col + 1
        elif rid in runs:
            if size >= 6:
                row, = unpack("<H", data, body)
                last, = unpack("<H", data, pos - 2)
                rows, columns = max(rows, row + 1), max(columns, last + 1)
        elif rid == _DIMENSIONS:
            if size >= 14:
                _first_row, row_end, _first_col, col_end = unpack("<IIHH", data, body)
                rows, columns = max(rows, row_end), max(columns, col_end)
            elif size >= 10:
                _first_row, row_end, _first_col, col_end = unpack("<HHHH", data, body)
                rows, columns = max(rows, row_end), max(columns, col_end)
        elif rid == _BOF:
            check(rows, columns)  # each sheet substream on its own
            rows = columns = 0
    check(rows, columns)


def too_long_row_error(name: str) -> SheetError:
    return SheetError(_("{name} was not read: {limit}.").format(
        name=name, limit=_("one of its rows is larger than {limit} MB").format(limit=MAX_ROW_BYTES // 2**20)))
