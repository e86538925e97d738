"""Importing the activity log or the training records from a workbook (sheet 1 records, sheet 2 attendees).

All or nothing unless ``skip_invalid``: then the good records are imported with their good
attendee lines, and each rejected row is reported ("第12行 身份证号：…").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from sqlalchemy import select
from sqlalchemy.orm import Session
from unionoffice.store.register_lock import lock_register

from unionoffice.domain.ledgers import Ledger, LedgerError, Organiser
from unionoffice.i18n import _
from unionoffice.io.ledgers.columns import (
    ACTIVITY_ATTENDEE_COLUMNS,
    ACTIVITY_COLUMNS,
    TRAINING_ATTENDEE_COLUMNS,
    TRAINING_COLUMNS,
)
from unionoffice.io.sheets import SheetParse, error_lines, notice_lines, parse_cells, read_and_parse, read_cells
from unionoffice.services import activities, trainings
from unionoffice.services.audit import AuditAction, record
from unionoffice.services.ledger_kinds import find_kind
from unionoffice.store.models import Member
from unionoffice.store.models.ledgers import Activity, TrainingSession


@dataclass
class LedgerImport:
    """What an import found and did. ``rejected`` counts rejected rows of both sheets."""

    records: SheetParse
    attendees: SheetParse | None
    imported_records: int = 0
    imported_attendees: int = 0
    committed: bool = False
    messages: list[str] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        sheets = [self.records] + ([self.attendees] if self.attendees else [])
        return sum(len(s.rejected_rows) for s in sheets)

    def error_lines(self) -> list[str]:
        lines = [f"{self.records.sheet_name} {line}" for line in error_lines(self.records.rows)]
        if self.attendees is not None:
            lines += [f"{self.attendees.sheet_name} {line}" for line in error_lines(self.attendees.rows)]
        return lines

    def notice_lines(self) -> list[str]:
        lines = self.records.notices() + notice_lines(self.records.rows)
        if self.attendees is not None:
            lines += self.attendees.notices() + notice_lines(self.attendees.rows)
        return lines


@dataclass(frozen=True)
class _Spec:
    ledger: str
    columns: list
    attendee_columns: list
    model: type
    entity: str


ACTIVITIES = _Spec(Ledger.ACTIVITY, ACTIVITY_COLUMNS, ACTIVITY_ATTENDEE_COLUMNS, Activity, "activity")
TRAININGS = _Spec(Ledger.TRAINING, TRAINING_COLUMNS, TRAINING_ATTENDEE_COLUMNS, TrainingSession, "training")


def _read(path: Path, spec: _Spec, progress: Callable[[int, int], None] | None) -> tuple[SheetParse, SheetParse | None]:
    """The records sheet, and the attendee sheet when the workbook has another sheet that fits."""
    records = read_and_parse(path, spec.columns, key="ref", progress=progress)
    name, cells = read_cells(path, None, spec.attendee_columns)
    attendees = None
    if name != records.sheet_name:
        attendees = parse_cells(cells, spec.attendee_columns, key=("ref", "id_number"), sheet_name=name)
    numbered = "ref" in records.mapping
    for position, row in enumerate(records.rows, start=1):
        if not numbered:
            row.values["ref"] = position
        elif row.values.get("ref") is None and attendees is not None:
            row.add_error("ref", _("Needed to link the attendees on the second sheet."))
    return records, attendees


def _check_records(session: Session, spec: _Spec, records: SheetParse) -> None:
    for row in records.good_rows:
        values = row.values
        code = find_kind(session, spec.ledger, values["kind"])
        if code is None:
            row.add_error("kind", _("Unknown kind “{kind}” (add it under “Manage kinds…” first).").format(kind=values["kind"]))
        else:
            values["kind"] = code
        if values.get("end_date") and values["end_date"] < values["start_date"]:
            row.add_error("end_date", _("The end date is before the start date."))
        if values.get("outsider_count") is not None and values["outsider_count"] < 0:
            row.add_error("outsider_count", _("Cannot be negative."))
        exists = session.scalar(select(spec.model.id).where(
            spec.model.title == " ".join(str(values["title"]).split()), spec.model.start_date == values["start_date"],
            spec.model.deleted_at.is_(None)).limit(1))
        if exists is not None:
            row.add_error(None, _("Already recorded: “{title}” on {date} exists (number {id}).").format(
                title=values["title"], date=values["start_date"].isoformat(), id=exists))


def _check_attendees(session: Session, records: SheetParse, attendees: SheetParse) -> None:
    record_rows = {row.values["ref"]: row for row in records.rows if row.values.get("ref") is not None}
    numbers = [row.values["id_number"] for row in attendees.good_rows if row.values.get("id_number")]
    members: dict[str, tuple[int, str]] = {}
    for start in range(0, len(numbers), 900):
        for member_id, number, name in session.execute(
            select(Member.id, Member.id_number, Member.name)
            .where(Member.id_number.in_(numbers[start:start + 900]), Member.deleted_at.is_(None))
        ):
            members[number] = (member_id, name)
    for row in attendees.good_rows:
        values = row.values
        parent = record_rows.get(values["ref"])
        if parent is None:
            row.add_error("ref", _("No record with number {ref} on the first sheet.").format(ref=values["ref"]))
            continue
        found = members.get(values["id_number"])
        if found is None:
            row.add_error("id_number", _("No member in the roster has this ID number; add the member first."))
            continue
        values["member_id"] = found[0]
        name = "".join(str(values.get("name") or "").split())
        if name and name != found[1]:
            row.add_error("name", _("The roster has “{name}” for this ID number.").format(name=found[1]))
    # A record whose attendee lines were rejected is rejected too, so it is not imported half.
    for row in attendees.rejected_rows:
        parent = record_rows.get(row.values.get("ref"))
        if parent is not None and parent.ok:
            parent.add_error(None, _("Some of its attendees were rejected (sheet “{sheet}”, row {row}).").format(
                sheet=attendees.sheet_name, row=row.row_number))
    for row in attendees.good_rows:
        parent = record_rows[row.values["ref"]]
        if not parent.ok:
            row.add_error("ref", _("Its record (row {row}) was rejected.").format(row=parent.row_number))


def _funding(values: dict[str, Any]) -> str:
    source = values.get("funding_source")
    return source.value if source is not None else ""


def _activity_data(values: dict[str, Any]) -> activities.ActivityData:
    organiser = values.get("organiser")
    return activities.ActivityData(
        title=str(values["title"]), kind=values["kind"], start_date=values["start_date"], end_date=values.get("end_date"),
        place=values.get("place") or "", organiser=organiser.value if organiser else Organiser.OWN.value,
        organiser_name=values.get("organiser_name") or "", description=values.get("description") or "",
        cost_fen=values.get("cost_fen") or 0, funding_source=_funding(values),
        outsider_count=values.get("outsider_count") or 0,
    )


def _training_data(values: dict[str, Any]) -> trainings.TrainingData:
    return trainings.TrainingData(
        title=str(values["title"]), kind=values["kind"], start_date=values["start_date"], end_date=values.get("end_date"),
        hours_tenths=values.get("hours_tenths") or 0, full_marks=values.get("full_marks"), trainer=values.get("trainer") or "",
        organiser=values.get("organiser") or "", place=values.get("place") or "", description=values.get("description") or "",
        cost_fen=values.get("cost_fen") or 0, funding_source=_funding(values),
    )


def import_ledger(
    session: Session,
    path: Path | str,
    spec: _Spec,
    *,
    skip_invalid: bool = False,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> LedgerImport:
    """Read, check and (unless refused) import. Raises SheetError when the file cannot be used at all."""
    path = Path(path)
    records, attendees = _read(path, spec, progress)
    result = LedgerImport(records, attendees)
    if not dry_run:
        lock_register(session, spec.entity)  # a second PC's import of this register waits (server office)
    _check_records(session, spec, records)
    if attendees is not None:
        _check_attendees(session, records, attendees)
    if dry_run or (result.rejected and not skip_invalid):
        return result
    lines: dict[int, list[dict[str, Any]]] = {}
    if attendees is not None:
        for row in attendees.good_rows:
            lines.setdefault(row.values["ref"], []).append(row.values)
    for row in records.good_rows:
        people = lines.get(row.values["ref"], [])
        try:
            with session.begin_nested():
                if spec is ACTIVITIES:
                    activities.create_activity(session, _activity_data(row.values), [p["member_id"] for p in people])
                else:
                    trainings.create_training(session, _training_data(row.values), [
                        trainings.TrainingResult(
                            member_id=p["member_id"], attended=p.get("attended") is not False,
                            score_tenths=p.get("score_tenths"), passed=p.get("passed"),
                            certificate_name=p.get("certificate_name") or "", certificate_no=p.get("certificate_no") or "")
                        for p in people])
        except LedgerError as exc:
            row.add_error(None, str(exc))
            continue
        result.imported_records += 1
        result.imported_attendees += len(people)
    if result.rejected and not skip_invalid:
        # A service refused a row late: keep to all-or-nothing.
        raise _Rollback(result)
    record(session, AuditAction.IMPORT, spec.entity, None, _("Imported {records} records with {attendees} attendees from {file}").format(
        records=result.imported_records, attendees=result.imported_attendees, file=path.name))
    result.committed = True
    return result


class _Rollback(Exception):
    def __init__(self, result: LedgerImport) -> None:
        super().__init__("rejected rows")
        self.result = result


def import_activities(session: Session, path: Path | str, **options: Any) -> LedgerImport:
    return _guarded(session, path, ACTIVITIES, options)


def import_trainings(session: Session, path: Path | str, **options: Any) -> LedgerImport:
    return _guarded(session, path, TRAININGS, options)


def _guarded(session: Session, path: Path | str, spec: _Spec, options: dict[str, Any]) -> LedgerImport:
    savepoint = session.begin_nested()
    try:
        result = import_ledger(session, path, spec, **options)
    except _Rollback as stop:
        savepoint.rollback()
        stop.result.imported_records = stop.result.imported_attendees = 0
        return stop.result
    except Exception:
        savepoint.rollback()
        raise
    savepoint.commit()
    return result
