"""Vocabularies and small value rules of the activity log and the training records."""

from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation

from unionoffice.domain.choices import LabelledEnum
from unionoffice.i18n import N_, _


class Ledger:
    """The two ledgers that keep an editable kinds list."""

    ACTIVITY = "activity"
    TRAINING = "training"


class Organiser(LabelledEnum):
    OWN = ("own", N_("Our union"))
    HIGHER = ("higher", N_("Higher union's event"))


class AwardLevel(LabelledEnum):
    NATIONAL = ("national", N_("National"))
    PROVINCIAL = ("provincial", N_("Provincial"))
    CITY = ("city", N_("City"))
    COUNTY = ("county", N_("District/county"))
    SYSTEM = ("system", N_("Sector"))
    UNIT = ("unit", N_("Unit"))


class LedgerError(ValueError):
    """A refused value or change in the activity or training ledgers; the message is for the user."""


def parse_tenths(text: str | int | float | Decimal | None, *, what: str, maximum: int) -> int | None:
    """'2.5' -> 25 (hours or scores are kept in tenths). Empty gives None; negative or absurd values are refused."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    if isinstance(text, float):
        text = repr(text)
    raw = unicodedata.normalize("NFKC", str(text)).strip().rstrip("分学时小h ")
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise LedgerError(_("{what} “{text}” is not a number.").format(what=what, text=text)) from None
    tenths = value * 10
    if tenths != tenths.to_integral_value():
        raise LedgerError(_("{what} may have at most one decimal place.").format(what=what))
    if value < 0 or tenths > maximum * 10:
        raise LedgerError(_("{what} must be between 0 and {maximum}.").format(what=what, maximum=maximum))
    return int(tenths)


def format_tenths(tenths: int | None) -> str:
    """25 -> '2.5', 20 -> '2'; None -> ''."""
    if tenths is None:
        return ""
    whole, part = divmod(int(tenths), 10)
    return f"{whole}.{part}" if part else str(whole)


def tenths_number(tenths: int | None) -> Decimal | None:
    """25 -> Decimal('2.5'), 20 -> Decimal('2'): a number for a spreadsheet cell (exact, no float)."""
    if tenths is None:
        return None
    return (Decimal(int(tenths)) / 10).normalize() if tenths % 10 else Decimal(int(tenths) // 10)


MAX_HOURS = 2000
MAX_SCORE = 1000  # the highest full marks a session may set
DEFAULT_FULL_MARKS = 100


def check_score(score_tenths: int | None, full_marks: int | None) -> None:
    """LedgerError when a score is outside 0 … the session's full marks (100 unless it sets another)."""
    if score_tenths is None:
        return
    maximum = full_marks or DEFAULT_FULL_MARKS
    if not 0 <= score_tenths <= maximum * 10:
        raise LedgerError(_("The score {score} is outside 0 to {maximum} (the full marks).").format(
            score=format_tenths(score_tenths), maximum=maximum))
