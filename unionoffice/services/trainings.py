"""Training records (培训): sessions (期) with their attendees' results; a member's training history."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Sequence

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from unionoffice.domain.ledgers import MAX_HOURS, MAX_SCORE, Ledger, LedgerError, check_score
from unionoffice.domain.money import MAX_AMOUNT_FEN
from unionoffice.i18n import _
from unionoffice.services.activities import check_funding_source
from unionoffice.services.audit import AuditAction, record, snapshot
from unionoffice.services.ledger_kinds import kind_labels
from unionoffice.services.ledger_members import check_member_ids
from unionoffice.store.base import utcnow
from unionoffice.store.models import Member
from unionoffice.store.models.ledgers import TrainingAttendee, TrainingSession


@dataclass
class TrainingData:
    """What the session form collects; hours in tenths (15 = 1.5 学时)."""

    title: str
    kind: str
    start_date: dt.date
    end_date: dt.date | None = None
    hours_tenths: int = 0
    full_marks: int | None = None  # the exam's full marks; None: 100
    trainer: str = ""
    organiser: str = ""
    place: str = ""
    description: str = ""
    cost_fen: int = 0
    funding_source: str = ""


@dataclass
class TrainingResult:
    """One attendee's line: enrolled member, attended, exam score (tenths) and pass, certificate."""

    member_id: int
    attended: bool = True
    score_tenths: int | None = None
    passed: bool | None = None
    certificate_name: str = ""
    certificate_no: str = ""


@dataclass
class TrainingDetail:
    id: int
    data: TrainingData
    results: list[TrainingResult] = field(default_factory=list)
    deleted: bool = False


def _clean(session: Session, data: TrainingData) -> TrainingData:
    title = " ".join(data.title.split())
    if not title:
        raise LedgerError(_("A training session needs a course title."))
    if data.start_date is None:
        raise LedgerError(_("A training session needs a start date."))
    if data.end_date is not None and data.end_date < data.start_date:
        raise LedgerError(_("The end date is before the start date."))
    if data.kind not in kind_labels(session, Ledger.TRAINING):
        raise LedgerError(_("Unknown training kind “{kind}”.").format(kind=data.kind))
    if not 0 <= data.hours_tenths <= MAX_HOURS * 10:
        raise LedgerError(_("The hours must be between 0 and {maximum}.").format(maximum=MAX_HOURS))
    if data.full_marks is not None and not 1 <= data.full_marks <= MAX_SCORE:
        raise LedgerError(_("Full marks: must be between 1 and {maximum}.").format(maximum=MAX_SCORE))
    if not 0 <= data.cost_fen <= MAX_AMOUNT_FEN:
        raise LedgerError(_("The cost cannot be negative."))
    funding = check_funding_source(data.funding_source)
    return TrainingData(
        title=title, kind=data.kind, start_date=data.start_date, end_date=data.end_date,
        hours_tenths=int(data.hours_tenths), full_marks=data.full_marks, trainer=data.trainer.strip(),
        organiser=data.organiser.strip(), place=data.place.strip(), description=data.description.strip(),
        cost_fen=int(data.cost_fen), funding_source=funding,
    )


def _clean_results(session: Session, results: list[TrainingResult], full_marks: int | None = None) -> list[TrainingResult]:
    ids = check_member_ids(session, [r.member_id for r in results])
    by_member = {r.member_id: r for r in results}  # the last line for a member wins
    names = dict(session.execute(select(Member.id, Member.name).where(Member.id.in_(ids))).all()) if ids else {}
    cleaned = []
    for member_id in ids:
        r = by_member[member_id]
        try:
            check_score(r.score_tenths, full_marks)
        except LedgerError as exc:
            raise LedgerError(_("Score of {name}: {error}").format(name=names.get(member_id, ""), error=exc)) from None
        cleaned.append(TrainingResult(
            member_id=member_id, attended=bool(r.attended), score_tenths=r.score_tenths, passed=r.passed,
            certificate_name=r.certificate_name.strip(), certificate_no=r.certificate_no.strip(),
        ))
    return cleaned


def _set_results(session: Session, training: TrainingSession, results: list[TrainingResult]) -> None:
    session.execute(delete(TrainingAttendee).where(TrainingAttendee.session_id == training.id))
    if results:
        session.execute(TrainingAttendee.__table__.insert(), [{"session_id": training.id, **asdict(r)} for r in results])
    session.expire(training, ["attendees"])


def _after(training: TrainingSession, results: list[TrainingResult] | None) -> dict:
    after = snapshot(training)
    if results is not None:
        after["attendees"] = len(results)
        after["attended"] = sum(1 for r in results if r.attended)
    return after


