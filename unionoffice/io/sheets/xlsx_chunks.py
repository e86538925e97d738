"""Reading a large .xlsx worksheet with python-calamine a slice of rows at a time.

python-calamine holds a whole sheet as a grid (a 200,000-row roster: about 380 MiB), and the
lxml stream of ``xlsx_stream`` holds one row but costs five times the CPU. Here the worksheet's
XML is cut, as it unzips, into slices of whole rows (about ``SLICE_BYTES`` each); each slice goes
to python-calamine as a small workbook of its own (the same styles, shared strings and date
system, one worksheet holding only those rows), so the values are python-calamine's own and
memory holds one slice.

Rows start at Excel row 1 (gaps yielded as empty rows) and each row starts at column A, with its
trailing blank cells left out, as ``xlsx_stream`` gives them. Markup a slice cannot be cut safely
at (comments, CDATA, processing instructions, rows or cells without their reference, another
namespace) hands the sheet, from the row reached, to the lxml stream.
"""

from __future__ import annotations

import io
import re
import zipfile
from itertools import islice
from typing import Any, Iterator

import python_calamine as calamine

from unionoffice.i18n import _
from unionoffice.io.sheets.errors import SheetError
from unionoffice.io.sheets.limits import GridScan
from unionoffice.io.sheets.xlsx_stream import SheetInfo, XlsxBook

SLICE_BYTES = 8 << 20  # worksheet XML per slice (about 6,000 rows of a verbose roster)
# The first slice is smaller (about 180 rows), and each next one twice the last up to SLICE_BYTES:
# the first rows are parsed (and, from a worker, planned and written) while the rest unzips. Every
# slice reads the shared strings again, so no slice is smaller than they are.
FIRST_SLICE_BYTES = 256 << 10
_READ = 1 << 20
_MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_ROOT = re.compile(rb"<([\w.-]+:)?worksheet\b[^>]*>")
_UNUSUAL = (b"<!--", b"<![CDATA[", b"<?")

_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    b'<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    b"</Types>"
)
_PACKAGE_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    b'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    b'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    b'<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    b"</Relationships>"
)
_EMPTY_STYLES = b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'
_EMPTY_STRINGS = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'


class Unsliceable(Exception):
    """The worksheet cannot be cut into slices safely: the caller reads it another way."""


def _workbook_xml(date1904: bool) -> bytes:
    properties = b'<workbookPr date1904="1"/>' if date1904 else b""
    return (b'<?xml version="1.0" encoding="UTF-8"?>'
            b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' + properties +
            b'<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')


