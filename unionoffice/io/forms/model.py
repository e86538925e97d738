"""What a printed form says, without how it is drawn: a title, meta lines, tables and label/value grids.

The registers describe their forms with these plain values; ``renderer`` turns them into a PDF.
Texts are already translated and formatted (dates, money) by the caller.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Sequence, Union


class Orientation(str, Enum):
    PORTRAIT = "portrait"
    LANDSCAPE = "landscape"


class Align(str, Enum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True)
class Column:
    """A table column: header text, width relative to the other columns, alignment of its cells."""

    header: str
    width: float = 1.0
    align: Align = Align.CENTER


@dataclass(frozen=True)
class Cell:
    """A cell of a total row; ``span`` columns wide."""

    text: str
    span: int = 1
    align: Align = Align.CENTER


@dataclass(frozen=True)
class MetaItem:
    """A "label: value" line under the title, such as 时间 or 地点."""

    label: str
    value: str


@dataclass
class TableBlock:
    """A ruled table with its header row repeated on every page.

    ``numbered``: the first column is a serial number (序号) the renderer fills in, for data rows
    and blank rows alike; each row then gives the cells of the other columns only.
    ``blank_rows``: empty rows added after the data (sign-in sheets, hand-written additions).
    ``min_row_height_mm``: rows are at least this tall (enough to sign in); long text still grows them.
    """

    columns: Sequence[Column]
    rows: Sequence[Sequence[str]] = ()
    title: str = ""
    numbered: bool = False
    blank_rows: int = 0
    total: Sequence[Cell] | None = None
    min_row_height_mm: float = 7.0

    def __post_init__(self) -> None:
        if not self.columns:
            raise ValueError("a table needs at least one column")
        wanted = self.data_width
        for index, row in enumerate(self.rows):
            if len(row) != wanted:
                raise ValueError(f"row {index} has {len(row)} cells, the table expects {wanted}")
        if self.total is not None and sum(cell.span for cell in self.total) != len(self.columns):
            raise ValueError("the total row's spans must add up to the number of columns")
        if self.blank_rows < 0:
            raise ValueError("blank_rows cannot be negative")

    @property
    def data_width(self) -> int:
        """How many cells each row gives."""
        return len(self.columns) - (1 if self.numbered else 0)

    @property
    def row_count(self) -> int:
        """Data rows plus blank rows (not the header or the total)."""
        return len(self.rows) + self.blank_rows


@dataclass(frozen=True)
class Field:
    """One "label | value" pair of a record sheet; ``span`` is in pairs (2 = twice as wide)."""

    label: str
    value: str
    span: int = 1


@dataclass
class GridBlock:
    """A record sheet section: label/value pairs, ``pairs_per_row`` side by side, under a title row."""

    fields: Sequence[Field]
    title: str = ""
    pairs_per_row: int = 2
    label_width: float = 1.0
    value_width: float = 2.0
    min_row_height_mm: float = 8.0

    def __post_init__(self) -> None:
        if self.pairs_per_row < 1:
            raise ValueError("pairs_per_row must be at least 1")
        for item in self.fields:
            if not 1 <= item.span <= self.pairs_per_row:
                raise ValueError(f"field {item.label!r} spans {item.span} pairs, a row has {self.pairs_per_row}")


Block = Union[TableBlock, GridBlock]


@dataclass
class FormDocument:
    """A whole printed form.

    ``signatures`` are the footer signature labels (经办人, 审核人, 工会主席) printed with a line
    to sign on after the last block; ``notes`` are small paragraphs under the blocks (注：…).
    """

    title: str
    blocks: Sequence[Block] = ()
    subtitle: str = ""
    meta: Sequence[MetaItem] = ()
    meta_per_line: int = 3
    orientation: Orientation = Orientation.PORTRAIT
    notes: Sequence[str] = ()
    signatures: Sequence[str] = ()
    page_numbers: bool = True
    block_gap_mm: float = 4.0
    font_size: float = 10.5  # 五号, the size of printed forms
    author: str = ""
    language: str = ""  # the document language the renderer prints in (page numbers); "" = as now

    def __post_init__(self) -> None:
        if self.meta_per_line < 1:
            raise ValueError("meta_per_line must be at least 1")
