"""Text that may be stored: cleaned of invisible and control characters, and not absurdly long.

One set of rules for every way text comes in (spreadsheet imports, forms, the command line):

- control characters (NUL, BEL, ESC, …, C1) are removed; a tab becomes a space; line breaks are
  kept only in multi-line fields (notes, reasons), elsewhere they become a space;
- bidirectional overrides/isolates (U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C) and
  zero-width characters (U+200B–U+200D, U+2060, U+FEFF, U+180E) are removed: they make a name
  look like another one and break exports;
- lone surrogates and the non-characters U+FFFE/U+FFFF are removed;
- a field longer than its maximum is refused (TextTooLong names the field; the caller adds the row).

``xml_safe`` is the last line of defence at write time (exports must never fail on stored
text), ``printable`` what may go to a terminal (no escape sequences from a crafted file).
"""

from __future__ import annotations

import re
from typing import Any

from unionoffice.i18n import _

# A single cell of an office ledger beyond this is a paste accident (Excel itself stops at 32,767).
MAX_CELL_CHARS = 32_767
# Fields without a declared length (notes, reasons, descriptions).
MAX_LONG_TEXT = 20_000
DEFAULT_FIELD_CHARS = 2_000

_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u180e\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_CONTROL_SINGLE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_INVISIBLE}\ud800-\udfff\ufffe\uffff]")
_CONTROL_MULTI = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_INVISIBLE}\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile(r"\r\n|[\r\n\u2028\u2029\x85]")
# Characters XML 1.0 cannot hold (openpyxl's IllegalCharacterError, python-docx's ValueError).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class TextTooLong(ValueError):
    """A text longer than its field allows; the message names the field and both lengths."""

    def __init__(self, field: str, length: int, limit: int) -> None:
        super().__init__(
            _("{field} is too long: {length} characters (at most {limit}).").format(field=field, length=length, limit=limit)
        )
        self.field, self.length, self.limit = field, length, limit


def clean_text(value: str, *, multiline: bool = False) -> str:
    """``value`` without control, bidi-override and zero-width characters (see the module docstring)."""
    if value.isprintable():  # every character removed or replaced below is unprintable (a test checks)
        return value
    return _cleaned(value, multiline)


def _cleaned(value: str, multiline: bool) -> str:
    value = value.replace("\t", " ")
    if multiline:
        value = _BREAKS.sub("\n", value)
        return _CONTROL_MULTI.sub("", value)
    value = _BREAKS.sub(" ", value)
    return _CONTROL_SINGLE.sub("", value)


def has_hidden_characters(value: str) -> bool:
    return clean_text(value, multiline=True) != value.replace("\t", " ")


def check_length(value: str, limit: int, field: str) -> str:
    if len(value) > limit:
        raise TextTooLong(field, len(value), limit)
    return value


def clean_field(value: Any, field: str, limit: int = DEFAULT_FIELD_CHARS, *, multiline: bool = False) -> Any:
    """A text value cleaned and length-checked (other values pass through)."""
    if not isinstance(value, str):
        return value
    return check_length(clean_text(value, multiline=multiline), limit, field)


def xml_safe(value: str) -> str:
    """``value`` without the characters XML 1.0 cannot hold (for .xlsx/.docx writers)."""
    return _XML_ILLEGAL.sub("", value) if not value.isascii() or not value.isprintable() else value


def printable(value: object) -> str:
    """Text safe to print on a terminal: no escape sequences or other control characters."""
    text = str(value)
    return clean_text(text).replace("\n", " ")
