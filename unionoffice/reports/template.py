"""Summary templates: TOML files naming the parts, the lines of work and their sentence patterns.

Format (see resources/templates/standard.toml, documented in the README):

    name = "标准五段式"
    title = "{office.union_name}{office.period}工作总结"
    [[parts]]                      # in order; numbered 一、二、… when drafted
    key = "basic"
    heading = "基本情况"
    paragraphs = [["clause with {ns.figure}", "?optional clause"], …]   # clauses joined by "，"
    table = [["label", "{ns.figure}"], …]                             # optional statistics table
    lines = ["training", …]        # lines of work drafted as （一）（二）… sub-sections
    prompt = "…"                   # a part the clerk writes, starting from this prompt
    suggest = "problems"           # …or drafted as suggestions from the records (experience, problems, plans)
    [lines.training]
    heading = "宣传教育与职工培训"
    requires = ["training.sessions"]   # all zero → the `empty` sentence instead
    empty = "本期未组织职工培训。"
    paragraphs = [[…]]
    table = [[…]]
    chart = { title = "…", figure = "activities.by_kind", unit = "次" }

A clause starting with "?" is left out when a figure it quotes is zero or empty.
"""

from __future__ import annotations

import re
import string
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from unionoffice.i18n import _, os_error_text
from unionoffice.paths import data_dir, resources_dir
from unionoffice.reports.figures import known_figures

DEFAULT_TEMPLATE = "standard"
SUGGESTION_KINDS = ("experience", "problems", "plans")


class TemplateError(ValueError):
    """A template that cannot be used; the message names the file, the line and the problem."""


@dataclass(frozen=True)
class Chart:
    title: str
    figure: str
    unit: str = ""


@dataclass(frozen=True)
class Line:
    key: str
    heading: str
    paragraphs: tuple[tuple[str, ...], ...] = ()
    requires: tuple[str, ...] = ()
    empty: str = ""
    table: tuple[tuple[str, str], ...] = ()
    chart: Chart | None = None
    table_caption: str = ""  # the table's own caption (default: the line's heading)


@dataclass(frozen=True)
class Part:
    key: str
    heading: str
    paragraphs: tuple[tuple[str, ...], ...] = ()
    table: tuple[tuple[str, str], ...] = ()
    table_caption: str = ""
    lines: tuple[str, ...] = ()
    prompt: str | None = None
    # "experience" | "problems" | "plans": drafted from the records as suggestions (the prompt
    # stays the fallback when the records suggest nothing).
    suggest: str = ""

    @property
    def is_prompt(self) -> bool:
        return self.prompt is not None


@dataclass(frozen=True)
class Template:
    name: str
    title: str
    parts: tuple[Part, ...]
    lines: dict[str, Line] = field(default_factory=dict)
    path: Path | None = None
    file_key: str = ""


def template_dirs() -> list[Path]:
    """Shipped templates first, then the clerk's own in the data folder (same name: the clerk's wins)."""
    return [resources_dir() / "templates", data_dir() / "templates"]


def available_templates() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for folder in template_dirs():
        if folder.is_dir():
            for path in sorted(folder.glob("*.toml")):
                found[path.stem] = path
    return found


def _where(path: Path, source: str, needle: str) -> str:
    for number, line in enumerate(source.splitlines(), start=1):
        if needle in line:
            return f"{path.name}:{number}"
    return path.name


def _figures_in(pattern: str) -> list[str]:
    names = []
    for _literal, name, _spec, _conv in string.Formatter().parse(pattern.lstrip("?")):
        if name:
            names.append(name)
    return names


def _check_pattern(pattern: str, known: dict[str, str], path: Path, source: str) -> None:
    try:
        names = _figures_in(pattern)
    except ValueError as exc:
        raise TemplateError(_("{where}: the pattern “{pattern}” is malformed ({error}).").format(
            where=_where(path, source, pattern[:20]), pattern=pattern, error=exc)) from None
    for name in names:
        base = ".".join(name.split(".")[:2])
        if base not in known:
            raise TemplateError(_("{where}: unknown figure “{name}”.").format(where=_where(path, source, "{" + name), name=name))


def _paragraphs(raw: object, where: str) -> tuple[tuple[str, ...], ...]:
    if not isinstance(raw, list) or not all(isinstance(p, (list, str)) for p in raw):
        raise TemplateError(_("{where}: “paragraphs” must be a list of lists of clauses.").format(where=where))
    return tuple(tuple(p) if isinstance(p, list) else (p,) for p in raw)


