"""Drafting the reflective parts (经验和体会, 存在的问题和不足, 下一步工作打算) from the figures.

Each suggestion is one paragraph the clerk may keep, drop, reorder or rewrite. Problems come from
what the records show (participation, groups left out, women's and migrant workers' share, hardship
files not reviewed, falls on the same period last year, cases still open); each problem brings its
plan, so 下一步工作打算 answers 存在的问题和不足.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable

from unionoffice.i18n import N_, _
from unionoffice.reports.figures import Share, UnknownFigure, format_figure, lookup

KINDS = ("experience", "problems", "plans")

# A share of members that took part in nothing from which it is worth saying (10%).
NONE_SHARE_FLOOR = Decimal("0.10")
# How far (in percentage points) a group's share among those who took part may lie below its share
# of the members before it is a problem.
SHARE_GAP = Decimal("0.05")

# Figures whose fall on the same period last year is a problem, with how the sentence names them.
FALLS: tuple[tuple[str, str, str], ...] = (
    ("activities.count", N_("the number of activities"), N_("times")),
    ("activities.member_person_times", N_("the attendance at activities"), N_("person-times")),  # members only, as the body says
    ("training.sessions", N_("the number of training sessions"), N_("sessions")),
    ("training.person_times", N_("the attendance at trainings"), N_("person-times")),
    ("relief.households", N_("the households visited"), N_("households")),
    ("members.total", N_("the number of members"), N_("people")),
)


@dataclass(frozen=True)
class Suggestion:
    key: str  # what it is about, e.g. "none_share"; a problem and its plan share the key
    text: str


def _get(figures: dict[str, dict[str, Any]], name: str) -> Any:
    try:
        return lookup(figures, name)
    except UnknownFigure:
        return 0


def _f(figures: dict[str, dict[str, Any]], name: str, spec: str = "") -> str:
    return format_figure(_get(figures, name), spec)


def _share(value: Any) -> Decimal:
    return value.fraction() if isinstance(value, Share) else Decimal(0)


def _problem_list(figures: dict[str, dict[str, Any]]) -> list[tuple[Suggestion, str]]:
    """(problem, its plan) pairs in the order a summary usually states them."""
    out: list[tuple[Suggestion, str]] = []
    period = _f(figures, "office.period_word")
    none_share = _get(figures, "participation.none_share")
    if _get(figures, "participation.none") and _share(none_share) >= NONE_SHARE_FLOOR:
        out.append((Suggestion("none_share", _(
            "{period}, {count} members ({share} of the members) took part in no activity or training of the union; "
            "the activities do not yet reach everyone.").format(
            period=period, count=_f(figures, "participation.none"), share=format_figure(none_share))),
            _("Plan activities and trainings around what the workers ask for, at times shift workers can attend, "
              "so that every member takes part at least once a year.")))
    idle = _get(figures, "participation.idle_groups")
    if idle:
        count = _get(figures, "participation.idle_group_count")
        out.append((Suggestion("idle_groups", _(
            "Members of {count} groups ({groups}) took part in nothing {period}; the groups' own work needs strengthening.").format(
            count=count, groups=format_figure(idle, "3"), period=period)),
            _("Help the groups that held nothing ({groups}) draw up their own activity plans, and bring the union's "
              "activities into every group.").format(groups=format_figure(idle, "3"))))
    for who, member_share, took_share, problem, plan in (
        ("women", "members.women_share", "participation.women_share",
         N_("Women are {member_share} of the members but only {took_share} of those who took part; women workers' participation is low."),
         N_("Organise activities and trainings suited to women workers, through the women workers' committee, to raise their participation.")),
        ("migrant", "members.migrant_share", "participation.migrant_share",
         N_("Migrant workers are {member_share} of the members but only {took_share} of those who took part; they are not yet drawn in enough."),
         N_("Arrange activities and trainings that migrant workers can reach, and invite them in person through their groups.")),
    ):
        base, part = _get(figures, member_share), _get(figures, took_share)
        if isinstance(base, Share) and isinstance(part, Share) and base.part and part.whole \
                and _share(base) - _share(part) >= SHARE_GAP:
            out.append((Suggestion(f"{who}_share", _(problem).format(
                member_share=format_figure(base), took_share=format_figure(part))), _(plan)))
    stale = _get(figures, "participation.stale_files")
    if stale:
        out.append((Suggestion("stale_files", _(
            "{count} hardship files have not been reviewed for twelve months or more; the files are not kept up to date.").format(
            count=stale)),
            _("Review every hardship file household by household, update the files, and close those who are out of hardship.")))
    falls = []
    for name, label, unit in FALLS:
        change = _get(figures, f"{name}.change")
        if change and _get(figures, name) < _get(figures, f"{name}.prev"):
            falls.append(_("{what} {change} {unit} on the same period last year, {growth}").format(
                what=_(label), change=format_figure(change), unit=_(unit), growth=format_figure(_get(figures, f"{name}.growth"))))
    if falls:
        out.append((Suggestion("falls", _("Some work fell back: {falls}.").format(falls=_("; ").join(falls))),
                    _("Look into why these figures fell and set this year's targets for them.")))
    open_cases = _get(figures, "rights.open")
    if open_cases:
        out.append((Suggestion("open_cases", _(
            "{count} rights cases were still being handled at the period's end.").format(count=open_cases)),
            _("Follow the open rights cases through to a result and tell the workers concerned.")))
    return out


def _experience(figures: dict[str, dict[str, Any]]) -> list[Suggestion]:
    out: list[Suggestion] = []
    took = _get(figures, "participation.took_part_share")
    if _share(took) >= Decimal("0.6"):
        out.append(Suggestion("reach", _(
            "Keeping the activities close to the workers: {share} of the members took part in at least one activity or training.").format(
            share=format_figure(took))))
    if _get(figures, "activities.competitions"):
        out.append(Suggestion("competitions", _(
            "Using labour competitions and skill contests ({titles}) to spur the workers to excel in their posts.").format(
            titles=_f(figures, "activities.competitions", "2"))))
    if _get(figures, "training.sessions") and _get(figures, "training.pass_rate"):
        out.append(Suggestion("training", _(
            "Tying training to the job and to exams: {period} {sessions} sessions, a pass rate of {rate}.").format(
            period=_f(figures, "office.period_word"), sessions=_f(figures, "training.sessions"),
            rate=_f(figures, "training.pass_rate", ".1%"))))
    if _get(figures, "relief.file_holders") or _get(figures, "relief.spring_households"):
        out.append(Suggestion("relief", _(
            "Keeping files on the workers in hardship and visiting them at the festivals and when trouble strikes, "
            "so that help reaches those who need it.")))
    if _get(figures, "rights.cases") and _get(figures, "rights.open") == 0:
        out.append(Suggestion("rights", _(
            "Taking every complaint seriously: all {count} cases received were followed to a result.").format(
            count=_f(figures, "rights.cases"))))
    return out


def suggestions(kind: str, figures: dict[str, dict[str, Any]]) -> list[Suggestion]:
    """The suggestions for one reflective part, drawn from the figures (with last year's)."""
    builders: dict[str, Callable[[], list[Suggestion]]] = {
        "experience": lambda: _experience(figures),
        "problems": lambda: [problem for problem, _plan in _problem_list(figures)],
        "plans": lambda: [Suggestion(problem.key, plan) for problem, plan in _problem_list(figures)],
    }
    return builders[kind]()
