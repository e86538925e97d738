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
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from unionoffice.i18n import using_language
from unionoffice.reports.compare import PREVIOUS, Change, previous_year
from unionoffice.reports.figures import Money, Names, Period, format_figure, lookup
from unionoffice.reports.lazy_figures import LazyFigures, lazy_collect, without_names
from unionoffice.reports.template import Line, Part, Template, chinese_ordinal

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

_CLOSING = "。！？；：…”）"


@dataclass
class DraftTable:
    caption: str
    rows: list[tuple[str, str]]
    line: str = ""  # the sub-heading (（二）…) the table stands under; "" = at the end of the part


@dataclass
class DraftChart:
    title: str
    categories: list[str]
    values: list[int]
    unit: str = ""
    line: str = ""


OTHER_CATEGORIES = ("其他", "其它", "Other")


def chart_order(categories: list[str], values: list[int]) -> tuple[list[str], list[int]]:
    """Bars largest first, 其他 last; a kind name such as 劳动竞赛/技能比武 printed 劳动竞赛、技能比武."""
    pairs = [(c.replace("/", "、"), int(v)) for c, v in zip(categories, values) if int(v)]
    pairs.sort(key=lambda p: (p[0].startswith(OTHER_CATEGORIES), -p[1]))
    return [c for c, _v in pairs], [v for _c, v in pairs]


@dataclass
class DraftPart:
    key: str
    heading: str  # with its number: 一、基本情况
    text: str
    tables: list[DraftTable] = field(default_factory=list)
    charts: list[DraftChart] = field(default_factory=list)
    is_prompt: bool = False
    edited: bool = False
    # Drafted suggestions of a reflective part (经验和体会 …), for the clerk to pick and reorder.
    suggestions: list[str] = field(default_factory=list)

    @property
    def undrafted(self) -> bool:
        """Still the template's prompt: never printed as body text."""
        return self.is_prompt and not self.edited


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
    language: str = "zh_CN"  # the document language it was drafted in
    highlights: list[str] = field(default_factory=list)  # every highlight the records offered
    dropped: list[str] = field(default_factory=list)  # those the clerk chose not to quote

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
                tables=[DraftTable(t["caption"], [tuple(r) for r in t["rows"]], t.get("line", "")) for t in p.get("tables", [])],
                charts=[DraftChart(**c) for c in p.get("charts", [])],
            )
            for p in data.pop("parts")
        ]
        for key in ("start", "end", "date"):
            data[key] = dt.date.fromisoformat(data[key])
        return cls(**data, parts=parts)


_OLD_UNITS = ("万元", "元")


def fill(pattern: str, figures: dict[str, dict[str, Any]]) -> str:
    """Replace every {ns.figure[:spec]} in ``pattern`` with its text.

    Money figures carry their own unit (500元, 1.23万元); a template written when they were bare
    numbers of 万元 (“{relief.cash}万元”) still reads right: the unit after the figure is dropped."""
    out = []
    money_before = False
    for literal, name, spec, _conversion in string.Formatter().parse(pattern):
        if money_before:
            literal = next((literal[len(u):] for u in _OLD_UNITS if literal.startswith(u)), literal)
        out.append(literal)
        money_before = False
        if name:
            value = lookup(figures, name)
            money_before = isinstance(value, Money) or (isinstance(value, Change) and isinstance(value.current, Money))
            out.append(format_figure(value, spec or ""))
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


def _table(caption: str, rows: tuple[tuple[str, str], ...], figures: dict[str, dict[str, Any]], line: str = ""
           ) -> list[DraftTable]:
    if not rows:
        return []
    return [DraftTable(caption, [(label, fill(pattern, figures)) for label, pattern in rows], line)]


def _line_is_empty(line: Line, figures: dict[str, dict[str, Any]]) -> bool:
    return bool(line.requires) and not any(lookup(figures, name) for name in line.requires)


