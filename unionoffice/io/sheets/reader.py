"""Reading .xlsx, .xls and .ods with python-calamine, with a clear message when a file cannot be read."""

from __future__ import annotations

import zipfile
from contextlib import contextmanager
from itertools import chain, islice
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

import python_calamine as calamine

from unionoffice.i18n import _
from unionoffice.io.sheets.columns import Column
from unionoffice.io.sheets.errors import SheetError
from unionoffice.io.sheets.limits import check_spreadsheet_limits
from unionoffice.io.sheets.parse import HEADER_SEARCH_ROWS, Progress, header_score, parse_stream
from unionoffice.io.sheets.results import RowResult, SheetParse
from unionoffice.io.sheets.xlsx_chunks import SlicedSheet
from unionoffice.io.sheets.xlsx_stream import NotAnXlsx, XlsxBook

SUPPORTED_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".et")  # .et: WPS's own, read like .xls


def _not_a_file(path: Path) -> str:
    """Why ``path`` cannot be read as a file: missing, a folder, a pipe or device, a broken link."""
    from unionoffice.store.sqlite_paths import UnusablePath, check_database_path

    try:
        check_database_path(path)
    except UnusablePath as exc:
        return str(exc)
    return _("The file {name} does not exist.").format(name=path)


def open_workbook(path: str | Path, limits_checked: bool = False) -> calamine.CalamineWorkbook:
    """The workbook, or SheetError saying why it cannot be opened (``limits_checked``: the caller
    has already run check_spreadsheet_limits on it)."""
    path = Path(path)
    if not path.is_file():
        raise SheetError(_not_a_file(path))
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise SheetError(
            _("{name} is not a spreadsheet this program can read (use .xlsx, .xls or .ods).").format(name=path.name)
        )
    if not limits_checked:
        check_spreadsheet_limits(path)
    try:
        try:
            if not _plain_name(path):  # a non-UTF-8 file name: calamine cannot take it, a file object works
                with path.open("rb") as fh:
                    return calamine.CalamineWorkbook.from_filelike(fh)
            return calamine.CalamineWorkbook.from_path(str(path))
        except calamine.PasswordError:
            raise
        except calamine.CalamineError:
            # Renamed files are common (an .xls saved as "名单.xlsx"): let calamine go by the content.
            with path.open("rb") as fh:
                return calamine.CalamineWorkbook.from_filelike(fh)
    except calamine.PasswordError:
        raise SheetError(
            _("{name} is protected with a password. Open it in Excel or WPS, remove the password, save, and import again.").format(
                name=path.name
            )
        ) from None
    except (calamine.CalamineError, OSError, ValueError) as exc:
        raise SheetError(
            _("{name} cannot be read: the file is damaged or is not a spreadsheet ({detail}).").format(
                name=path.name, detail=exc
            )
        ) from None


def _plain_name(path: Path) -> bool:
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _worksheet_names(workbook: calamine.CalamineWorkbook) -> list[str]:
    """Visible worksheets first (chart sheets have no cells), then hidden ones."""
    visible, hidden = [], []
    for meta in workbook.sheets_metadata:
        if meta.typ != calamine.SheetTypeEnum.WorkSheet:
            continue
        (visible if meta.visible == calamine.SheetVisibleEnum.Visible else hidden).append(meta.name)
    return visible + hidden or list(workbook.sheet_names)


def _cells(workbook: calamine.CalamineWorkbook, name: str, nrows: int | None = None) -> list[list[Any]]:
    try:
        # skip_empty_area=False keeps leading blank rows, so list index + 1 is the Excel row number.
        return workbook.get_sheet_by_name(name).to_python(skip_empty_area=False, nrows=nrows)
    except calamine.CalamineError as exc:
        raise SheetError(_("The sheet “{sheet}” cannot be read ({detail}).").format(sheet=name, detail=exc)) from None


