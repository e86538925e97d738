"""A roster row's own checks and the member column values it gives (shared by planning and
writing an import): birth date and sex from the ID number, choices as their codes, text as ''."""

from __future__ import annotations

import datetime as dt
from typing import Any

from unionoffice.domain.choices import IdType, MembershipStatus
from unionoffice.i18n import _
from unionoffice.io.sheets import RowResult, sex_from_id

# Member fields filled straight from the column of the same key.
PLAIN_FIELDS = ("name", "ethnicity", "birth_date", "political_status", "education", "skill_level", "employment",
                "post", "phone", "hukou_type", "hukou_place", "native_place", "migrant_worker", "join_date",
                "card_no", "notes", "sex", "id_type")
TEXT_FIELDS = {"ethnicity", "skill_level", "post", "phone", "hukou_place", "native_place", "card_no", "notes"}


def birth_in(number: str) -> dt.date:
    """The birth date of an ID number the parser already validated (stdnum re-checks every digit)."""
    return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def check_row(row: RowResult, today: dt.date) -> None:
    """The roster's own checks, beyond what each cell's parser checked."""
    values = row.values
    number = values.get("id_number")
    if number and (values.get("id_type") in (None, IdType.RESIDENT_ID)):
        from_id = birth_in(number)
        given = values.get("birth_date")
        # 出生年月 (a month alone) reads as the 1st: it agrees when the month does.
        if given is not None and given != from_id and not (given.day == 1 and given.replace(day=from_id.day) == from_id):
            row.add_error("birth_date", _("Does not agree with the ID number ({date}).").format(date=f"{from_id:%Y-%m-%d}"))
        sex = values.get("sex")
        if sex is not None and sex != sex_from_id(number):
            row.add_error("sex", _("Does not agree with the ID number."))
    join = values.get("join_date")
    birth = values.get("birth_date") or (birth_in(number) if number else None)
    if join is not None:
        if join > today:
            row.add_error("join_date", _("It is later than today."))
        elif birth is not None and join < birth:
            row.add_error("join_date", _("It is before the birth date."))
    if values.get("status") == MembershipStatus.NOT_YET:
        row.add_error("status", _("A roster lists members; “{status}” cannot be imported.").format(
            status=MembershipStatus.NOT_YET.label()))


def file_values(row: RowResult, mapping: dict[str, int], fields: list[tuple[str, int]]) -> dict[str, Any]:
    """What the member's columns become from this row; the group by its name ("group")."""
    values = member_values(row, fields, "id_number" in mapping)
    if "group" in mapping:
        name = row.values.get("group")
        values["group"] = " ".join(name.split()) if name else None
    return values


ENUM_FIELDS = {"sex", "political_status", "education", "employment", "hukou_type", "id_type"}


def field_plan(mapping: dict[str, int]) -> list[tuple[str, int]]:
    """(field, how to convert: 0 as is, 1 enum code, 2 text, 3 bool) for the fields the file has."""
    return [(name, 1 if name in ENUM_FIELDS else 2 if name in TEXT_FIELDS else 3 if name == "migrant_worker" else 0)
            for name in PLAIN_FIELDS if name in mapping]


def member_values(row: RowResult, fields: list[tuple[str, int]], has_id: bool) -> dict[str, Any]:
    """Column values for the member, only for the columns the file has."""
    source = row.values
    values = {}
    for name, how in fields:
        value = source.get(name)
        if how == 1:
            value = value._value_ if value is not None else None  # the code (no descriptor on a hot path)
        elif how == 2:
            value = value or ""
        elif how == 3:
            value = bool(value)
        values[name] = value
    number = source.get("id_number") if has_id else None
    if has_id:
        values["id_number"] = number
    if number and values.get("id_type") in (None, IdType.RESIDENT_ID.value):
        # Birth date and sex from the ID number: exact where the file has a month or nothing.
        values["birth_date"] = birth_in(number)
        values["sex"] = values.get("sex") or sex_from_id(number).value
    if values.get("id_type") is None:
        values.pop("id_type", None)
    return values
