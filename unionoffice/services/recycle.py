"""The recycle bin of every register: records with a ``deleted_at`` column.

Registers delete by setting ``deleted_at``; this module lists those records across all tables,
restores them, or purges them for good (only from the bin). It discovers the tables from the
models, so a new register's deleted records appear here without registering anything.
"""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from unionoffice.i18n import N_, _
from unionoffice.services.audit import AuditAction, record, snapshot
from unionoffice.store.base import Base, utcnow

# Friendly names of the kinds of records; a table not listed shows its table name.
ENTITY_LABELS = {
    "members": N_("Member"),
    "activities": N_("Activity"),
    "training_sessions": N_("Training session"),
    "relief_visits": N_("Relief visit"),
    "hardship_files": N_("Hardship file"),
    "rights_cases": N_("Rights case"),
    "report_drafts": N_("Work summary draft"),
    "dues_payments": N_("Dues payment"),
    "dues_exemptions": N_("Dues exemption"),
    "expenses": N_("Expense"),
    # Kinds that only the change log shows (what the services record under):
    "activity": N_("Activity"),
    "training": N_("Training session"),
    "activity_attachment": N_("Activity photo or file"),
    "membership_events": N_("Membership change"),
    "group": N_("Department (union group)"),
    "ledger_kind": N_("Activity or training kind"),
    "relief_batches": N_("Relief round"),
    "relief_occasions": N_("Relief occasion and limit"),
    "rights_case_steps": N_("Handling step of a rights case"),
    "settings": N_("Office settings"),
    "subsistence_standards": N_("Subsistence standard (低保标准)"),
    "dues_bases": N_("Dues wage base"),
    "users": N_("Person who signs in"),
}
# Registers whose restore has rules of its own (one open hardship file per member, …):
# table → (module, function(session, [ids])).
_RESTORERS = {
    "hardship_files": ("unionoffice.services.hardship", "restore_files"),
    "relief_visits": ("unionoffice.services.relief", "restore_visits"),
    "rights_cases": ("unionoffice.services.rights", "restore_cases"),
    "dues_payments": ("unionoffice.services.dues_payments", "restore_payments"),
}
# Registers that may refuse a purge (a closed hardship file is kept ten years): table → (module, function(session, [ids])).
_PURGE_CHECKS = {
    "hardship_files": ("unionoffice.services.hardship_rules", "check_purge"),
}
_NAME_ATTRIBUTES = ("name", "title", "course_title", "recipient_name", "summary")


class RecycleError(ValueError):
    pass


@dataclass(frozen=True)
class BinEntry:
    table: str
    record_id: int
    kind: str
    description: str
    deleted_at: dt.datetime


def _recyclable_classes() -> dict[str, type]:
    classes = {}
    for mapper in Base.registry.mappers:
        table = mapper.local_table
        if table is not None and "deleted_at" in table.c and "id" in table.c:
            classes[table.name] = mapper.class_
    return classes


def kind_label(table: str) -> str:
    return _(ENTITY_LABELS[table]) if table in ENTITY_LABELS else table


def describe(obj: object) -> str:
    for attribute in _NAME_ATTRIBUTES:
        value = getattr(obj, attribute, None)
        if value:
            return str(value)
    return f"#{obj.id}"  # type: ignore[attr-defined]


def list_deleted(session: Session, table: str | None = None) -> list[BinEntry]:
    """Everything in the bin, newest deletion first."""
    entries = []
    for name, cls in sorted(_recyclable_classes().items()):
        if table is not None and name != table:
            continue
        for obj in session.scalars(select(cls).where(cls.deleted_at.is_not(None))):
            entries.append(BinEntry(name, obj.id, kind_label(name), describe(obj), obj.deleted_at))
    return sorted(entries, key=lambda e: e.deleted_at, reverse=True)


def _get_deleted(session: Session, table: str, record_id: int) -> object:
    cls = _recyclable_classes().get(table)
    obj = session.get(cls, record_id) if cls is not None else None
    if obj is None or obj.deleted_at is None:
        raise RecycleError(_("That record is no longer in the recycle bin."))
    return obj


def move_to_bin(session: Session, obj: object, summary: str = "") -> None:
    """Delete a record the recoverable way (registers may call this or set deleted_at themselves)."""
    before = snapshot(obj)
    obj.deleted_at = utcnow()  # type: ignore[attr-defined]
    record(session, AuditAction.DELETE, obj.__tablename__, obj.id, summary or _("Moved to the recycle bin: {what}").format(what=describe(obj)), before, snapshot(obj))  # type: ignore[attr-defined]


def _ask_register(where: tuple[str, str], session: Session, record_id: int) -> None:
    """Call a register's own rule (module, function(session, [ids])); its refusal becomes a RecycleError."""
    module, function = where
    try:
        getattr(importlib.import_module(module), function)(session, [record_id])
    except ValueError as exc:  # the register's own refusal, already worded for the clerk
        raise RecycleError(str(exc)) from exc


def restore(session: Session, table: str, record_id: int) -> None:
    obj = _get_deleted(session, table, record_id)
    if table in _RESTORERS:
        _ask_register(_RESTORERS[table], session, record_id)
        return
    before = snapshot(obj)
    obj.deleted_at = None  # type: ignore[attr-defined]
    record(session, AuditAction.RESTORE, table, record_id, _("Restored from the recycle bin: {what}").format(what=describe(obj)), before, snapshot(obj))


def purge(session: Session, table: str, record_id: int) -> None:
    """Delete for good; only records already in the bin can be purged."""
    obj = _get_deleted(session, table, record_id)
    if table in _PURGE_CHECKS:
        _ask_register(_PURGE_CHECKS[table], session, record_id)
    before = snapshot(obj)
    description = describe(obj)
    try:
        with session.begin_nested():
            session.delete(obj)
            session.flush()
    except IntegrityError:
        raise RecycleError(
            _("“{what}” is still referred to by other records (such as visits, cases or attendance); "
              "it stays in the recycle bin.").format(what=description)
        ) from None
    record(session, AuditAction.PURGE, table, record_id, _("Deleted for good: {what}").format(what=description), before=before)
