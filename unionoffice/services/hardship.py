"""Hardship files (困难职工档案): open, keep current, close (脱困/注销), reopen, recycle bin."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from unionoffice.domain.money import MAX_AMOUNT_FEN, format_yuan
from unionoffice.domain.relief import (
    MAX_SECONDARY_CAUSES,
    HardshipCategory,
    HardshipCause,
    HardshipStatus,
    MaritalStatus,
)
from unionoffice.i18n import _
from unionoffice.services.audit import AuditAction, record, snapshot
from unionoffice.domain.hardship_codes import Exclusion
from unionoffice.services.hardship_checks import EXCLUSION_COLUMNS, check_national_fields, check_rules
from unionoffice.services.member_checks import FieldError, check_id_number
from unionoffice.services.relief import ReliefError
from unionoffice.store.base import utcnow
from unionoffice.store.models import Member
from unionoffice.store.models.relief_hardship import (
    HardshipCauseEntry,
    HardshipFamilyMember,
    HardshipFile,
    HardshipStatusChange,
)
from unionoffice.store.models.hardship_rules import HardshipReview, HardshipRigidCost


@dataclass
class FamilyMemberInput:
    name: str
    relation: str = ""
    sex: str | None = None
    birth_date: dt.date | None = None
    id_number: str = ""
    health: str = ""
    monthly_income_fen: int = 0
    work_or_school: str = ""
    political_status: str | None = None  # domain/hardship_codes.FamilyPolitics
    identity: str | None = None  # FamilyIdentity
    medical_cover: str | None = None  # MedicalCover


@dataclass
class RigidCostInput:
    """One 刚性支出 item, per year."""

    kind: str
    amount_fen: int
    description: str = ""


@dataclass
class HardshipFileInput:
    """What the file form collects. Money in fen."""

    member_id: int
    category: str
    main_cause: str
    opened_on: dt.date
    secondary_causes: list[str] = field(default_factory=list)
    health: str = ""
    disability: str = ""
    marital_status: str | None = None
    single_parent: bool = False
    housing: str = ""
    monthly_income_fen: int = 0
    household_size: int = 1
    household_annual_income_fen: int = 0
    medical_insurance: str = ""
    notes: str = ""
    reviewed_on: dt.date | None = None
    family: list[FamilyMemberInput] = field(default_factory=list)
    # The national rules (see domain/hardship_rules.py and services/hardship_rules.py).
    category_reason: str = ""  # why the category differs from the computed one
    hardship_costs_fen: int = 0
    hardship_offsets_fen: int = 0
    rigid_costs: list[RigidCostInput] = field(default_factory=list)
    exclusions: list[str] = field(default_factory=list)  # codes of domain/hardship_codes.Exclusion answered yes
    exclusion_reason: str = ""
    # The national 档案表 fields.
    staff_no: str = ""
    work_status: str | None = None
    model_worker: str | None = None
    industry: str | None = None
    work_started_on: dt.date | None = None
    other_income_fen: int = 0
    hukou_division: str = ""
    zero_employment: bool = False
    key_group: str | None = None


_PLAIN_FIELDS = (
    "category", "main_cause", "health", "disability", "marital_status", "single_parent", "housing",
    "monthly_income_fen", "household_size", "household_annual_income_fen", "medical_insurance", "notes",
    "reviewed_on", "category_reason", "hardship_costs_fen", "hardship_offsets_fen", "exclusion_reason", "staff_no",
    "work_status", "model_worker", "industry", "work_started_on", "other_income_fen", "hukou_division", "zero_employment",
    "key_group",
)


def _check(session: Session, data: HardshipFileInput, file_id: int | None, is_open: bool = True,
           rules: bool = True) -> Member:
    """Refuse what cannot be saved; ``rules=False`` skips the national rules (restoring a file as it was)."""
    member = session.get(Member, data.member_id) if data.member_id else None
    if member is None or member.deleted_at is not None:
        raise ReliefError(_("Please choose the member the file is for."))
    if HardshipCategory.from_text(data.category) is None:
        raise ReliefError(_("Please choose the hardship category."))
    if HardshipCause.from_text(data.main_cause) is None:
        raise ReliefError(_("Please choose the main cause of hardship."))
    secondary = [c for c in data.secondary_causes if c]
    if len(secondary) > MAX_SECONDARY_CAUSES:
        raise ReliefError(_("At most three secondary causes."))
    if any(HardshipCause.from_text(c) is None for c in secondary) or data.main_cause in secondary:
        raise ReliefError(_("The secondary causes must be other causes from the list."))
    if len(set(secondary)) != len(secondary):
        raise ReliefError(_("A secondary cause is listed twice."))
    if data.marital_status and MaritalStatus.from_text(data.marital_status) is None:
        raise ReliefError(_("Unknown marital status “{text}”.").format(text=data.marital_status))
    if data.household_size < 1:
        raise ReliefError(_("The household has at least one person."))
    if data.household_size < len(data.family) + 1:
        raise ReliefError(_("The household size is smaller than the member plus the family members listed."))
    amounts = [data.monthly_income_fen, data.household_annual_income_fen, data.hardship_costs_fen, data.hardship_offsets_fen,
               data.other_income_fen] + [f.monthly_income_fen for f in data.family] + [c.amount_fen for c in data.rigid_costs]
    for amount in amounts:
        if not 0 <= amount <= MAX_AMOUNT_FEN:
            raise ReliefError(_("The amount {text} is not possible here.").format(text=format_yuan(amount)))
    for index, person in enumerate(data.family, start=1):
        if not person.name.strip():
            raise ReliefError(_("Family member {row}: please enter the name.").format(row=index))
        family_id_number(index, person.id_number)
    if not isinstance(data.opened_on, dt.date):
        raise ReliefError(_("Please enter the date the file was opened."))
    check_national_fields(data)
    if rules:
        check_rules(session, data)
    other = session.scalar(
        select(HardshipFile).where(
            HardshipFile.member_id == data.member_id,
            HardshipFile.status == HardshipStatus.OPEN.value,
            HardshipFile.deleted_at.is_(None),
        )
    )
    if is_open and other is not None and other.id != file_id:
        raise ReliefError(_("{name} already has an open hardship file.").format(name=member.name))
    return member


def family_id_number(row: int, text: str) -> str:
    """A family member's resident ID number, checked as a member's is (GB 11643 check digit, a
    real birth date; 15 digits become 18); "" for none. ReliefError names the family row."""
    if not (text or "").strip():
        return ""
    try:
        return check_id_number(text.strip()).number
    except FieldError as exc:
        raise ReliefError(_("Family member {row}: ID card number: {error}").format(row=row, error=exc)) from None


def _apply(hfile: HardshipFile, data: HardshipFileInput) -> None:
    for name in _PLAIN_FIELDS:
        setattr(hfile, name, getattr(data, name))
    hfile.category = HardshipCategory.from_text(data.category).value  # type: ignore[union-attr]
    hfile.main_cause = HardshipCause.from_text(data.main_cause).value  # type: ignore[union-attr]
    hfile.secondary_causes = [
        HardshipCauseEntry(cause=HardshipCause.from_text(c).value, position=i)  # type: ignore[union-attr]
        for i, c in enumerate(c for c in data.secondary_causes if c)
    ]
    hfile.family = [
        HardshipFamilyMember(
            position=i, name=p.name.strip(), relation=p.relation.strip(), sex=p.sex, birth_date=p.birth_date,
            id_number=family_id_number(i + 1, p.id_number), health=p.health.strip(), monthly_income_fen=p.monthly_income_fen,
            work_or_school=p.work_or_school.strip(), political_status=p.political_status, identity=p.identity,
            medical_cover=p.medical_cover,
        )
        for i, p in enumerate(data.family)
    ]
    hfile.rigid_costs = [
        HardshipRigidCost(position=i, kind=c.kind, description=c.description.strip(), amount_fen=c.amount_fen)
        for i, c in enumerate(data.rigid_costs)
    ]
    for exclusion in Exclusion:
        setattr(hfile, EXCLUSION_COLUMNS[exclusion], exclusion.value in data.exclusions)
    if data.reviewed_on and all(r.date != data.reviewed_on for r in hfile.reviews):
        hfile.reviews.append(HardshipReview(date=data.reviewed_on, findings=_("Review date entered on the file form")))
    hfile.category_reason = data.category_reason.strip()
    hfile.exclusion_reason = data.exclusion_reason.strip() if data.exclusions else ""
    hfile.staff_no, hfile.hukou_division = data.staff_no.strip(), data.hukou_division.strip()


def _full_snapshot(hfile: HardshipFile) -> dict:
    values = snapshot(hfile)
    values["secondary_causes"] = [c.cause for c in hfile.secondary_causes]
    values["family"] = [snapshot(p) for p in hfile.family]
    values["rigid_costs"] = [snapshot(c) for c in hfile.rigid_costs]
    return values


def _reason_note(hfile: HardshipFile) -> str:
    """What the change log's summary adds when the clerk overrode the rules."""
    notes = []
    if hfile.category_reason:
        notes.append(_("category differs from the computed one: {reason}").format(reason=hfile.category_reason))
    if hfile.exclusion_reason:
        notes.append(_("kept despite an exclusion: {reason}").format(reason=hfile.exclusion_reason))
    return "（" + "；".join(notes) + "）" if notes else ""


