"""Checks of the values a clerk types into the member form, with the same rules (and messages) as
the spreadsheet import: ID numbers (python-stdnum via the sheets core) and phone numbers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from unionoffice.domain.choices import Sex
from unionoffice.io.sheets import CellError, WithNotice, birth_date_from_id, parse_id_number, parse_phone, sex_from_id


class FieldError(ValueError):
    """A value that cannot be accepted; the message is for the user and names no field."""


@dataclass(frozen=True)
class IdNumber:
    number: str  # 18 characters
    birth_date: dt.date
    sex: Sex
    notice: str = ""  # e.g. the 15→18 conversion, an area code not in the list


def check_id_number(text: str, today: dt.date | None = None) -> IdNumber:
    """A valid resident ID number with its birth date and sex, or FieldError saying what is wrong."""
    try:
        parsed = parse_id_number(text, today)
    except CellError as exc:
        raise FieldError(str(exc)) from None
    notice = ""
    if isinstance(parsed, WithNotice):
        parsed, notice = parsed.value, parsed.notice or ""
    return IdNumber(parsed, birth_date_from_id(parsed), sex_from_id(parsed), notice)


def normalize_phone(text: str) -> str:
    """Digits only: an 11-digit mobile (1, then 3–9) or a landline with area code; '' stays ''."""
    if not (text or "").strip():
        return ""
    try:
        return parse_phone(text)
    except CellError as exc:
        raise FieldError(str(exc)) from None

