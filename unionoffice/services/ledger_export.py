"""Exporting the two ledgers (records + attendees, two sheets) and the 荣誉 list to .xlsx."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from unionoffice.domain.funds import FundingSource
from unionoffice.domain.ledgers import AwardLevel, Ledger, Organiser, tenths_number
from unionoffice.i18n import N_, _
from unionoffice.io.ledgers.columns import (
    ACTIVITY_ATTENDEE_COLUMNS,
    ACTIVITY_COLUMNS,
    TRAINING_ATTENDEE_COLUMNS,
    TRAINING_COLUMNS,
)
from unionoffice.io.sheets import Column, ExportSheet, Kind, write_workbook
from unionoffice.services.ledger_kinds import kind_labels
from unionoffice.services.ledger_lists import LedgerFilter, honours, list_activities, list_trainings
from unionoffice.store.models import Member
from unionoffice.store.models.ledgers import Activity, ActivityAttendee, TrainingAttendee, TrainingSession

Progress = Callable[[int], None]


def _chunks(ids: list[int], size: int = 900):  # type: ignore[no-untyped-def]
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def _number(records: list[dict[str, Any]], people: list[dict[str, Any]]) -> None:
    """Records in date order numbered 1, 2, 3 … (not their database ids), attendees following them:
    the same records give the same workbook in any office, so export → import → export is identical."""
    records.sort(key=lambda r: (r["start_date"], r["ref"]))
    number = {r["ref"]: i for i, r in enumerate(records, start=1)}
    for record in records:
        record["ref"] = number[record["ref"]]
    for person in people:
        person["ref"] = number[person["ref"]]
    people.sort(key=lambda p: p["ref"])  # stable: each record's attendees keep their order


def _funding(code: str) -> FundingSource | None:
    return FundingSource.from_text(code) if code else None


def export_activities(session: Session, path: Path | str, flt: LedgerFilter = LedgerFilter(), progress: Progress | None = None) -> Path:
    """The listed activities (sheet 1) and their attendees by ID number (sheet 2)."""
    ids = [row.id for row in list_activities(session, flt, "date", False)]
    labels = kind_labels(session, Ledger.ACTIVITY)
    records, people = [], []
    for chunk in _chunks(ids):
        for a in session.scalars(select(Activity).where(Activity.id.in_(chunk))):
            records.append({
                "ref": a.id, "title": a.title, "kind": labels.get(a.kind, a.kind), "start_date": a.start_date,
                "end_date": a.end_date, "place": a.place, "organiser": Organiser.from_text(a.organiser),
                "organiser_name": a.organiser_name, "cost_fen": a.cost_fen,
                "funding_source": _funding(a.funding_source),
                "outsider_count": a.outsider_count, "description": a.description,
            })
        people += [
            {"ref": ref, "name": name, "id_number": number}
            for ref, name, number in session.execute(
                select(ActivityAttendee.activity_id, Member.name, Member.id_number)
                .join(Member, Member.id == ActivityAttendee.member_id)
                .where(ActivityAttendee.activity_id.in_(chunk)).order_by(ActivityAttendee.activity_id, ActivityAttendee.id))
        ]
    _number(records, people)
    return write_workbook(path, [
        ExportSheet(_("Activities"), ACTIVITY_COLUMNS, records, caption=_("Activity log")),
        ExportSheet(_("Attendees"), ACTIVITY_ATTENDEE_COLUMNS, people, caption=_("Activity attendees")),
    ], progress)


def export_trainings(session: Session, path: Path | str, flt: LedgerFilter = LedgerFilter(), progress: Progress | None = None) -> Path:
    """The listed sessions (sheet 1) and their attendees with results by ID number (sheet 2)."""
    ids = [row.id for row in list_trainings(session, flt, "date", False)]
    labels = kind_labels(session, Ledger.TRAINING)
    records, people = [], []
    for chunk in _chunks(ids):
        for t in session.scalars(select(TrainingSession).where(TrainingSession.id.in_(chunk))):
            records.append({
                "ref": t.id, "title": t.title, "kind": labels.get(t.kind, t.kind), "start_date": t.start_date,
                "end_date": t.end_date, "hours_tenths": tenths_number(t.hours_tenths),
                "full_marks": t.full_marks, "trainer": t.trainer,
                "organiser": t.organiser, "place": t.place, "cost_fen": t.cost_fen,
                "funding_source": _funding(t.funding_source), "description": t.description,
            })
        for a, name, number in session.execute(
            select(TrainingAttendee, Member.name, Member.id_number)
            .join(Member, Member.id == TrainingAttendee.member_id)
            .where(TrainingAttendee.session_id.in_(chunk)).order_by(TrainingAttendee.session_id, TrainingAttendee.id)
        ):
            people.append({
                "ref": a.session_id, "name": name, "id_number": number, "attended": a.attended,
                "score_tenths": tenths_number(a.score_tenths), "passed": a.passed,
                "certificate_name": a.certificate_name, "certificate_no": a.certificate_no,
            })
    _number(records, people)
    return write_workbook(path, [
        ExportSheet(_("Training sessions"), TRAINING_COLUMNS, records, caption=_("Training records")),
        ExportSheet(_("Attendees"), TRAINING_ATTENDEE_COLUMNS, people, caption=_("Training attendees and results")),
    ], progress)


HONOUR_COLUMNS = [
    Column("date", N_("Date"), kind=Kind.DATE),
    Column("award", N_("Award name"), width=24),
    Column("level", N_("Level")),
    Column("winner", N_("Winner"), width=20),
    Column("group_name", N_("Department")),
    Column("collective", N_("Collective award"), kind=Kind.BOOLEAN),
    Column("activity_title", N_("Activity"), width=30),
]


def export_honours(session: Session, path: Path | str, date_from: dt.date | None = None, date_to: dt.date | None = None,
                   progress: Progress | None = None) -> Path:
    """The 荣誉 list: who won what, when, at which activity."""
    rows: list[dict[str, Any]] = [
        {"date": h.date, "award": h.award, "level": AwardLevel.from_text(h.level) or h.level, "winner": h.winner,
         "group_name": h.group_name, "collective": h.collective, "activity_title": h.activity_title}
        for h in honours(session, date_from, date_to)
    ]
    return write_workbook(path, [ExportSheet(_("Honours"), HONOUR_COLUMNS, rows, caption=_("Honours list"))], progress)
