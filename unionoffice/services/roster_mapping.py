"""The import wizard's steps: read a sheet once, show and edit how its columns map to the roster's
fields, then parse with the clerk's mapping (the rows then go to ``roster_import.plan_import``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from unionoffice.io.roster_sheet import COLUMNS
from unionoffice.io.sheets import SheetParse, parse_cells, read_cells
from unionoffice.io.sheets.columns import display_header, header_key
from unionoffice.io.sheets.parse import find_header_row
from unionoffice.io.sheets.reader import open_workbook

Progress = Callable[[int, int], None]


def sheet_names(path: str | Path) -> list[str]:
    """The workbook's sheets (SheetError when it cannot be read)."""
    workbook = open_workbook(path)
    try:
        return list(workbook.sheet_names)
    finally:
        workbook.close()


@dataclass(frozen=True)
class HeaderCell:
    index: int  # 0-based column index in the sheet
    text: str  # as in the file
    key: str | None  # the roster column it maps to (None: not imported)


def read_sheet(path: str | Path, sheet: str | None = None) -> tuple[str, list[list[Any]]]:
    return read_cells(path, sheet, COLUMNS)


def header_cells(cells: list[list[Any]]) -> tuple[int, list[HeaderCell]]:
    """The header row (0-based) and how each of its non-blank cells maps to a roster column."""
    header_index = find_header_row(cells, COLUMNS)
    header = cells[header_index]
    lookup = {name: column.key for column in COLUMNS for name in column.header_names()}
    result, used = [], set()
    for index, cell in enumerate(header):
        if cell in (None, "") or not str(cell).strip():
            continue
        key = header_key(cell, lookup)
        if key in used:
            key = None
        used.add(key)
        result.append(HeaderCell(index, display_header(cell), key))
    return header_index, result


def parse_with_mapping(cells: list[list[Any]], header_index: int, mapping: dict[int, str | None], sheet_name: str = "",
                       progress: Progress | None = None) -> SheetParse:
    """Parse with the clerk's mapping: each mapped header cell is renamed to its column's title
    (unmapped ones are blanked), then the sheet is parsed as usual."""
    titles = {column.key: column.title for column in COLUMNS}
    _index, detected = header_cells(cells)
    automatic = {cell.index: cell.key for cell in detected}
    header = list(cells[header_index])
    for index, key in mapping.items():
        if automatic.get(index) == key:
            continue  # as detected: messages keep naming the column as the file heads it
        while index >= len(header):
            header.append(None)
        header[index] = titles[key] if key else None
    # The rows above the header are blanked, not cut off: every row keeps its place, so row numbers
    # (in errors and in “same as row 41”) are the file's own. The header must still be the best row.
    renamed = [[] for _row in cells[:header_index]] + [header] + list(cells[header_index + 1:])
    parsed = parse_cells(renamed, COLUMNS, key="id_number", sheet_name=sheet_name, progress=progress,
                         search_rows=header_index + 1)
    return parsed
