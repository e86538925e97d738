"""Checks of the values a clerk types into the member form: ID numbers and phone numbers.

ID numbers are checked with python-stdnum (GB 11643 check digit, a real birth date); a 15-digit
first-generation number is converted to 18 digits and the caller is told so.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from stdnum.cn import ric

from unionoffice.domain.choices import Sex
from unionoffice.i18n import _


class FieldError(ValueError):
    """A value that cannot be accepted; the message is for the user and names no field."""


@dataclass(frozen=True)
class IdNumber:
    number: str  # 18 characters
    birth_date: dt.date
    sex: Sex
    notice: str = ""  # e.g. the 15→18 conversion


def _birth(number18: str) -> dt.date:
    try:
        return dt.date(int(number18[6:10]), int(number18[10:12]), int(number18[12:14]))
    except ValueError:
        raise FieldError(
            _("The birth date in it does not exist: {date}").format(
                date=f"{number18[6:10]}-{number18[10:12]}-{number18[12:14]}"
            )
        ) from None


def upgrade_legacy(number15: str) -> str:
    """A 15-digit first-generation number as 18 digits: "19" before the year, then the check digit."""
    first17 = number15[:6] + "19" + number15[6:]
    return first17 + ric.calc_check_digit(first17 + "0")


def check_id_number(text: str, today: dt.date | None = None) -> IdNumber:
    """A valid resident ID number with its birth date and sex, or FieldError saying what is wrong."""
    today = today or dt.date.today()
    number = "".join(unicodedata.normalize("NFKC", text).split()).upper()
    notice = ""
    if len(number) == 15 and number.isdigit():
        _birth(number[:6] + "19" + number[6:])
        upgraded = upgrade_legacy(number)
        notice = _("The 15-digit ID number {old} was converted to 18 digits: {new}.").format(old=number, new=upgraded)
        number = upgraded
    if len(number) != 18:
        raise FieldError(_("An ID number has 18 characters, this one has {count}.").format(count=len(number)))
    if not (number[:17].isdigit() and number[:17].isascii() and (number[17].isdigit() or number[17] == "X")):
        raise FieldError(_("An ID number has 17 digits and then a digit or X."))
    birth = _birth(number)
    if birth > today:
        raise FieldError(_("The birth date in it ({date}) is later than today.").format(date=f"{birth:%Y-%m-%d}"))
    if number[17] != ric.calc_check_digit(number):
        raise FieldError(_("Wrong check digit"))
    sex = Sex.MALE if int(number[16]) % 2 else Sex.FEMALE
    return IdNumber(number, birth, sex, notice)


_PHONE_SEPARATORS = re.compile(r"[\s\-()（）.·—]")


def normalize_phone(text: str) -> str:
    """Digits only: an 11-digit mobile (1, then 3–9) or a landline with area code; '' stays ''."""
    raw = unicodedata.normalize("NFKC", text or "").strip()
    digits = _PHONE_SEPARATORS.sub("", raw)
    if not digits:
        return ""
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    if not (digits.isdigit() and digits.isascii()):
        raise FieldError(_("“{text}” is not a phone number.").format(text=raw))
    if digits.startswith("1"):
        if len(digits) != 11:
            raise FieldError(_("A mobile number has 11 digits, this one has {count}.").format(count=len(digits)))
        if digits[1] not in "3456789":
            raise FieldError(_("A mobile number starts with 13 to 19, not {start}.").format(start=digits[:2]))
        return digits
    if digits.startswith("0") and not digits.startswith("00") and 10 <= len(digits) <= 12:
        return digits
    if 7 <= len(digits) <= 8:
        raise FieldError(_("The landline number {text} needs its area code (e.g. 010-12345678).").format(text=digits))
    raise FieldError(_("“{text}” is not a mobile or landline number.").format(text=raw))


def age_on(birth: dt.date, on: dt.date) -> int:
    """Whole years of age on a date."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
