"""Reading an upload template: its sheet, header row, columns, required marks and note rows."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from unionoffice.i18n import _
from unionoffice.io.sheets.columns import display_header
from unionoffice.io.upload.dateformat import DateFormat, format_from_number_format, format_from_text
from unionoffice.io.upload.fields import field_for_header

HEADER_SEARCH_ROWS = 15
# Rows under the header that explain or show an example rather than hold data.
_NOTE_START = re.compile(r"^\s*(示例|例[:：]|例如|样例|填写说明|说明[:：]|注[:：]|注意|备注[:：]|example|note)", re.I)
_REQUIRED_MARK = re.compile(r"[*＊]|必填|required", re.I)


class TemplateError(Exception):
    """A template that cannot be used; the message is for the clerk."""


@dataclass
class TemplateColumn:
    index: int  # 1-based column number, as openpyxl counts
    header: str  # as displayed (no line breaks, no * mark)
    field: str | None  # roster field key, None when not filled
    required: bool
    date_format: DateFormat | None = None
    items: list[str] | None = None  # the dropdown list, when the column has one

    @property
    def letter(self) -> str:
        from openpyxl.utils import get_column_letter

        return get_column_letter(self.index)


@dataclass
class Template:
    path: Path
    workbook: Workbook
    sheet: Worksheet
    header_row: int  # 1-based
    first_data_row: int  # 1-based: the row the first member goes into
    columns: list[TemplateColumn] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # the text of note rows above and below the header
    rules: list[Any] = field(default_factory=list)  # the sheet's list validations (validations.ListRule)

    @property
    def unmapped(self) -> list[TemplateColumn]:
        return [c for c in self.columns if c.field is None]

    def column_for(self, key: str) -> TemplateColumn | None:
        return next((c for c in self.columns if c.field == key), None)

    def mapping(self) -> dict[str, str | None]:
        """Header text -> field key: what a profile stores."""
        return {c.header: c.field for c in self.columns}

    def apply_mapping(self, mapping: dict[str, str | None]) -> list[str]:
        """Use a saved or edited mapping; returns the headers it names that the template lacks."""
        headers = {c.header for c in self.columns}
        for column in self.columns:
            if column.header in mapping:
                column.field = mapping[column.header]
        return [h for h in mapping if h not in headers]


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _row_values(sheet: Worksheet, row: int, width: int) -> list[Any]:
    return [sheet.cell(row=row, column=col).value for col in range(1, width + 1)]


def _score(values: list[Any]) -> int:
    return len({key for key in (field_for_header(v) for v in values if _text(v)) if key is not None})


def find_header(sheet: Worksheet) -> int | None:
    """The 1-based row among the first rows that names the most roster fields (at least two)."""
    width = min(sheet.max_column, 200)
    best, best_score = None, 1
    for row in range(1, min(sheet.max_row, HEADER_SEARCH_ROWS) + 1):
        score = _score(_row_values(sheet, row, width))
        if score > best_score:
            best, best_score = row, score
    return best


def _choose_sheet(workbook: Workbook) -> tuple[Worksheet, int]:
    visible = [ws for ws in workbook.worksheets if ws.sheet_state == "visible"]
    best: tuple[Worksheet, int] | None = None
    best_score = 0
    for sheet in visible or workbook.worksheets:
        row = find_header(sheet)
        if row is None:
            continue
        score = _score(_row_values(sheet, row, min(sheet.max_column, 200)))
        if score > best_score:
            best, best_score = (sheet, row), score
    if best is None:
        raise TemplateError(
            _("No header row found in the template: none of the first {count} rows names roster columns "
              "such as 姓名 and 身份证号.").format(count=HEADER_SEARCH_ROWS)
        )
    return best


def _merged_header_text(sheet: Worksheet, row: int, col: int) -> Any:
    """A header cell's text, also when it sits inside a merged range (the value is in its top-left cell)."""
    value = sheet.cell(row=row, column=col).value
    if value is not None:
        return value
    for merged in sheet.merged_cells.ranges:
        if merged.min_row <= row <= merged.max_row and merged.min_col <= col <= merged.max_col:
            return sheet.cell(row=merged.min_row, column=merged.min_col).value
    return None


def _is_note_row(sheet: Worksheet, row: int, width: int) -> bool:
    values = [_text(v) for v in _row_values(sheet, row, width)]
    filled = [v for v in values if v]
    return bool(filled) and bool(_NOTE_START.match(filled[0]))


def read_template(workbook: Workbook, path: Path) -> Template:
    """The template's layout; the workbook stays open for the writer."""
    sheet, header_row = _choose_sheet(workbook)
    width = sheet.max_column
    while width > 1 and not _text(_merged_header_text(sheet, header_row, width)):
        width -= 1
    notes = [_text(v) for r in range(1, header_row) for v in _row_values(sheet, r, width) if _text(v)]
    first_data = header_row + 1
    while first_data <= sheet.max_row and _is_note_row(sheet, first_data, width):
        notes.extend(_text(v) for v in _row_values(sheet, first_data, width) if _text(v))
        first_data += 1
    columns: list[TemplateColumn] = []
    used: set[str] = set()
    for col in range(1, width + 1):
        raw = _merged_header_text(sheet, header_row, col)
        if not _text(raw):
            continue
        header = display_header(raw)
        key = field_for_header(raw)
        if key in used:
            key = None  # a second column naming the same field is left for the clerk to map
        if key is not None:
            used.add(key)
        number_format = sheet.cell(row=first_data, column=col).number_format
        date_format = format_from_text(str(raw)) or format_from_number_format(number_format)
        columns.append(TemplateColumn(col, header, key, bool(_REQUIRED_MARK.search(str(raw))), date_format))
    template = Template(path, workbook, sheet, header_row, first_data, columns, notes)
    _dates_from_notes(template)
    return template


def _dates_from_notes(template: Template) -> None:
    """A note such as “出生日期格式为YYYYMM” sets that column's date format (the header's own hint wins)."""
    for note in template.notes:
        for column in template.columns:
            if column.date_format is None and column.header and column.header in note:
                after = note[note.index(column.header):]
                column.date_format = format_from_text(after[:40])
