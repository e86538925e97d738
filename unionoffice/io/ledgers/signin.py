"""活动签到表 / 培训签到表: the printed sign-in sheet of a planned activity or training session."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from unionoffice.i18n import _, format_date
from unionoffice.io.forms import Align, Column, FormDocument, MetaItem, TableBlock
from unionoffice.io.forms.language import in_given_language

SIGN_ROW_HEIGHT_MM = 11  # tall enough to sign by hand


@dataclass(frozen=True)
class SignInSheet:
    """What the sheet shows; ``people`` are (name, group, phone) of the chosen attendees."""

    title: str
    start: dt.date
    end: dt.date | None = None
    place: str = ""
    organiser: str = ""
    trainer: str = ""
    hours: str = ""
    training: bool = False
    people: list[tuple[str, str, str]] = field(default_factory=list)
    blank_rows: int = 10
    union_name: str = ""
    language: str = ""  # the office's document language the sheet is printed in ("" = the current one)


def _when(sheet: SignInSheet) -> str:
    if sheet.end and sheet.end != sheet.start:
        return _("{start} to {end}").format(start=format_date(sheet.start), end=format_date(sheet.end))
    return format_date(sheet.start)


def sign_in_document(sheet: SignInSheet) -> FormDocument:
    """The sheet in its document language, whatever the interface language."""
    return _sign_in_document(sheet, language=sheet.language)


@in_given_language
def _sign_in_document(sheet: SignInSheet) -> FormDocument:
    meta = [MetaItem(_("Time"), _when(sheet)), MetaItem(_("Place"), sheet.place)]
    if sheet.training:
        meta.append(MetaItem(_("Trainer"), sheet.trainer))
        if sheet.organiser:
            meta.append(MetaItem(_("Organiser"), sheet.organiser))
        if sheet.hours:
            meta.append(MetaItem(_("Hours"), sheet.hours))
    else:
        meta.append(MetaItem(_("Organiser"), sheet.organiser))
    columns = [
        Column(_("Seq."), 0.6), Column(_("Full name"), 1.2), Column(_("Department"), 1.8, Align.LEFT), Column(_("Phone"), 1.7),
        Column(_("Sign here"), 1.6), Column(_("Notes"), 1.1),
    ]
    rows = [[name, group, phone, "", ""] for name, group, phone in sheet.people]
    return FormDocument(
        title=_("{title} sign-in sheet").format(title=sheet.title),
        meta=meta,
        blocks=[TableBlock(columns, rows, numbered=True, blank_rows=sheet.blank_rows, min_row_height_mm=SIGN_ROW_HEIGHT_MM)],
        notes=[_("Expected: {count} people.").format(count=len(sheet.people))] if sheet.people else [],
        author=sheet.union_name,
    )
