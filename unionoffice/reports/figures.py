"""Named figures for the work summary, collected from each register's statistics.

A provider is a module in ``unionoffice/reports/providers/`` with ``NAMESPACE`` (e.g. "training"),
``FIGURES`` (figure name → untranslated description, what a template may quote) and
``provide(session, period) -> dict``. Templates quote figures as ``{training.sessions}`` and
breakdowns as ``{activities.by_kind.文体活动}``.
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from types import ModuleType
from typing import TYPE_CHECKING, Any

from unionoffice.reports import providers as providers_package

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    label: str  # how the summary names it: 2026年上半年, 2026年, 2026年第三季度 …
    # The period's own last day when ``end`` was brought back to the drafting day (records after
    # the drafting day are not counted as held); None when ``end`` is the period's own end.
    nominal_end: dt.date | None = None

    def counted_until(self, today: dt.date) -> "Period":
        """The period counted up to ``today`` at the latest."""
        if self.end <= today:
            return self
        return Period(self.start, max(today, self.start - dt.timedelta(days=1)), self.label, self.end)


@dataclass(frozen=True)
class Yuan:
    """Money quoted in 元: 150050 fen → "1500.5"."""

    fen: int

    def __bool__(self) -> bool:
        return self.fen != 0


@dataclass(frozen=True)
class Wan:
    """Money quoted in 万元 as summaries do: 300000000 fen → "30", 11020000 → "11.02"."""

    fen: int

    def __bool__(self) -> bool:
        return self.fen != 0


@dataclass(frozen=True)
class Share:
    """A part of a whole, quoted as a percentage: 235 of 459 → "51%"."""

    part: int
    whole: int

    def __bool__(self) -> bool:
        return self.whole != 0 and self.part != 0

    def fraction(self) -> Decimal:
        return Decimal(self.part) / Decimal(self.whole) if self.whole else Decimal(0)


@dataclass(frozen=True)
class Money:
    """Money quoted by its size, with its unit: 万元 (up to two decimals) from 10,000 元 up, 元 below."""

    fen: int

    def __bool__(self) -> bool:
        return self.fen != 0


@dataclass(frozen=True)
class Names:
    """Highlights quoted by name: ``{activities.highlights:2}`` → “焊工技能比武、职工书画摄影展”."""

    items: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.items)

    def without(self, dropped: frozenset[str] | set[str]) -> "Names":
        return Names(tuple(item for item in self.items if item not in dropped))


def format_money(fen: int) -> str:
    from unionoffice.i18n import _

    if abs(fen) >= 1_000_000:
        amount = _trim((Decimal(fen) / 1_000_000).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
        return _("{amount} ten thousand yuan").format(amount=amount)
    return _("{amount} yuan").format(amount=_trim(Decimal(fen) / 100))


def _trim(value: Decimal) -> str:
    text = f"{value:.2f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_figure(value: Any, spec: str = "") -> str:
    """The text a figure stands for in a sentence (Chinese convention: no thousands separators)."""
    if isinstance(value, Share):
        digits = 0
        if spec.startswith(".") and spec.endswith("%") and spec[1:-1].isdigit():
            digits = int(spec[1:-1])
        percent = (value.fraction() * 100).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
        return f"{percent}%"
    if isinstance(value, Money):
        return format_money(value.fen)
    if isinstance(value, Names):
        count = int(spec) if spec.isdigit() else len(value.items)
        return "、".join(value.items[:count])
    if hasattr(value, "format_figure"):
        return value.format_figure(spec)
    if isinstance(value, Wan):
        return _trim((Decimal(value.fen) / 1_000_000).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
    if isinstance(value, Yuan):
        return _trim(Decimal(value.fen) / 100)
    if isinstance(value, dt.date):
        from unionoffice.i18n import format_date

        return format_date(value)
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, Decimal) and not spec:
        return _trim(value)  # 6.0 学时 → 6, 1.5 → 1.5
    return format(value, spec) if spec and isinstance(value, (int, float, Decimal)) else str(value)


def provider_modules() -> list[ModuleType]:
    modules = []
    for info in sorted(pkgutil.iter_modules(providers_package.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{providers_package.__name__}.{info.name}")
        if hasattr(module, "provide"):
            modules.append(module)
    return modules


def known_figures() -> dict[str, str]:
    """Every quotable figure name ("ns.name") with its untranslated description."""
    names = {}
    for module in provider_modules():
        for name, description in module.FIGURES.items():
            names[f"{module.NAMESPACE}.{name}"] = description
    return names


def collect(session: Session, period: Period) -> dict[str, dict[str, Any]]:
    """All figures of the period, by namespace."""
    return {module.NAMESPACE: module.provide(session, period) for module in provider_modules()}


class UnknownFigure(KeyError):
    pass


def lookup(figures: dict[str, dict[str, Any]], name: str) -> Any:
    """``figures`` value for "ns.name" or "ns.breakdown.key" (a missing breakdown key is 0);
    "….prev", "….change" and "….growth" compare with the same period of the previous year."""
    from unionoffice.reports import compare

    head_name, _dot, last = name.rpartition(".")
    if last in compare.SUFFIXES and "." in head_name:
        current = lookup(figures, head_name)
        previous_figures = figures.get(compare.PREVIOUS)
        previous = lookup(previous_figures, head_name) if previous_figures else 0
        return compare.compared(last, current, previous)
    namespace, _, rest = name.partition(".")
    if namespace not in figures or not rest:
        raise UnknownFigure(name)
    head, _, key = rest.partition(".")
    values = figures[namespace]
    if head not in values:
        raise UnknownFigure(name)
    value = values[head]
    if key:
        if not isinstance(value, dict):
            raise UnknownFigure(name)
        return value.get(key, 0)
    return value
