"""Which dropdown item stands for a member's value: “1-男” for male, “2-大学本科” for 本科, “05-民盟盟员”…

An item is read as an optional code and a label (“05-民盟盟员” → 05, 民盟盟员); the label is parsed
with the roster import's own parser for that field, so every word the import accepts (本科, 大学本科,
党员 …) matches here too, and a value matches only an item that parses to the same value.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from unionoffice.domain.choices import LabelledEnum
from unionoffice.io.sheets import CellError, Kind
from unionoffice.io.upload.fields import FIELDS

_ITEM = re.compile(r"^\s*([0-9A-Za-z]{1,4})\s*[-－—_.．、:：)）\s]\s*(\S.*?)\s*$")


def split_item(item: str) -> tuple[str | None, str]:
    """(code, label) of a list item; items without a code give (None, item)."""
    match = _ITEM.match(item)
    if match and not match.group(2).isdigit():
        return match.group(1), match.group(2)
    return None, item.strip()


def _plain(text: Any) -> str:
    return "".join(unicodedata.normalize("NFKC", str(text)).split()).lower()


def _parse(field: str, text: str) -> Any:
    column = FIELDS[field].column
    try:
        value = column.parse(text)  # type: ignore[misc]
    except CellError:
        return None
    return getattr(value, "value", value) if not isinstance(value, LabelledEnum) else value


def _same_text(a: str, b: str) -> bool:
    a, b = _plain(a), _plain(b)
    if a == b:
        return True
    # 汉 / 汉族, 回 / 回族: ethnic names are written with and without 族.
    return a.rstrip("族") == b.rstrip("族") and bool(a.rstrip("族"))


def matching_items(field: str, value: Any, items: list[str]) -> list[str]:
    """The items standing for ``value`` (normally one; several means the value is ambiguous for this list)."""
    if value is None or value == "":
        return []
    kind = FIELDS[field].kind
    parsed_field = isinstance(value, (LabelledEnum, bool)) or kind == Kind.BOOLEAN
    found = []
    for item in items:
        code, label = split_item(item)
        if parsed_field:
            if any(_parse(field, text) == value for text in (label, item)):
                found.append(item)
        elif _same_text(label, str(value)) or _same_text(item, str(value)):
            found.append(item)
    return found


def allowed(item_text: Any, items: list[str]) -> bool:
    """Whether a cell's text is one of the list's items (as Excel's validation compares: exactly)."""
    text = "" if item_text is None else str(item_text).strip()
    if isinstance(item_text, float) and item_text.is_integer():
        text = str(int(item_text))
    return text in items
