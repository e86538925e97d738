"""Relief checks against the hardship files: before a round (the Spring Festival batch) is saved, say who
has a closed file, a file overdue for review, or no file while the round is meant for filed families.
Not a block: the clerk gives a reason, which is kept with the round and in the change log."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from sqlalchemy import select
from sqlalchemy.orm import Session

from unionoffice.domain.hardship_rules import is_overdue, review_due_on
from unionoffice.domain.relief import HardshipStatus
from unionoffice.i18n import _
from unionoffice.services.audit import AuditAction, record, snapshot
from unionoffice.services.relief import ReliefError
from unionoffice.store.models import Member
from unionoffice.store.models.relief import ReliefOccasion
from unionoffice.store.models.relief_hardship import HardshipFile


class FileWarning(str, Enum):
    CLOSED = "closed"
    OVERDUE = "overdue"
    NO_FILE = "no_file"


@dataclass(frozen=True)
class BatchFileWarning:
    member_id: int
    name: str
    kind: FileWarning
    text: str


def occasion_for_filed_families(session: Session, occasion_id: int | None) -> bool:
    occasion = session.get(ReliefOccasion, occasion_id) if occasion_id is not None else None
    return bool(occasion and occasion.for_filed_families)


def set_occasion_for_filed_families(session: Session, occasion_id: int, value: bool) -> None:
    occasion = session.get(ReliefOccasion, occasion_id)
    if occasion is None:
        raise ReliefError(_("That occasion no longer exists."))
    if occasion.for_filed_families != value:
        before = snapshot(occasion)
        occasion.for_filed_families = value
        record(session, AuditAction.UPDATE, "relief_occasions", occasion.id,
               _("Occasion changed: {name}").format(name=occasion.name), before, snapshot(occasion))


def batch_file_warnings(session: Session, member_ids: list[int], day: dt.date, for_filed_families: bool) -> list[BatchFileWarning]:
    """One warning per person of the round: an open file overdue for review on ``day``; and, when the round is
    meant for filed families, a file closed (脱困/注销) or no file at all."""
    files: dict[int, list[HardshipFile]] = {}
    for hfile in session.scalars(select(HardshipFile).where(
            HardshipFile.member_id.in_(member_ids), HardshipFile.deleted_at.is_(None)).order_by(HardshipFile.opened_on)):
        files.setdefault(hfile.member_id, []).append(hfile)
    names = dict(session.execute(select(Member.id, Member.name).where(Member.id.in_(member_ids))).all())
    warnings = []
    for member_id in member_ids:
        name = names.get(member_id, "")
        held = files.get(member_id, [])
        open_file = next((f for f in held if f.status == HardshipStatus.OPEN.value), None)
        if open_file is not None:
            if is_overdue(open_file.reviewed_on, open_file.opened_on, day):
                due = review_due_on(open_file.reviewed_on, open_file.opened_on)
                warnings.append(BatchFileWarning(member_id, name, FileWarning.OVERDUE, _(
                    "{name}: the hardship file was due for review on {date}.").format(name=name, date=due.isoformat())))
        elif not for_filed_families:
            continue
        elif held:
            last = held[-1]
            warnings.append(BatchFileWarning(member_id, name, FileWarning.CLOSED, _(
                "{name}: the hardship file was closed on {date} ({status}).").format(
                name=name, date=last.closed_on.isoformat() if last.closed_on else "?",
                status=HardshipStatus(last.status).label())))
        else:
            warnings.append(BatchFileWarning(member_id, name, FileWarning.NO_FILE, _(
                "{name}: no hardship file, while this round is meant for filed families.").format(name=name)))
    return warnings


def reason_note(warnings: list[BatchFileWarning], reason: str) -> str:
    """What the round's notes keep: the warnings shown and the clerk's reason for going ahead."""
    return _("Saved despite the hardship file checks ({count} people: {names}); reason: {reason}").format(
        count=len(warnings), names="、".join(w.name for w in warnings), reason=reason.strip())
