"""Relief visits (慰问登记): occasions and the office's limits, single visits, batch rounds.

Every change writes an audit entry; deleting a visit moves it to the recycle bin.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from unionoffice.domain.money import MAX_AMOUNT_FEN, format_yuan
from unionoffice.domain.relief import DEFAULT_OCCASIONS, FundingSource
from unionoffice.i18n import _, using_language
from unionoffice.services.audit import AuditAction, record, snapshot
from unionoffice.services.office import document_language
from unionoffice.store.base import utcnow
from unionoffice.store.models import Member
from unionoffice.store.models.relief import ReliefBatch, ReliefOccasion, ReliefVisit


class ReliefError(ValueError):
    """A refused change; the message is for the user."""


class LimitExceeded(ReliefError):
    """The cash is above the occasion's limit and no reason was given; the clerk may give one."""

    def __init__(self, occasion: str, limit_fen: int, cash_fen: int, who: str = "") -> None:
        self.occasion, self.limit_fen, self.cash_fen, self.who = occasion, limit_fen, cash_fen, who
        super().__init__(limit_message(occasion, limit_fen, cash_fen, who))


def limit_message(occasion: str, limit_fen: int, cash_fen: int, who: str = "") -> str:
    text = _("{amount} yuan is above the office's limit of {limit} yuan for “{occasion}”.").format(
        amount=format_yuan(cash_fen), limit=format_yuan(limit_fen), occasion=occasion
    )
    return f"{who}：{text}" if who else text


@dataclass
class VisitInput:
    """What the visit form collects. Money in fen."""

    date: dt.date
    member_id: int
    occasion_id: int
    cash_fen: int = 0
    goods: str = ""
    goods_value_fen: int = 0
    funding_source: str = FundingSource.OWN_FUNDS.value
    visitors: str = ""
    notes: str = ""
    in_accounts: bool = False
    family_name: str = ""
    family_relation: str = ""
    over_limit_reason: str = ""


@dataclass
class BatchEntry:
    """One person of a batch round, with the amount adjusted per person where needed."""

    member_id: int
    cash_fen: int
    goods_value_fen: int = 0
    notes: str = ""
    over_limit_reason: str = ""


@dataclass
class BatchInput:
    title: str
    date: dt.date
    occasion_id: int
    entries: list[BatchEntry] = field(default_factory=list)
    goods: str = ""
    funding_source: str = FundingSource.OWN_FUNDS.value
    visitors: str = ""
    notes: str = ""


# --- occasions -----------------------------------------------------------------------------

def ensure_default_occasions(session: Session) -> None:
    """A fresh database gets the usual occasions (and the 住院慰问 limit of 500 元), named in the
    office's document language: the names are printed on the sign-off sheets and in summaries,
    so a clerk on an English interface must not store “Spring Festival warmth”."""
    if session.scalar(select(func.count(ReliefOccasion.id))):
        return
    with using_language(document_language(session)):
        for position, (code, label, limit) in enumerate(DEFAULT_OCCASIONS, start=1):
            session.add(ReliefOccasion(code=code, name=_(label), position=position, limit_fen=limit, retired=False))
    session.flush()


def list_occasions(session: Session, include_retired: bool = True) -> list[ReliefOccasion]:
    ensure_default_occasions(session)
    query = select(ReliefOccasion).order_by(ReliefOccasion.position, ReliefOccasion.id)
    if not include_retired:
        query = query.where(ReliefOccasion.retired.is_(False))
    return list(session.scalars(query))


def occasion_by_name(session: Session, name: str) -> ReliefOccasion | None:
    ensure_default_occasions(session)
    wanted = "".join(str(name).split())
    return session.scalar(select(ReliefOccasion).where(ReliefOccasion.name == wanted)) or session.scalar(
        select(ReliefOccasion).where(ReliefOccasion.code == wanted)
    )


def _check_limit_value(limit_fen: int | None) -> int | None:
    if limit_fen is not None and not 0 < limit_fen <= MAX_AMOUNT_FEN:
        raise ReliefError(_("A limit must be more than zero."))
    return limit_fen


def add_occasion(session: Session, name: str, limit_fen: int | None = None) -> ReliefOccasion:
    ensure_default_occasions(session)
    name = "".join(name.split())
    if not name:
        raise ReliefError(_("An occasion needs a name."))
    if session.scalar(select(ReliefOccasion).where(ReliefOccasion.name == name)) is not None:
        raise ReliefError(_("An occasion named “{name}” already exists.").format(name=name))
    position = (session.scalar(select(func.max(ReliefOccasion.position))) or 0) + 1
    occasion = ReliefOccasion(
        code=f"custom-{position}", name=name, position=position, limit_fen=_check_limit_value(limit_fen), retired=False
    )
    session.add(occasion)
    session.flush()
    record(session, AuditAction.CREATE, "relief_occasions", occasion.id,
           _("Occasion added: {name}").format(name=name), after=snapshot(occasion))
    return occasion


