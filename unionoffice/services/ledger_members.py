"""Picking attendees from the roster: search by name or pinyin, by group, a whole group at once."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from unionoffice.domain.choices import ON_ROLL_STATUSES
from unionoffice.domain.ledgers import LedgerError
from unionoffice.i18n import _
from unionoffice.store.models import Group, Member


@dataclass(frozen=True)
class MemberChoice:
    id: int
    name: str
    sex: str | None
    group_name: str
    phone: str
    id_number: str | None


def _query():
    return (
        select(Member.id, Member.name, Member.sex, Group.name, Member.phone, Member.id_number)
        .outerjoin(Group, Group.id == Member.group_id)
        .where(Member.deleted_at.is_(None))
    )


def find_members(
    session: Session,
    text: str = "",
    group_id: int | None = None,
    women_only: bool = False,
    on_roll_only: bool = True,
    limit: int | None = 500,
) -> list[MemberChoice]:
    """Members matching ``text`` (name, pinyin initials, full pinyin, ID number) and filters, by name."""
    query = _query()
    text = "".join(text.split()).lower()
    if text:
        like = f"%{text}%"
        query = query.where(
            or_(
                Member.name.like(like),
                Member.pinyin_initials.like(f"{text}%"),
                Member.pinyin_full.like(f"{text}%"),
                Member.id_number.like(f"{text.upper()}%"),
            )
        )
    if group_id is not None:
        query = query.where(Member.group_id == group_id)
    if women_only:
        query = query.where(Member.sex == "female")
    if on_roll_only:
        query = query.where(Member.status.in_([s.value for s in ON_ROLL_STATUSES]))
    query = query.order_by(Member.name_sort_key, Member.id)
    if limit is not None:
        query = query.limit(limit)
    return [MemberChoice(*row) for row in session.execute(query)]


def members_by_ids(session: Session, ids: list[int]) -> list[MemberChoice]:
    """The chosen members, in the order of ``ids`` (unknown ids are left out)."""
    found: dict[int, MemberChoice] = {}
    for start in range(0, len(ids), 900):  # SQLite's bound-parameter limit
        chunk = ids[start:start + 900]
        for row in session.execute(_query().where(Member.id.in_(chunk))):
            found[row[0]] = MemberChoice(*row)
    return [found[i] for i in ids if i in found]


def member_ids_by_id_number(session: Session, id_numbers: list[str]) -> dict[str, int]:
    """ID number -> member id, for imports keyed by the ID number (members in the recycle bin excluded)."""
    result: dict[str, int] = {}
    wanted = sorted({n.upper() for n in id_numbers if n})
    for start in range(0, len(wanted), 900):
        chunk = wanted[start:start + 900]
        rows = session.execute(
            select(Member.id_number, Member.id).where(Member.id_number.in_(chunk), Member.deleted_at.is_(None))
        )
        result.update({number: member_id for number, member_id in rows})
    return result


def check_member_ids(session: Session, member_ids: list[int]) -> list[int]:
    """The ids without repeats, in order; refuses ids that are not (any more) in the database."""
    unique = list(dict.fromkeys(member_ids))
    found: set[int] = set()
    for start in range(0, len(unique), 900):
        found.update(session.scalars(select(Member.id).where(Member.id.in_(unique[start:start + 900]))))
    missing = [i for i in unique if i not in found]
    if missing:
        raise LedgerError(_("{count} chosen members no longer exist.").format(count=len(missing)))
    return unique
