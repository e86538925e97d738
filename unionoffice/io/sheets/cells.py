"""Writing single cells safely with openpyxl's write-only mode (shared by export and rejected rows)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from unionoffice.domain.text_rules import xml_safe
from unionoffice.i18n import _

DATE_FORMAT = "yyyy-mm-dd"
MONTH_FORMAT = "yyyy-mm"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
MONEY_FORMAT = "#,##0.00"
TEXT_FORMAT = "@"

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
HEADER_ALIGNMENT = Alignment(horizontal="center", vertical="center", wrap_text=True)
HEADER_BORDER = Border(left=Side(style="thin"), right=Side(style="thin"), top=Side(style="thin"),
                       bottom=Side(style="thin"))
WRAP = Alignment(wrap_text=True, vertical="top")
THIN = Side(style="thin")
# Every cell of an exported table is ruled, as a printed ledger is.
CELL_BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
GENERAL_FORMAT = "General"

# Excel sheet names: at most 31 characters, none of []:*?/\
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def sheet_title(name: str) -> str:
    return (_BAD_SHEET_CHARS.sub("_", name).strip("'") or "Sheet")[:31]


def text_cell(ws: WriteOnlyWorksheet, value: str, force_format: bool = False) -> Any:
    """A string as a text cell. openpyxl would store "=…" as a formula: never let a value become one
    (formula injection); "+", "-" and "@" are already stored as plain strings."""
    value = xml_safe(value)
    if value.startswith("=") or force_format:
        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"
        cell.number_format = TEXT_FORMAT
        return cell
    return value


def date_cell(ws: WriteOnlyWorksheet, value: dt.date, number_format: str = DATE_FORMAT) -> WriteOnlyCell:
    if isinstance(value, dt.datetime) and value.time() != dt.time() and number_format == DATE_FORMAT:
        number_format = DATETIME_FORMAT
    cell = WriteOnlyCell(ws, value=value)
    cell.number_format = number_format
    return cell


def header_cell(ws: WriteOnlyWorksheet, title: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=xml_safe(title) if isinstance(title, str) else title)
    cell.data_type = "s"
    cell.font = HEADER_FONT
    cell.fill = HEADER_FILL
    cell.alignment = HEADER_ALIGNMENT
    cell.border = HEADER_BORDER
    return cell


def set_page_layout(ws: WriteOnlyWorksheet, caption: str = "") -> None:
    """Header frozen and repeated on every printed page, landscape A4 fitted to the page width."""
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    if caption:
        ws.oddHeader.center.text = caption.replace("&", "&&")
        ws.oddHeader.center.size = 14
    ws.oddFooter.center.text = _("Page &P of &N")
