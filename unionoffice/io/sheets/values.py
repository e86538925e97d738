"""Cell values as real spreadsheets hold them, turned into Python values (one parser per kind).

A parser takes the raw cell value from python-calamine (str, int, float, bool, date, datetime,
time) and returns the parsed value, or ``WithNotice(value, notice)`` when the clerk should be told
how a value was read; it raises ``CellError`` with a message for the clerk (without row or field:
the caller adds those). Blank cells never reach a parser.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Callable, Type

from unionoffice.domain.choices import LabelledEnum
from unionoffice.domain.money import AmountError, parse_amount
from unionoffice.domain.text_rules import DEFAULT_FIELD_CHARS, MAX_CELL_CHARS, clean_text
from unionoffice.domain.vocabulary import normalize_ethnicity, read_choice
from unionoffice.i18n import _

# Dates outside this range are typing slips (or serial numbers of another column) in an office ledger.
MIN_YEAR = 1900
MAX_YEAR = 2100
SERIAL_MIN = 7306  # 1920-01-01
SERIAL_MAX = 73415  # 2100-12-31
# Day 0 of Excel's (Windows, 1900) serial numbers, as it counts past its 1900-02-29 slip (serials > 60).
EXCEL_EPOCH = dt.datetime(1899, 12, 30)


class CellError(ValueError):
    """A cell value that cannot be accepted; the message is for the clerk."""


@dataclass(frozen=True)
class WithNotice:
    """A parsed value plus a remark the clerk should see (e.g. a month-only date read as the 1st)."""

    value: Any
    notice: str


Parser = Callable[[Any], Any]


def normalize_text(value: Any) -> str:
    """Full-width to half-width (NFKC), trimmed; numbers stored for text lose a spurious ``.0``."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    text = str(value)
    if text.isascii():  # NFKC leaves ASCII as it is (ID numbers, phones, codes)
        return text.strip()
    return unicodedata.normalize("NFKC", text).strip()


def compact(value: Any) -> str:
    """normalize_text without any whitespace inside."""
    return "".join(normalize_text(value).split())