def open_file(session: Session, data: HardshipFileInput) -> HardshipFile:
    member = _check(session, data, None)
    hfile = HardshipFile(member_id=data.member_id, opened_on=data.opened_on, status=HardshipStatus.OPEN.value)
    _apply(hfile, data)
    hfile.history = [HardshipStatusChange(date=data.opened_on, status=HardshipStatus.OPEN.value, reason=_("File opened"))]
    session.add(hfile)
    session.flush()
    record(session, AuditAction.CREATE, "hardship_files", hfile.id,
           _("Hardship file opened: {name}").format(name=member.name) + _reason_note(hfile), after=_full_snapshot(hfile))
    return hfile


def get_file(session: Session, file_id: int) -> HardshipFile:
    hfile = session.get(HardshipFile, file_id)
    if hfile is None:
        raise ReliefError(_("That hardship file no longer exists."))
    return hfile


def update_file(session: Session, file_id: int, data: HardshipFileInput) -> HardshipFile:
    hfile = get_file(session, file_id)
    if data.member_id != hfile.member_id:
        raise ReliefError(_("A file stays with its member; open a new file for someone else."))
    member = _check(session, data, file_id, is_open=hfile.status == HardshipStatus.OPEN.value)
    before = _full_snapshot(hfile)
    _apply(hfile, data)
    hfile.opened_on = data.opened_on
    session.flush()
    record(session, AuditAction.UPDATE, "hardship_files", hfile.id,
           _("Hardship file changed: {name}").format(name=member.name) + _reason_note(hfile), before,
           _full_snapshot(hfile))
    return hfile


