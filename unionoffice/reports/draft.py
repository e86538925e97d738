"""Drafting a summary from the figures: template + period → parts of editable text.

Each part keeps its body as plain text (paragraphs one per line, sub-headings such as
“（一）组织建设” on their own line), so the clerk edits it as words; tables and charts are kept
as data and redrawn from the figures when that part is re-drafted. Re-drafting one part never
touches the others, so what the clerk typed elsewhere stays.
"""

from __future__ import annotations

import datetime as dt
import json
import string
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from unionoffice.reports.figures import Period, collect, format_figure, lookup
from unionoffice.reports.template import Line, Part, Template, chinese_ordinal

_CLOSING = "。！？；：…”）"


@dataclass
class DraftTable:
    caption: str
    rows: list[tuple[str, str]]


@dataclass
class DraftChart:
    title: str
    categories: list[str]
    values: list[int]
    unit: str = ""


@dataclass
class DraftPart:
    key: str
    heading: str  # with its number: 一、基本情况
    text: str
    tables: list[DraftTable] = field(default_factory=list)
    charts: list[DraftChart] = field(default_factory=list)
    is_prompt: bool = False
    edited: bool = False


@dataclass
class Draft:
    title: str
    start: dt.date
    end: dt.date
    period_label: str
    template_key: str
    signature_unit: str
    date: dt.date
    parts: list[DraftPart]

    @property
    def period(self) -> Period:
        return Period(self.start, self.end, self.period_label)

    def part(self, key: str) -> DraftPart:
        return next(p for p in self.parts if p.key == key)

    def to_json(self) -> str:
        data = asdict(self)
        for key in ("start", "end", "date"):
            data[key] = getattr(self, key).isoformat()
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> "Draft":
        data = json.loads(text)
        parts = [
            DraftPart(
                **{k: v for k, v in p.items() if k not in ("tables", "charts")},
                tables=[DraftTable(t["caption"], [tuple(r) for r in t["rows"]]) for t in p.get("tables", [])],
                charts=[DraftChart(**c) for c in p.get("charts", [])],
            )
            for p in data.pop("parts")
        ]
        for key in ("start", "end", "date"):
            data[key] = dt.date.fromisoformat(data[key])
        return cls(**data, parts=parts)


def fill(pattern: str, figures: dict[str, dict[str, Any]]) -> str:
    """Replace every {ns.figure[:spec]} in ``pattern`` with its text."""
    out = []
    for literal, name, spec, _conversion in string.Formatter().parse(pattern):
        out.append(literal)
        if name:
            out.append(format_figure(lookup(figures, name), spec or ""))
    return "".join(out)


def _quoted_values(pattern: str, figures: dict[str, dict[str, Any]]) -> list[Any]:
    return [lookup(figures, name) for _l, name, _s, _c in string.Formatter().parse(pattern) if name]


def sentence(clauses: tuple[str, ...], figures: dict[str, dict[str, Any]]) -> str:
    """Clauses joined with “，”, ending with “。”; a “?” clause goes when a figure it quotes is zero."""
    kept = []
    for clause in clauses:
        optional = clause.startswith("?")
        clause = clause[1:] if optional else clause
        if optional and not all(_quoted_values(clause, figures)):
            continue
        kept.append(fill(clause, figures))
    if not kept:
        return ""
    text = "，".join(kept)
    # “…（工会小组）” still needs its “。”; “…等。）” and “…。”” already have one.
    inner = text.rstrip("”）")
    return text if inner and inner[-1] in _CLOSING else text + "。"


def _paragraphs(paragraphs: tuple[tuple[str, ...], ...], figures: dict[str, dict[str, Any]]) -> list[str]:
    return [s for s in (sentence(p, figures) for p in paragraphs) if s]


def _table(caption: str, rows: tuple[tuple[str, str], ...], figures: dict[str, dict[str, Any]]) -> list[DraftTable]:
    if not rows:
        return []
    return [DraftTable(caption, [(label, fill(pattern, figures)) for label, pattern in rows])]


def _line_is_empty(line: Line, figures: dict[str, dict[str, Any]]) -> bool:
    return bool(line.requires) and not any(lookup(figures, name) for name in line.requires)


def draft_part(part: Part, number: int, template: Template, figures: dict[str, dict[str, Any]]) -> DraftPart:
    heading = f"{chinese_ordinal(number)}、{part.heading}"
    if part.is_prompt:
        return DraftPart(part.key, heading, part.prompt or "", is_prompt=True)
    body = _paragraphs(part.paragraphs, figures)
    tables = _table(part.table_caption, part.table, figures)
    charts: list[DraftChart] = []
    for index, line_key in enumerate(part.lines, start=1):
        line = template.lines[line_key]
        body.append(f"（{chinese_ordinal(index)}）{line.heading}")
        if _line_is_empty(line, figures):
            body.append(fill(line.empty, figures))
            continue
        body.extend(_paragraphs(line.paragraphs, figures))
        tables += _table(line.heading, line.table, figures)
        if line.chart is not None:
            breakdown = lookup(figures, line.chart.figure)
            if isinstance(breakdown, dict) and any(breakdown.values()):
                charts.append(DraftChart(line.chart.title, list(breakdown), [int(v) for v in breakdown.values()], line.chart.unit))
    return DraftPart(part.key, heading, "\n".join(body), tables=tables, charts=charts)


def draft_summary(
    session: Session, period: Period, template: Template, today: dt.date | None = None, title: str | None = None
) -> Draft:
    figures = collect(session, period)
    parts = [draft_part(part, number, template, figures) for number, part in enumerate(template.parts, start=1)]
    return Draft(
        title=title or fill(template.title, figures),
        start=period.start,
        end=period.end,
        period_label=period.label,
        template_key=template.file_key,
        signature_unit=str(figures["office"]["signature_unit"]),
        date=today or dt.date.today(),
        parts=parts,
    )


def redraft_part(session: Session, draft: Draft, template: Template, key: str) -> DraftPart:
    """Draft one part again from the data; the other parts (and their edits) stay as they are."""
    figures = collect(session, draft.period)
    number, part = next((i, p) for i, p in enumerate(template.parts, start=1) if p.key == key)
    fresh = draft_part(part, number, template, figures)
    draft.parts[[p.key for p in draft.parts].index(key)] = fresh
    return fresh
