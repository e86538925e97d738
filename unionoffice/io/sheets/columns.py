"""Column specs shared by import and export, and how header cells are matched to them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum
from typing import Any

from unionoffice.i18n import N_, _, current_language
from unionoffice.io.sheets.idnumber import parse_id_number
from unionoffice.io.sheets.values import (
    Parser,
    parse_bool,
    parse_date,
    parse_integer,
    parse_money,
    parse_month,
    parse_number,
    parse_phone,
    parse_text,
)

# The column the rejected-rows file adds; ignored (not "unknown") when that file is imported again.
ERROR_COLUMN = N_("Error reason")
# Headers that carry nothing to import and are not worth reporting.
IGNORED_HEADERS = (N_("No."), ERROR_COLUMN)


class Kind(str, Enum):
    """How a column's values are written to a spreadsheet (and parsed by default)."""

    TEXT = "text"
    ID_NUMBER = "id_number"  # text cell: numbers lose digits
    PHONE = "phone"  # text cell: a leading 0 would be lost
    DATE = "date"  # real date cell, yyyy-mm-dd
    MONTH = "month"  # real date cell, a month alone is normal (出生年月)
    INTEGER = "integer"
    MONEY = "money"  # integer fen, shown as yuan with two decimals
    NUMBER = "number"  # a number cell (学时 1.5, 成绩 92.5): SUM and AVERAGE work on it
    BOOLEAN = "boolean"  # 是/否

    @property
    def text_cell(self) -> bool:
        return self in (Kind.TEXT, Kind.ID_NUMBER, Kind.PHONE)


DEFAULT_PARSERS: dict[Kind, Parser] = {
    Kind.TEXT: parse_text,
    Kind.ID_NUMBER: parse_id_number,
    Kind.PHONE: parse_phone,
    Kind.DATE: parse_date,
    Kind.MONTH: parse_month,
    Kind.INTEGER: parse_integer,
    Kind.MONEY: parse_money,
    Kind.BOOLEAN: parse_bool,
    Kind.NUMBER: parse_number,
}
_KIND_OF_PARSER = {parser: kind for kind, parser in DEFAULT_PARSERS.items()}

WRAP_WIDTH = 20  # text columns this wide (or wider) hold long text: it wraps

_DEFAULT_WIDTHS = {
    Kind.TEXT: 14, Kind.ID_NUMBER: 21, Kind.PHONE: 14, Kind.DATE: 12, Kind.MONTH: 12,
    Kind.INTEGER: 9, Kind.MONEY: 12, Kind.BOOLEAN: 8, Kind.NUMBER: 9,
}


@dataclass(frozen=True)
class Column:
    """One column of a register's ledger.

    ``label`` is the English msgid (mark it with N_); its translation is the header written on
    export and, with the English text and the ``synonyms``, a header name accepted on import.
    ``parse`` defaults to the kind's parser; ``kind`` defaults to the kind of a standard parser.
    ``required``: the column must be in the file and each row must have a value; ``blank_ok``
    overrides the second half (a required column whose cells may be empty).
    """

    key: str
    label: str
    synonyms: tuple[str, ...] = ()
    parse: Parser | None = None
    required: bool = False
    kind: Kind | None = None
    blank_ok: bool | None = None
    width: float | None = None

    def __post_init__(self) -> None:
        kind = self.kind or _KIND_OF_PARSER.get(self.parse, Kind.TEXT)  # type: ignore[arg-type]
        object.__setattr__(self, "kind", kind)
        if self.parse is None:
            object.__setattr__(self, "parse", DEFAULT_PARSERS[kind])
        if self.blank_ok is None:
            object.__setattr__(self, "blank_ok", not self.required)

    @property
    def title(self) -> str:
        """The header as exported, in the current language."""
        return _(self.label)

    @property
    def name(self) -> str:
        """The column as messages name it: the title, or the first synonym when the label has no
        translation in a Chinese interface (a register that forgot one still gets Chinese messages)."""
        if self.synonyms and self.title == self.label and current_language() != "en":
            return self.synonyms[0]
        return self.title

    @property
    def column_width(self) -> float:
        return self.width or max(_DEFAULT_WIDTHS[self.kind], text_width(self.title) + 3)  # type: ignore[index]

    @property
    def wraps(self) -> bool:
        """Long text wraps in its cell (a wide text column), so nothing is cut off on paper."""
        return self.kind is Kind.TEXT and self.column_width >= WRAP_WIDTH

    def header_names(self) -> set[str]:
        return {normalize_header(name) for name in (self.label, self.title, *self.synonyms)} - {""}


def text_width(text: str) -> float:
    """Width in Excel's units (the width of "0"): a Chinese character takes about two."""
    return sum(2.0 if unicodedata.east_asian_width(char) in "WF" else 1.1 for char in text)


_HEADER_DECORATION = re.compile(r"(\*|\(必填\)|\(选填\)|\(required\)|\(optional\)|:)+$")


def normalize_header(value: Any) -> str:
    """Header text compared loosely: full-width to half-width, no whitespace or line breaks,
    no trailing ``*``, ``（必填）`` or colon, English in lower case."""
    if value is None:
        return ""
    text = "".join(unicodedata.normalize("NFKC", str(value)).split()).lower()
    text = text.lstrip("*")
    previous = None
    while previous != text:
        previous = text
        text = _HEADER_DECORATION.sub("", text)
    return text


_TRAILING_NOTE = re.compile(r"\([^()]*\)$")


def header_key(value: Any, lookup: dict[str, str]) -> str | None:
    """The column key a header cell names: exactly, or once a trailing note such as （元） or
    （18位） is set aside."""
    name = normalize_header(value)
    if not name:
        return None
    found = lookup.get(name)
    if found is None and name.endswith(")"):
        found = lookup.get(_TRAILING_NOTE.sub("", name))
    return found


_DISPLAY_DECORATION = re.compile(r"^[*＊]+|([*＊:：]|[(（](必填|选填)[)）])+$")


def display_header(value: Any) -> str:
    """A header cell as messages name it: as typed, minus line breaks and a ``*`` or ``（必填）`` mark."""
    parts = str(value).split()
    # Chinese headers broken over lines ("身份证\n号码") read as one word; English keeps its spaces.
    text = " ".join(parts) if any(part.isascii() for part in parts) else "".join(parts)
    return _DISPLAY_DECORATION.sub("", text).strip() or text


def ignored_header_names() -> set[str]:
    return {normalize_header(name) for name in IGNORED_HEADERS} | {normalize_header(_(name)) for name in IGNORED_HEADERS}
