"""Figures about the office itself and the period (names, dates)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from unionoffice.i18n import N_, _
from unionoffice.reports.figures import Period
from unionoffice.services.summaries_lookups import setting_values

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

NAMESPACE = "office"
FIGURES = {
    "union_name": N_("the union's name"),
    "parent_union": N_("the parent union"),
    "signature_unit": N_("the unit name under the report"),
    "union_short": N_("the union's name without a trailing 委员会 (示例厂工会), for 示例厂工会女职工委员会"),
    "period": N_("the period's name, e.g. 2026年上半年"),
    "period_word": N_("how the text names the period: 全年, 上半年, 第一季度 (本期 for other ranges)"),
    "start": N_("the first day of the period"),
    "end": N_("the last day counted: the period's end, or the drafting day when that comes first"),
    "year": N_("the year of the period's end"),
}


def period_word(period: Period) -> str:
    """全年 / 上半年 / 下半年 / 第三季度 for a calendar period, else 本期."""
    start, end = period.start, period.nominal_end or period.end
    if start.year == end.year and start.day == 1:
        months = (start.month, end.month, end.day)
        if months == (1, 12, 31):
            return _("the whole year")
        if months == (1, 6, 30):
            return _("the first half of the year")
        if months == (7, 12, 31):
            return _("the second half of the year")
        quarters = {(1, 3, 31): 0, (4, 6, 30): 1, (7, 9, 30): 2, (10, 12, 31): 3}
        if months in quarters:
            from unionoffice.reports.periods import quarter_name

            return quarter_name(quarters[months] + 1)
    return _("in the period")


def union_short(name: str) -> str:
    return name[: -len("委员会")] if name.endswith("工会委员会") else name


def provide(session: Session, period: Period) -> dict[str, Any]:
    settings = setting_values(session)  # (services.office.OfficeSettings: each of these "" when never saved)
    union_name = settings.get("union_name", "")
    return {
        "union_name": union_name,
        "parent_union": settings.get("parent_union", ""),
        "signature_unit": settings.get("signature_unit", "") or union_name,
        "union_short": union_short(union_name),
        "period": period.label,
        "period_word": period_word(period),
        "start": period.start,
        "end": period.end,
        "year": period.end.year,
    }