def draft_part(part: Part, number: int, template: Template, figures: dict[str, dict[str, Any]]) -> DraftPart:
    heading = f"{chinese_ordinal(number)}、{part.heading}"
    if part.suggest:
        from unionoffice.reports.reflection import suggestions

        found = [s.text for s in suggestions(part.suggest, figures)]
        if found:
            return DraftPart(part.key, heading, "\n".join(found), suggestions=found)
    if part.is_prompt:
        return DraftPart(part.key, heading, part.prompt or "", is_prompt=True)
    body = _paragraphs(part.paragraphs, figures)
    tables = _table(part.table_caption, part.table, figures)
    charts: list[DraftChart] = []
    for index, line_key in enumerate(part.lines, start=1):
        line = template.lines[line_key]
        subheading = f"（{chinese_ordinal(index)}）{line.heading}"
        body.append(subheading)
        if _line_is_empty(line, figures):
            body.append(fill(line.empty, figures))
            continue
        body.extend(_paragraphs(line.paragraphs, figures))
        tables += _table(line.table_caption or line.heading, line.table, figures, subheading)
        if line.chart is not None:
            breakdown = lookup(figures, line.chart.figure)
            if isinstance(breakdown, dict) and any(breakdown.values()):
                categories, values = chart_order(list(breakdown), [int(v) for v in breakdown.values()])
                charts.append(DraftChart(line.chart.title, categories, values, line.chart.unit, subheading))
    return DraftPart(part.key, heading, "\n".join(body), tables=tables, charts=charts)


def _highlights(figures: Mapping[str, dict[str, Any]]) -> list[str]:
    names: list[str] = []
    for namespace in figures:
        if namespace == PREVIOUS or namespace == "participation":
            continue  # (before reading it: the figures may be counted when first read)
        for value in figures[namespace].values():
            for item in [value, *(value.values() if isinstance(value, dict) else ())]:
                if isinstance(item, Names):
                    names.extend(item.items)
    return list(dict.fromkeys(names))


def draft_figures(session: Session, period: Period, today: dt.date, dropped: frozenset[str] = frozenset()
                  ) -> LazyFigures:
    """The figures of the period counted up to the drafting day, with the same period last year
    (for 同比) and without the highlights the clerk dropped. Each register's figures are counted
    when the drafting first reads them (lazy_figures.py): last year's only where a line compares."""
    counted = period.counted_until(today)
    figures = lazy_collect(session, counted)
    figures[PREVIOUS] = lazy_collect(session, previous_year(counted), piecemeal=True)
    return without_names(figures, dropped, nested=(PREVIOUS,)) if dropped else figures


def draft_summary(
    session: Session, period: Period, template: Template, today: dt.date | None = None, title: str | None = None,
    dropped: frozenset[str] | set[str] = frozenset(),
) -> Draft:
    """Draft every part in the office's document language (whatever the interface language)."""
    from unionoffice.services.roll_counts import shared_roll_counts
    from unionoffice.services.summaries_lookups import document_language

    today = today or dt.date.today()
    language = document_language(session)
    with using_language(language), shared_roll_counts():
        every = draft_figures(session, period, today)
        offered = _highlights(every)
        figures = without_names(every, frozenset(dropped), nested=(PREVIOUS,)) if dropped else every
        parts = [draft_part(part, number, template, figures) for number, part in enumerate(template.parts, start=1)]
        return Draft(
            title=title or fill(template.title, figures),
            start=period.start,
            end=period.end,
            period_label=period.label,
            template_key=template.file_key,
            signature_unit=str(figures["office"]["signature_unit"]),
            date=today,
            parts=parts,
            language=language,
            highlights=offered,
            dropped=sorted(dropped),
        )


def redraft_part(session: Session, draft: Draft, template: Template, key: str) -> DraftPart:
    """Draft one part again from the data; the other parts (and their edits) stay as they are."""
    from unionoffice.services.roll_counts import shared_roll_counts

    with using_language(draft.language), shared_roll_counts():
        figures = draft_figures(session, draft.period, draft.date, frozenset(draft.dropped))
        number, part = next((i, p) for i, p in enumerate(template.parts, start=1) if p.key == key)
        fresh = draft_part(part, number, template, figures)
    draft.parts[[p.key for p in draft.parts].index(key)] = fresh
    return fresh