def choose_sheet(workbook: calamine.CalamineWorkbook, columns: Sequence[Column], sheet: str | int | None = None) -> str:
    """The sheet asked for (by name or 0-based index), else the one whose header names most columns."""
    names = list(workbook.sheet_names)
    if isinstance(sheet, int):
        if not 0 <= sheet < len(names):
            raise SheetError(_("The workbook has no sheet number {number}.").format(number=sheet + 1))
        return names[sheet]
    if sheet is not None:
        if sheet not in names:
            raise SheetError(
                _("The workbook has no sheet “{sheet}” (it has: {names}).").format(sheet=sheet, names=_(", ").join(names))
            )
        return sheet
    candidates = _worksheet_names(workbook)
    if not candidates:
        raise SheetError(_("The workbook has no worksheets."))
    if len(candidates) == 1 or not columns:
        return candidates[0]
    best, best_score = candidates[0], 0
    for name in candidates:
        top = _cells(workbook, name, HEADER_SEARCH_ROWS)
        score = max((header_score(row, columns) for row in top), default=0)
        if score > best_score:
            best, best_score = name, score
    return best


def read_cells(path: str | Path, sheet: str | int | None = None, columns: Sequence[Column] = ()) -> tuple[str, list[list[Any]]]:
    """The chosen sheet's name and all its cells (row 0 = Excel row 1)."""
    workbook = open_workbook(path)
    try:
        name = choose_sheet(workbook, columns, sheet)
        cells = _cells(workbook, name)
    finally:
        workbook.close()
    if not any(any(cell not in ("", None) for cell in row) for row in cells):
        raise SheetError(_("The sheet “{sheet}” is empty.").format(sheet=name))
    return name, cells


def read_and_parse(
    path: str | Path,
    columns: Sequence[Column],
    sheet: str | int | None = None,
    key: str | Sequence[str] | None = None,
    progress: Progress | None = None,
    check: Callable[[RowResult], None] | None = None,
) -> SheetParse:
    """Read a spreadsheet file and parse it against a register's columns (see the package guide)."""
    with stream_and_parse(path, columns, sheet=sheet, key=key, progress=progress, check=check) as (parsed, rows):
        parsed.rows = list(rows)
    return parsed


@contextmanager
def stream_and_parse(
    path: str | Path,
    columns: Sequence[Column],
    sheet: str | int | None = None,
    key: str | Sequence[str] | None = None,
    progress: Progress | None = None,
    check: Callable[[RowResult], None] | None = None,
) -> Iterator[tuple[SheetParse, Iterator[RowResult]]]:
    """The sheet's header parsed (SheetError at once when the file cannot be used) and its data
    rows parsed one at a time while the file stays open: ``with stream_and_parse(...) as
    (parsed, rows)``. Nothing holds the rows already read but the caller.

    The rows stream into the parser: an .xlsx is parsed from its XML as it unzips (xlsx_stream),
    other formats row by row from python-calamine's grid."""
    path = Path(path)
    book = _open_xlsx(path)
    if book is not None:
        try:
            name, rows, row_count = _stream_rows(book, columns, sheet)
            parsed, parsed_rows = parse_stream(rows, columns, key=key, sheet_name=name, progress=progress, check=check,
                                               row_count=row_count)
            parsed.path = path
            yield parsed, parsed_rows
        finally:
            book.close()
        return
    workbook = open_workbook(path, limits_checked=path.suffix.lower() in (".xlsx", ".xlsm") and path.is_file())
    try:
        name = choose_sheet(workbook, columns, sheet)
        try:
            found = workbook.get_sheet_by_name(name)
            rows = found.iter_rows()  # from row 1 (leading blank rows kept): list index + 1 is the row number
            head = list(islice(rows, HEADER_SEARCH_ROWS))
        except calamine.CalamineError as exc:
            raise SheetError(_("The sheet “{sheet}” cannot be read ({detail}).").format(sheet=name, detail=exc)) from None
        if found.start is None or not (found.height or any(any(cell not in ("", None) for cell in row) for row in head)):
            raise SheetError(_("The sheet “{sheet}” is empty.").format(sheet=name))
        parsed, parsed_rows = parse_stream(chain(head, rows), columns, key=key, sheet_name=name, progress=progress,
                                           check=check, row_count=found.total_height + 1)  # the last row's 0-based index
        parsed.path = path
        yield parsed, parsed_rows
    finally:
        workbook.close()


