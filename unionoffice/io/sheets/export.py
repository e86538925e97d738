"""Export a register to .xlsx from its column specs (a write-only workbook whose rows sheet_xml.py
writes: flat memory and about the speed of writing the XML, however many rows)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.datavalidation import DataValidation

from unionoffice.domain.choices import LabelledEnum
from unionoffice.domain.money import fen_to_yuan
from unionoffice.i18n import _, os_error_text
from unionoffice.io.sheets.cells import (
    CELL_BORDER,
    DATE_FORMAT,
    DATETIME_FORMAT,
    GENERAL_FORMAT,
    MONEY_FORMAT,
    MONTH_FORMAT,
    TEXT_FORMAT,
    WRAP,
    header_cell,
    set_page_layout,
    sheet_title,
)
from unionoffice.io.sheets.columns import Column, Kind
from unionoffice.io.sheets.parse import PROGRESS_EVERY
from unionoffice.io.sheets.sheet_xml import StreamedSheet, StyledValue, new_sheet, style_id


# Rows of an empty template that get the drop-down lists.
TEMPLATE_ROWS = 500


@dataclass
class ExportSheet:
    """One sheet: ``rows`` are mappings from column key to value (fen for money, date for dates)."""

    name: str
    columns: Sequence[Column]
    rows: Iterable[Mapping[str, Any]]
    caption: str = ""  # printed at the top of every page, e.g. "会员花名册（2026年6月30日）"


def _as_text(value: Any) -> str:
    if isinstance(value, LabelledEnum):
        return value.label()
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, dt.date):
        return f"{value:%Y-%m-%d}"
    return str(value)


def _converter(ws: StreamedSheet, column: Column) -> tuple[Callable[[Any], Any], int]:
    """A function from a record's value to the value written for this column, and the column's
    cell style (every cell is ruled; long text wraps)."""
    kind = column.kind

    def ruled(number_format: str, wrap: bool = False) -> int:
        return style_id(ws, number_format=number_format, border=CELL_BORDER, **({"alignment": WRAP} if wrap else {}))

    if kind.text_cell:  # TEXT, ID_NUMBER, PHONE
        # ID numbers and phones are text cells, so that numbers typed into new rows stay text.
        # Text is always written as text: a value beginning with "=" never becomes a formula.
        style = ruled(GENERAL_FORMAT if kind is Kind.TEXT else TEXT_FORMAT, wrap=column.wraps)
        return (lambda v: v if v is None or v.__class__ is str else _as_text(v)), style
    if kind in (Kind.DATE, Kind.MONTH):
        style = ruled(MONTH_FORMAT if kind is Kind.MONTH else DATE_FORMAT)
        with_time = ruled(DATETIME_FORMAT) if kind is Kind.DATE else style

        def date(v: Any) -> Any:
            if isinstance(v, dt.datetime) and v.time() != dt.time():
                return StyledValue(v, with_time)  # keeps a time of day visible
            return v
        return date, style
    if kind is Kind.MONEY:
        return (lambda v: None if v is None else fen_to_yuan(int(v))), ruled(MONEY_FORMAT)
    if kind is Kind.BOOLEAN:
        yes, no = _("Yes"), _("No")
        return (lambda v: None if v is None else (yes if v else no)), ruled(GENERAL_FORMAT)
    if kind is Kind.INTEGER:
        return (lambda v: None if v is None else (v if isinstance(v, (int, Decimal)) else int(v))), ruled(GENERAL_FORMAT)
    if kind is Kind.NUMBER:
        return ((lambda v: None if v is None else (v if isinstance(v, (int, Decimal)) else Decimal(str(v)))),
                ruled(GENERAL_FORMAT))
    raise ValueError(f"no export for kind {kind}")


def write_sheet(workbook: Workbook, sheet: ExportSheet, progress: Callable[[int], None] | None = None) -> int:
    """Append one sheet to a write-only workbook; returns the number of data rows written.

    ``progress(rows written)`` is called every PROGRESS_EVERY rows; to cancel, let it raise.
    """
    ws = new_sheet(workbook, sheet_title(sheet.name))
    columns = list(sheet.columns)
    for index, column in enumerate(columns, start=1):
        dimension = ws.column_dimensions[get_column_letter(index)]
        dimension.width = column.column_width
        if column.kind in (Kind.ID_NUMBER, Kind.PHONE):
            dimension.number_format = TEXT_FORMAT
    set_page_layout(ws, sheet.caption)
    ws.append([header_cell(ws, column.title) for column in columns])
    converters = [_converter(ws, column) for column in columns]
    plan = [(column.key, convert) for column, (convert, _style) in zip(columns, converters)]
    styles = [style for _convert, style in converters]
    count = 0
    for record in sheet.rows:
        get = record.get
        ws.append_row([convert(get(key)) for key, convert in plan], styles)
        count += 1
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress(count)
    if columns:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"
    add_dropdowns(ws, columns, last_row=max(count + 1, TEMPLATE_ROWS))
    return count


def choices_of(column: Column) -> list[str]:
    """The values a column takes from a fixed list: 是/否, or the labels of a choice_parser's enum."""
    if column.kind is Kind.BOOLEAN:
        return [_("Yes"), _("No")]
    enum = getattr(column.parse, "choices", None)
    if enum is None:
        return []
    offered = getattr(enum, "offered", None)  # not a value kept only from before (民主党派（未细分）)
    return [member.label() for member in (offered() if offered else enum)]


