"""Resident ID numbers (居民身份证, GB 11643) as they arrive in spreadsheets, checked with python-stdnum.

Spaces, full-width digits and a lowercase x are repaired; a 15-digit legacy number is converted to
18 digits with a notice; a number stored as a spreadsheet number is refused, because Excel keeps
only 15 significant digits and the last ones are gone: never guess them.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from stdnum import numdb
from stdnum.cn import ric

from unionoffice.domain.choices import Sex
from unionoffice.i18n import _
from unionoffice.io.sheets.values import CellError, WithNotice, make_date, normalize_text

_SCIENTIFIC = re.compile(r"\d(\.\d+)?[eE]\+?\d+")


def _stored_as_number() -> CellError:
    return CellError(_("The ID number was stored as a number; its last digits are lost."))


def clean_id_number(value: Any) -> str:
    """Spaces removed, full-width to half-width, x to X, a leading apostrophe dropped."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise _stored_as_number()
    text = "".join(normalize_text(value).split()).lstrip("'").upper()
    if _SCIENTIFIC.fullmatch(text):
        raise _stored_as_number()
    return text


def _birth_date(number: str, today: dt.date) -> dt.date:
    year, month, day = int(number[6:10]), int(number[10:12]), int(number[12:14])
    try:
        birth = make_date(year, month, day)
    except CellError as exc:
        raise CellError(_("The birth date in it does not exist: {reason}").format(reason=exc)) from None
    if birth > today:
        raise CellError(_("The birth date in it ({date}) is later than today.").format(date=f"{birth:%Y-%m-%d}"))
    return birth


@lru_cache(maxsize=4096)
def _known_area(code: str) -> bool:
    """Whether stdnum's table of regions has ever had this county code (cached: the look-up is most
    of the cost of a check). Not ric.validate's test: that wants the county to have existed in the
    birth year, but first IDs were issued years after birth, under the codes of their day."""
    results = numdb.get("cn/loc").info(code)
    return any("county" in props for _part, props in results)


def upgrade_legacy(number15: str) -> str:
    """A 15-digit first-generation number as 18 digits: the year gets "19", then the check digit."""
    first17 = number15[:6] + "19" + number15[6:]
    return first17 + ric.calc_check_digit(first17 + "0")


def parse_id_number(value: Any, today: dt.date | None = None) -> Any:
    """A valid 18-character ID number (str), or WithNotice for a converted legacy number."""
    today = today or dt.date.today()
    number = clean_id_number(value)
    notice = None
    if len(number) == 15:
        if not number.isdigit():
            raise CellError(_("A 15-digit ID number has digits only."))
        _birth_date(number[:6] + "19" + number[6:], today)
        upgraded = upgrade_legacy(number)
        notice = _("The 15-digit ID number {old} was converted to 18 digits: {new}.").format(old=number, new=upgraded)
        number = upgraded
    if len(number) != 18:
        raise CellError(_("An ID number has 18 characters, this one has {count}.").format(count=len(number)))
    if not (number[:17].isdigit() and number[:17].isascii() and (number[17].isdigit() or number[17] == "X")):
        raise CellError(_("An ID number has 17 digits and then a digit or X."))
    _birth_date(number, today)
    if number[17] != ric.calc_check_digit(number):
        raise CellError(_("Wrong check digit"))
    if not _known_area(number[:6]):
        # stdnum's list of area codes can lag behind real, older or newer codes: tell, don't refuse.
        notice = _("The area code {code} is not in the list of regions; please check the number.").format(
            code=number[:6]
        )
    return WithNotice(number, notice) if notice else number


def birth_date_from_id(number: str) -> dt.date:
    """The birth date encoded in a valid 18-digit ID number."""
    return ric.get_birth_date(number)


def sex_from_id(number: str) -> Sex:
    """The 17th digit: odd for men, even for women."""
    return Sex.MALE if int(number[16]) % 2 else Sex.FEMALE
