"""The members (not in the recycle bin) counted by their status on a date and by the composition's
keys, shared by the figures of one draft.

Working out a member's status on a past date takes a look at their last membership event (a
lookup per member), and the summary needs it on the period's last day for the roll's composition
(基本情况), the members retained (保留会籍) and who on the roll took part (覆盖面): these rows, by
the status too, serve all three. Inside ``shared_roll_counts()`` (a summary's draft) they are
counted once per session and date; outside it, every call counts afresh (nothing stays cached
between drafts).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from unionoffice.domain.choices import ON_ROLL_STATUSES, MembershipStatus
from unionoffice.domain.hardship_rules import add_years
from unionoffice.services.roll_sql import maybe_not_active_sql, status_sql
from unionoffice.store.raw_sql import raw_rows

ROLL_KEYS = "m.sex, m.education, m.political_status, m.migrant_worker, m.group_id"
KEYS = len(ROLL_KEYS.split(","))
ON_ROLL_VALUES = frozenset(status.value for status in ON_ROLL_STATUSES)
ACTIVE = MembershipStatus.ACTIVE.value

_shared: ContextVar[dict[tuple[int, dt.date], list[tuple]] | None] = ContextVar("roll_counts", default=None)


@contextmanager
def shared_roll_counts() -> Iterator[None]:
    """Inside the block, ``roll_counts`` counts each (session, date) once (this thread's drafting only)."""
    token = _shared.set({})
    try:
        yield
    finally:
        _shared.reset(token)


def band_highs() -> tuple[int, ...]:
    from unionoffice.services.member_figures import AGE_BANDS  # (member_figures imports this module)

    return tuple(high for *_rest, high in AGE_BANDS if high is not None)


def roll_counts(session: Any, on: dt.date) -> list[tuple]:
    """Rows of (status code on ``on``, sex, education, political status, migrant, group id, count,
    cumulative age-band counts …, members with a birth date), members in the recycle bin left out,
    in the order of the composition's keys. The age bands are as member_figures.roll_composition
    counts them: born after ``on`` less (high + 1) years for each band with an upper age.

    Everyone is counted by the keys alone (the composition index, no lookup per member), and the
    few who may not be active (roll_sql.maybe_not_active_sql) again with their status: they are
    taken out of the active rows and put back under their own status."""
    cache = _shared.get()
    key = (id(session), on)
    if cache is not None and key in cache:
        return cache[key]
    highs = band_highs()
    bands = ", ".join("sum(CASE WHEN m.birth_date > ? THEN 1 ELSE 0 END)" for _high in highs)
    limits = tuple(add_years(on, -(high + 1)) for high in highs)
    counts = f"count(*), {bands}, count(m.birth_date)"
    everyone = raw_rows(session, f"SELECT {ROLL_KEYS}, {counts} FROM members m WHERE m.deleted_at IS NULL "
                                 f"GROUP BY {ROLL_KEYS}", limits)
    status, status_params = status_sql(session, on)
    maybe, maybe_params = maybe_not_active_sql(session, on)
    others = raw_rows(session, f"SELECT {status}, {ROLL_KEYS}, {counts} FROM members m "
                               f"WHERE m.deleted_at IS NULL AND {maybe} GROUP BY 1, {ROLL_KEYS}",
                      (*status_params, *limits, *maybe_params))
    rows = with_others(everyone, others, KEYS, ACTIVE)
    if cache is not None:
        cache[key] = rows
    return rows


def with_others(everyone: Sequence[tuple], others: Sequence[tuple], keys: int, usual: str) -> list[tuple]:
    """Rows of (status, keys …, counts …) from ``everyone`` (keys …, counts …) taken as ``usual``
    and ``others`` (status, keys …, counts …) of some of them: those are taken out of the usual
    rows (a row left with none is dropped) and follow under their own status, in ``everyone``'s order."""
    by_keys: dict[tuple, list[tuple]] = {}
    for row in others:
        by_keys.setdefault(tuple(row[1:keys + 1]), []).append(row)
    rows: list[tuple] = []
    for row in everyone:
        group = tuple(row[:keys])
        counts = [int(value) for value in row[keys:]]  # (a server's sum: a Decimal)
        apart = by_keys.get(group, ())
        for other in apart:
            counts = [a - int(b) for a, b in zip(counts, other[keys + 1:])]
        if counts[0]:
            rows.append((usual, *group, *counts))
        rows.extend((other[0], *group, *(int(value) for value in other[keys + 1:])) for other in apart
                    if int(other[keys + 1]))
    return rows


def on_roll_rows(rows: Sequence[tuple]) -> list[tuple]:
    """The rows of ``roll_counts`` of members on the roll, without their status."""
    return [tuple(row[1:]) for row in rows if row[0] in ON_ROLL_VALUES]


def with_status(rows: Sequence[tuple], code: str) -> int:
    """How many members of ``roll_counts`` rows have the status ``code``."""
    return sum(int(row[1 + KEYS]) for row in rows if row[0] == code)
