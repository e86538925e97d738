"""Dues (会费) rules: the rate of the wage base, rounding, months and periods, exemption reasons.

A month is kept as an integer ``yyyymm`` (202603) in the database and in sheets; arithmetic on
months uses an index (year × 12 + month − 1). Money is integer fen throughout.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from unionoffice.domain.choices import LabelledEnum
from unionoffice.i18n import N_, _

# Above this a monthly wage base is a slip (a pasted ID number, an annual figure).
MAX_BASE_FEN = 10_000_000  # 100,000 yuan a month
# A rate above this many per mille (5‰ is usual) is refused.
MAX_RATE_PER_MILLE = Decimal(100)
# Members with at least this many consecutive unpaid months are listed for follow-up.
ARREARS_MONTHS = 6


class DuesError(ValueError):
    """A refused dues value; the message is for the user."""


class Rounding(LabelledEnum):
    FEN = ("fen", N_("To the fen (0.01 yuan)"))
    JIAO = ("jiao", N_("To the jiao (0.1 yuan)"))


class CollectionCycle(LabelledEnum):
    MONTHLY = ("monthly", N_("Monthly"))
    QUARTERLY = ("quarterly", N_("Quarterly"))
    HALF_YEARLY = ("half_yearly", N_("Half-yearly"))
    YEARLY = ("yearly", N_("Yearly"))

    @property
    def months(self) -> int:
        return {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}[self.value]


class PaymentMethod(LabelledEnum):
    PAYROLL = ("payroll", N_("Payroll deduction"))
    CASH = ("cash", N_("Cash"))


class ExemptionReason(LabelledEnum):
    RETIRED = ("retired", N_("Retired, keeps membership"))
    HARDSHIP = ("hardship", N_("Hardship relief"))
    OTHER = ("other", N_("Other reason"))


class BaseSource(LabelledEnum):
    ENTERED = ("entered", N_("Entered"))
    PAYROLL = ("payroll", N_("From payroll"))
    COPIED = ("copied", N_("Copied from last year"))


@dataclass(frozen=True)
class DuesRule:
    """会员每月按本人工资收入的 rate‰ 缴纳会费, rounded half up to the fen or the jiao."""

    rate_per_mille: Decimal = Decimal(5)
    rounding: Rounding = Rounding.FEN

    def monthly_due(self, base_fen: int) -> int:
        exact = Decimal(base_fen) * self.rate_per_mille / 1000
        step = 10 if self.rounding is Rounding.JIAO else 1
        return int((exact / step).quantize(Decimal(1), rounding=ROUND_HALF_UP)) * step


def parse_rate(text: str | Decimal) -> Decimal:
    """'5', '5‰', '0.5%' → Decimal per mille; refuses negative or absurd rates."""
    raw = str(text).strip().replace("‰", "")
    percent = raw.endswith("%")
    try:
        value = Decimal(raw.rstrip("%"))
    except InvalidOperation:
        raise DuesError(_("“{text}” is not a rate.").format(text=text)) from None
    if percent:
        value *= 10
    if not value.is_finite() or value <= 0 or value > MAX_RATE_PER_MILLE:
        raise DuesError(_("The rate must be more than 0‰ and at most {maximum}‰.").format(maximum=MAX_RATE_PER_MILLE))
    return value.normalize()


def format_rate(rate: Decimal) -> str:
    return f"{rate.normalize():f}‰"


# --- months ----------------------------------------------------------------------------------

def month_index(yyyymm: int) -> int:
    return (yyyymm // 100) * 12 + yyyymm % 100 - 1


def month_of_index(index: int) -> int:
    year, month0 = divmod(index, 12)
    return year * 100 + month0 + 1


def month_of(day: dt.date) -> int:
    return day.year * 100 + day.month


def first_day(yyyymm: int) -> dt.date:
    return dt.date(yyyymm // 100, yyyymm % 100, 1)


def last_day(yyyymm: int) -> dt.date:
    nxt = month_of_index(month_index(yyyymm) + 1)
    return first_day(nxt) - dt.timedelta(days=1)


def check_month(yyyymm: int) -> int:
    if not (1900 <= yyyymm // 100 <= 2999 and 1 <= yyyymm % 100 <= 12):
        raise DuesError(_("“{text}” is not a month (YYYY-MM).").format(text=yyyymm))
    return yyyymm


def parse_month_text(text: str) -> int:
    """'2026-03', '2026.3', '2026年3月', '202603' → 202603."""
    raw = "".join(str(text).split()).replace("年", "-").replace("月", "").replace(".", "-").replace("/", "-")
    try:
        if "-" in raw:
            year, month = raw.split("-", 1)
            value = int(year) * 100 + int(month)
        else:
            value = int(raw)
    except ValueError:
        raise DuesError(_("“{text}” is not a month (YYYY-MM).").format(text=text)) from None
    return check_month(value)


def format_month(yyyymm: int) -> str:
    return f"{yyyymm // 100}-{yyyymm % 100:02d}"


def months_between(first: int, last: int) -> list[int]:
    return [month_of_index(i) for i in range(month_index(first), month_index(last) + 1)]


@dataclass(frozen=True)
class Period:
    """The months from ``first`` to ``last`` (yyyymm, both included)."""

    first: int
    last: int

    def __post_init__(self) -> None:
        check_month(self.first)
        check_month(self.last)
        if self.last < self.first:
            raise DuesError(_("The period ends before it starts."))

    @property
    def months(self) -> list[int]:
        return months_between(self.first, self.last)

    def __contains__(self, yyyymm: object) -> bool:
        return isinstance(yyyymm, int) and self.first <= yyyymm <= self.last

    def label(self) -> str:
        if self.first == self.last:
            return format_month(self.first)
        return f"{format_month(self.first)} — {format_month(self.last)}"

    def owed_by(self, today: dt.date) -> "Period | None":
        """The months of the period that are owed by ``today`` (up to its month), None when the
        period has not begun: a month still to come is not unpaid yet."""
        now = today.year * 100 + today.month
        if self.first > now:
            return None
        return self if self.last <= now else Period(self.first, now)

    @classmethod
    def of_dates(cls, start: dt.date, end: dt.date) -> "Period":
        return cls(month_of(start), month_of(end))


def cycle_period(cycle: CollectionCycle, year: int, number: int) -> Period:
    """The ``number``-th collection period (1-based) of ``year`` for the office's cycle."""
    size = cycle.months
    count = 12 // size
    if not 1 <= number <= count:
        raise DuesError(_("There is no period {number} in a year collected {cycle}.").format(
            number=number, cycle=cycle.label()))
    first = year * 100 + (number - 1) * size + 1
    return Period(first, first + size - 1)


def has_run(mask: int, length: int) -> bool:
    """Whether the bit mask holds ``length`` consecutive set bits (months)."""
    run = mask
    for _step in range(length - 1):
        run &= run >> 1
        if not run:
            return False
    return bool(run)


def longest_run(mask: int) -> int:
    count = 0
    while mask:
        mask &= mask >> 1
        count += 1
    return count


def range_mask(first_index: int, last_index: int, origin: int) -> int:
    """Bits for month indexes first..last relative to ``origin`` (clipped at 0)."""
    lo, hi = max(first_index - origin, 0), last_index - origin
    if hi < lo:
        return 0
    return ((1 << (hi - lo + 1)) - 1) << lo