def file_input(hfile: HardshipFile) -> HardshipFileInput:
    """The form values of a stored file (for editing)."""
    return HardshipFileInput(
        member_id=hfile.member_id, opened_on=hfile.opened_on,
        secondary_causes=[c.cause for c in hfile.secondary_causes],
        family=[
            FamilyMemberInput(p.name, p.relation, p.sex, p.birth_date, p.id_number, p.health, p.monthly_income_fen,
                              p.work_or_school, p.political_status, p.identity, p.medical_cover)
            for p in hfile.family
        ],
        rigid_costs=[RigidCostInput(c.kind, c.amount_fen, c.description) for c in hfile.rigid_costs],
        exclusions=[e.value for e in Exclusion if getattr(hfile, EXCLUSION_COLUMNS[e])],
        **{name: getattr(hfile, name) for name in _PLAIN_FIELDS},
    )


def close_file(session: Session, file_id: int, status: str, date: dt.date, reason: str) -> HardshipFile:
    """脱困 or 注销, with the date and the reason."""
    hfile = get_file(session, file_id)
    wanted = HardshipStatus.from_text(status)
    if wanted not in (HardshipStatus.OUT_OF_HARDSHIP, HardshipStatus.CANCELLED):
        raise ReliefError(_("A file is closed as out of hardship or as cancelled."))
    if hfile.status != HardshipStatus.OPEN.value:
        raise ReliefError(_("This file is already closed."))
    if date < hfile.opened_on:
        raise ReliefError(_("The file cannot close before it was opened ({date}).").format(date=hfile.opened_on.isoformat()))
    if not reason.strip():
        raise ReliefError(_("Please give the reason."))
    before = snapshot(hfile)
    hfile.status, hfile.closed_on, hfile.close_reason = wanted.value, date, reason.strip()
    hfile.history.append(HardshipStatusChange(date=date, status=wanted.value, reason=reason.strip()))
    record(session, AuditAction.UPDATE, "hardship_files", hfile.id,
           _("Hardship file closed: {name}, {status}").format(name=hfile.member.name, status=wanted.label()),
           before, snapshot(hfile))
    return hfile


