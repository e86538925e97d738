"""The few members a broad search does NOT match, found through the search indexes (SQLite).

When nearly every member matches a search ("1": every mobile number starts with it), the side panel
counts the members who do not and takes them from the tally (services/panel_counts.py). Finding
them by checking every entry of the composition index costs as much as counting the matches. But a
member who misses a word misses each of its prefixes, and a prefix's misses sit in the index on
either side of it (before "1", from "2" on, and NULL): for each word, the prefix that the fewest
sampled members miss is looked up from its own index that way, and only those rows are checked
against the whole word.

A server is left to its scan: PostgreSQL compares text by the database's collation, where a value
that does not start with "1" may still sort between "1" and "2", so the two sides would not hold
every miss.
"""

from __future__ import annotations

from typing import Any, Sequence

from sqlalchemy import ColumnElement, Select, func, select, union_all
from sqlalchemy.orm import Session

from unionoffice.services.member_query import word_prefixes
from unionoffice.store.models import Member
from unionoffice.store.portable_sql import starts_with, unindexed
from unionoffice.store.raw_sql import is_server


def _successor(text: str) -> str:
    """The first text after every text that starts with ``text`` (in code-point order)."""
    return text[:-1] + chr(ord(text[-1]) + 1)


def _outside(column: Any, text: str) -> list[ColumnElement[bool]]:
    """Index ranges that together hold every value not starting with ``text``."""
    sides = [column < text, column >= _successor(text)]
    if Member.__table__.c[column.key].nullable:
        sides.append(column.is_(None))
    return sides


def misses_through_indexes(session: Session, words: Sequence[str], missed: Sequence[ColumnElement[bool]],
                           sample: Select[Any], outside: int, limit: int) -> ColumnElement[bool] | None:
    """A condition selecting the members who miss any of ``words`` (``missed``: each word's own
    "does not match", unindexed), through the search indexes; None when a scan is the better way
    (the sampled misses of the best prefixes, scaled to ``outside`` members, reach ``limit``) or
    the only one (a word without prefixes, a server)."""
    prefixes = [word_prefixes(word) for word in words]
    if not words or not all(prefixes) or is_server(session.connection()):
        return None
    misses = [starts_with(unindexed(column), text).is_not(True) for options in prefixes for column, text in options]
    seen, *counts = session.execute(
        select(func.count(), *(func.count().filter(m) for m in misses)).where(Member.id.in_(sample.scalar_subquery()))
    ).one()
    chosen, estimated, at = [], 0, 0
    for options in prefixes:
        best = min(range(len(options)), key=lambda i: counts[at + i])
        chosen.append(options[best])
        estimated += counts[at + best]
        at += len(options)
    if not seen or estimated * outside >= limit * seen:
        return None
    branches = [select(Member.id).where(Member.deleted_at.is_(None), side, word_missed)
                for (column, text), word_missed in zip(chosen, missed) for side in _outside(column, text)]
    return Member.id.in_(union_all(*branches))
