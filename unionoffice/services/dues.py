"""The dues ledger's use cases: settings, wage bases and exemptions (payments: services/dues_payments.py).

Every change writes an audit entry; deleting a payment or an exemption moves it to the recycle bin.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from unionoffice.domain.dues import (
    MAX_BASE_FEN,
    BaseSource,
    CollectionCycle,
    DuesError,
    ExemptionReason,
    PaymentMethod,
    Rounding,
    check_month,
    format_rate,
    parse_rate,
)
from unionoffice.domain.money import format_yuan
from unionoffice.i18n import _
from unionoffice.services.audit import AuditAction, record, snapshot
from unionoffice.services.dues_ledger import (
    CYCLE_KEY,
    METHOD_KEY,
    RATE_KEY,
    ROUNDING_KEY,
    DuesSettings,
    load_dues_settings,
)
from unionoffice.services.office import set_setting
from unionoffice.store.base import utcnow
from unionoffice.store.models import Member
from unionoffice.store.models.dues import DuesBase, DuesExemption

__all__ = ["DuesError", "load_dues_settings"]

# --- settings ------------------------------------------------------------------------------

def save_dues_settings(session: Session, rate: str, rounding: str, cycle: str, method: str) -> DuesSettings:
    before = load_dues_settings(session)
    value = parse_rate(rate)
    rounding_v = Rounding.from_text(rounding)
    cycle_v = CollectionCycle.from_text(cycle)
    method_v = PaymentMethod.from_text(method)
    if rounding_v is None or cycle_v is None or method_v is None:
        raise DuesError(_("Unknown dues setting."))
    set_setting(session, RATE_KEY, str(value))
    set_setting(session, ROUNDING_KEY, rounding_v.value)
    set_setting(session, CYCLE_KEY, cycle_v.value)
    set_setting(session, METHOD_KEY, method_v.value)
    after = load_dues_settings(session)
    record(session, AuditAction.UPDATE, "settings", None, _("Dues rule: {rate}").format(rate=format_rate(value)),
           {"rate": format_rate(before.rule.rate_per_mille), "rounding": before.rule.rounding.value,
            "cycle": before.cycle.value, "method": before.method.value},
           {"rate": format_rate(value), "rounding": rounding_v.value, "cycle": cycle_v.value, "method": method_v.value})
    return after


# --- wage bases ----------------------------------------------------------------------------

def check_base(base_fen: int) -> int:
    if base_fen < 0:
        raise DuesError(_("The wage base cannot be negative."))
    if base_fen > MAX_BASE_FEN:
        raise DuesError(_("A monthly wage base of {amount} yuan is too large to be right.").format(amount=format_yuan(base_fen)))
    return int(base_fen)


def check_year(year: int) -> int:
    if not 1900 <= year <= 2999:
        raise DuesError(_("“{year}” is not a year.").format(year=year))
    return year


def member_of(session: Session, member_id: int) -> Member:
    member = session.get(Member, member_id)
    if member is None or member.deleted_at is not None:
        raise DuesError(_("No such member."))
    return member


def set_bases(session: Session, year: int, bases: dict[int, int], source: BaseSource = BaseSource.ENTERED) -> int:
    """Set (or change) the monthly wage base of several members for a year; returns how many changed."""
    check_year(year)
    for member_id, base in bases.items():
        check_base(base)
    existing = {b.member_id: b for b in session.scalars(
        select(DuesBase).where(DuesBase.year == year, DuesBase.member_id.in_(list(bases))))}
    known = set(session.scalars(select(Member.id).where(Member.id.in_(list(bases)), Member.deleted_at.is_(None))))
    missing = set(bases) - known
    if missing:
        raise DuesError(_("No such member."))
    new_rows, changed = [], 0
    for member_id, base in bases.items():
        row = existing.get(member_id)
        if row is None:
            new_rows.append({"member_id": member_id, "year": year, "base_fen": base, "source": source.value, "updated_at": utcnow()})
        elif row.base_fen != base:
            row.base_fen, row.source = base, source.value
            changed += 1
    if new_rows:
        session.execute(insert(DuesBase), new_rows)
    total = changed + len(new_rows)
    if total:
        record(session, AuditAction.UPDATE, "dues_bases", None,
               _("Wage bases for {year} set ({source}): {count}").format(year=year, source=source.label(), count=total),
               after={"year": year, "count": total, "source": source.value})
    session.flush()
    return total


def copy_bases(session: Session, from_year: int, to_year: int) -> int:
    """Copy last year's bases to the members who have none for ``to_year`` yet."""
    have = set(session.scalars(select(DuesBase.member_id).where(DuesBase.year == to_year)))
    source = {m: b for m, b in session.execute(
        select(DuesBase.member_id, DuesBase.base_fen).join(Member, Member.id == DuesBase.member_id)
        .where(DuesBase.year == from_year, Member.deleted_at.is_(None))) if m not in have}
    if not source:
        return 0
    return set_bases(session, to_year, source, BaseSource.COPIED)


def bases_for(session: Session, year: int) -> dict[int, int]:
    return dict(session.execute(select(DuesBase.member_id, DuesBase.base_fen).where(DuesBase.year == year)).all())


# --- exemptions ----------------------------------------------------------------------------

@dataclass
class ExemptionInput:
    member_id: int
    first_month: int
    last_month: int | None
    reason: str
    notes: str = ""


def add_exemption(session: Session, data: ExemptionInput) -> DuesExemption:
    member = member_of(session, data.member_id)
    check_month(data.first_month)
    if data.last_month is not None and check_month(data.last_month) < data.first_month:
        raise DuesError(_("The exemption ends before it starts."))
    reason = ExemptionReason.from_text(data.reason)
    if reason is None:
        raise DuesError(_("Unknown exemption reason “{text}”.").format(text=data.reason))
    if reason is ExemptionReason.OTHER and not data.notes.strip():
        raise DuesError(_("Please say why the member is exempt."))
    row = DuesExemption(member_id=member.id, first_month=data.first_month, last_month=data.last_month,
                        reason=reason.value, notes=data.notes.strip())
    session.add(row)
    session.flush()
    record(session, AuditAction.CREATE, "dues_exemptions", row.id,
           _("Dues exemption: {name} ({reason})").format(name=member.name, reason=reason.label()), after=snapshot(row))
    return row


def delete_exemption(session: Session, exemption_id: int) -> None:
    row = session.get(DuesExemption, exemption_id)
    if row is None or row.deleted_at is not None:
        raise DuesError(_("That exemption no longer exists."))
    before = snapshot(row)
    row.deleted_at = utcnow()
    record(session, AuditAction.DELETE, "dues_exemptions", row.id,
           _("Dues exemption removed: {name}").format(name=row.name), before, snapshot(row))


def exemptions_of(session: Session, member_id: int) -> list[DuesExemption]:
    return list(session.scalars(select(DuesExemption).where(
        DuesExemption.member_id == member_id, DuesExemption.deleted_at.is_(None)).order_by(DuesExemption.first_month)))
