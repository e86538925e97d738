"""The start page's figures in one call: members now and over 12 months, this year against last, and what needs doing.

No Qt: the page draws what ``dashboard(session, today)`` returns. Every figure is a COUNT in SQL,
so the large office fills in well under the start page's budget (benchmarks/bench_dashboard.py).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from unionoffice.domain.choices import ON_ROLL_STATUSES, STATUS_AFTER_EVENT
from unionoffice.i18n import N_, _
from unionoffice.services.backup_reminder import backup_reminder_due, days_since_last_backup
from unionoffice.services.member_query import ON_ROLL, MemberFilter, count_members
from unionoffice.services.overview import Overview, office_overview
from unionoffice.services.relief_queries import FileFilter, FileList, list_files
from unionoffice.store.raw_sql import raw_rows
from unionoffice.store.models import Member
from unionoffice.store.models.ledgers import Activity, TrainingSession
from unionoffice.store.models.relief import ReliefVisit
from unionoffice.store.models.relief_rights import RightsCase
from unionoffice.store.models.reports import ReportDraft

CASE_AGE_DAYS = 30  # an open rights case older than this is on the to-do list
SUMMARY_WINDOW_BEFORE = dt.timedelta(days=30)  # the summary shows up a month before its due date …
SUMMARY_WINDOW_AFTER = dt.timedelta(days=31)  # … and stays until a month after, unless drafted


@dataclass(frozen=True)
class MonthCount:
    month_end: dt.date
    members: int


@dataclass(frozen=True)
class YearOnYear:
    key: str  # activities | training | relief | cases
    label: str  # untranslated (N_)
    this_year: int
    last_year: int  # the same stretch of last year (1 January to the same day)


@dataclass(frozen=True)
class Todo:
    key: str
    text: str  # translated, with the count in it
    count: int
    page: str  # the page that does it (a key of gui.pages.PAGES)


@dataclass(frozen=True)
class Dashboard:
    today: dt.date
    overview: Overview  # name, women, groups, the backup's date and reminder
    members_now: int
    trend: list[MonthCount]  # 12 month ends, oldest first, the last one today
    year_on_year: list[YearOnYear]
    todos: list[Todo]
    empty: bool  # a new office: no members and no name yet (the page offers the first steps)


def month_ends(today: dt.date, months: int = 12) -> list[dt.date]:
    """The last day of each of the ``months - 1`` months before this one, then today; oldest first."""
    ends = [today]
    first = today.replace(day=1)
    for _i in range(months - 1):
        end = first - dt.timedelta(days=1)
        ends.append(end)
        first = end.replace(day=1)
    return list(reversed(ends))


def same_day_last_year(today: dt.date) -> dt.date:
    try:
        return today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year - 1, day=28)


def _count(session: Session, column, start: dt.date, end: dt.date, deleted) -> int:  # noqa: ANN001
    return session.scalar(select(func.count()).where(column >= start, column <= end, deleted.is_(None))) or 0


YEAR_ON_YEAR = (
    ("activities", N_("Activities"), Activity.start_date, Activity.deleted_at),
    ("training", N_("Training sessions"), TrainingSession.start_date, TrainingSession.deleted_at),
    ("relief", N_("Relief visits"), ReliefVisit.date, ReliefVisit.deleted_at),
    ("cases", N_("Rights cases"), RightsCase.received_on, RightsCase.deleted_at),
)


def year_on_year(session: Session, today: dt.date) -> list[YearOnYear]:
    last = same_day_last_year(today)
    return [
        YearOnYear(key, label,
                   _count(session, column, dt.date(today.year, 1, 1), today, deleted),
                   _count(session, column, dt.date(last.year, 1, 1), last, deleted))
        for key, label, column, deleted in YEAR_ON_YEAR
    ]


def member_trend(session: Session, today: dt.date, on_roll_now: int | None = None) -> list[MonthCount]:
    """Members on the roll at each month end: one pass over the membership events.

    Each event starts a stretch [its date, the member's next event) in the status it leads to; a
    member was on the roll on a day when an on-roll stretch covers it — the same rule as the
    roster's "as of" filter (the last event on or before the day decides), in one query for all 12
    days instead of one per day. Today is the stored status, as on the members page.
    """
    ends = month_ends(today)
    now = count_members(session, MemberFilter(status=ON_ROLL)) if on_roll_now is None else on_roll_now
    key = (str(session.get_bind().url), today, _events_fingerprint(session))
    past = _TREND_CACHE.get(key)
    if past is None:
        past = _past_counts(session, ends[:-1])
        _TREND_CACHE.clear()  # one office, one day: nothing older is wanted
        _TREND_CACHE[key] = past
    return [MonthCount(end, n) for end, n in zip(ends[:-1], past)] + [MonthCount(today, now)]


# The past month ends only move when membership events or deletions change: the start page, refreshed
# after every save, recounts them only then (the fingerprint below is two quick aggregate queries).
_TREND_CACHE: dict[tuple, list[int]] = {}


def _events_fingerprint(session: Session) -> tuple:
    """Changes whenever an event is added or removed, a member is edited (a join date moves its event),
    deleted or restored."""
    events = raw_rows(session, "SELECT count(id), max(id), coalesce(sum(id), 0) FROM membership_events")[0]
    members = raw_rows(session, "SELECT max(updated_at), count(deleted_at), "
                                "coalesce(sum(CASE WHEN deleted_at IS NOT NULL THEN id ELSE 0 END), 0) FROM members")[0]
    return tuple(events) + tuple(members)


def _past_counts(session: Session, past_ends: list[dt.date]) -> list[int]:
    on_roll_kinds = {kind.value for kind, status in STATUS_AFTER_EVENT.items() if status in ON_ROLL_STATUSES}
    last_end = past_ends[-1]
    # The dates as ISO text (as SQLite stores them): turning 20,000 of them into date objects costs
    # more than the rest. Rows straight from the driver: the ORM's result machinery cost twice the query.
    past_ends = [end.isoformat() for end in past_ends]
    deleted = {row[0] for row in raw_rows(session, "SELECT id FROM members WHERE deleted_at IS NOT NULL")}  # few: the recycle bin
    events = raw_rows(session, "SELECT member_id, date, id, kind FROM membership_events WHERE date <= ?", (last_end,))
    # One plain scan of the table, sorted here: cheaper than SQLite walking an index and the table by turns.
    if events and not isinstance(events[0][1], str):  # a server gives dates
        events = [(member_id, date.isoformat(), event_id, kind) for member_id, date, event_id, kind in events]
    rows = sorted(row for row in events if row[0] not in deleted)
    change = [0] * (len(past_ends) + 1)  # +1 where an on-roll stretch starts counting, -1 where it stops
    for index, (member_id, start, _event_id, kind) in enumerate(rows):
        if kind not in on_roll_kinds:
            continue
        following = rows[index + 1] if index + 1 < len(rows) else None
        stop = following[1] if following is not None and following[0] == member_id else None
        first = bisect_left(past_ends, start)  # the first month end on or after the stretch's start
        last = bisect_left(past_ends, stop) if stop is not None else len(past_ends)  # ends before the stop
        if first < last:
            change[first] += 1
            change[last] -= 1
    counts, running = [], 0
    for step in change[:-1]:
        running += step
        counts.append(running)
    return counts


def summary_due(session: Session, today: dt.date) -> tuple[dt.date, dt.date, str] | None:
    """The half-year (to 30 June) or annual (to 31 December) summary due around today and not yet drafted."""
    for year in (today.year - 1, today.year):
        for start, end, label in ((dt.date(year, 1, 1), dt.date(year, 6, 30), _("the {year} half-year summary")),
                                  (dt.date(year, 1, 1), dt.date(year, 12, 31), _("the {year} annual summary"))):
            if not end - SUMMARY_WINDOW_BEFORE <= today <= end + SUMMARY_WINDOW_AFTER:
                continue
            drafted = session.scalar(select(func.count()).where(
                ReportDraft.start == start, ReportDraft.end == end, ReportDraft.deleted_at.is_(None)))
            if not drafted:
                return start, end, label.format(year=year)
    return None


def _open_old_cases(session: Session, today: dt.date) -> int:
    return session.scalar(select(func.count()).where(
        RightsCase.closed_on.is_(None), RightsCase.deleted_at.is_(None),
        RightsCase.received_on < today - dt.timedelta(days=CASE_AGE_DAYS))) or 0


def _members_lacking_records(session: Session) -> int:
    return session.scalar(select(func.count()).where(
        Member.deleted_at.is_(None), Member.status.in_([s.value for s in ON_ROLL_STATUSES]),
        or_(Member.id_number.is_(None), Member.id_number == "", Member.group_id.is_(None)))) or 0


def todos(session: Session, today: dt.date) -> list[Todo]:
    items: list[Todo] = []
    if backup_reminder_due(session, today):
        days = days_since_last_backup(session, today)
        text = (_("Back up to a USB stick: never done yet") if days is None
                else _("Back up to a USB stick: the last backup was {days} days ago").format(days=days))
        items.append(Todo("backup", text, 1, "backup"))
    due = summary_due(session, today)
    if due is not None:
        items.append(Todo("summary", _("Draft {summary} (due {date:%Y-%m-%d})").format(summary=due[2], date=due[1]), 1, "summary"))
    review = len(list_files(session, FileFilter(view=FileList.DUE_FOR_REVIEW, today=today)))
    if review:
        items.append(Todo("hardship", _("{count} hardship files are due for their yearly review").format(count=review), review, "relief"))
    cases = _open_old_cases(session, today)
    if cases:
        items.append(Todo("cases", _("{count} rights cases have been open for more than {days} days").format(
            count=cases, days=CASE_AGE_DAYS), cases, "rights"))
    lacking = _members_lacking_records(session)
    if lacking:
        items.append(Todo("records", _("{count} members lack an ID number or a department").format(count=lacking), lacking, "members"))
    return items


def dashboard(session: Session, today: dt.date | None = None) -> Dashboard:
    """Everything the start page shows, as of ``today``."""
    today = today or dt.date.today()
    overview = office_overview(session)
    trend = member_trend(session, today, overview.members_on_roll)
    return Dashboard(
        today=today,
        overview=overview,
        members_now=trend[-1].members,
        trend=trend,
        year_on_year=year_on_year(session, today),
        todos=todos(session, today),
        empty=not overview.union_name and not session.scalar(select(func.count(Member.id))),
    )
