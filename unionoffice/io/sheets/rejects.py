"""Save rejected rows as an .xlsx to fix and import again: the original header and cells plus 错误原因.

ID numbers and phones are written as text cells (a number would lose digits or the leading 0);
an ID that arrived as a number is written as Excel showed it (1.10105199003051E+17), so importing
the file again gives the same error until the clerk retypes it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

from unionoffice.domain.text_rules import xml_safe
from unionoffice.i18n import _
from unionoffice.io.sheets.cells import WRAP, date_cell, header_cell, set_page_layout, sheet_title, text_cell
from unionoffice.io.sheets.columns import ERROR_COLUMN, normalize_header, text_width
from unionoffice.io.sheets.export import save_workbook
from unionoffice.io.sheets.results import RowResult, SheetParse
from unionoffice.io.sheets.sheet_xml import new_sheet


LINE_HEIGHT = 14.5  # points per line of 11-point text
REASON_WIDTH = 50  # characters of the default font; a Chinese character takes two
REASON_CHARS_PER_LINE = REASON_WIDTH // 2 - 1


def _as_excel_text(value: Any) -> str:
    """A number as Excel's General format shows it: no ".0", 15 significant digits."""
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.15G}"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return str(value)


@dataclass
class ReportSheet:
    """A further sheet of text beside the rejected rows (e.g. a roster import's 变更: each change)."""

    title: str
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)
    widths: list[int] = field(default_factory=list)  # characters per column (default 16)


def write_rejected_rows(parse: SheetParse, path: str | Path, rows: Iterable[RowResult] | None = None,
                        extra_sheets: Sequence[ReportSheet] = ()) -> Path:
    """Write ``rows`` (default: every rejected row of ``parse``) to ``path`` with an added error column,
    then each of ``extra_sheets``.

    An earlier 错误原因 column (a file that was itself a rejected-rows file) is replaced, not repeated.
    """
    path = Path(path)
    rows = parse.rejected_rows if rows is None else list(rows)
    error_names = {normalize_header(ERROR_COLUMN), normalize_header(_(ERROR_COLUMN))}
    keep = [i for i, cell in enumerate(parse.header_cells) if normalize_header(cell) not in error_names]
    text_positions = {parse.mapping[c.key] for c in parse.columns if c.key in parse.mapping and c.kind.text_cell}  # type: ignore[union-attr]

    workbook = Workbook(write_only=True)
    ws = new_sheet(workbook, sheet_title(parse.sheet_name or _("Rejected rows")))
    for out_index, source_index in enumerate(keep, start=1):
        header = parse.header_cells[source_index]
        width = max(10, min(40, max((text_width(line) for line in str(header or "").splitlines()), default=0) + 3))
        if source_index in text_positions:
            width = max(width, 21)
        ws.column_dimensions[get_column_letter(out_index)].width = width
    ws.column_dimensions[get_column_letter(len(keep) + 1)].width = REASON_WIDTH
    set_page_layout(ws)

    header_lines = max([str(parse.header_cells[i] or "").count("\n") + 1 for i in keep] + [1])
    ws.row_dimensions[1].height = LINE_HEIGHT * header_lines + 4
    ws.append([header_cell(ws, _as_excel_text(parse.header_cells[i])) for i in keep] + [header_cell(ws, _(ERROR_COLUMN))])
    for out_row, row in enumerate(rows, start=2):
        reason_text = xml_safe(row.error_text())
        # Heights are set, not left to the program that opens the file: not all of them fit wrapped rows.
        lines = max(1, -(-len(reason_text) // REASON_CHARS_PER_LINE))
        if lines > 1:
            ws.row_dimensions[out_row].height = LINE_HEIGHT * lines + 2
        out: list[Any] = []
        for index in keep:
            value = row.raw_cells[index] if index < len(row.raw_cells) else None
            if isinstance(value, str):
                value = xml_safe(value)
            out.append(_cell(ws, value, as_text=index in text_positions))
        reason = WriteOnlyCell(ws, value=reason_text)
        reason.data_type = "s"
        reason.alignment = WRAP
        out.append(reason)
        ws.append(out)
    for extra in extra_sheets:
        _write_report_sheet(workbook, extra)
    save_workbook(workbook, path)
    return path


def _write_report_sheet(workbook: Workbook, report: ReportSheet) -> None:
    ws = new_sheet(workbook, sheet_title(report.title))
    for index in range(len(report.headers)):
        width = report.widths[index] if index < len(report.widths) else 16
        ws.column_dimensions[get_column_letter(index + 1)].width = width
    set_page_layout(ws)
    ws.append([header_cell(ws, title) for title in report.headers])
    for values in report.rows:
        ws.append([text_cell(ws, text, force_format=True) if text else None for text in values])


def _cell(ws: Any, value: Any, as_text: bool) -> Any:
    if value is None or value == "":
        return None
    if isinstance(value, (dt.date, dt.datetime)) and not as_text:
        return date_cell(ws, value)
    if isinstance(value, dt.time):
        return value
    if as_text or isinstance(value, str):
        return text_cell(ws, _as_excel_text(value), force_format=as_text)
    return value
