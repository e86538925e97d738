"""The data of a sign-in sheet for an activity or a training session (pre-filled with its attendees)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from unionoffice.domain.ledgers import Organiser, format_tenths
from unionoffice.io.ledgers.signin import SignInSheet
from unionoffice.services import activities, trainings
from unionoffice.services.ledger_members import members_by_ids
from unionoffice.services.office import document_language, load_settings


def activity_sign_in(session: Session, activity_id: int, blank_rows: int = 10) -> SignInSheet:
    detail = activities.get_activity(session, activity_id)
    data = detail.data
    settings = load_settings(session)
    organiser = data.organiser_name or (settings.union_name if data.organiser == Organiser.OWN.value else "")
    people = [(m.name, m.group_name, m.phone) for m in members_by_ids(session, detail.member_ids)]
    return SignInSheet(title=data.title, start=data.start_date, end=data.end_date, place=data.place, organiser=organiser,
                       people=people, blank_rows=blank_rows, union_name=settings.union_name,
                       language=document_language(session))


def training_sign_in(session: Session, training_id: int, blank_rows: int = 10) -> SignInSheet:
    detail = trainings.get_training(session, training_id)
    data = detail.data
    settings = load_settings(session)
    people = [(m.name, m.group_name, m.phone) for m in members_by_ids(session, [r.member_id for r in detail.results])]
    return SignInSheet(title=data.title, start=data.start_date, end=data.end_date, place=data.place,
                       organiser=data.organiser or settings.union_name, trainer=data.trainer,
                       hours=format_tenths(data.hours_tenths) if data.hours_tenths else "", training=True,
                       people=people, blank_rows=blank_rows, union_name=settings.union_name,
                       language=document_language(session))
