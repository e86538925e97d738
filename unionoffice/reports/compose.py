"""A draft (editable parts) → the document model the PDF and DOCX writers lay out."""

from __future__ import annotations

import re

from unionoffice.i18n import _, using_language
from unionoffice.reports.document import BarChart, Block, Document, Heading, Paragraph, Table, guess_heading_level
from unionoffice.reports.draft import Draft, DraftPart
from unionoffice.reports.template import chinese_ordinal

_PART_NUMBER = re.compile(r"^[一二三四五六七八九十]+、")


def body_blocks(text: str) -> list[Block]:
    """One block per non-empty line: numbered lines (（一）, 1., （1）) become headings."""
    blocks: list[Block] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        level = guess_heading_level(line)
        # A long numbered line is a numbered paragraph, not a heading.
        if level is not None and level >= 2 and len(line) <= 40:
            blocks.append(Heading(level, line))
        else:
            blocks.append(Paragraph(line))
    return blocks


def _section_end(blocks: list[Block], line: str) -> int | None:
    """Where the sub-section headed ``line`` ends (before the next heading of its level or above)."""
    start = next((i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.text == line), None)
    if start is None:
        return None
    level = blocks[start].level  # type: ignore[union-attr]
    for index in range(start + 1, len(blocks)):
        block = blocks[index]
        if isinstance(block, Heading) and block.level <= level:
            return index
    return len(blocks)


def part_blocks(part: DraftPart) -> list[Block]:
    """The part's text, with each table and chart under the line of work it belongs to."""
    blocks = body_blocks(part.text)
    extras: list[tuple[str, Block]] = [
        (t.line, Table(caption=t.caption, columns=[_("Item"), _("Figure")], rows=[list(r) for r in t.rows],
                       numeric_columns=frozenset({1})))
        for t in part.tables
    ] + [(c.line, BarChart(c.title, list(c.categories), list(c.values), c.unit)) for c in part.charts]
    tail: list[Block] = []
    for line, block in extras:
        at = _section_end(blocks, line) if line else None
        if at is None:
            tail.append(block)
        else:
            blocks.insert(at, block)
    return blocks + tail


def undrafted_parts(draft: Draft) -> list[DraftPart]:
    """Parts that still hold the template's prompt (the clerk has written nothing there)."""
    return [p for p in draft.parts if p.undrafted]


def to_document(draft: Draft, keep_prompts: bool = False) -> Document:
    """The printable document; a part still holding its prompt is left out unless ``keep_prompts``."""
    with using_language(draft.language):
        blocks: list[Block] = []
        parts = [p for p in draft.parts if keep_prompts or not p.undrafted]
        for number, part in enumerate(parts, start=1):
            # Parts left out do not leave a gap in the numbering (一、二、四、).
            blocks.append(Heading(1, _PART_NUMBER.sub(f"{chinese_ordinal(number)}、", part.heading, count=1)))
            blocks.extend(part_blocks(part))
        return Document(title=draft.title, blocks=blocks, signature_unit=draft.signature_unit, date=draft.date,
                        language=draft.language)
