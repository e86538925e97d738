"""A member's status on any date, derived from the membership events."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable

from unionoffice.domain.choices import STATUS_AFTER_EVENT, MembershipEventKind, MembershipStatus


@dataclass(frozen=True)
class Event:
    kind: MembershipEventKind
    date: dt.date


def status_on(events: Iterable[Event], on: dt.date) -> MembershipStatus:
    """The status after the last event on or before ``on`` (same-day events in given order)."""
    status = MembershipStatus.NOT_YET
    for event in sorted(events, key=lambda e: e.date):
        if event.date > on:
            break
        status = STATUS_AFTER_EVENT[MembershipEventKind(event.kind)]
    return status


def current_status(events: Iterable[Event]) -> MembershipStatus:
    """Today's status; a member with no events yet counts as active (just entered)."""
    events = list(events)
    if not events:
        return MembershipStatus.ACTIVE
    return status_on(events, dt.date.max)
