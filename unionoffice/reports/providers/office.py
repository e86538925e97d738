"""Figures about the office itself and the period (names, dates)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from unionoffice.i18n import N_
from unionoffice.reports.figures import Period
from unionoffice.services.office import load_settings

NAMESPACE = "office"
FIGURES = {
    "union_name": N_("the union's name"),
    "parent_union": N_("the parent union"),
    "signature_unit": N_("the unit name under the report"),
    "period": N_("the period's name, e.g. 2026年上半年"),
    "start": N_("the first day of the period"),
    "end": N_("the last day of the period"),
    "year": N_("the year of the period's end"),
}


def provide(session: Session, period: Period) -> dict[str, Any]:
    settings = load_settings(session)
    return {
        "union_name": settings.union_name,
        "parent_union": settings.parent_union,
        "signature_unit": settings.signature_unit or settings.union_name,
        "period": period.label,
        "start": period.start,
        "end": period.end,
        "year": period.end.year,
    }
