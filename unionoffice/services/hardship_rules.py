"""The national rules as user actions: 低保标准 kept by date, reviews (复核), monthly income, the 脱困
suggestion, and the 10-year retention that refuses purging a closed file's records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from unionoffice.domain.hardship_rules import (
    OUT_OF_HARDSHIP_MONTHS,
    IncomePoint,
    month_start,
    months_above_standard,
    retained_until,
)
from unionoffice.domain.money import MAX_AMOUNT_FEN, format_yuan
from unionoffice.domain.relief import HardshipStatus, per_capita_monthly_income
from unionoffice.i18n import _
from unionoffice.services.audit import AuditAction, record, snapshot
from unionoffice.services.hardship import get_file
from unionoffice.services.hardship_checks import standards
from unionoffice.services.relief import ReliefError
from unionoffice.store.models.hardship_rules import HardshipMonthlyIncome, HardshipReview, SubsistenceStandard
from unionoffice.store.models.relief_hardship import HardshipFile

# --- 低保标准 ------------------------------------------------------------------------------


@dataclass(frozen=True)
class StandardRow:
    id: int
    effective_on: dt.date
    monthly_fen: int
    note: str


def list_standards(session: Session) -> list[StandardRow]:
    """Every 低保标准 kept, newest first."""
    rows = session.scalars(select(SubsistenceStandard).order_by(SubsistenceStandard.effective_on.desc()))
    return [StandardRow(s.id, s.effective_on, s.monthly_fen, s.note) for s in rows]


def set_standard(session: Session, effective_on: dt.date, monthly_fen: int, note: str = "") -> SubsistenceStandard:
    """Keep a 低保标准 from a date on (the same date again replaces its amount)."""
    if not isinstance(effective_on, dt.date):
        raise ReliefError(_("Please enter the date the standard took effect."))
    if not 0 < monthly_fen <= MAX_AMOUNT_FEN:
        raise ReliefError(_("The subsistence standard must be more than zero yuan a month per person."))
    row = session.scalar(select(SubsistenceStandard).where(SubsistenceStandard.effective_on == effective_on))
    before = snapshot(row) if row is not None else None
    if row is None:
        row = SubsistenceStandard(effective_on=effective_on, monthly_fen=monthly_fen, note=note.strip())
        session.add(row)
    else:
        row.monthly_fen, row.note = monthly_fen, note.strip()
    session.flush()
    record(session, AuditAction.UPDATE if before else AuditAction.CREATE, "subsistence_standards", row.id,
           _("Subsistence standard from {date}: {amount} yuan a month per person").format(
               date=effective_on.isoformat(), amount=format_yuan(monthly_fen)), before, snapshot(row))
    return row


def delete_standard(session: Session, standard_id: int) -> None:
    row = session.get(SubsistenceStandard, standard_id)
    if row is None:
        raise ReliefError(_("That subsistence standard no longer exists."))
    record(session, AuditAction.DELETE, "subsistence_standards", row.id,
           _("Subsistence standard from {date} removed").format(date=row.effective_on.isoformat()), before=snapshot(row))
    session.delete(row)


# --- reviews and monthly income ----------------------------------------------------------


@dataclass
class ReviewInput:
    date: dt.date
    reviewer: str = ""
    findings: str = ""
    household_annual_income_fen: int | None = None  # the income as updated at the review, if it was
    household_size: int | None = None


def record_review(session: Session, file_id: int, data: ReviewInput) -> HardshipReview:
    """A review of an open file; an updated income or household size is written to the file too."""
    hfile = get_file(session, file_id)
    if hfile.status != HardshipStatus.OPEN.value or hfile.deleted_at is not None:
        raise ReliefError(_("Only a file on file is reviewed."))
    if not isinstance(data.date, dt.date) or data.date < hfile.opened_on:
        raise ReliefError(_("The review cannot be before the file was opened ({date}).").format(date=hfile.opened_on.isoformat()))
    if data.household_annual_income_fen is not None and not 0 <= data.household_annual_income_fen <= MAX_AMOUNT_FEN:
        raise ReliefError(_("The amount {text} is not possible here.").format(text=format_yuan(data.household_annual_income_fen)))
    if data.household_size is not None and data.household_size < len(hfile.family) + 1:
        raise ReliefError(_("The household size is smaller than the member plus the family members listed."))
    before = snapshot(hfile)
    review = HardshipReview(file_id=hfile.id, date=data.date, reviewer=data.reviewer.strip(), findings=data.findings.strip(),
                            household_annual_income_fen=data.household_annual_income_fen,
                            household_size=data.household_size)
    hfile.reviews.append(review)
    hfile.reviewed_on = max(hfile.reviewed_on or data.date, data.date)
    if data.household_annual_income_fen is not None:
        hfile.household_annual_income_fen = data.household_annual_income_fen
    if data.household_size is not None:
        hfile.household_size = data.household_size
    session.flush()
    record(session, AuditAction.UPDATE, "hardship_files", hfile.id,
           _("Hardship file reviewed: {name}").format(name=hfile.member.name) + (f"（{review.findings}）" if review.findings else ""),
           before, snapshot(hfile))
    return review


def record_monthly_income(session: Session, file_id: int, month: dt.date, household_income_fen: int,
                          household_size: int, note: str = "") -> HardshipMonthlyIncome:
    """The household's income in one month (the same month again replaces it)."""
    hfile = get_file(session, file_id)
    if not 0 <= household_income_fen <= MAX_AMOUNT_FEN:
        raise ReliefError(_("The amount {text} is not possible here.").format(text=format_yuan(household_income_fen)))
    if household_size < 1:
        raise ReliefError(_("The household has at least one person."))
    first = month_start(month)
    row = next((m for m in hfile.incomes if m.month == first), None)
    before = snapshot(row) if row is not None else None
    if row is None:
        row = HardshipMonthlyIncome(month=first, household_income_fen=household_income_fen, household_size=household_size,
                                    note=note.strip())
        hfile.incomes.append(row)
    else:
        row.household_income_fen, row.household_size, row.note = household_income_fen, household_size, note.strip()
    session.flush()
    record(session, AuditAction.UPDATE, "hardship_files", hfile.id,
           _("Monthly income of {month} for {name}: {amount} yuan").format(
               month=f"{first:%Y-%m}", name=hfile.member.name, amount=format_yuan(household_income_fen)), before, snapshot(row))
    return row