# Worksheet XML (unzipped) from which an .xlsx is read a slice of rows at a time (xlsx_chunks:
# python-calamine on each slice) rather than by python-calamine whole. Slices cost the same CPU
# (bench_sheets.py) and memory holds one (python-calamine's grid of a 200,000-row roster weighs
# 380 MiB), and the first rows come at once instead of after the whole sheet: from about 1,500
# rows of a verbose roster, read while the worksheet unzips; a smaller sheet whole.
SLICE_FROM_BYTES = 2 * 1024 * 1024


def _open_xlsx(path: Path) -> XlsxBook | None:
    """A large .xlsx as a book read in slices; None to read it with python-calamine whole (a smaller
    one, other formats, an .xls renamed .xlsx, a password-protected file, a zip that is no workbook)."""
    if path.suffix.lower() not in (".xlsx", ".xlsm") or not path.is_file():
        return None
    check_spreadsheet_limits(path, scan_worksheets=False)  # the sizes; the sheets' cells below
    try:
        with zipfile.ZipFile(path) as zf:
            largest = max((i.file_size for i in zf.infolist() if i.filename.startswith("xl/worksheets/")), default=0)
    except (zipfile.BadZipFile, OSError, ValueError):
        largest = 0
    if largest >= SLICE_FROM_BYTES:
        try:
            return XlsxBook(path)  # each slice's cells checked before it is read (SlicedSheet)
        except NotAnXlsx:
            pass
    check_spreadsheet_limits(path)  # read whole by python-calamine: every worksheet's cells first
    return None


def _stream_rows(book: XlsxBook, columns: Sequence[Column], sheet: str | int | None) -> tuple[str, Iterator[list[Any]], int]:
    """The chosen sheet's name, its rows from Excel row 1 (the header search rows read ahead) and
    the row count its dimension claims (for the progress)."""
    names = [info.name for info in book.sheets]
    if isinstance(sheet, int):
        if not 0 <= sheet < len(names):
            raise SheetError(_("The workbook has no sheet number {number}.").format(number=sheet + 1))
        chosen = book.sheets[sheet]
    elif sheet is not None:
        if sheet not in names:
            raise SheetError(
                _("The workbook has no sheet “{sheet}” (it has: {names}).").format(sheet=sheet, names=_(", ").join(names))
            )
        chosen = book.sheets[names.index(sheet)]
    else:
        candidates = [i for i in book.sheets if i.worksheet and i.visible] + [i for i in book.sheets if i.worksheet and not i.visible]
        if not candidates:
            raise SheetError(_("The workbook has no worksheets."))
        chosen = candidates[0]
        if len(candidates) > 1 and columns:
            best_score = 0
            for info in candidates:
                top = list(islice(book.rows(info), HEADER_SEARCH_ROWS))
                score = max((header_score(row, columns) for row in top), default=0)
                if score > best_score:
                    chosen, best_score = info, score
    if not chosen.worksheet:
        raise SheetError(_("The sheet “{sheet}” is empty.").format(sheet=chosen.name))
    rows = SlicedSheet(book, chosen).rows()
    head = list(islice(rows, HEADER_SEARCH_ROWS))
    if not any(any(cell not in ("", None) for cell in row) for row in head):
        following = next(rows, None)
        if following is None:
            raise SheetError(_("The sheet “{sheet}” is empty.").format(sheet=chosen.name))
        head.append(following)
    return chosen.name, chain(head, rows), book.dimension_rows(chosen)