def _table(raw: object, where: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(raw, list) or not all(isinstance(r, list) and len(r) == 2 for r in raw):
        raise TemplateError(_("{where}: “table” must be a list of [label, pattern] pairs.").format(where=where))
    return tuple((str(a), str(b)) for a, b in raw)


MAX_TEMPLATE_BYTES = 1024 * 1024


def read_template_source(path: Path) -> str:
    """The template's text: UTF-8 with or without a BOM (Notepad writes one); else TemplateError."""
    try:
        if path.is_dir():
            raise TemplateError(_("{file} is a folder, not a template file.").format(file=path))
        if path.stat().st_size > MAX_TEMPLATE_BYTES:
            raise TemplateError(_("{file} is too large for a template.").format(file=path.name))
        raw = path.read_bytes()
    except OSError as exc:
        raise TemplateError(_("{file} cannot be read ({error}).").format(file=path, error=os_error_text(exc))) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TemplateError(_("{file} is not saved as UTF-8 (perhaps GBK): open it in Notepad and save it with the UTF-8 encoding.").format(
            file=path.name)) from None


def parse_template(path: Path) -> Template:
    """Read and check a template file; every quoted figure must exist. Any malformed file
    (wrong types, a chart without its figure, absurd nesting) is a TemplateError naming it."""
    source = read_template_source(path)
    try:
        return _build_template(path, source)
    except TemplateError:
        raise
    except (AttributeError, KeyError, TypeError, ValueError, RecursionError) as exc:
        raise TemplateError(_("{file}: the template's structure is wrong ({error}).").format(
            file=path.name, error=f"{type(exc).__name__}: {exc}"[:200])) from None


def _build_template(path: Path, source: str) -> Template:
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(_("{file}: not a valid template ({error}).").format(file=path.name, error=exc)) from None
    known = known_figures()
    where = path.name
    lines: dict[str, Line] = {}
    for key, raw in (data.get("lines") or {}).items():
        chart = raw.get("chart")
        line = Line(
            key=key,
            heading=str(raw.get("heading", key)),
            paragraphs=_paragraphs(raw.get("paragraphs", []), where),
            requires=tuple(raw.get("requires", ())),
            empty=str(raw.get("empty", "")),
            table=_table(raw.get("table", []), where),
            chart=Chart(str(chart.get("title", "")), str(chart["figure"]), str(chart.get("unit", ""))) if chart else None,
            table_caption=str(raw.get("table_caption", "")),
        )
        lines[key] = line
    parts = []
    for raw in data.get("parts") or []:
        if "key" not in raw or "heading" not in raw:
            raise TemplateError(_("{file}: every part needs a key and a heading.").format(file=path.name))
        part = Part(
            key=str(raw["key"]),
            heading=str(raw["heading"]),
            paragraphs=_paragraphs(raw.get("paragraphs", []), where),
            table=_table(raw.get("table", []), where),
            table_caption=str(raw.get("table_caption", "")),
            lines=tuple(raw.get("lines", ())),
            prompt=raw.get("prompt"),
            suggest=str(raw.get("suggest", "")),
        )
        if part.suggest and part.suggest not in SUGGESTION_KINDS:
            raise TemplateError(_("{where}: “suggest” must be one of {kinds}, not “{value}”.").format(
                where=_where(path, source, "suggest"), kinds="、".join(SUGGESTION_KINDS), value=part.suggest))
        for line_key in part.lines:
            if line_key not in lines:
                raise TemplateError(_("{where}: the part “{part}” names an unknown line of work “{line}”.").format(
                    where=_where(path, source, line_key), part=part.heading, line=line_key))
        parts.append(part)
    if not parts:
        raise TemplateError(_("{file}: the template has no parts.").format(file=path.name))
    patterns = [str(data.get("title", ""))]
    for item in [*parts, *lines.values()]:
        patterns += [c for p in item.paragraphs for c in p] + [pattern for _label, pattern in item.table]
    for line in lines.values():
        patterns += [line.empty]
        for name in line.requires:
            patterns.append("{" + name + "}")
        if line.chart:
            patterns.append("{" + line.chart.figure + "}")
    for pattern in patterns:
        _check_pattern(pattern, known, path, source)
    return Template(
        name=str(data.get("name", path.stem)),
        title=str(data.get("title", "")),
        parts=tuple(parts),
        lines=lines,
        path=path,
        file_key=path.stem,
    )


def load_template(key: str | None = None) -> tuple[Template, TemplateError | None]:
    """The template ``key`` (or the default); on error the default and the error to show."""
    templates = available_templates()
    key = key or DEFAULT_TEMPLATE
    path = templates.get(key) or (Path(key) if Path(key).suffix == ".toml" and Path(key).exists() else None)
    if path is None:
        error = TemplateError(_("There is no template named “{name}”.").format(name=key))
    else:
        try:
            return parse_template(path), None
        except TemplateError as exc:
            error = exc
    return parse_template(resources_dir() / "templates" / f"{DEFAULT_TEMPLATE}.toml"), error


_CHINESE_NUMERALS = "一二三四五六七八九十"


def chinese_ordinal(index: int) -> str:
    """1 → 一, 11 → 十一 (headings rarely go past twenty)."""
    if index <= 10:
        return _CHINESE_NUMERALS[index - 1]
    tens, ones = divmod(index, 10)
    return ("" if tens == 1 else _CHINESE_NUMERALS[tens - 1]) + "十" + (_CHINESE_NUMERALS[ones - 1] if ones else "")


SUBHEADING = re.compile(r"^（[一二三四五六七八九十]+）")