def create_training(session: Session, data: TrainingData, results: Sequence[TrainingResult] = ()) -> TrainingSession:
    data = _clean(session, data)
    cleaned = _clean_results(session, list(results), data.full_marks)
    training = TrainingSession(**asdict(data))
    session.add(training)
    session.flush()
    _set_results(session, training, cleaned)
    record(session, AuditAction.CREATE, "training", training.id,
           _("Training session recorded: {title}").format(title=training.title), after=_after(training, cleaned))
    return training


def update_training(session: Session, training_id: int, data: TrainingData, results: Sequence[TrainingResult] | None = None) -> TrainingSession:
    """Change a session; the attendees' lines are replaced only when given."""
    training = _get(session, training_id)
    before = _after(training, get_training(session, training_id).results if results is not None else None)
    data = _clean(session, data)
    kept = get_training(session, training_id).results if results is None else list(results)
    cleaned = _clean_results(session, kept, data.full_marks)  # the stored scores must fit new full marks too
    if results is None:
        cleaned = None
    for key, value in asdict(data).items():
        setattr(training, key, value)
    training.updated_at = utcnow()
    if cleaned is not None:
        _set_results(session, training, cleaned)
    session.flush()
    record(session, AuditAction.UPDATE, "training", training.id,
           _("Training session changed: {title}").format(title=training.title), before, _after(training, cleaned))
    return training


def get_training(session: Session, training_id: int) -> TrainingDetail:
    training = _get(session, training_id, include_deleted=True)
    data = TrainingData(**{f: getattr(training, f) for f in TrainingData.__dataclass_fields__})
    rows = session.scalars(select(TrainingAttendee).where(TrainingAttendee.session_id == training_id).order_by(TrainingAttendee.id))
    results = [
        TrainingResult(member_id=a.member_id, attended=a.attended, score_tenths=a.score_tenths, passed=a.passed,
                       certificate_name=a.certificate_name, certificate_no=a.certificate_no)
        for a in rows
    ]
    return TrainingDetail(id=training.id, data=data, results=results, deleted=training.deleted_at is not None)


def delete_training(session: Session, training_id: int) -> None:
    training = _get(session, training_id)
    training.deleted_at = utcnow()
    record(session, AuditAction.DELETE, "training", training.id,
           _("Training session moved to the recycle bin: {title}").format(title=training.title))


def restore_training(session: Session, training_id: int) -> None:
    training = _get(session, training_id, include_deleted=True)
    if training.deleted_at is None:
        return
    training.deleted_at = None
    record(session, AuditAction.RESTORE, "training", training.id, _("Training session restored: {title}").format(title=training.title))


def purge_training(session: Session, training_id: int) -> None:
    training = _get(session, training_id, include_deleted=True)
    if training.deleted_at is None:
        raise LedgerError(_("Only a training session in the recycle bin can be removed for good."))
    record(session, AuditAction.PURGE, "training", training.id,
           _("Training session removed for good: {title}").format(title=training.title), before=snapshot(training))
    session.delete(training)


@dataclass(frozen=True)
class HistoryLine:
    session_id: int
    start_date: dt.date
    title: str
    kind: str
    hours_tenths: int
    attended: bool
    score_tenths: int | None
    passed: bool | None
    certificate_name: str
    certificate_no: str


@dataclass(frozen=True)
class TrainingHistory:
    """A member's training (for the member form's tab): lines newest first and the totals."""

    lines: list[HistoryLine]
    sessions_attended: int
    hours_tenths: int
    certificates: int


def member_training_history(session: Session, member_id: int) -> TrainingHistory:
    rows = session.execute(
        select(TrainingSession.id, TrainingSession.start_date, TrainingSession.title, TrainingSession.kind,
               TrainingSession.hours_tenths, TrainingAttendee.attended, TrainingAttendee.score_tenths,
               TrainingAttendee.passed, TrainingAttendee.certificate_name, TrainingAttendee.certificate_no)
        .join(TrainingAttendee, TrainingAttendee.session_id == TrainingSession.id)
        .where(TrainingAttendee.member_id == member_id, TrainingSession.deleted_at.is_(None))
        .order_by(TrainingSession.start_date.desc(), TrainingSession.id.desc())
    )
    lines = [HistoryLine(*row) for row in rows]
    attended = [line for line in lines if line.attended]
    return TrainingHistory(
        lines=lines,
        sessions_attended=len(attended),
        hours_tenths=sum(line.hours_tenths for line in attended),
        certificates=sum(1 for line in lines if line.certificate_name or line.certificate_no),
    )


def _get(session: Session, training_id: int, include_deleted: bool = False) -> TrainingSession:
    training = session.get(TrainingSession, training_id)
    if training is None or (training.deleted_at is not None and not include_deleted):
        raise LedgerError(_("That training session no longer exists."))
    return training
