"""Rights cases (维权/投诉): receive, handle step by step, close with a result and money recovered."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from unionoffice.domain.money import MAX_AMOUNT_FEN, format_yuan
from unionoffice.domain.relief import CaseChannel, CaseKind, CaseResult
from unionoffice.i18n import _
from unionoffice.services.audit import AuditAction, record, snapshot
from unionoffice.services.relief import ReliefError
from unionoffice.store.base import utcnow
from unionoffice.store.models import Member
from unionoffice.store.models.relief_rights import RightsCase, RightsCaseStep


@dataclass
class CaseInput:
    received_on: dt.date
    channel: str
    kind: str
    summary: str
    member_id: int | None = None
    complainant: str = ""
    contact: str = ""
    notes: str = ""


def _check(session: Session, data: CaseInput) -> str:
    """Validate and return the complainant's name for messages."""
    if not isinstance(data.received_on, dt.date):
        raise ReliefError(_("Please enter the date the case was received."))
    if CaseChannel.from_text(data.channel) is None:
        raise ReliefError(_("Please choose how the case came in."))
    if CaseKind.from_text(data.kind) is None:
        raise ReliefError(_("Please choose the kind of case."))
    if not data.summary.strip():
        raise ReliefError(_("Please describe the case."))
    if data.member_id is not None:
        member = session.get(Member, data.member_id)
        if member is None:
            raise ReliefError(_("That member no longer exists."))
        return member.name
    if not data.complainant.strip():
        raise ReliefError(_("Please enter who brought the case (a member or a name)."))
    return data.complainant.strip()


def _apply(case: RightsCase, data: CaseInput) -> None:
    case.received_on = data.received_on
    case.channel = CaseChannel.from_text(data.channel).value  # type: ignore[union-attr]
    case.kind = CaseKind.from_text(data.kind).value  # type: ignore[union-attr]
    case.summary = data.summary.strip()
    case.member_id = data.member_id
    case.complainant = data.complainant.strip()
    case.contact = data.contact.strip()
    case.notes = data.notes.strip()


def get_case(session: Session, case_id: int) -> RightsCase:
    case = session.get(RightsCase, case_id)
    if case is None:
        raise ReliefError(_("That case no longer exists."))
    return case


def case_party(case: RightsCase) -> str:
    """Who brought the case: the member's name or the name typed in."""
    return case.member.name if case.member is not None else case.complainant


def receive_case(session: Session, data: CaseInput) -> RightsCase:
    who = _check(session, data)
    case = RightsCase(money_recovered_fen=0)
    _apply(case, data)
    session.add(case)
    session.flush()
    record(session, AuditAction.CREATE, "rights_cases", case.id,
           _("Case received: {name}, {kind}").format(name=who, kind=CaseKind(case.kind).label()), after=snapshot(case))
    return case


def update_case(session: Session, case_id: int, data: CaseInput) -> RightsCase:
    case = get_case(session, case_id)
    who = _check(session, data)
    if case.closed_on is not None and data.received_on > case.closed_on:
        raise ReliefError(_("A case cannot be received after it was closed."))
    before = snapshot(case)
    _apply(case, data)
    record(session, AuditAction.UPDATE, "rights_cases", case.id, _("Case changed: {name}").format(name=who),
           before, snapshot(case))
    return case


def case_input(case: RightsCase) -> CaseInput:
    return CaseInput(case.received_on, case.channel, case.kind, case.summary, case.member_id, case.complainant,
                     case.contact, case.notes)


def find_same_case(session: Session, data: CaseInput) -> int | None:
    """An open or closed case (not in the recycle bin) with the same person, received date, kind
    and text: what a re-imported file would otherwise add twice."""
    person = (RightsCase.member_id == data.member_id) if data.member_id is not None else and_(
        RightsCase.member_id.is_(None), RightsCase.complainant == data.complainant.strip())
    kind = CaseKind.from_text(data.kind)
    text = " ".join(data.summary.split())
    candidates = session.execute(select(RightsCase.id, RightsCase.summary).where(
        RightsCase.deleted_at.is_(None), RightsCase.received_on == data.received_on,
        RightsCase.kind == (kind.value if kind else data.kind), person))
    return next((case_id for case_id, summary in candidates if " ".join(summary.split()) == text), None)


