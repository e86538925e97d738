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


# Words upload templates use that the roster import's vocabulary does not (yet) know.
_TEMPLATE_WORDS: dict[str, dict[str, str]] = {
    "education": {"中等专科": "secondary_vocational", "中等专业学校": "secondary_vocational",
                  "中等职业教育": "secondary_vocational", "技工学校": "secondary_vocational",
                  "研究生及以上": "postgraduate", "大学专科及以下": "college"},
}


class ItemMatcher:
    """The items of one column's list, each parsed once, and which of them stand for a value."""

    def __init__(self, field: str, items: list[str]) -> None:
        self.field = field
        self.items = items
        kind = FIELDS[field].kind
        self._parsed_field: bool | None = None if kind != Kind.BOOLEAN else True
        self._parsed: list[tuple[str, set[Any]]] | None = None
        self._memo: dict[Any, list[str]] = {}

    def _parsed_items(self) -> list[tuple[str, set[Any]]]:
        if self._parsed is None:
            extra = _TEMPLATE_WORDS.get(self.field, {})
            parsed = []
            for item in self.items:
                _code, label = split_item(item)
                values = {_parse(self.field, text) for text in (label, item)}
                if _plain(label) in extra:
                    values.add(extra[_plain(label)])
                parsed.append((item, values - {None}))
            self._parsed = parsed
        return self._parsed

    def match(self, value: Any) -> list[str]:
        """The items standing for ``value`` (normally one; several means the value is ambiguous for this list)."""
        if value is None or value == "":
            return []
        key = (type(value).__name__, value)
        found = self._memo.get(key)
        if found is None:
            found = self._match(value)
            self._memo[key] = found
        return found

    def _match(self, value: Any) -> list[str]:
        if isinstance(value, (LabelledEnum, bool)) or FIELDS[self.field].kind == Kind.BOOLEAN:
            wanted = {value, getattr(value, "value", value)}
            return [item for item, values in self._parsed_items() if values & wanted]
        return [item for item in self.items
                if _same_text(split_item(item)[1], str(value)) or _same_text(item, str(value))]


def matching_items(field: str, value: Any, items: list[str]) -> list[str]:
    """The items standing for ``value`` (see ItemMatcher, which remembers the parsed items)."""
    return ItemMatcher(field, items).match(value)


def allowed(item_text: Any, items: list[str]) -> bool:
    """Whether a cell's text is one of the list's items (as Excel's validation compares: exactly)."""
    text = "" if item_text is None else str(item_text).strip()
    if isinstance(item_text, float) and item_text.is_integer():
        text = str(int(item_text))
    return text in items
