"""同比: a figure against the same period of the previous year.

Templates quote ``{x.prev}`` (last year's value), ``{x.change}`` (“增加120” / “减少30”) and
``{x.growth}`` (“增长8.5%” / “下降3.2%”). ``change`` and ``growth`` are empty (so an optional
clause goes) when last year's value is zero or absent, or when nothing changed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from unionoffice.i18n import _
from unionoffice.reports.figures import Money, Period, Wan, Yuan, format_money

SUFFIXES = ("prev", "change", "growth")
PREVIOUS = "_previous"  # the key of last year's figures inside the figures dict


def _shift_year(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def previous_year(period: Period) -> Period:
    """The same dates one year earlier (the base of 同比)."""
    return Period(_shift_year(period.start, -1), _shift_year(period.end, -1), period.label)


def _amount(value: Any) -> Decimal | None:
    """A comparable amount, or None for figures that are not amounts (names, shares, text)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (Money, Wan, Yuan)):
        return Decimal(value.fen)
    if isinstance(value, (int, Decimal)):
        return Decimal(value)
    return None


@dataclass(frozen=True)
class Change:
    current: Any
    previous: Any

    def _delta(self) -> Decimal | None:
        now, before = _amount(self.current), _amount(self.previous)
        if now is None or before is None or before == 0:
            return None
        return now - before

    def __bool__(self) -> bool:
        return bool(self._delta())

    def format_figure(self, spec: str = "") -> str:
        delta = self._delta() or Decimal(0)
        if isinstance(self.current, (Money, Wan, Yuan)):
            amount = format_money(int(abs(delta)))
        else:
            text = f"{abs(delta):f}"
            amount = text.rstrip("0").rstrip(".") if "." in text else text
        return (_("up {amount}") if delta > 0 else _("down {amount}")).format(amount=amount)


@dataclass(frozen=True)
class Growth:
    current: Any
    previous: Any

    def _rate(self) -> Decimal | None:
        now, before = _amount(self.current), _amount(self.previous)
        if now is None or before is None or before == 0 or now == before:
            return None
        return (now - before) / abs(before)

    def __bool__(self) -> bool:
        return self._rate() is not None

    def format_figure(self, spec: str = "") -> str:
        rate = self._rate() or Decimal(0)
        digits = int(spec[1:-1]) if spec.startswith(".") and spec.endswith("%") and spec[1:-1].isdigit() else 1
        percent = (abs(rate) * 100).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
        text = f"{percent}%"
        return (_("a rise of {percent}") if rate > 0 else _("a fall of {percent}")).format(percent=text)


def compared(suffix: str, current: Any, previous: Any) -> Any:
    if suffix == "prev":
        return previous
    if suffix == "change":
        return Change(current, previous)
    return Growth(current, previous)