def show(value: Any) -> str:
    """A raw value as the clerk sees it in a message."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value).strip()


def clean_cell_text(value: str) -> str:
    """A text cell without control, bidi-override and zero-width characters; absurd lengths refused."""
    if len(value) > MAX_CELL_CHARS:
        raise CellError(_("The cell holds {length} characters; at most {limit} are accepted.").format(
            length=len(value), limit=MAX_CELL_CHARS))
    return clean_text(value, multiline=True)


def check_cell_length(value: str, limit: int = DEFAULT_FIELD_CHARS) -> str:
    if len(value) > limit:
        raise CellError(_("The text is too long: {length} characters (at most {limit}).").format(length=len(value), limit=limit))
    return value


# --- text, numbers, yes/no, money ----------------------------------------------------------

def parse_text(value: Any) -> str:
    """Trimmed text; whitespace runs (line breaks) inside become one space; full-width kept as typed."""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    return " ".join(str(value).split())


_SPACE_BETWEEN_HAN = re.compile(r"(?<=[\u3400-\u9fff\U00020000-\U0003134f])\s+(?=[\u3400-\u9fff\U00020000-\U0003134f])")


def parse_name(value: Any) -> str:
    """A person's name: spaces typed to align two-character names (张  三) are removed; foreign
    names keep theirs (Anna Smith); the middle dot of minority names is kept."""
    return _SPACE_BETWEEN_HAN.sub("", parse_text(value))


def parse_integer(value: Any) -> int:
    """Whole numbers: 12, 12.0, "１２", "1,200"."""
    if isinstance(value, bool):
        raise CellError(_("“{text}” is not a whole number.").format(text=show(value)))
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise CellError(_("“{text}” is not a whole number.").format(text=show(value)))
    text = compact(value).replace(",", "")
    if re.fullmatch(r"[+-]?\d+", text):
        return int(text)
    if re.fullmatch(r"[+-]?\d+\.0*", text):
        return int(text.split(".")[0])
    raise CellError(_("“{text}” is not a whole number.").format(text=show(value)))


def parse_number(value: Any) -> Decimal:
    """A number as typed or stored: 1.5, "1.5", "１．５", "1,200" (exact, as a Decimal)."""
    if isinstance(value, bool):
        raise CellError(_("“{text}” is not a number.").format(text=show(value)))
    if isinstance(value, (int, float)):
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    text = compact(value).replace(",", "")
    try:
        return Decimal(text)
    except ArithmeticError:
        raise CellError(_("“{text}” is not a number.").format(text=show(value))) from None


_TRUE = {"是", "y", "yes", "√", "✓", "✔", "1", "true", "t", "对", "有"}
_FALSE = {"否", "n", "no", "×", "✗", "✘", "x", "0", "false", "f", "错", "无"}


def parse_bool(value: Any) -> bool:
    """是/否, Y/N, √/×, 1/0, true/false (and real boolean cells)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    text = compact(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError(_("“{text}” is not yes or no (write 是 or 否).").format(text=show(value)))


def parse_money(value: Any) -> int:
    """Yuan to integer fen through the shared money parser (its messages are already for the clerk)."""
    try:
        return parse_amount(value)
    except AmountError as exc:
        raise CellError(str(exc)) from None


def choice_parser(enum: Type[LabelledEnum]) -> Parser:
    """A parser for a fixed vocabulary: the code or the label (in either language) of a member."""

    def parse_choice(value: Any) -> LabelledEnum:
        found = read_choice(enum, normalize_text(value))
        if found is None:
            offered = getattr(enum, "offered", None)
            allowed = "、".join(member.label() for member in (offered() if offered else enum))
            raise CellError(_("“{text}” is not one of: {allowed}.").format(text=show(value), allowed=allowed))
        return found

    parse_choice.choices = enum  # type: ignore[attr-defined]  # for export drop-down lists
    return parse_choice


def parse_ethnicity(value: Any) -> str:
    """One of the 56 names of GB/T 3304 (or 其他/外国血统); short forms such as 汉 become 汉族."""
    name = normalize_ethnicity(value)
    if not name:
        raise CellError(_("“{text}” is not an ethnic group of GB/T 3304 (e.g. Han, Hui, Uyghur, or Other).").format(
            text=show(value)))
    return name


# --- dates ---------------------------------------------------------------------------------

_FULL_DATE = re.compile(r"(\d{4})[.\-/年](\d{1,2})[.\-/月](\d{1,2})日?(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_MONTH_ONLY = re.compile(r"(\d{4})[.\-/年](\d{1,2})月?")
_TRAILING_TIME = re.compile(r"\s+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")
_COMPACT_FULL = re.compile(r"(\d{4})(\d{2})(\d{2})")
_COMPACT_MONTH = re.compile(r"(\d{4})(\d{2})")


def make_date(year: int, month: int, day: int) -> dt.date:
    """The date, or a CellError that says which part is impossible."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise CellError(_("The year {year} is not plausible.").format(year=year))
    if not 1 <= month <= 12:
        raise CellError(_("There is no month {month}.").format(month=month))
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise CellError(_("{year}-{month} has no day {day}.").format(year=year, month=month, day=day)) from None


def _month_only(year: int, month: int, notice: bool) -> Any:
    date = make_date(year, month, 1)
    if not notice:
        return date
    return WithNotice(date, _("Only the month was given; read as {date}.").format(date=f"{date:%Y-%m-%d}"))


def _date_from_number(value: float, month_notice: bool) -> Any:
    if value.is_integer():
        number = int(value)
        if 19000101 <= number <= 21001231:
            return make_date(number // 10000, number // 100 % 100, number % 100)
        if 190001 <= number <= 210012:
            return _month_only(number // 100, number % 100, month_notice)
        if MIN_YEAR <= number <= MAX_YEAR:
            raise CellError(_("Only the year {year} was given; the month is missing.").format(year=number))
    elif MIN_YEAR <= value < MAX_YEAR + 1:
        # 1991.03 or 2019.3 typed into a number cell (出生年月): read it as Excel shows it.
        match = _MONTH_ONLY.fullmatch(repr(value))
        if match:
            return _month_only(int(match.group(1)), int(match.group(2)), month_notice)
    # Excel serial numbers; small ones (a stray 5 = 1900-01-05) are slips, not dates.
    if SERIAL_MIN <= value <= SERIAL_MAX:
        return excel_serial_date(value)
    raise CellError(_("“{text}” is not a date.").format(text=show(value)))


def excel_serial_date(value: float) -> dt.date:
    """The day an Excel serial number (> 60) stands for; a time of day rounds to the millisecond, as Excel shows it."""
    day, fraction = divmod(value, 1)
    return (EXCEL_EPOCH + dt.timedelta(days=int(day), milliseconds=round(fraction * 86_400_000))).date()


def _parse_date(value: Any, month_notice: bool) -> Any:
    if isinstance(value, dt.date):  # date and datetime cells
        date = value.date() if isinstance(value, dt.datetime) else value
        return make_date(date.year, date.month, date.day)  # still refuses the year 1899 or 2999
    if isinstance(value, bool):
        raise CellError(_("“{text}” is not a date.").format(text=show(value)))
    if isinstance(value, (int, float)):
        return _date_from_number(float(value), month_notice)
    # A time after the date (2019-03-05 00:00:00) is dropped before spaces are squeezed out.
    text = "".join(_TRAILING_TIME.sub("", normalize_text(value)).split())
    for pattern, full in ((_FULL_DATE, True), (_COMPACT_FULL, True), (_MONTH_ONLY, False), (_COMPACT_MONTH, False)):
        match = pattern.fullmatch(text)
        if match:
            year, month = int(match.group(1)), int(match.group(2))
            if full:
                return make_date(year, month, int(match.group(3)))
            return _month_only(year, month, month_notice)
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return _date_from_number(float(text), month_notice)
    raise CellError(_("“{text}” is not a date (write it like 2019-03-05).").format(text=show(value)))


def parse_date(value: Any) -> Any:
    """Date cells, serial numbers, 2019.3.5, 2019年3月5日, 2019/03/05, 19910305; a month alone
    (1991.03, 1991年3月) is read as its first day, with a notice."""
    return _parse_date(value, month_notice=True)


def parse_month(value: Any) -> Any:
    """Like parse_date, for columns where a month alone is normal (出生年月): no notice."""
    return _parse_date(value, month_notice=False)


# --- phone numbers -------------------------------------------------------------------------

_PHONE_SEPARATORS = re.compile(r"[\s\-()（）.·—]")


def parse_phone(value: Any) -> str:
    """Digits only: an 11-digit mobile (1, then 3–9) or a landline with its area code (0…)."""
    if isinstance(value, bool):
        raise CellError(_("“{text}” is not a phone number.").format(text=show(value)))
    if isinstance(value, float) and not value.is_integer():
        raise CellError(_("“{text}” is not a phone number.").format(text=show(value)))
    text = normalize_text(value)
    if len(text) == 11 and text[0] == "1" and text[1] in "3456789" and text.isdigit() and text.isascii():
        return text  # a mobile number as most are written: what the checks below conclude for it
    if re.fullmatch(r"\d(\.\d+)?[eE]\+?\d+", text):
        raise CellError(_("The phone number was stored as a number in scientific notation; its digits are lost."))
    if re.fullmatch(r"\d+\.0+", text):  # a number cell that went through text: 13800138000.0
        text = text.split(".")[0]
    digits = _PHONE_SEPARATORS.sub("", text)
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) == 13 and digits[2] == "1":
        digits = digits[2:]
    if not digits.isdigit() or not digits.isascii():
        raise CellError(_("“{text}” is not a phone number.").format(text=show(value)))
    if 7 <= len(digits) <= 8:
        raise CellError(_("The landline number {text} needs its area code (e.g. 010-12345678).").format(text=digits))
    if digits.startswith("1"):
        if len(digits) != 11:
            raise CellError(
                _("A mobile number has 11 digits, this one has {count}.").format(count=len(digits))
            )
        if digits[1] not in "3456789":
            raise CellError(_("A mobile number starts with 13 to 19, not {start}.").format(start=digits[:2]))
        return digits
    if digits.startswith("0") and not digits.startswith("00") and 10 <= len(digits) <= 12:
        return digits
    raise CellError(_("“{text}” is not a mobile or landline number.").format(text=show(value)))
