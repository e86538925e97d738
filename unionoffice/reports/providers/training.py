"""Figures of the training records for the work summary (宣传教育与职工培训)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from unionoffice.domain.ledgers import Ledger
from unionoffice.i18n import N_
from unionoffice.reports.figures import Names, Period, Share
from unionoffice.services.summaries_lookups import kind_labels
from unionoffice.services.summary_highlights import training_titles
from unionoffice.services.training_stats import attendances, sessions_held, training_stats

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

NAMESPACE = "training"
FIGURES = {
    "sessions": N_("training sessions held (期数, by start date)"),
    "by_kind": N_("sessions by kind, keyed by the kind's name (e.g. 安全培训)"),
    "person_times": N_("attendances (培训人次)"),
    "women_person_times": N_("attendances of women"),
    "women_share": N_("women's share of the attendances"),
    "participants": N_("distinct members trained"),
    "hours": N_("the sessions' hours (学时) added up"),
    "person_hours": N_("attendances times hours (人·学时)"),
    "examined": N_("attendances with an exam result"),
    "passed": N_("of which passed"),
    "pass_rate": N_("pass rate (passed / examined)"),
    "certificates": N_("certificates obtained"),
    "titles": N_("training titles, most attended first"),
    "titles_by_kind": N_("training titles by kind, keyed by the kind's name"),
}


# What a 同比 quotes of last year (the template, reflection.FALLS), counted without the rest (lazy_figures.py).
COUNTED_ALONE = {
    "sessions": lambda session, period: sessions_held(session, period.start, period.end),
    "person_times": lambda session, period: attendances(session, period.start, period.end),
}


def provide(session: Session, period: Period) -> dict[str, Any]:
    stats = training_stats(session, period.start, period.end)
    labels = kind_labels(session, Ledger.TRAINING)
    held = training_titles(session, period.start, period.end)
    by_kind: dict[str, list[str]] = {}
    for title, kind, _count in held:
        by_kind.setdefault(labels.get(kind, kind), []).append(f"“{title}”")
    return {
        "sessions": stats.sessions,
        "by_kind": {labels.get(code, code): n for code, n in stats.by_kind.items()},
        "person_times": stats.person_times,
        "women_person_times": stats.women_person_times,
        "women_share": Share(stats.women_person_times, stats.person_times),
        "participants": stats.participants,
        "hours": Decimal(stats.hours_tenths) / 10,  # zero is falsy, so optional clauses drop it
        "person_hours": Decimal(stats.person_hours_tenths) / 10,
        "examined": stats.examined,
        "passed": stats.passed,
        "pass_rate": Share(stats.passed, stats.examined),
        "certificates": stats.certificates,
        "titles": Names(tuple(dict.fromkeys(f"“{title}”" for title, _kind, _count in held))),
        "titles_by_kind": {kind: Names(tuple(dict.fromkeys(titles))) for kind, titles in by_kind.items()},
    }
