"""A draft (editable parts) → the document model the PDF and DOCX writers lay out."""

from __future__ import annotations

from unionoffice.i18n import _
from unionoffice.reports.document import BarChart, Block, Document, Heading, Paragraph, Table, guess_heading_level
from unionoffice.reports.draft import Draft


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


def to_document(draft: Draft) -> Document:
    blocks: list[Block] = []
    for part in draft.parts:
        blocks.append(Heading(1, part.heading))
        blocks.extend(body_blocks(part.text))
        for table in part.tables:
            blocks.append(Table(caption=table.caption, columns=[_("Item"), _("Figure")], rows=[list(r) for r in table.rows]))
        for chart in part.charts:
            blocks.append(BarChart(chart.title, list(chart.categories), list(chart.values), chart.unit))
    return Document(title=draft.title, blocks=blocks, signature_unit=draft.signature_unit, date=draft.date)
