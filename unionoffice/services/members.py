"""Member records: add, edit, change membership status, recycle bin (delete, restore, purge).

Every change writes an audit entry. The member's ``status`` column is the status today, derived
from the membership events and refreshed whenever they change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from unionoffice.domain.choices import Education, IdType, MembershipEventKind, PoliticalStatus, Sex
from unionoffice.domain.vocabulary import normalize_ethnicity, read_choice
from unionoffice.services.member_checks import FieldError, check_id_number, normalize_phone
from unionoffice.domain.membership import Event, current_status
from unionoffice.domain.pinyin import name_columns
from unionoffice.i18n import _
from unionoffice.services import recycle
from unionoffice.services.audit import AuditAction, record, snapshot
from unionoffice.services.versioning import load_current
from unionoffice.store.models import Member, MembershipEvent

# Events that end membership here: they ask for the date and, for a transfer, the destination.
LEAVING_EVENTS = (
    MembershipEventKind.TRANSFER_OUT,
    MembershipEventKind.EXPEL,
    MembershipEventKind.WITHDRAW,
    MembershipEventKind.DECEASED,
)


class MemberError(ValueError):
    """A refused change; the message is for the user (it names the field)."""


@dataclass
class MemberData:
    """What the member form edits (codes of the choices, not labels)."""

    name: str = ""
    sex: str | None = None
    ethnicity: str = ""
    birth_date: dt.date | None = None
    id_type: str = IdType.RESIDENT_ID.value
    id_number: str = ""
    political_status: str | None = None
    education: str | None = None
    skill_level: str = ""
    employment: str | None = None
    group_id: int | None = None
    post: str = ""
    phone: str = ""
    hukou_type: str | None = None
    hukou_place: str = ""
    native_place: str = ""
    migrant_worker: bool = False
    join_date: dt.date | None = None
    card_no: str = ""
    notes: str = ""

    @classmethod
    def of(cls, member: Member) -> "MemberData":
        return cls(**{f.name: getattr(member, f.name) for f in fields(cls)})


@dataclass
class Saved:
    member: Member
    notices: list[str] = field(default_factory=list)


def _field_error(label: str, message: str) -> MemberError:
    return MemberError(_("{field}: {message}").format(field=label, message=message))


def validate(session: Session, data: MemberData, member_id: int | None = None,
             today: dt.date | None = None) -> tuple[MemberData, list[str]]:
    """A cleaned copy of ``data`` (ID upper-case 18 digits, phone digits, birth date and sex from
    the ID when blank) and the notices to show; MemberError when something cannot be accepted."""
    clean = MemberData(**{f.name: getattr(data, f.name) for f in fields(MemberData)})
    notices: list[str] = []
    clean.name = " ".join((clean.name or "").split())
    if not clean.name:
        raise _field_error(_("Full name"), _("please enter the name."))
    for name in ("ethnicity", "skill_level", "post", "hukou_place", "native_place", "card_no"):
        setattr(clean, name, (getattr(clean, name) or "").strip())
    clean.notes = (clean.notes or "").strip()
    ethnicity = normalize_ethnicity(clean.ethnicity)
    if ethnicity is None:
        raise _field_error(_("Ethnicity"), _("“{text}” is not an ethnic group of GB/T 3304 (e.g. Han, Hui, Uyghur, or Other).").format(
            text=clean.ethnicity))
    clean.ethnicity = ethnicity
    for label, enum, name in ((_("Political status"), PoliticalStatus, "political_status"),
                              (_("Education"), Education, "education")):
        value = getattr(clean, name)
        if value:
            found = read_choice(enum, value)
            if found is None:
                raise _field_error(label, _("unknown value {value}.").format(value=value))
            setattr(clean, name, found.value)
    clean.id_number = (clean.id_number or "").strip()
    if clean.id_number and clean.id_type == IdType.RESIDENT_ID.value:
        try:
            checked = check_id_number(clean.id_number)
        except FieldError as exc:
            raise _field_error(_("ID card number"), str(exc)) from None
        clean.id_number = checked.number
        if checked.notice:
            notices.append(checked.notice)
        if clean.birth_date is None:
            clean.birth_date = checked.birth_date
        elif clean.birth_date != checked.birth_date:
            raise _field_error(_("Birth date"), _("it does not agree with the ID number ({date}).").format(
                date=f"{checked.birth_date:%Y-%m-%d}"))
        if not clean.sex:
            clean.sex = checked.sex.value
        elif clean.sex != checked.sex.value:
            raise _field_error(_("Sex"), _("it does not agree with the ID number ({sex}).").format(sex=checked.sex.label()))
    if clean.id_number:
        clash = session.scalar(select(Member).where(Member.id_number == clean.id_number, Member.id != (member_id or -1)))
        if clash is not None:
            where = _(" (in the recycle bin)") if clash.deleted_at is not None else ""
            raise _field_error(_("ID card number"), _("{number} already belongs to {name}{where}.").format(
                number=clean.id_number, name=clash.name, where=where))
    try:
        clean.phone = normalize_phone(clean.phone)
    except FieldError as exc:
        raise _field_error(_("Phone"), str(exc)) from None
    if clean.sex is not None and clean.sex not in {s.value for s in Sex}:
        raise _field_error(_("Sex"), _("unknown value {value}.").format(value=clean.sex))
    if clean.join_date and clean.join_date > (today or dt.date.today()):
        raise _field_error(_("Join date"), _("it is later than today; enter the date the member joined."))
    if clean.birth_date and clean.join_date and clean.join_date < clean.birth_date:
        raise _field_error(_("Join date"), _("it is before the birth date."))
    return clean, notices


def _apply(member: Member, data: MemberData) -> None:
    for f in fields(MemberData):
        setattr(member, f.name, getattr(data, f.name))
    member.id_number = data.id_number or None  # NULL, so that many members may have no number
    for column, key in name_columns(data.name).items():
        setattr(member, column, key)


def refresh_status(member: Member) -> None:
    member.status = current_status(Event(MembershipEventKind(e.kind), e.date) for e in member.events).value


def add_member(session: Session, data: MemberData, today: dt.date | None = None) -> Saved:
    """A new member; the join date (today when blank) becomes the first 入会 event."""
    clean, notices = validate(session, data, today=today)
    clean.join_date = clean.join_date or today or dt.date.today()
    member = Member()
    _apply(member, clean)
    member.events = [MembershipEvent(kind=MembershipEventKind.JOIN.value, date=clean.join_date)]
    refresh_status(member)
    session.add(member)
    session.flush()
    record(session, AuditAction.CREATE, "members", member.id, _("Member added: {name}").format(name=member.name),
           after=snapshot(member))
    return Saved(member, notices)


def get_member(session: Session, member_id: int) -> Member:
    member = session.get(Member, member_id)
    if member is None:
        raise MemberError(_("That member no longer exists."))
    return member


def update_member(session: Session, member_id: int, data: MemberData, expected_version: int | None = None) -> Saved:
    """``expected_version``: the version the form showed; RecordChanged when someone saved since."""
    member = load_current(session, Member, member_id, expected_version)
    if member is None:
        raise MemberError(_("That member no longer exists."))
    clean, notices = validate(session, data, member_id)
    before = snapshot(member)
    old_join = member.join_date
    _apply(member, clean)
    # Keep the first 入会 event in step with the join date the clerk corrected.
    if clean.join_date and clean.join_date != old_join:
        first_join = next((e for e in member.events if e.kind == MembershipEventKind.JOIN.value), None)
        if first_join is not None:
            first_join.date = clean.join_date
    refresh_status(member)
    session.flush()
    after = snapshot(member)
    before.pop("updated_at"), after.pop("updated_at")
    if before != after:
        record(session, AuditAction.UPDATE, "members", member.id, _("Member edited: {name}").format(name=member.name),
               before, after)
    return Saved(member, notices)


def check_event(kind: MembershipEventKind, date: dt.date, destination: str, first_date: dt.date | None,
                today: dt.date | None = None) -> None:
    """MemberError when a membership event cannot be recorded (the form checks before saving)."""
    if kind == MembershipEventKind.TRANSFER_OUT and not destination.strip():
        raise _field_error(_("Destination"), _("a transfer out needs the union it goes to."))
    if date > (today or dt.date.today()):
        raise _field_error(_("Date"), _("it is later than today; record a change when it has happened."))
    if first_date is not None and date < first_date and kind != MembershipEventKind.JOIN:
        raise _field_error(_("Date"), _("it is before the member joined ({date}).").format(date=f"{first_date:%Y-%m-%d}"))


@dataclass(frozen=True)
class PendingEvent:
    """A membership change entered in the member form, written only when the form is saved."""

    kind: MembershipEventKind
    date: dt.date
    reason: str = ""
    destination: str = ""


def save_member_form(session: Session, member_id: int | None, data: MemberData,
                     new_events: Sequence[PendingEvent] = (), removed_event_ids: Sequence[int] = (),
                     expected_version: int | None = None) -> Saved:
    """The whole member form in one go (the caller's transaction): the fields, then the history
    changes made in the form. Any refusal raises MemberError (RecordChanged when someone else saved
    the member since the form loaded ``expected_version``) and nothing is written."""
    if member_id is None:
        return add_member(session, data)
    saved = update_member(session, member_id, data, expected_version)
    for event_id in removed_event_ids:
        remove_event(session, event_id)
    for event in new_events:
        change_status(session, member_id, event.kind, event.date, event.reason, event.destination)
    return saved


def change_status(
    session: Session,
    member_id: int,
    kind: MembershipEventKind,
    date: dt.date,
    reason: str = "",
    destination: str = "",
) -> MembershipEvent:
    """Record a membership event (转出 needs a destination); the status follows from the events."""
    member = get_member(session, member_id)
    kind = MembershipEventKind(kind)
    destination = destination.strip()
    check_event(kind, date, destination, min((e.date for e in member.events), default=None))
    before = snapshot(member)
    event = MembershipEvent(kind=kind.value, date=date, reason=reason.strip(), destination=destination)
    member.events.append(event)
    refresh_status(member)
    session.flush()
    record(session, AuditAction.UPDATE, "members", member.id,
           _("Membership of {name}: {event} on {date}").format(name=member.name, event=kind.label(), date=f"{date:%Y-%m-%d}"),
           {"status": before["status"]}, {"status": member.status, "event": kind.value, "date": date.isoformat(),
                                          "reason": event.reason, "destination": destination})
    return event


def remove_event(session: Session, event_id: int) -> None:
    """Undo a membership event entered by mistake (the first 入会 event stays)."""
    event = session.get(MembershipEvent, event_id)
    if event is None:
        raise MemberError(_("That membership event no longer exists."))
    member = event.member
    if len(member.events) == 1:
        raise MemberError(_("The only membership event of a member cannot be removed."))
    before = snapshot(event)
    member.events.remove(event)
    refresh_status(member)
    session.flush()
    record(session, AuditAction.DELETE, "membership_events", event_id,
           _("Membership event removed from {name}").format(name=member.name), before=before)


def delete_member(session: Session, member_id: int) -> None:
    """Move to the recycle bin: hidden everywhere, restorable."""
    member = get_member(session, member_id)
    if member.deleted_at is None:
        recycle.move_to_bin(session, member, _("Member moved to the recycle bin: {name}").format(name=member.name))


def restore_member(session: Session, member_id: int) -> None:
    try:
        recycle.restore(session, "members", member_id)
    except recycle.RecycleError as exc:
        raise MemberError(str(exc)) from None


def purge_member(session: Session, member_id: int) -> None:
    """Delete for good; only from the recycle bin (and not while other records refer to the member)."""
    if get_member(session, member_id).deleted_at is None:
        raise MemberError(_("Only members in the recycle bin can be deleted for good."))
    try:
        recycle.purge(session, "members", member_id)
        session.flush()
    except recycle.RecycleError as exc:
        raise MemberError(str(exc)) from None


def recycle_bin(session: Session) -> list[Member]:
    return list(session.scalars(select(Member).where(Member.deleted_at.is_not(None)).order_by(Member.deleted_at.desc())))
