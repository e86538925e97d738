"""Limits checked BEFORE a spreadsheet is handed to the reader.

python-calamine allocates a sheet as a dense grid up to its farthest cell: a 2 KB .xlsx with a
single cell at XFD1048576 asks for 512 GB and aborts the process (no exception to catch). So
the archive sizes are checked first (uncompressed, from the zip directory) and every worksheet's
XML is scanned, as a stream, for the farthest cell it names; beyond the limits the file is
refused with a message that names the limit. An .ods and a .xls are measured by the grid they
claim (repeated cells and rows, DIMENSIONS and cell records: io/sheets/claimed_grid.py) against the
same limits.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from unionoffice.i18n import _
from unionoffice.io.sheets.claimed_grid import check_ods_grid, check_xls_grid, too_long_row_error
from unionoffice.io.sheets.errors import SheetError

MAX_ROWS = 300_000
MAX_COLUMNS = 1_000
MAX_CELLS = 10_000_000  # rows × columns of the grid the reader builds
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024
MAX_MEMBERS = 10_000

# A cell's reference attribute with a column of two or more letters (rare in an office ledger;
# row elements have digits only, so they never match).
_WIDE_COLUMNS = re.compile(rb' r="([A-Z]{2,4})[0-9]')
_BLOCK = 1024 * 1024
_OVERLAP = 256


def _column_number(letters: bytes) -> int:
    number = 0
    for char in letters:
        number = number * 26 + (char - 64)
    return number


def _refuse(name: str, what: str) -> SheetError:
    return SheetError(_("{name} was not read: {limit}.").format(name=name, limit=what))


def check_grid(name: str, rows: int, columns: int) -> None:
    """SheetError when a sheet of ``rows`` × ``columns`` is beyond what the reader may build."""
    if rows > MAX_ROWS:
        raise _refuse(name, _("it has more than {limit} rows").format(limit=f"{MAX_ROWS:,}"))
    if columns > MAX_COLUMNS:
        raise _refuse(name, _("it has more than {limit} columns").format(limit=f"{MAX_COLUMNS:,}"))
    if rows * max(columns, 26) > MAX_CELLS:
        raise _refuse(name, _("its sheet spans more than {limit} cells").format(limit=f"{MAX_CELLS:,}"))


class GridScan:
    """The farthest cell a worksheet's XML names so far, checked against the limits as each piece
    of it is fed (SheetError beyond them). Pieces cut at row ends need no overlap; arbitrary blocks
    are fed with the tail of the previous one (``_scan_sheet``)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.max_row = 0
        self.max_col = 0

    def feed(self, data: bytes) -> None:
        # This runs on every import: each search skips on a literal prefix, and only references
        # long enough to matter are looked at (a 20,000-row roster matches none of them).
        columns = set(_WIDE_COLUMNS.findall(data))
        if columns:
            self.max_col = max(self.max_col, max(_column_number(c) for c in columns))
        threshold = min(MAX_ROWS, MAX_CELLS // max(self.max_col, 26))
        long_rows = re.findall(rb' r="[A-Z]{1,4}([0-9]{%d,9})"' % len(str(threshold)), data)
        if long_rows:
            self.max_row = max(self.max_row, max(int(r) for r in long_rows))
        check_grid(self.name, self.max_row, self.max_col)


def _scan_sheet(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> None:
    """The farthest cell a worksheet names, checked against the limits while streaming."""
    scan = GridScan(name)
    tail = b""
    with zf.open(info) as fh:
        while block := fh.read(_BLOCK):
            data = tail + block
            scan.feed(data)
            tail = data[-_OVERLAP:]


def check_spreadsheet_limits(path: Path, scan_worksheets: bool = True) -> None:
    """Raise SheetError when ``path`` is too large to read safely (see the module docstring).
    ``scan_worksheets=False``: the sizes only, for a reader that scans each piece of a worksheet
    with ``GridScan`` before it is read (xlsx_chunks)."""
    name = path.name
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise _refuse(name, _("the file is larger than {limit} MB").format(limit=MAX_FILE_BYTES // 2**20))
    if not zipfile.is_zipfile(path):
        check_xls_grid(path, lambda rows, columns: check_grid(name, rows, columns))  # .xls/.et
        return
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_MEMBERS:
                raise _refuse(name, _("it holds more than {limit} parts").format(limit=f"{MAX_MEMBERS:,}"))
            if sum(i.file_size for i in infos) > MAX_UNCOMPRESSED_BYTES:
                raise _refuse(name, _("it unpacks to more than {limit} MB").format(limit=MAX_UNCOMPRESSED_BYTES // 2**20))
            for info in infos if scan_worksheets else ():
                if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                    _scan_sheet(zf, info, name)
                elif info.filename == "content.xml":  # .ods
                    check_ods_grid(zf, info, lambda rows, columns: check_grid(name, rows, columns),
                                   lambda: too_long_row_error(name))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError, zlib.error):
        return  # the reader reports a damaged file in its own words
