"""Write-only worksheets whose rows are written here as UTF-8 XML, for every .xlsx the program writes.

openpyxl's write-only mode has two costs that an export of 200,000 members feels:

- Its lxml stream is opened without an encoding, so lxml writes US-ASCII: every Chinese character
  becomes a character reference (``&#x5F20;`` for 张), which makes the sheet's XML about three times
  longer to write, compress and read back.
- Each cell goes through a ``WriteOnlyCell`` (type guessing, string checks, a style lookup, a
  coordinate) and lxml's element calls: most of the export's time, more again for ruled cells.

Here a sheet keeps openpyxl for everything around the rows (column widths, views, page setup,
auto-filter, drop-downs: serialised from openpyxl's own elements) and writes ``<sheetData>`` itself:
one string per row, the column letters and style ids worked out once. The cells are the ones
openpyxl writes in write-only mode (inline strings, numbers, booleans, dates as serial numbers in a
date format), so every reader that read the old files reads these.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from math import isfinite
from typing import Any, Iterable, NamedTuple, Sequence

from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.workbook import Workbook
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import tostring

from unionoffice.domain.text_rules import xml_safe

_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         f'<worksheet xmlns="{SHEET_MAIN_NS}">').encode()
_TAIL = b"</worksheet>"
_EXCEL_DAY_ZERO = dt.date(1899, 12, 30).toordinal()
_FIRST_PLAIN_DAY = dt.date(1900, 3, 1)  # before it Excel's serials count its 29 February 1900
_MAX_TEXT = 32_767  # characters Excel keeps in a cell (openpyxl cuts there too)


class StyledValue(NamedTuple):
    """A value that takes another style than its column's (a date that carries a time of day)."""

    value: Any
    style: int


def style_id(ws: WriteOnlyWorksheet, **style: Any) -> int:
    """The workbook's id for a cell style (number_format, border, alignment, font, fill, protection),
    registered once, to pass to ``StreamedSheet.append_row``."""
    cell = WriteOnlyCell(ws)
    for name, value in style.items():
        setattr(cell, name, value)
    return cell.style_id if cell.has_style else 0


def text_xml(value: str) -> str:
    """``value`` as the content of an inline string (``<t>`` with its space rule), escaped for XML;
    characters XML cannot hold are dropped."""
    if len(value) > _MAX_TEXT:
        value = value[:_MAX_TEXT]
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    if not (value.isascii() and value.isprintable()):
        value = xml_safe(value)
        if "\r" in value:
            value = value.replace("\r", "&#13;")  # a bare CR would be read back as a line feed
    if value[:1].isspace() or value[-1:].isspace():
        return f'<t xml:space="preserve">{value}</t>'
    return f"<t>{value}</t>"


def excel_serial(value: dt.date | dt.datetime | dt.time | dt.timedelta) -> float | int:
    """A date, time or duration as Excel's serial number (days since 1899-12-30, the 1900 system)."""
    if value.__class__ is dt.date and value >= _FIRST_PLAIN_DAY:
        return value.toordinal() - _EXCEL_DAY_ZERO
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.replace(tzinfo=None)  # Excel has no time zones: the clock time as recorded
    return to_excel(value)


def cell_xml(ref: str, value: Any, style: int) -> str:
    """One ``<c>`` element; "" for a blank cell without a style (nothing to write)."""
    kind = value.__class__
    if kind is StyledValue:
        value, style = value
        kind = value.__class__
    attrs = f'r="{ref}" s="{style}"' if style else f'r="{ref}"'
    if kind is str:
        # Always text, never a formula or an error value, whatever the text begins with.
        if value:
            return f'<c {attrs} t="inlineStr"><is>{text_xml(value)}</is></c>'
    elif value is None:
        pass
    elif kind is bool:
        return f'<c {attrs} t="b"><v>{int(value)}</v></c>'
    elif kind is int:
        return f'<c {attrs} t="n"><v>{value}</v></c>'
    elif kind is float or kind is Decimal or isinstance(value, (int, float, Decimal)):
        if isfinite(value):
            return f'<c {attrs} t="n"><v>{"%.16g" % value}</v></c>'
    elif isinstance(value, (dt.date, dt.time, dt.timedelta)):
        return f'<c {attrs} t="n"><v>{"%.16g" % excel_serial(value)}</v></c>'
    else:
        return cell_xml(ref, str(value), style)
    return f'<c {attrs} t="n"/>' if style else ""  # a ruled blank cell, as openpyxl writes it