def update_occasion(
    session: Session, occasion_id: int, *, name: str, limit_fen: int | None, retired: bool = False
) -> ReliefOccasion:
    occasion = session.get(ReliefOccasion, occasion_id)
    if occasion is None:
        raise ReliefError(_("That occasion no longer exists."))
    before = snapshot(occasion)
    name = "".join(name.split())
    if not name:
        raise ReliefError(_("An occasion needs a name."))
    clash = session.scalar(select(ReliefOccasion).where(ReliefOccasion.name == name))
    if clash is not None and clash.id != occasion_id:
        raise ReliefError(_("An occasion named “{name}” already exists.").format(name=name))
    occasion.name, occasion.limit_fen, occasion.retired = name, _check_limit_value(limit_fen), retired
    record(session, AuditAction.UPDATE, "relief_occasions", occasion.id,
           _("Occasion changed: {name}").format(name=name), before, snapshot(occasion))
    return occasion


def limit_warning(session: Session, occasion_id: int, cash_fen: int) -> str | None:
    """The warning to show when ``cash_fen`` is above the occasion's limit, else None."""
    occasion = session.get(ReliefOccasion, occasion_id)
    if occasion is None or occasion.limit_fen is None or cash_fen <= occasion.limit_fen:
        return None
    return limit_message(occasion.name, occasion.limit_fen, cash_fen)


# --- visits --------------------------------------------------------------------------------

def _validated(session: Session, data: VisitInput) -> tuple[Member, ReliefOccasion]:
    if not isinstance(data.date, dt.date):
        raise ReliefError(_("Please enter the date of the visit."))
    member = session.get(Member, data.member_id) if data.member_id else None
    if member is None or member.deleted_at is not None:
        raise ReliefError(_("Please choose who received the visit."))
    occasion = session.get(ReliefOccasion, data.occasion_id) if data.occasion_id else None
    if occasion is None:
        raise ReliefError(_("Please choose the occasion."))
    for amount in (data.cash_fen, data.goods_value_fen):
        if amount < 0:
            raise ReliefError(_("The amount cannot be negative ({text}).").format(text=format_yuan(amount)))
        if amount > MAX_AMOUNT_FEN:
            raise ReliefError(_("The amount {text} is too large to be right.").format(text=format_yuan(amount)))
    if data.cash_fen == 0 and data.goods_value_fen == 0 and not data.goods.strip():
        raise ReliefError(_("A visit needs cash or goods."))
    if FundingSource.from_text(data.funding_source) is None:
        raise ReliefError(_("Unknown funding source “{text}”.").format(text=data.funding_source))
    if data.family_name.strip() and not data.family_relation.strip():
        raise ReliefError(_("Please enter how {name} is related to the member.").format(name=data.family_name.strip()))
    if occasion.limit_fen is not None and data.cash_fen > occasion.limit_fen and not data.over_limit_reason.strip():
        raise LimitExceeded(occasion.name, occasion.limit_fen, data.cash_fen, member.name)
    return member, occasion


def check_visit(session: Session, data: VisitInput) -> None:
    """Raise ReliefError (LimitExceeded above a limit without a reason) when ``data`` would be refused."""
    _validated(session, data)


def _apply(visit: ReliefVisit, data: VisitInput) -> None:
    values = asdict(data)
    values["funding_source"] = FundingSource.from_text(data.funding_source).value  # type: ignore[union-attr]
    for key in ("goods", "visitors", "notes", "family_name", "family_relation", "over_limit_reason"):
        values[key] = values[key].strip()
    for key, value in values.items():
        setattr(visit, key, value)


def record_visit(session: Session, data: VisitInput, batch_id: int | None = None) -> ReliefVisit:
    member, occasion = _validated(session, data)
    visit = ReliefVisit(batch_id=batch_id)
    _apply(visit, data)
    session.add(visit)
    session.flush()
    record(session, AuditAction.CREATE, "relief_visits", visit.id,
           _("Visit recorded: {name}, {occasion}, {amount} yuan").format(
               name=member.name, occasion=occasion.name, amount=format_yuan(visit.cash_fen)),
           after=snapshot(visit))
    return visit


def _get_visit(session: Session, visit_id: int) -> ReliefVisit:
    visit = session.get(ReliefVisit, visit_id)
    if visit is None:
        raise ReliefError(_("That visit no longer exists."))
    return visit


