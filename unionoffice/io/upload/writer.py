"""Filling the template: one row per member under the header, in the template's own formats,
then the checks; the file is written (temp name, then rename) only when clean, or with a 问题清单
sheet when the clerk asks for that."""

from __future__ import annotations

import datetime as dt
import os
from copy import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from openpyxl.worksheet.cell_range import CellRange

from unionoffice.domain.choices import LabelledEnum
from unionoffice.i18n import _, os_error_text
from unionoffice.io.sheets import Kind
from unionoffice.io.upload.checks import Problem, RowChecker
from unionoffice.io.upload.codes import ItemMatcher
from unionoffice.io.upload.dateformat import DEFAULT
from unionoffice.io.upload.fields import FIELDS, SERIAL
from unionoffice.io.upload.reading import open_template
from unionoffice.io.upload.template import Template, TemplateColumn, TemplateError

PROBLEM_SHEET = "问题清单"
_TEXT_FIELDS = {"id_number", "phone", "card_no"}
Progress = Callable[[int, int], None]


@dataclass
class FillResult:
    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)  # each filled row's group (for the 信息核对单), in row order

    @property
    def clean(self) -> bool:
        return not self.problems


def _render(column: TemplateColumn, value: Any, matcher: ItemMatcher | None) -> tuple[Any, str | None]:
    """The cell value for a member's value, and a problem message when it cannot be written."""
    if value is None or value == "":
        return None, None
    if matcher is not None and not isinstance(value, dt.date):
        found = matcher.match(value)
        if len(found) == 1:
            return found[0], None
        shown = value.label() if isinstance(value, LabelledEnum) else (_("Yes") if value is True else
                                                                       _("No") if value is False else str(value))
        if not found:
            return None, _("no item of the drop-down list stands for “{value}”").format(value=shown)
        return None, _("“{value}” fits several items of the drop-down list ({items})").format(
            value=shown, items="、".join(found))
    if isinstance(value, LabelledEnum):
        return value.label(), None
    if isinstance(value, bool):
        return (_("Yes") if value else _("No")), None
    if isinstance(value, dt.date):
        return (column.date_format or DEFAULT).render(value), None
    return value, None


def _clear_data_area(template: Template) -> None:
    sheet = template.sheet
    for row in sheet.iter_rows(min_row=template.first_data_row, max_row=sheet.max_row,
                               max_col=max((c.index for c in template.columns), default=1)):
        for cell in row:
            if cell.value is not None and cell.coordinate not in sheet.merged_cells:
                cell.value = None


def _extend_validations(template: Template, last_row: int) -> None:
    for rule in template.rules:
        for column in template.columns:
            if rule.covers(template.first_data_row, column.index) and not rule.covers(last_row, column.index):
                rule.validation.sqref.add(CellRange(min_col=column.index, max_col=column.index,
                                                    min_row=template.first_data_row, max_row=last_row))


def fill(template: Template, records: Iterable[dict[str, Any]], total: int | None = None,
         progress: Progress | None = None) -> FillResult:
    """Write the members into the template's sheet (in memory) and check every row."""
    sheet = template.sheet
    first = template.first_data_row
    width = max((c.index for c in template.columns), default=1)
    styles = {col: copy(sheet.cell(row=first, column=col)._style) for col in range(1, width + 1)}
    height = sheet.row_dimensions[first].height
    _clear_data_area(template)
    mapped = [c for c in template.columns if c.field is not None]
    matchers = {c.index: ItemMatcher(c.field, c.items) for c in mapped  # type: ignore[arg-type]
                if c.items is not None and c.field != SERIAL}
    checker = RowChecker(template)
    result = FillResult()
    for number, record in enumerate(records, start=1):
        row = first + number - 1
        cells: dict[int, Any] = {}
        unwritable: set[int] = set()
        if row != first:
            for col, style in styles.items():
                sheet.cell(row=row, column=col)._style = copy(style)
            if height is not None:
                sheet.row_dimensions[row].height = height
        for column in mapped:
            value = number if column.field == SERIAL else record.get(column.field)  # type: ignore[arg-type]
            written, problem = _render(column, value, matchers.get(column.index))
            cell = sheet.cell(row=row, column=column.index)
            if column.field in _TEXT_FIELDS and written is not None:
                written = str(written)
                cell.number_format = "@"
            elif isinstance(written, str) and column.date_format is not None and column.date_format.as_text:
                cell.number_format = "@"
            cell.value = written
            cells[column.index] = written
            if problem:
                unwritable.add(column.index)
                result.problems.append(Problem(row, str(record.get("name") or ""), column.header, problem))
        result.problems.extend(p for p in checker.check(row, cells)
                               if not any(p.column == c.header for c in mapped if c.index in unwritable))
        result.rows = number
        result.groups.append(str(record.get("group") or ""))
        if progress is not None and number % 500 == 0:
            progress(number, total or number)
    if result.rows:
        _extend_validations(template, first + result.rows - 1)
    return result


def check_filled(template: Template) -> FillResult:
    """Check a template that was filled elsewhere (by hand): every non-blank row under the header."""
    sheet = template.sheet
    checker = RowChecker(template)
    result = FillResult()
    for row in range(template.first_data_row, sheet.max_row + 1):
        cells = {c.index: sheet.cell(row=row, column=c.index).value for c in template.columns}
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells.values()):
            continue
        result.rows += 1
        result.problems.extend(checker.check(row, cells))
    return result


def add_problem_sheet(template: Template, problems: list[Problem]) -> None:
    if PROBLEM_SHEET in template.workbook.sheetnames:
        del template.workbook[PROBLEM_SHEET]
    sheet = template.workbook.create_sheet(PROBLEM_SHEET)
    sheet.append([_("Row"), _("Name"), _("Column"), _("Problem")])
    for problem in problems:
        sheet.append([problem.row, problem.member, problem.column, problem.message])
    for letter, width in zip("ABCD", (8, 12, 18, 60)):
        sheet.column_dimensions[letter].width = width


def same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def save(template: Template, out: Path) -> None:
    """Write the workbook to ``out`` through a temporary file, so a failure leaves no half-written file."""
    out = Path(out)
    if same_file(template.path, out):
        raise TemplateError(_("The output file must not be the template itself: {path}.").format(path=out))
    if out.suffix.lower() not in (".xlsx", ".xlsm"):
        raise TemplateError(_("The filled template is saved as .xlsx: give an output name ending in .xlsx."))
    if out.exists() and out.is_file():
        with out.open("rb") as fh:
            if fh.read(16) == b"SQLite format 3\x00":
                raise TemplateError(_("{path} is a database file: choose another output file.").format(path=out))
    tmp = out.with_name(f".{out.name}.part")
    try:
        template.workbook.save(tmp)
        os.replace(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise TemplateError(_("Cannot write {path}: {error}").format(path=out, error=os_error_text(exc))) from None


__all__ = ["FillResult", "PROBLEM_SHEET", "add_problem_sheet", "check_filled", "fill", "open_template", "save"]
