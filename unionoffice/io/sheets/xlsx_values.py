"""The values of an .xlsx worksheet's cells as python-calamine gives them (for the lxml stream of
``xlsx_stream``): shared, inline and formula strings, numbers as float, booleans, and numbers in a
date or time format as dates, datetimes, times or timedeltas."""

from __future__ import annotations

import datetime as dt
from typing import Any

from unionoffice.i18n import _
from unionoffice.io.sheets.errors import SheetError
from unionoffice.io.sheets.limits import MAX_COLUMNS

# Built-in number formats that are dates or times (ECMA-376 §18.8.30), as python-calamine reads them.
_BUILTIN_DATES = {14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 47}
_BUILTIN_DURATIONS = {46}
_DATE, _DURATION = 1, 2
_EPOCH_1900 = dt.datetime(1899, 12, 30)
_EPOCH_1904 = dt.datetime(1904, 1, 1)
RawCell = tuple[str | None, str | None, str | None, str | None, str | None]  # reference, type, style, value, inline text


def number_format_kind(code: str) -> int:
    """0 for a plain number format, _DATE for a date/time one, _DURATION for ``[h]:mm``-like ones.

    Only the first section counts; quoted text, escaped characters, ``_x`` widths, ``*x`` fills and
    ``[...]`` (colours, conditions, locales) are not date letters; ``[h]``, ``[mm]``, ``[ss]`` make a
    duration, as in python-calamine."""
    escaped = quoted = am_pm = False
    depth = 0
    previous = " "
    elapsed = False
    for char in code:
        if escaped:
            escaped = False
        elif char in "_\\*":
            escaped = True
        elif quoted:
            quoted = char != '"'
        elif char == '"':
            quoted = True
        elif char == ";":
            return 0
        elif char == "[":
            depth += 1
        elif char == "]" and depth == 1 and elapsed:
            return _DURATION
        elif char == "]":
            depth = max(0, depth - 1)
        elif depth == 0 and not am_pm and char in "aA":
            am_pm = True
        elif depth == 0 and am_pm and char in "pmPM/":
            return _DATE
        elif depth == 0 and not am_pm and char in "dmhysDMHYS":
            return _DATE
        elif not (elapsed and char.lower() == previous.lower()):
            elapsed = previous == "[" and char in "mhsMHS"
        previous = char
    return 0


def _column_index(reference: str) -> int:
    """0-based column of a reference such as "AB12" (-1 when it names none)."""
    index = 0
    for char in reference:
        code = ord(char)
        if 65 <= code <= 90:
            index = index * 26 + code - 64
        elif 97 <= code <= 122:
            index = index * 26 + code - 96
        else:
            break
    return index - 1


def _row_values(cells: list[RawCell], strings: list[str], styles: list[int], epoch: dt.datetime, name: str) -> list[Any]:
    """The row's cells as values from column A; trailing blanks left out ([] for a blank row)."""
    values: list[Any] = []
    column = -1
    for reference, kind, style, raw, inline in cells:
        column = _column_index(reference) if reference else column + 1
        if column < 0:
            continue
        if kind == "inlineStr" or (inline is not None and raw is None):
            value: Any = inline or ""
        elif not raw:
            continue
        elif kind == "s":
            try:
                value = strings[int(raw)]
            except (ValueError, IndexError):
                continue
        elif kind == "str":
            value = raw
        elif kind == "b":
            value = raw.strip() in ("1", "true")
        elif kind == "e":
            continue  # an error value (#DIV/0!): a blank, as python-calamine gives it
        elif kind == "d":
            value = _iso_value(raw)
        else:
            try:
                number = float(raw)
            except ValueError:
                continue
            date_kind = 0
            if style:
                try:
                    date_kind = styles[int(style)]
                except (ValueError, IndexError):
                    date_kind = 0
            value = _date_value(number, date_kind, epoch) if date_kind else number
        if value == "":
            continue
        if column >= MAX_COLUMNS:
            raise SheetError(_("{name} was not read: {limit}.").format(
                name=name, limit=_("it has more than {limit} columns").format(limit=f"{MAX_COLUMNS:,}")))
        if column >= len(values):
            values.extend([""] * (column - len(values) + 1))
        values[column] = value
    return values


def _date_value(number: float, kind: int, epoch: dt.datetime) -> Any:
    """A serial number in a date style as python-calamine converts it (a float when out of range)."""
    if kind == _DURATION:
        return dt.timedelta(days=number)
    serial = number + 1 if epoch is _EPOCH_1900 and 0 < number < 60 else number  # Excel's 1900-02-29
    try:
        moment = epoch + dt.timedelta(milliseconds=round(serial * 86_400_000))
    except OverflowError:
        return number
    if number < 1:
        return moment.time()
    if number == int(number):
        return moment.date()
    return moment


def _iso_value(text: str) -> Any:
    try:
        moment = dt.datetime.fromisoformat(text.strip().rstrip("Z"))
    except ValueError:
        return text
    return moment.date() if moment.time() == dt.time() and "T" not in text else moment