def income_points(hfile: HardshipFile) -> list[IncomePoint]:
    """The income history of a file: its monthly entries and the reviews that updated the income."""
    points = [IncomePoint(m.month, per_capita_monthly_income(m.household_income_fen * 12, m.household_size) or 0,
                          lasting=False) for m in hfile.incomes]
    for review in hfile.reviews:
        if review.household_annual_income_fen is not None:
            size = review.household_size or hfile.household_size
            points.append(IncomePoint(review.date, per_capita_monthly_income(review.household_annual_income_fen, size) or 0))
    return points


@dataclass(frozen=True)
class OutOfHardshipSuggestion:
    file_id: int
    member_name: str
    months: int


def out_of_hardship_suggestions(session: Session, today: dt.date | None = None) -> list[OutOfHardshipSuggestion]:
    """Open files whose per-capita income stayed above the 低保标准 for six months in a row (脱困 suggested)."""
    today = today or dt.date.today()
    kept = standards(session)
    found = []
    files = session.scalars(select(HardshipFile).where(
        HardshipFile.status == HardshipStatus.OPEN.value, HardshipFile.deleted_at.is_(None)).options(
        selectinload(HardshipFile.incomes), selectinload(HardshipFile.reviews), selectinload(HardshipFile.member)))
    for hfile in files:
        months = months_above_standard(income_points(hfile), kept, today)
        if months >= OUT_OF_HARDSHIP_MONTHS:
            found.append(OutOfHardshipSuggestion(hfile.id, hfile.member.name, months))
    return sorted(found, key=lambda s: s.member_name)


# --- retention ---------------------------------------------------------------------------


def last_closed_on(hfile: HardshipFile) -> dt.date | None:
    """The latest 撤档 (脱困 or 注销) in the file's history, even if it was reopened since."""
    closed = [h.date for h in hfile.history if h.status != HardshipStatus.OPEN.value]
    if hfile.closed_on is not None:
        closed.append(hfile.closed_on)
    return max(closed) if closed else None


def check_purge(session: Session, file_ids: list[int], today: dt.date | None = None) -> None:
    """Refuse to purge a file closed less than 10 years ago (the recycle bin asks before deleting for good)."""
    today = today or dt.date.today()
    for file_id in file_ids:
        hfile = session.get(HardshipFile, file_id)
        if hfile is None:
            continue
        closed = last_closed_on(hfile)
        if closed is not None and today <= retained_until(closed):
            raise ReliefError(_("The hardship file of {name} was closed on {closed}; its records are kept for ten years, "
                                "until {until}, and cannot be deleted for good before then.").format(
                name=hfile.name, closed=closed.isoformat(), until=retained_until(closed).isoformat()))
