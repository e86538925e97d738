"""The members' status on a date as raw SQL (``?`` placeholders, store/raw_sql.py), for the
summary's figures: the same rule as member_query.status_on_expr, without building ORM statements.

On a past date a member's status is what their last membership event up to that date left them
in (latest date, then latest entry), "not_yet" without one; today and later it is the stored status.
The fragments name the members table ``m``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from unionoffice.domain.choices import ON_ROLL_STATUSES, STATUS_AFTER_EVENT, MembershipStatus
from unionoffice.store.raw_sql import is_server


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def status_sql(session: Any, on: dt.date | None) -> tuple[str, tuple[Any, ...]]:
    """(SQL expression, its parameters): member ``m``'s status code on ``on`` (None: today)."""
    if on is None or on >= dt.date.today():
        # Kept off the status index, as status_on_expr does (SQLite's no-op +column).
        return ("(m.status || '')" if is_server(session.connection()) else "+m.status"), ()
    whens = " ".join(f"WHEN {_quoted(kind.value)} THEN {_quoted(status.value)}"
                     for kind, status in STATUS_AFTER_EVENT.items())
    last_kind = ("(SELECT e.kind FROM membership_events e WHERE e.member_id = m.id AND e.date <= ? "
                 "ORDER BY e.date DESC, e.id DESC LIMIT 1)")
    return f"CASE {last_kind} {whens} ELSE {_quoted(MembershipStatus.NOT_YET.value)} END", (on,)


ON_ROLL_CODES = ", ".join(_quoted(s.value) for s in sorted(ON_ROLL_STATUSES, key=lambda s: s.value))


def on_roll_sql(session: Any, on: dt.date | None) -> tuple[str, tuple[Any, ...]]:
    """(SQL condition, its parameters): member ``m`` is on the roll (在册) on ``on``, recycle bin excluded."""
    status, params = status_sql(session, on)
    return f"m.deleted_at IS NULL AND {status} IN ({ON_ROLL_CODES})", params


def status_is_sql(session: Any, on: dt.date | None, code: str) -> tuple[str, tuple[Any, ...]]:
    """(SQL condition, its parameters): member ``m`` has status ``code`` on ``on``, recycle bin excluded."""
    status, params = status_sql(session, on)
    return f"m.deleted_at IS NULL AND {status} = ?", (*params, code)


# The events after which a member is active (在册): joining and transferring in.
ACTIVE_AFTER = ", ".join(_quoted(kind.value) for kind, status in STATUS_AFTER_EVENT.items()
                         if status is MembershipStatus.ACTIVE)


def maybe_not_active_sql(session: Any, on: dt.date | None) -> tuple[str, tuple[Any, ...]]:
    """(SQL condition, its parameters): member ``m`` may not be active on ``on`` — every member
    who is not active meets it, and those who meet it are few (whoever left, was retained or had
    not joined yet). Everyone else is active without looking at their last event: a past date's
    status is only looked up for these (``status_sql`` is a lookup per member)."""
    if on is None or on >= dt.date.today():
        status, params = status_sql(session, on)
        return f"({status} IS NULL OR {status} <> {_quoted(MembershipStatus.ACTIVE.value)})", params
    # (events are never without their member: membership_events.member_id is NOT NULL)
    return (f"(m.id IN (SELECT e.member_id FROM membership_events e WHERE e.date <= ? AND e.kind NOT IN ({ACTIVE_AFTER})) "
            "OR m.id NOT IN (SELECT e.member_id FROM membership_events e WHERE e.date <= ?))"), (on, on)