def reopen_file(session: Session, file_id: int, date: dt.date, reason: str) -> HardshipFile:
    hfile = get_file(session, file_id)
    if hfile.status == HardshipStatus.OPEN.value:
        raise ReliefError(_("This file is already open."))
    other = session.scalar(select(HardshipFile).where(
        HardshipFile.member_id == hfile.member_id, HardshipFile.status == HardshipStatus.OPEN.value,
        HardshipFile.deleted_at.is_(None)))
    if other is not None:
        raise ReliefError(_("{name} already has an open hardship file.").format(name=hfile.member.name))
    before = snapshot(hfile)
    hfile.status, hfile.closed_on, hfile.close_reason = HardshipStatus.OPEN.value, None, ""
    hfile.history.append(HardshipStatusChange(date=date, status=HardshipStatus.OPEN.value, reason=reason.strip() or _("Reopened")))
    record(session, AuditAction.UPDATE, "hardship_files", hfile.id,
           _("Hardship file reopened: {name}").format(name=hfile.member.name), before, snapshot(hfile))
    return hfile


def mark_reviewed(session: Session, file_ids: list[int], date: dt.date) -> int:
    """The clerk checked these files and they are still right."""
    for file_id in file_ids:
        hfile = get_file(session, file_id)
        before = snapshot(hfile)
        hfile.reviewed_on = date
        hfile.reviews.append(HardshipReview(date=date, findings=_("Checked: still right")))
        record(session, AuditAction.UPDATE, "hardship_files", hfile.id,
               _("Hardship file reviewed: {name}").format(name=hfile.member.name), before, snapshot(hfile))
    return len(file_ids)


def delete_files(session: Session, file_ids: list[int]) -> int:
    moved = 0
    for file_id in file_ids:
        hfile = get_file(session, file_id)
        if hfile.deleted_at is None:
            hfile.deleted_at = utcnow()
            record(session, AuditAction.DELETE, "hardship_files", hfile.id,
                   _("Hardship file moved to the recycle bin: {name}").format(name=hfile.member.name))
            moved += 1
    return moved


def restore_files(session: Session, file_ids: list[int]) -> int:
    restored = 0
    for file_id in file_ids:
        hfile = get_file(session, file_id)
        if hfile.deleted_at is not None:
            if hfile.status == HardshipStatus.OPEN.value:
                _check(session, file_input(hfile), hfile.id, rules=False)  # refuse two open files for one member
            hfile.deleted_at = None
            record(session, AuditAction.RESTORE, "hardship_files", hfile.id,
                   _("Hardship file restored: {name}").format(name=hfile.member.name))
            restored += 1
    return restored


def open_file_for_member(session: Session, member_id: int) -> HardshipFile | None:
    return session.scalar(select(HardshipFile).where(
        HardshipFile.member_id == member_id, HardshipFile.status == HardshipStatus.OPEN.value,
        HardshipFile.deleted_at.is_(None)))
