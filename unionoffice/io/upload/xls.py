"""An .xls (or WPS .et) template as an openpyxl workbook: every sheet's values, merged cells and
visibility through python-calamine, and the list validations from the file's own DV records
(calamine does not read those); the filled file is written as .xlsx."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import python_calamine as calamine
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from unionoffice.i18n import _
from unionoffice.io.upload.template import TemplateError
from unionoffice.io.upload.xls_validations import read_list_validations

MAX_CELLS = 2_000_000


def workbook_from_xls(path: Path) -> Workbook:
    try:
        source = calamine.CalamineWorkbook.from_path(str(path))
    except (calamine.CalamineError, OSError, ValueError):
        raise TemplateError(
            _("{name} cannot be read: the file is damaged or is not an Excel workbook.").format(name=path.name)
        ) from None
    workbook = Workbook()
    workbook.remove(workbook.active)
    validations = read_list_validations(path)
    cells = 0
    try:
        for meta in source.sheets_metadata:
            if meta.typ != calamine.SheetTypeEnum.WorkSheet:
                continue
            sheet = workbook.create_sheet(meta.name[:31])
            if meta.visible == calamine.SheetVisibleEnum.Hidden:
                sheet.sheet_state = "hidden"
            elif meta.visible == calamine.SheetVisibleEnum.VeryHidden:
                sheet.sheet_state = "veryHidden"
            data = source.get_sheet_by_name(meta.name)
            rows = data.to_python(skip_empty_area=False)
            cells += sum(len(r) for r in rows)
            if cells > MAX_CELLS:
                raise TemplateError(_("{name} is too large for a template (over {count} cells).").format(
                    name=path.name, count=MAX_CELLS))
            widths: dict[int, float] = {}
            for r, row in enumerate(rows, start=1):
                for c, value in enumerate(row, start=1):
                    if value in ("", None):
                        continue
                    if isinstance(value, dt.timedelta):
                        value = str(value)
                    sheet.cell(row=r, column=c, value=value)
                    if r <= 15:
                        widths[c] = max(widths.get(c, 8.0), min(40.0, len(str(value)) * 2.0 + 2))
            for c, width in widths.items():
                sheet.column_dimensions[get_column_letter(c)].width = width
            for (r0, c0), (r1, c1) in data.merged_cell_ranges or []:
                sheet.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
            for formula, sqref in validations.get(meta.name, []):
                sheet.add_data_validation(DataValidation(type="list", formula1=formula, sqref=sqref, allow_blank=True))
    finally:
        source.close()
    return workbook