class SlicedSheet:
    """One worksheet of an open XlsxBook, read a slice at a time (``rows()``)."""

    def __init__(self, book: XlsxBook, sheet: SheetInfo, slice_bytes: int = SLICE_BYTES) -> None:
        self.book = book
        self.sheet = sheet
        self.slice_bytes = slice_bytes
        zf = book._zip
        self._styles = zf.read(book._styles_part) if book._styles_part else _EMPTY_STYLES
        self._strings = zf.read(book._strings_part) if book._strings_part else _EMPTY_STRINGS
        self._workbook = _workbook_xml(book.date1904)
        self._first_slice = min(slice_bytes, max(FIRST_SLICE_BYTES, len(self._strings)))
        # The limits checked slice by slice before python-calamine builds a slice's grid (the
        # caller checked the archive's sizes only: check_spreadsheet_limits(scan_worksheets=False)).
        self._scan = GridScan(book.path.name)
        self._fh = zf.open(sheet.part)
        head = self._fh.read(_READ)
        root = _ROOT.search(head)
        first = head.find(b"<" + (root.group(1) or b"") + b"row", root.end()) if root is not None else -1
        before_rows = head[:first if first >= 0 else len(head)]
        self.usable = (root is not None and _MAIN in root.group(0)
                       and not any(marker in before_rows for marker in (b"<!--", b"<![CDATA[")))
        self._prefix = (root.group(1) or b"") if root is not None else b""
        self._start_tag = root.group(0) if root is not None else b""
        data = self._prefix + b"sheetData"
        self._buffer = head[first:] if first >= 0 else b""
        self._open = b"<" + data + b">"
        self._close = b"</" + data + b"></" + self._prefix + b"worksheet>"
        self._row_start = b"<" + self._prefix + b"row"
        self._cell_start = b"<" + self._prefix + b"c"
        self._row_end = b"</" + self._prefix + b"row>"
        self._finished = first < 0

    def close(self) -> None:
        self._fh.close()

    def _slices(self) -> Iterator[bytes]:
        """The rows' XML, cut after a ``</row>`` every ``slice_bytes`` or so (less at first)."""
        size = wanted = self._first_slice
        while True:
            while not self._finished and len(self._buffer) < wanted:
                block = self._fh.read(_READ)
                if not block:
                    self._finished = True
                    break
                self._buffer += block
            buffer = self._buffer
            if self._finished and len(buffer) <= wanted:
                end = buffer.rfind(self._row_end)
                end = end + len(self._row_end) if end >= 0 else 0
                tail = buffer[end:]
                self._buffer = b""
                if end:
                    yield buffer[:end]
                # The tail after the last row: </sheetData> and what follows; a row closed by "/>"
                # (an empty row) holds no value.
                if self._cell_start in tail.split(b"</" + self._prefix + b"sheetData", 1)[0]:
                    raise Unsliceable()  # cells after the last </row>: nothing this reader knows
                return
            end = buffer.rfind(self._row_end, 0, wanted)  # the last row ending within the slice's size
            if end < 0:
                end = buffer.find(self._row_end)  # a row longer than that: the slice is that row
            if end < 0:
                wanted = len(buffer) + _READ  # no row ends yet: read on (at the end: the tail above)
                continue
            end += len(self._row_end)
            self._buffer = buffer[end:]
            size = wanted = min(size * 2, self.slice_bytes)
            yield buffer[:end]

    def _grid(self, rows_xml: bytes) -> tuple[tuple[int, int] | None, list[list[Any]]]:
        if any(marker in rows_xml for marker in _UNUSUAL) or not self._numbered(rows_xml):
            raise Unsliceable()
        self._scan.feed(rows_xml)
        sheet_xml = self._start_tag + self._open + rows_xml + self._close
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zf:
            zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
            zf.writestr("_rels/.rels", _PACKAGE_RELS)
            zf.writestr("xl/workbook.xml", self._workbook)
            zf.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
            zf.writestr("xl/styles.xml", self._styles)
            zf.writestr("xl/sharedStrings.xml", self._strings)
            zf.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        del sheet_xml
        out.seek(0)
        try:
            workbook = calamine.CalamineWorkbook.from_filelike(out)
            try:
                found = workbook.get_sheet_by_index(0)
                if found.start is None:
                    return None, []
                return found.start, found.to_python(skip_empty_area=True)
            finally:
                workbook.close()
        except calamine.CalamineError as exc:
            raise SheetError(_("The sheet “{sheet}” cannot be read ({detail}).").format(
                sheet=self.sheet.name, detail=exc)) from None

    def _numbered(self, rows_xml: bytes) -> bool:
        """Whether the slice's first row and first cell carry their reference (a slice read alone
        must know where it lies: every writer of workbooks a clerk has writes them)."""
        row_tag = rows_xml[:rows_xml.find(b">") + 1]
        if not row_tag.startswith(self._row_start) or b' r="' not in row_tag:
            return False
        cell = rows_xml.find(self._cell_start + b" ")
        if cell < 0:
            return True
        return b' r="' in rows_xml[cell:rows_xml.find(b">", cell) + 1]

    def rows(self) -> Iterator[list[Any]]:
        """The sheet's rows from Excel row 1, each from column A without trailing blanks."""
        next_row = 0  # 0-based index of the next row to yield
        try:
            try:
                if not self.usable:
                    raise Unsliceable()
                for rows_xml in self._slices():
                    start, grid = self._grid(rows_xml)
                    if start is None:
                        continue
                    first_row, first_column = start
                    while next_row < first_row:
                        next_row += 1
                        yield []
                    pad = [""] * first_column
                    for row in grid:
                        while row and row[-1] == "":
                            row.pop()
                        next_row += 1
                        yield pad + row if pad and row else row
                    del grid
            except Unsliceable:
                self.close()
                yield from islice(self.book.rows(self.sheet), next_row, None)
        except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
            raise SheetError(_("The sheet “{sheet}” cannot be read ({detail}).").format(
                sheet=self.sheet.name, detail=exc)) from None
        finally:
            self.close()
