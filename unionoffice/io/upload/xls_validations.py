"""The list validations (dropdowns) of an .xls file, read from its BIFF8 DV records.

python-calamine reads an .xls file's values but not its validations, so this walks the
Workbook stream itself (olefile opens the compound file): BOUNDSHEET gives each sheet's
substream, EXTERNSHEET and NAME resolve references to other sheets and defined names, and each
DV record of type "list" becomes (formula, sqref) as openpyxl writes them. Anything unexpected
gives no validation rather than an error: the template is still read, with fewer lists.
"""

from __future__ import annotations

import struct
from pathlib import Path

import olefile
from openpyxl.utils import get_column_letter, quote_sheetname

_BOF, _EOF, _BOUNDSHEET, _EXTERNSHEET, _NAME, _DV = 0x0809, 0x000A, 0x0085, 0x0017, 0x0018, 0x01BE
_LIST = 3
MAX_STREAM = 64 * 1024 * 1024


def _records(data: bytes, start: int = 0):  # type: ignore[no-untyped-def]
    pos = start
    while pos + 4 <= len(data):
        kind, size = struct.unpack_from("<HH", data, pos)
        yield pos, kind, data[pos + 4:pos + 4 + size]
        pos += 4 + size


def _unicode(data: bytes, pos: int, count: int) -> tuple[str, int]:
    """XLUnicodeStringNoCch: a flags byte, then ``count`` characters of 1 or 2 bytes."""
    flags = data[pos]
    pos += 1
    if flags & 0x01:
        text = data[pos:pos + 2 * count].decode("utf-16-le", "replace")
        return text, pos + 2 * count
    return data[pos:pos + count].decode("latin-1"), pos + count


def _xl_unicode(data: bytes, pos: int) -> tuple[str, int]:
    (count,) = struct.unpack_from("<H", data, pos)
    return _unicode(data, pos + 2, count)


def _area(rw1: int, rw2: int, col1: int, col2: int) -> str:
    a = f"${get_column_letter((col1 & 0x3FFF) + 1)}${rw1 + 1}"
    b = f"${get_column_letter((col2 & 0x3FFF) + 1)}${rw2 + 1}"
    return a if a == b else f"{a}:{b}"


class _Globals:
    def __init__(self, data: bytes) -> None:
        self.sheets: list[tuple[str, int]] = []  # (name, BOF position)
        self.xti: list[int] = []  # EXTERNSHEET entry -> first sheet index
        self.names: list[str | None] = []  # NAME records in order -> formula text
        raw_names: list[bytes] = []
        for _pos, kind, body in _records(data):
            if kind == _EOF:
                break
            if kind == _BOUNDSHEET and len(body) >= 8:
                offset, _state, _type, count = struct.unpack_from("<IBBB", body, 0)
                name, _ = _unicode(body, 7, count)
                self.sheets.append((name, offset))
            elif kind == _EXTERNSHEET and len(body) >= 2:
                (count,) = struct.unpack_from("<H", body, 0)
                self.xti = [struct.unpack_from("<HHH", body, 2 + 6 * i)[1] for i in range(count)
                            if 2 + 6 * i + 6 <= len(body)]
            elif kind == _NAME:
                raw_names.append(body)
        self.names = [self._name_formula(body) for body in raw_names]

    def sheet_name(self, ixti: int) -> str | None:
        if 0 <= ixti < len(self.xti) and 0 <= self.xti[ixti] < len(self.sheets):
            return self.sheets[self.xti[ixti]][0]
        return None

    def _name_formula(self, body: bytes) -> str | None:
        if len(body) < 14:
            return None
        grbit, _key, count, cce = struct.unpack_from("<HBBH", body, 0)
        if grbit & 0x20:  # built-in name (print area …)
            return None
        _name, pos = _unicode(body, 14, count)
        return self.formula(body[pos:pos + cce], None)

    def formula(self, rgce: bytes, own_sheet: str | None) -> str | None:
        """The one-token formulas a list validation uses, as openpyxl writes them."""
        if not rgce:
            return None
        ptg = rgce[0]
        if ptg == 0x17 and len(rgce) >= 3:  # tStr: an explicit list, items split by NUL
            text, _ = _unicode(rgce, 2, rgce[1])
            items = [item for item in text.split("\x00") if item]
            return '"' + ",".join(items) + '"'
        if ptg in (0x25, 0x45, 0x65) and len(rgce) >= 9:  # tArea on the same sheet
            return _area(*struct.unpack_from("<HHHH", rgce, 1))
        if ptg in (0x3B, 0x5B, 0x7B) and len(rgce) >= 11:  # tArea3d
            (ixti,) = struct.unpack_from("<H", rgce, 1)
            sheet = self.sheet_name(ixti)
            return f"{quote_sheetname(sheet)}!{_area(*struct.unpack_from('<HHHH', rgce, 3))}" if sheet else None
        if ptg in (0x3A, 0x5A, 0x7A) and len(rgce) >= 7:  # tRef3d
            (ixti, row, col) = struct.unpack_from("<HHH", rgce, 1)
            sheet = self.sheet_name(ixti)
            return f"{quote_sheetname(sheet)}!{_area(row, row, col, col)}" if sheet else None
        if ptg in (0x23, 0x43, 0x63) and len(rgce) >= 5:  # tName
            (index,) = struct.unpack_from("<I", rgce, 1)
            if 1 <= index <= len(self.names):
                return self.names[index - 1]
        return None


def _dv(body: bytes, glob: _Globals) -> tuple[str, str] | None:
    (flags,) = struct.unpack_from("<I", body, 0)
    if flags & 0x0F != _LIST:
        return None
    pos = 4
    for _ in range(4):  # prompt title, error title, prompt, error
        _text, pos = _xl_unicode(body, pos)
    (cce,) = struct.unpack_from("<H", body, pos)
    formula = glob.formula(body[pos + 4:pos + 4 + cce], None)
    pos += 4 + cce
    (cce2,) = struct.unpack_from("<H", body, pos)
    pos += 4 + cce2
    (count,) = struct.unpack_from("<H", body, pos)
    pos += 2
    ranges = []
    for _ in range(count):
        rw1, rw2, col1, col2 = struct.unpack_from("<HHHH", body, pos)
        pos += 8
        ranges.append(_area(rw1, rw2, col1, col2).replace("$", ""))
    if formula is None or not ranges:
        return None
    return formula, " ".join(ranges)


def read_list_validations(path: Path) -> dict[str, list[tuple[str, str]]]:
    """Sheet name -> [(formula1, sqref)] for every list validation; {} when none can be read."""
    try:
        with olefile.OleFileIO(str(path)) as ole:
            stream = "Workbook" if ole.exists("Workbook") else "Book" if ole.exists("Book") else None
            if stream is None or ole.get_size(stream) > MAX_STREAM:
                return {}
            data = ole.openstream(stream).read()
    except (OSError, ValueError, struct.error):
        return {}
    found: dict[str, list[tuple[str, str]]] = {}
    try:
        glob = _Globals(data)
        for name, offset in glob.sheets:
            for _pos, kind, body in _records(data, offset):
                if kind == _EOF:
                    break
                if kind == _DV:
                    try:
                        rule = _dv(body, glob)
                    except (struct.error, IndexError):
                        continue
                    if rule is not None:
                        found.setdefault(name, []).append(rule)
    except (struct.error, IndexError):
        return found
    return found