def update_visit(session: Session, visit_id: int, data: VisitInput) -> ReliefVisit:
    visit = _get_visit(session, visit_id)
    member, _occasion = _validated(session, data)
    before = snapshot(visit)
    _apply(visit, data)
    session.flush()
    record(session, AuditAction.UPDATE, "relief_visits", visit.id,
           _("Visit changed: {name}").format(name=member.name), before, snapshot(visit))
    return visit


def visit_input(visit: ReliefVisit) -> VisitInput:
    """The form values of a stored visit (for editing)."""
    return VisitInput(**{f: getattr(visit, f) for f in VisitInput.__dataclass_fields__})


def delete_visits(session: Session, visit_ids: list[int]) -> int:
    """Move visits to the recycle bin; returns how many were moved."""
    moved = 0
    for visit_id in visit_ids:
        visit = _get_visit(session, visit_id)
        if visit.deleted_at is None:
            visit.deleted_at = utcnow()
            record(session, AuditAction.DELETE, "relief_visits", visit.id,
                   _("Visit moved to the recycle bin: {name}").format(name=visit.member.name))
            moved += 1
    return moved


def restore_visits(session: Session, visit_ids: list[int]) -> int:
    restored = 0
    for visit_id in visit_ids:
        visit = _get_visit(session, visit_id)
        if visit.deleted_at is not None:
            visit.deleted_at = None
            record(session, AuditAction.RESTORE, "relief_visits", visit.id,
                   _("Visit restored: {name}").format(name=visit.member.name))
            restored += 1
    return restored


def set_in_accounts(session: Session, visit_ids: list[int], value: bool = True) -> int:
    """Mark visits as entered in the accounts (已入账) in one step."""
    changed = 0
    for visit_id in visit_ids:
        visit = _get_visit(session, visit_id)
        if visit.in_accounts != value:
            visit.in_accounts = value
            record(session, AuditAction.UPDATE, "relief_visits", visit.id,
                   _("Visit marked as entered in the accounts") if value else _("Visit marked as not entered in the accounts"))
            changed += 1
    return changed


# --- batches -------------------------------------------------------------------------------

def batch_limit_problems(session: Session, occasion_id: int, entries: list[BatchEntry]) -> list[str]:
    """One message per person above the occasion's limit without a reason (to show before saving)."""
    occasion = session.get(ReliefOccasion, occasion_id)
    if occasion is None or occasion.limit_fen is None:
        return []
    names = dict(session.execute(select(Member.id, Member.name).where(Member.id.in_([e.member_id for e in entries]))).all())
    return [
        limit_message(occasion.name, occasion.limit_fen, e.cash_fen, names.get(e.member_id, ""))
        for e in entries
        if e.cash_fen > occasion.limit_fen and not e.over_limit_reason.strip()
    ]


def create_batch(session: Session, data: BatchInput) -> ReliefBatch:
    """Save a whole round in one step: all visits, or none when any person is refused."""
    if not data.title.strip():
        raise ReliefError(_("Please give the round a title."))
    if not data.entries:
        raise ReliefError(_("Please pick at least one person."))
    seen: set[int] = set()
    for entry in data.entries:
        if entry.member_id in seen:
            name = session.get(Member, entry.member_id)
            raise ReliefError(_("{name} is in the list twice.").format(name=name.name if name else entry.member_id))
        seen.add(entry.member_id)
    visits = [
        VisitInput(
            date=data.date, member_id=entry.member_id, occasion_id=data.occasion_id, cash_fen=entry.cash_fen,
            goods=data.goods, goods_value_fen=entry.goods_value_fen, funding_source=data.funding_source,
            visitors=data.visitors, notes=entry.notes, over_limit_reason=entry.over_limit_reason,
        )
        for entry in data.entries
    ]
    for visit in visits:  # check everyone before writing anything: the round is saved whole or not at all
        _validated(session, visit)
    batch = ReliefBatch(title=data.title.strip(), date=data.date, occasion_id=data.occasion_id, notes=data.notes.strip())
    session.add(batch)
    session.flush()
    for visit in visits:
        record_visit(session, visit, batch_id=batch.id)
    total = sum(e.cash_fen for e in data.entries)
    record(session, AuditAction.CREATE, "relief_batches", batch.id,
           _("Round saved: {title}, {count} people, {amount} yuan").format(
               title=batch.title, count=len(data.entries), amount=format_yuan(total)),
           after=snapshot(batch))
    return batch


def list_batches(session: Session) -> list[ReliefBatch]:
    return list(session.scalars(
        select(ReliefBatch).where(ReliefBatch.deleted_at.is_(None)).order_by(ReliefBatch.date.desc(), ReliefBatch.id.desc())
    ))
