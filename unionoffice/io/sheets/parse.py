"""Find the header row, map columns by name, parse and validate every data row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sized
from decimal import Decimal
from enum import Enum
from itertools import chain, islice
from typing import Any, Callable, Iterable, Iterator, Sequence

from unionoffice.i18n import _
from unionoffice.io.sheets.columns import Column, Kind, display_header, header_key, ignored_header_names, normalize_header
from unionoffice.io.sheets.errors import HeaderError
from unionoffice.io.sheets.results import RowResult, SheetParse
from unionoffice.io.sheets.values import CellError, WithNotice, check_cell_length, clean_cell_text, compact

HEADER_SEARCH_ROWS = 10
PROGRESS_EVERY = 500
Progress = Callable[[int, int], None]  # (rows done, rows in all); raise inside it to cancel
POOL_LIMIT = 2_000  # distinct strings shared per column; past that (names, ID numbers) each cell keeps its own
DATE_MEMO_LIMIT = 50_000  # distinct dates remembered per date column (a century of days is 36,525)
TOTAL_LABELS = {"合计", "总计", "小计", "total", "subtotal", "sum"}


def _name_lookup(columns: Sequence[Column]) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for column in columns:
        for name in column.header_names():
            lookup.setdefault(name, column.key)
    return lookup


def header_score(row: Sequence[Any], columns: Sequence[Column]) -> int:
    """How many distinct known columns a row names."""
    lookup = _name_lookup(columns)
    return _score(row, lookup)


def _score(row: Sequence[Any], lookup: dict[str, str]) -> int:
    return len({key for key in (header_key(cell, lookup) for cell in row) if key is not None})


def find_header_row(cells: Sequence[Sequence[Any]], columns: Sequence[Column], search_rows: int = HEADER_SEARCH_ROWS) -> int:
    """The 0-based index of the row (among the first ``search_rows``) naming the most known columns."""
    lookup = _name_lookup(columns)
    best, best_score = -1, 0
    for index, row in enumerate(cells[:search_rows]):
        score = _score(row, lookup)
        if score > best_score:
            best, best_score = index, score
    if best < 0:
        examples = _(", ").join(column.name for column in columns[:3])
        raise HeaderError(
            _("No header row found: none of the first {count} rows names a known column (such as {examples}).").format(
                count=search_rows, examples=examples
            )
        )
    return best


def map_header(header: Sequence[Any], columns: Sequence[Column]) -> tuple[dict[str, int], dict[str, str], list[str]]:
    """Column key -> index, key -> header text as found, and the headers not recognised.

    When two headers name the same column the first is used and the second is reported as unknown.
    """
    lookup = _name_lookup(columns)
    ignored = ignored_header_names()
    mapping: dict[str, int] = {}
    found: dict[str, str] = {}
    unknown: list[str] = []
    for index, cell in enumerate(header):
        name = normalize_header(cell)
        if not name or name in ignored:
            continue
        key = header_key(cell, lookup)
        text = display_header(cell)
        if key is None or key in mapping:
            unknown.append(text)
            continue
        mapping[key] = index
        found[key] = text
    missing = [column.name for column in columns if column.required and column.key not in mapping]
    if missing:
        raise HeaderError(_("Required columns are missing: {columns}.").format(columns=_(", ").join(missing)))
    return mapping, found, unknown


def _is_blank_row(row: Sequence[Any]) -> bool:
    for cell in row:
        if cell is None or cell == "":
            continue
        if isinstance(cell, str) and not cell.strip():
            continue
        return False
    return True


_TOTAL_STARTS = frozenset("合总小") | {c for label in TOTAL_LABELS for c in label[:1]}


def _is_total_row(row: Sequence[Any]) -> bool:
    for cell in row:
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            continue
        # Most first cells: a name or number starting with a common Chinese character other than
        # 合/总/小, which stays as it is through compact (NFKC leaves U+4E00–U+9FFF alone).
        if type(cell) is str and "\u4e00" <= cell[0] <= "\u9fff" and cell[0] not in _TOTAL_STARTS:
            return False
        text = compact(cell).rstrip(":").lower()
        # "合计：25人" too; no name or department starts with these words.
        return text in TOTAL_LABELS or text.startswith(("合计", "总计", "小计"))
    return False


def parse_cells(
    cells: Iterable[Sequence[Any]],
    columns: Sequence[Column],
    *,
    key: str | Sequence[str] | None = None,
    sheet_name: str = "",
    search_rows: int = HEADER_SEARCH_ROWS,
    progress: Progress | None = None,
    check: Callable[[RowResult], None] | None = None,
    row_count: int | None = None,
) -> SheetParse:
    """Parse a sheet's cells (rows of raw values, row 0 = Excel row 1) against ``columns``.

    ``cells`` may be a list or an iterator streaming the rows (then ``row_count`` gives the
    progress its total): only the parsed rows are kept, never a second copy of the sheet.

    ``check(row)`` runs on every data row after its cells are parsed: the register's checks across
    columns (row.add_error / row.add_notice) and derived values (row.values[...] = ...).
    ``key``: a column key (or several) that must be unique within the file; later repeats are rejected.
    ``progress(done, total)`` is called every PROGRESS_EVERY rows; to cancel, let it raise.
    """
    parsed, rows = parse_stream(cells, columns, key=key, sheet_name=sheet_name, search_rows=search_rows,
                                progress=progress, check=check, row_count=row_count)
    parsed.rows = list(rows)
    return parsed


def parse_stream(
    cells: Iterable[Sequence[Any]],
    columns: Sequence[Column],
    *,
    key: str | Sequence[str] | None = None,
    sheet_name: str = "",
    search_rows: int = HEADER_SEARCH_ROWS,
    progress: Progress | None = None,
    check: Callable[[RowResult], None] | None = None,
    row_count: int | None = None,
) -> tuple[SheetParse, Iterator[RowResult]]:
    """As ``parse_cells``, but the data rows come one at a time from the iterator returned beside
    the sheet's header (found at once: a HeaderError is raised here). ``parsed.rows`` stays empty;
    ``parsed.skipped_rows`` fills as the rows are read, ``parsed.row_count`` is the data rows the
    sheet claims (for a progress, or to size the work ahead). Rows repeating ``key`` are rejected
    as they come, exactly as ``mark_duplicates`` rejects them in a whole list."""
    rows_in = iter(cells)
    head = list(islice(rows_in, search_rows))
    header_index = find_header_row(head, columns, search_rows)
    header = list(head[header_index])
    mapping, found, unknown = map_header(header, columns)
    headers = {column.key: found.get(column.key, column.name) for column in columns}
    total = (len(cells) if isinstance(cells, Sized) else row_count or 0) - header_index - 1
    parsed = SheetParse(
        columns=list(columns), sheet_name=sheet_name, header_row=header_index + 1, header_cells=header,
        mapping=mapping, headers=headers, unknown_columns=unknown, rows=[], skipped_rows=[],
    )
    parsed.row_count = max(total, 0)
    keys = ((key,) if isinstance(key, str) else tuple(key)) if key else ()
    rows = _parsed_rows(chain(head[header_index + 1:], rows_in), header_index, header, columns, mapping, headers,
                        parsed.skipped_rows, total, keys, progress, check)
    return parsed, rows


def _parsed_rows(rows_in: Iterator[Sequence[Any]], header_index: int, header: list[Any], columns: Sequence[Column],
                 mapping: dict[str, int], headers: dict[str, str], skipped: list[int], total: int, keys: tuple[str, ...],
                 progress: Progress | None, check: Callable[[RowResult], None] | None) -> Iterator[RowResult]:
    plan = [(column.key, mapping[column.key], column) for column in columns if column.key in mapping]
    positions = sorted(mapping.values())
    first = positions[0] if positions else 0  # a row with a word here is no blank row
    absent = [column.key for column in columns if column.key not in mapping]
    required_blank = _("This is required and is empty.")
    # A roster repeats a few words (男, 汉族, 在册, 一车间) in every row: per column, one string
    # object for each and the outcome of parsing it remembered, instead of cleaning, parsing and
    # keeping each cell anew (a 200,000-row sheet holds millions of cells).
    pools: dict[int, dict[str, str] | None] = {}
    # Date cells too: a roster's birth and join dates repeat (tens of thousands of days at most).
    memos: dict[int, dict[Any, tuple[Any, Any, str | None, str | None]] | None] = {position: {} for position in positions}
    limits = {mapping[c.key]: DATE_MEMO_LIMIT if c.kind in (Kind.DATE, Kind.MONTH) else POOL_LIMIT for c in columns
              if c.key in mapping}
    unmapped = [i for i in range(len(header)) if i not in mapping.values()]
    seen: dict[Any, int] = {}  # the key values met so far (a value, or a tuple of several) → the first row holding them
    one_key = keys[0] if len(keys) == 1 else None
    done = 0
    for index, row in enumerate(rows_in, start=header_index + 1):
        if progress is not None and (index - header_index) % PROGRESS_EVERY == 0:
            progress(index - header_index, max(total, index - header_index))
        raw = row if type(row) is list else list(row)
        width = len(raw)
        lead = raw[first] if first < width else None
        if not (type(lead) is str and lead.strip()):
            # Templates often come with numbered but empty rows: blank in every known column is blank.
            if _is_blank_row([raw[i] for i in positions if i < width]):
                continue
        if _is_total_row(raw):
            skipped.append(index + 1)
            continue
        values: dict[str, Any] = {}
        result = RowResult(index + 1, values, raw_cells=raw, headers=headers)
        for column_key, position, column in plan:
            cell = raw[position] if position < width else None
            kind = type(cell)
            memo = memos[position] if kind is str or kind is dt.date or kind is dt.datetime else None
            known = memo.get(cell) if memo is not None else None  # a word seen before in this column
            if known is None:
                if cell is None or cell == "" or (isinstance(cell, str) and not cell.strip()):
                    values[column_key] = None
                    if not column.blank_ok:
                        result.add_error(column_key, required_blank)
                    continue
                known = _parse_cell(cell, column)
                if memo is not None and known[4]:
                    memo[cell] = known
                    if len(memo) > limits[position]:  # names, ID numbers: each cell its own
                        memos[position] = None
            else:
                raw[position] = known[0]
            values[column_key] = known[1]
            if known[2] is not None:
                result.add_error(column_key, known[2])
            elif known[3] is not None:
                result.add_notice(column_key, known[3])
        for position in unmapped:
            if position < width and type(raw[position]) is str and raw[position]:
                raw[position] = _one_of(raw[position], position, pools)
        for column_key in absent:
            values[column_key] = None
        if check is not None:
            check(result)
        if one_key is not None:
            value = values.get(one_key)
            if value is not None:
                met = seen.setdefault(value, index + 1)
                if met != index + 1:
                    result.add_error(one_key, _("Duplicate within the file (same as row {row}).").format(row=met))
        elif keys:
            _mark_duplicate(result, keys, seen)
        done += 1
        yield result
    if progress is not None:
        progress(max(total, done), max(total, done))


_IMMUTABLE = (str, int, float, bool, dt.date, dt.datetime, dt.time, Decimal, Enum, type(None))


def _parse_cell(cell: Any, column: Column) -> tuple[Any, Any, str | None, str | None, bool]:
    """(the cell, its value, error, notice, whether the outcome may be reused for an equal cell:
    parsers are functions of the cell, and the value must be immutable to be shared by rows)."""
    original = cell
    try:
        if isinstance(cell, str):
            cell = clean_cell_text(cell)
        value = column.parse(cell)  # type: ignore[misc]
        if isinstance(value, str):
            value = check_cell_length(value)
    except CellError as exc:
        return original, None, str(exc), None, True
    notice = None
    if isinstance(value, WithNotice):
        notice = value.notice
        value = value.value
    if type(value) is type(original) and value == original:
        value = original  # one object for the cell and its value (a name, an ID number, a date)
    return original, value, None, notice, isinstance(value, _IMMUTABLE)


def _one_of(value: str, key: Any, pools: dict[Any, dict[str, str] | None]) -> str:
    """The one string object of this column equal to ``value`` (None: the column repeats too little)."""
    pool = pools.get(key, {})
    if pool is None:
        return value
    found = pool.setdefault(value, value)
    if found is value and len(pool) > POOL_LIMIT:
        pools[key] = None
    elif key not in pools:
        pools[key] = pool
    return found


def mark_duplicates(rows: Sequence[RowResult], keys: Sequence[str]) -> None:
    """Reject every row whose key value(s) already appeared on an earlier row of the file."""
    seen: dict[tuple[Any, ...], int] = {}
    for row in rows:
        _mark_duplicate(row, tuple(keys), seen)


def _mark_duplicate(row: RowResult, keys: tuple[str, ...], seen: dict[tuple[Any, ...], int]) -> None:
    value = tuple(row.values.get(k) for k in keys)
    if any(v is None for v in value):
        return
    first = seen.setdefault(value, row.row_number)
    if first != row.row_number:
        row.add_error(keys[0], _("Duplicate within the file (same as row {row}).").format(row=first))