def add_dropdowns(ws: WriteOnlyWorksheet, columns: Sequence[Column], last_row: int) -> None:
    """A drop-down list on fixed-vocabulary columns, as a help: other values are still accepted
    (the import reports them), so a clerk pasting old data is not blocked."""
    for index, column in enumerate(columns, start=1):
        choices = choices_of(column)
        formula = '"' + ",".join(choices) + '"'
        # Excel's limits for a literal list: 255 characters, no commas or quotes inside an item.
        if not choices or len(formula) > 255 or any("," in c or '"' in c for c in choices):
            continue
        validation = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=False)
        letter = get_column_letter(index)
        validation.add(f"{letter}2:{letter}{last_row}")
        ws.data_validations.append(validation)


def write_workbook(
    path: str | Path, sheets: Sequence[ExportSheet], progress: Callable[[int], None] | None = None
) -> Path:
    """Write the sheets to ``path`` (.xlsx); the file is written whole or not at all.

    ``progress`` gets the number of rows written so far over all sheets.
    """
    path = Path(path)
    workbook = Workbook(write_only=True)
    try:
        done = 0
        for sheet in sheets:
            offset = done
            report = None if progress is None else (lambda count, offset=offset: progress(offset + count))
            done += write_sheet(workbook, sheet, report)
    except BaseException:
        discard(workbook)
        raise
    save_workbook(workbook, path)
    return path


class WriteError(OSError):
    """The .xlsx could not be written; the message (for the clerk) names the file and what to do."""


def save_workbook(workbook: Workbook, path: Path) -> None:
    """Save through ``path``.part so the file is written whole or not at all; OSError → WriteError."""
    partial = path.with_name(path.name + ".part")
    try:
        _save_closing(workbook, partial)
        partial.replace(path)
    except OSError as exc:
        discard(workbook)
        raise write_error(path, exc) from exc
    finally:
        partial.unlink(missing_ok=True)


def _save_closing(workbook: Workbook, target: Path) -> None:
    """``workbook.save(target)``, but a failed write (a full disk) closes the zip file here and now.

    Left to the garbage collector, the half-written zip would try to write its directory again at
    some later moment and print "Exception ignored … No space left on device" with a traceback.
    """
    from zipfile import ZIP_DEFLATED, ZipFile

    from openpyxl.writer.excel import ExcelWriter

    if workbook.write_only and not workbook.worksheets:
        new_sheet(workbook, "Sheet")
    archive = ZipFile(target, "w", ZIP_DEFLATED, allowZip64=True)
    try:
        workbook.properties.modified = dt.datetime.now(tz=dt.timezone.utc).replace(tzinfo=None)
        ExcelWriter(workbook, archive).save()
    except BaseException:
        archive._didModify = False  # nothing more to write: just close the file
        try:
            archive.close()
        except OSError:
            pass
        raise


def write_error(path: Path, exc: OSError) -> WriteError:
    if not path.parent.is_dir():
        return WriteError(_("Cannot write {path}: the folder {folder} does not exist.").format(path=path, folder=path.parent))
    if isinstance(exc, PermissionError):
        return WriteError(_("Cannot write {path}: the file is open in another program (Excel, WPS) or the folder is "
                            "read-only. Close the file and try again.").format(path=path))
    return WriteError(_("Cannot write {path} ({error}).").format(path=path, error=os_error_text(exc)))


def discard(workbook: Workbook) -> None:
    """Finish a write-only workbook's temporary sheet files after a failure, so nothing is left open."""
    for ws in workbook.worksheets:
        try:
            ws.close()
        except Exception:  # noqa: BLE001 - already failing; the first error is the one to report
            pass


def export_rows(
    path: str | Path,
    columns: Sequence[Column],
    rows: Iterable[Mapping[str, Any]],
    sheet_name: str = "",
    caption: str = "",
    progress: Callable[[int], None] | None = None,
) -> Path:
    """One-sheet shortcut for write_workbook. With no rows it writes an empty import template."""
    return write_workbook(path, [ExportSheet(sheet_name or caption or _("Sheet1"), columns, rows, caption)], progress)
