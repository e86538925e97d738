"""The new members of a roster import as rows of one INSERT: a tuple per member in the column
order the file's columns fix, built straight from the parsed row (no dict per member and then a
tuple from it: 200,000 members are written this way).

Each row holds what ``roster_values.file_values`` gives for the member (birth date and sex from
the ID number, choices as their codes, text as '') with the group by id, the join date (today
when the file gives none), the pinyin columns, the status, and every other column's default:
the same values an INSERT of ``roster_write.insert_rows`` stores for the same dicts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from unionoffice.domain.choices import IdType, MembershipStatus
from unionoffice.domain.pinyin import NAME_COLUMNS, name_column_values
from unionoffice.io.sheets import RowResult, sex_from_id
from unionoffice.services.roster_values import birth_in, field_plan
from unionoffice.store.models import Member

_DERIVED = ("id_number", "birth_date", "sex", "id_type", "group_id", "join_date", *NAME_COLUMNS, "status", "id",
            "created_at", "updated_at")
_RESIDENT = IdType.RESIDENT_ID.value
_ACTIVE = MembershipStatus.ACTIVE


class NewMemberRows:
    """``rows.add(row, member_id, status)`` for each new member; ``rows.columns`` and ``rows.rows``
    for the INSERT (``rows.clear()`` once written)."""

    def __init__(self, mapping: dict[str, int], group_ids: dict[str, int], today: dt.date, stamp: str,
                 changed_by: str) -> None:
        self.fields = [(name, how) for name, how in field_plan(mapping) if name not in _DERIVED]
        self.has_id = "id_number" in mapping
        self.has_group = "group" in mapping
        self.group_ids = group_ids  # filled by the writer as groups are added
        self.today = today
        self.stamp = stamp
        plain = {name for name, _how in field_plan(mapping)}  # the derived ones ``add`` looks at itself
        self.has_id_type, self.has_birth, self.has_sex, self.has_join = (
            name in plain for name in ("id_type", "birth_date", "sex", "join_date"))
        table = Member.__table__
        defaults = {c.key: c.default.arg for c in table.c if c.default is not None and c.default.is_scalar}
        defaults["changed_by"] = changed_by
        named = [name for name, _how in self.fields] + list(_DERIVED)
        rest = [key for key in defaults if key not in named]
        self.columns: list[str] = named + rest
        self._constants = tuple(defaults[key] for key in rest)
        self._id_type_default = defaults.get("id_type")
        self.rows: list[tuple[Any, ...]] = []

    def add(self, row: RowResult, member_id: int, status: MembershipStatus | None) -> dt.date:
        """The member's row; its join date (for the 入会 event)."""
        source = row.values
        values = []
        for name, how in self.fields:
            value = source.get(name)
            if how == 1:
                value = value._value_ if value is not None else None  # the code
            elif how == 2:
                value = value or ""
            elif how == 3:
                value = bool(value)
            elif value is not None and isinstance(value, dt.date):
                value = value.isoformat()
            values.append(value)
        number = source.get("id_number") if self.has_id else None
        id_type = source.get("id_type") if self.has_id_type else None
        id_type = id_type._value_ if id_type is not None else None
        birth = source.get("birth_date") if self.has_birth else None
        sex = source.get("sex") if self.has_sex else None
        sex = sex._value_ if sex is not None else None
        if number and id_type in (None, _RESIDENT):
            birth = birth_in(number)  # birth date and sex from the ID number
            sex = sex or sex_from_id(number).value
        group_id = None
        if self.has_group:
            group = source.get("group")
            group = " ".join(group.split()) if group else None
            group_id = self.group_ids[group] if group else None
        join = (source.get("join_date") if self.has_join else None) or self.today
        values += (number, birth.isoformat() if birth is not None else None, sex,
                   id_type if id_type is not None else self._id_type_default, group_id,
                   join.isoformat(), *name_column_values(source.get("name")), (status or _ACTIVE).value,
                   member_id, self.stamp, self.stamp)
        values += self._constants
        self.rows.append(tuple(values))
        return join

    def clear(self) -> None:
        self.rows = []
