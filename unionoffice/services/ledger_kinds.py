"""The editable kinds lists of the activity log and the training records (类别管理)."""

from __future__ import annotations


from sqlalchemy import func, select
from sqlalchemy.orm import Session

from unionoffice.domain.ledgers import Ledger, LedgerError
from unionoffice.i18n import _
from unionoffice.services.audit import AuditAction, record, snapshot
from unionoffice.store.models.ledgers import LedgerKind

LEDGERS = (Ledger.ACTIVITY, Ledger.TRAINING)


def list_kinds(session: Session, ledger: str, include_retired: bool = True) -> list[LedgerKind]:
    query = select(LedgerKind).where(LedgerKind.ledger == ledger).order_by(LedgerKind.position, LedgerKind.id)
    if not include_retired:
        query = query.where(LedgerKind.retired.is_(False))
    return list(session.scalars(query))


def kind_labels(session: Session, ledger: str) -> dict[str, str]:
    """code -> label of every kind, retired ones included (old records still show their kind)."""
    return {k.code: k.label for k in list_kinds(session, ledger)}


def find_kind(session: Session, ledger: str, text: str) -> str | None:
    """The code whose code or label equals ``text`` (spaces ignored), for imports."""
    wanted = "".join(str(text).split())
    for kind in list_kinds(session, ledger):
        if wanted in (kind.code, "".join(kind.label.split())):
            return kind.code
    return None


def _clean_label(session: Session, ledger: str, label: str, exclude_id: int | None = None) -> str:
    label = " ".join(label.split())
    if not label:
        raise LedgerError(_("A kind needs a name."))
    clash = session.scalar(select(LedgerKind).where(LedgerKind.ledger == ledger, LedgerKind.label == label))
    if clash is not None and clash.id != exclude_id:
        raise LedgerError(_("A kind named “{name}” already exists.").format(name=label))
    return label


def add_kind(session: Session, ledger: str, label: str) -> LedgerKind:
    if ledger not in LEDGERS:
        raise LedgerError(f"unknown ledger {ledger!r}")
    label = _clean_label(session, ledger, label)
    codes = {k.code for k in list_kinds(session, ledger)}
    number = len(codes) + 1
    while f"custom_{number}" in codes:
        number += 1
    last = session.scalar(select(func.max(LedgerKind.position)).where(LedgerKind.ledger == ledger)) or 0
    kind = LedgerKind(ledger=ledger, code=f"custom_{number}", label=label, position=last + 1, retired=False)
    session.add(kind)
    session.flush()
    record(session, AuditAction.CREATE, "ledger_kind", kind.id, _("Kind added: {name}").format(name=label), after=snapshot(kind))
    return kind


def rename_kind(session: Session, kind_id: int, label: str) -> LedgerKind:
    kind = _get(session, kind_id)
    before = snapshot(kind)
    kind.label = _clean_label(session, kind.ledger, label, exclude_id=kind.id)
    record(session, AuditAction.UPDATE, "ledger_kind", kind.id, _("Kind renamed: {name}").format(name=kind.label), before, snapshot(kind))
    return kind


def set_kind_retired(session: Session, kind_id: int, retired: bool) -> LedgerKind:
    """A retired kind stays on old records but is not offered for new ones."""
    kind = _get(session, kind_id)
    before = snapshot(kind)
    kind.retired = retired
    message = _("Kind retired: {name}") if retired else _("Kind back in use: {name}")
    record(session, AuditAction.UPDATE, "ledger_kind", kind.id, message.format(name=kind.label), before, snapshot(kind))
    return kind


def move_kind(session: Session, kind_id: int, offset: int) -> None:
    kind = _get(session, kind_id)
    kinds = list_kinds(session, kind.ledger)
    index = next(i for i, k in enumerate(kinds) if k.id == kind_id)
    target = max(0, min(len(kinds) - 1, index + offset))
    if target == index:
        return
    kinds.insert(target, kinds.pop(index))
    for position, k in enumerate(kinds, start=1):
        k.position = position
    record(session, AuditAction.UPDATE, "ledger_kind", kind_id, _("Kind order changed"))


def _get(session: Session, kind_id: int) -> LedgerKind:
    kind = session.get(LedgerKind, kind_id)
    if kind is None:
        raise LedgerError(_("That kind no longer exists."))
    return kind


