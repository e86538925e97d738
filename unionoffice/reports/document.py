"""The document model of a printed summary: plain dataclasses, no Qt, no database, no layout.

A builder (the report wizard) fills a Document from the records; the clerk may edit any text;
the writers (pdf_writer, docx_writer) lay it out per GB/T 9704. Headings keep their number
prefix in their text (“一、基本情况”, “（一）组织建设”) exactly as drafted, so edits stay literal.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Union

from unionoffice.i18n import _, format_date, format_number

# GB/T 9704 structure levels: 一、 · （一） · 1. · （1）
HEADING_LEVELS = (1, 2, 3, 4)

_LEVEL_PATTERNS = (
    (1, re.compile(r"^[一二三四五六七八九十百]+、")),
    (2, re.compile(r"^[（(][一二三四五六七八九十百]+[）)]")),
    (3, re.compile(r"^[0-9０-９]+[.．、]")),
    (4, re.compile(r"^[（(][0-9０-９]+[）)]")),
)


def guess_heading_level(text: str) -> int | None:
    """The GB/T 9704 level a heading's number prefix implies (“一、” → 1 … “（1）” → 4), else None."""
    stripped = text.lstrip()
    for level, pattern in _LEVEL_PATTERNS:
        if pattern.match(stripped):
            return level
    return None


def typed_text(text: str) -> str:
    """Text as the writers set it: the indent is the layout's, so spaces a clerk typed to indent
    (“　　正文”, Word habit) or left at the end are dropped; line breaks inside stay."""
    return "\n".join(line.strip() for line in text.strip().split("\n"))


class DocumentError(ValueError):
    """A block that cannot be laid out; the message names the block and the field for the clerk."""


@dataclass
class Heading:
    level: int
    text: str

    def __post_init__(self) -> None:
        if self.level not in HEADING_LEVELS:
            raise DocumentError(_("Heading “{text}”: level must be 1 to 4, not {level}.").format(
                text=self.text, level=self.level))


@dataclass
class Paragraph:
    text: str


Cell = Union[str, int]


@dataclass
class Table:
    """A statistics table: numbers may be given as int (formatted by the writer) or as text."""

    caption: str
    columns: list[str]
    rows: list[list[Cell]]
    numeric_columns: frozenset[int] = frozenset()
    note: str = ""  # printed under the table, e.g. “注：数据截至2026年6月30日。”

    def __post_init__(self) -> None:
        self.numeric_columns = frozenset(self.numeric_columns)
        if not self.columns:
            raise DocumentError(_("Table “{caption}”: it has no columns.").format(caption=self.caption))
        for number, row in enumerate(self.rows, start=1):
            if len(row) != len(self.columns):
                raise DocumentError(
                    _("Table “{caption}”, row {row}: {count} cells, but the table has {columns} columns.").format(
                        caption=self.caption, row=number, count=len(row), columns=len(self.columns)))
        bad = [i for i in self.numeric_columns if not 0 <= i < len(self.columns)]
        if bad:
            raise DocumentError(_("Table “{caption}”: there is no column {column}.").format(
                caption=self.caption, column=bad[0] + 1))


@dataclass
class BarChart:
    """A simple vertical bar chart of whole-number counts (人次, 期, 户 …)."""

    title: str
    categories: list[str]
    values: list[int]
    unit: str = ""

    def __post_init__(self) -> None:
        if len(self.categories) != len(self.values):
            raise DocumentError(
                _("Chart “{title}”: {categories} categories but {values} values.").format(
                    title=self.title, categories=len(self.categories), values=len(self.values)))
        for category, value in zip(self.categories, self.values):
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise DocumentError(
                    _("Chart “{title}”, “{category}”: the value must be a whole number of at least 0.").format(
                        title=self.title, category=category))


@dataclass
class PageBreak:
    pass


Block = Union[Heading, Paragraph, Table, BarChart, PageBreak]


@dataclass
class Document:
    """标题 + 正文 (blocks) + 落款 (unit name) + 成文日期."""

    title: str
    blocks: list[Block] = field(default_factory=list)
    signature_unit: str = ""
    date: dt.date | None = None
    language: str = "zh_CN"  # the document language the writers print in (captions, date, page numbers)

    def texts(self) -> list[str]:
        """Every piece of text the document prints, in order (title, blocks, cells, signature)."""
        out = [self.title]
        for block in self.blocks:
            if isinstance(block, (Heading, Paragraph)):
                out.append(block.text)
            elif isinstance(block, Table):
                out.append(block.caption)
                out.extend(block.columns)
                for row in block.rows:
                    out.extend(format_number(c) if isinstance(c, int) else c for c in row)
                if block.note:
                    out.append(block.note)
            elif isinstance(block, BarChart):
                out.append(block.title)
                out.extend(block.categories)
        out.append(self.signature_unit)
        out.append(format_date(self.date))
        return [t for t in out if t]