# A step of the 处理过程 column: "2026-05-25 受理登记", steps joined by "；".
_STEP_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})\s+(.*)$", re.S)
_STEP_SEPARATOR = re.compile(r"；\s*(?=\d{4}-\d{2}-\d{2}\s)")


def format_handling(steps: list[RightsCaseStep]) -> str:
    """The steps as one cell: "2026-05-25 受理登记；2026-06-02 协调处理"."""
    return "；".join(f"{s.date.isoformat()} {s.action}" for s in steps)


def parse_handling(text: str, received_on: dt.date) -> list[tuple[dt.date, str]]:
    """The steps a 处理过程 cell holds: each "date action" keeps its date; text without a date is
    one step dated the day the case was received. format_handling's output reads back unchanged.
    ReliefError for a step dated before the case was received."""
    steps = []
    for part in _STEP_SEPARATOR.split(text.strip()):
        part = part.strip()
        if not part:
            continue
        match = _STEP_DATE.match(part)
        day = None
        if match:
            try:
                day = dt.date.fromisoformat(match.group(1))
            except ValueError:
                day = None
        if day is not None and match.group(2).strip():
            if day < received_on:
                raise ReliefError(_("A step cannot come before the case was received."))
            steps.append((day, match.group(2).strip()))
        else:
            steps.append((received_on, part))
    return steps


def add_step(session: Session, case_id: int, date: dt.date, action: str, handler: str = "") -> RightsCaseStep:
    case = get_case(session, case_id)
    if not action.strip():
        raise ReliefError(_("Please describe what was done."))
    if date < case.received_on:
        raise ReliefError(_("A step cannot come before the case was received."))
    step = RightsCaseStep(date=date, action=action.strip(), handler=handler.strip())
    case.steps.append(step)
    session.flush()
    record(session, AuditAction.CREATE, "rights_case_steps", step.id,
           _("Handling step added to the case of {name}").format(name=case_party(case)), after=snapshot(step))
    return step


def remove_step(session: Session, step_id: int) -> None:
    step = session.get(RightsCaseStep, step_id)
    if step is None:
        raise ReliefError(_("That step no longer exists."))
    record(session, AuditAction.DELETE, "rights_case_steps", step.id, _("Handling step removed"), before=snapshot(step))
    session.delete(step)


def close_case(session: Session, case_id: int, result: str, closed_on: dt.date, money_recovered_fen: int = 0) -> RightsCase:
    case = get_case(session, case_id)
    wanted = CaseResult.from_text(result)
    if wanted is None:
        raise ReliefError(_("Please choose the result."))
    if closed_on < case.received_on:
        raise ReliefError(_("A case cannot be closed before it was received."))
    if not 0 <= money_recovered_fen <= MAX_AMOUNT_FEN:
        raise ReliefError(_("The amount {text} is not possible here.").format(text=format_yuan(money_recovered_fen)))
    before = snapshot(case)
    case.result, case.closed_on, case.money_recovered_fen = wanted.value, closed_on, money_recovered_fen
    record(session, AuditAction.UPDATE, "rights_cases", case.id,
           _("Case closed: {name}, {result}").format(name=case_party(case), result=wanted.label()), before, snapshot(case))
    return case


def reopen_case(session: Session, case_id: int) -> RightsCase:
    case = get_case(session, case_id)
    before = snapshot(case)
    case.result, case.closed_on = None, None
    record(session, AuditAction.UPDATE, "rights_cases", case.id,
           _("Case reopened: {name}").format(name=case_party(case)), before, snapshot(case))
    return case


def delete_cases(session: Session, case_ids: list[int]) -> int:
    moved = 0
    for case_id in case_ids:
        case = get_case(session, case_id)
        if case.deleted_at is None:
            case.deleted_at = utcnow()
            record(session, AuditAction.DELETE, "rights_cases", case.id,
                   _("Case moved to the recycle bin: {name}").format(name=case_party(case)))
            moved += 1
    return moved


def restore_cases(session: Session, case_ids: list[int]) -> int:
    restored = 0
    for case_id in case_ids:
        case = get_case(session, case_id)
        if case.deleted_at is not None:
            case.deleted_at = None
            record(session, AuditAction.RESTORE, "rights_cases", case.id,
                   _("Case restored: {name}").format(name=case_party(case)))
            restored += 1
    return restored