class _SheetWriter(WorksheetWriter):
    """openpyxl's sheet writer with a UTF-8 byte stream: the elements before and after the rows are
    openpyxl's own, serialised as UTF-8; the rows are written by StreamedSheet."""

    def get_stream(self):  # noqa: ANN201 - openpyxl's generator protocol: send(element) / send(True) → file
        with open(self.out, "wb", buffering=1 << 16) as out:
            out.write(_HEAD)
            try:
                while True:
                    element = yield
                    if element is True:
                        yield out
                    elif element is not None:
                        out.write(tostring(element, encoding="unicode").encode())  # no declaration
            except GeneratorExit:
                out.write(_TAIL)


class StreamedSheet(WriteOnlyWorksheet):
    """A write-only worksheet (create it with ``new_sheet``) that writes its rows itself.

    ``append(row)`` takes what openpyxl's takes (values and ``WriteOnlyCell``s, styles kept);
    ``append_row(values, styles)`` is the fast path: plain values, one style id per column (or a
    ``StyledValue`` for a cell that differs)."""

    _out = None
    _row = 0
    _letters: list[str] = []

    def _get_writer(self) -> None:
        if self._writer is None:
            self._writer = _SheetWriter(self)
            self._writer.write_top()

    def _rows_stream(self):  # noqa: ANN202
        if self._out is None:
            if self.closed:
                self._already_saved()
            self._get_writer()
            self._out = self._writer.xf.send(True)
            self._out.write(b"<sheetData>")
        return self._out

    def _column_letters(self, count: int) -> list[str]:
        if len(self._letters) < count:
            self._letters = [get_column_letter(i) for i in range(1, max(count, 2 * len(self._letters)) + 1)]
        return self._letters

    def append_row(self, values: Sequence[Any], styles: Sequence[int] = ()) -> None:
        out = self._rows_stream()
        self._row = row = self._row + 1
        number = str(row)
        letters = self._column_letters(len(values))
        if not styles:
            styles = (0,) * len(values)
        cells = "".join([cell_xml(letter + number, value, style)
                         for letter, value, style in zip(letters, values, styles)])
        out.write(f"<row{self._row_attributes(row)}>{cells}</row>".encode())

    def _row_attributes(self, row: int) -> str:
        attributes = f' r="{row}"'
        dimension = self.row_dimensions.get(row)
        if dimension is not None:
            attributes += "".join(f' {name}="{value}"' for name, value in dict(dimension).items())
        return attributes

    def append(self, row: Iterable[Any]) -> None:
        values: list[Any] = []
        styles: list[int] = []
        for item in row:
            if isinstance(item, Cell):
                value = item._value
                if item.data_type in ("s", "f") and value is not None and not isinstance(value, str):
                    value = str(value)
                values.append(value)
                styles.append(item.style_id if item.has_style else 0)
            else:
                values.append(item)
                styles.append(0)
        self.append_row(values, styles)

    def close(self) -> None:
        out = self._rows_stream()
        out.write(b"</sheetData>")
        self._writer.xf.send(None)
        self._writer.write_tail()
        self._writer.close()
        self._out = None
        self._WriteOnlyWorksheet__saved = True  # what openpyxl's ``closed`` reads


def new_sheet(workbook: Workbook, title: str) -> StreamedSheet:
    """Add a StreamedSheet to a write-only workbook (instead of ``workbook.create_sheet``)."""
    ws = StreamedSheet(parent=workbook, title=title)
    workbook._add_sheet(ws)
    return ws
