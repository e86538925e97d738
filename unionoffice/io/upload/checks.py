"""Checks as a higher union's checker makes them: required cells filled, coded cells valid for
their list, ID numbers with a right check digit agreeing with birth date and sex, no duplicates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from unionoffice.i18n import _
from unionoffice.io.sheets import CellError, birth_date_from_id, parse_date, parse_id_number, sex_from_id
from unionoffice.io.sheets.values import WithNotice
from unionoffice.io.upload.codes import allowed, split_item
from unionoffice.io.upload.fields import FIELDS
from unionoffice.io.upload.template import Template, TemplateColumn


@dataclass(frozen=True)
class Problem:
    row: int  # the row in the file, as Excel numbers it
    member: str  # the name in that row (or "")
    column: str  # the column's header
    message: str

    def line(self) -> str:
        return _("Row {row} {member} — {column}: {message}").format(
            row=self.row, member=self.member or "", column=self.column, message=self.message)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return "" if value is None else str(value).strip()


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        parsed = parse_date(value)
    except CellError:
        return None
    return parsed.value if isinstance(parsed, WithNotice) else parsed


def _month_only(column: TemplateColumn, value: Any) -> bool:
    pattern = column.date_format.pattern if column.date_format else ""
    return bool(pattern) and "%d" not in pattern and isinstance(value, str)


class RowChecker:
    """Checks row after row, remembering ID numbers for the duplicate check."""

    def __init__(self, template: Template) -> None:
        self.template = template
        self.columns = template.columns
        self.by_field = {c.field: c for c in self.columns if c.field}
        self.seen_ids: dict[str, int] = {}

    def check(self, row: int, cells: dict[int, Any]) -> list[Problem]:
        """``cells``: column number -> value as written in the file."""
        name_column = self.by_field.get("name")
        member = _text(cells.get(name_column.index)) if name_column else ""
        problems: list[Problem] = []

        def add(column: TemplateColumn, message: str) -> None:
            problems.append(Problem(row, member, column.header, message))

        for column in self.columns:
            value = cells.get(column.index)
            if _blank(value):
                if column.required:
                    add(column, _("required but empty"))
                continue
            if column.items is not None and not allowed(value, column.items):
                add(column, _("“{value}” is not in the column's drop-down list").format(value=_text(value)))
        self._check_identity(row, cells, add)
        return problems

    def _check_identity(self, row: int, cells: dict[int, Any], add: Any) -> None:
        id_column = self.by_field.get("id_number")
        if id_column is None or _blank(cells.get(id_column.index)):
            return
        text = _text(cells.get(id_column.index))
        try:
            parsed = parse_id_number(text)
        except CellError as exc:
            add(id_column, str(exc))
            return
        number = parsed.value if isinstance(parsed, WithNotice) else parsed
        if len(number) != 18:
            return
        earlier = self.seen_ids.get(number)
        if earlier is not None:
            add(id_column, _("the same ID number as row {row}").format(row=earlier))
        else:
            self.seen_ids[number] = row
        birth_column = self.by_field.get("birth_date")
        if birth_column is not None and not _blank(cells.get(birth_column.index)):
            stated = _as_date(cells.get(birth_column.index))
            born = birth_date_from_id(number)
            if stated is None:
                add(birth_column, _("“{value}” is not a date").format(value=_text(cells.get(birth_column.index))))
            elif (stated.year, stated.month) != (born.year, born.month) or (
                    not _month_only(birth_column, cells.get(birth_column.index)) and stated.day != born.day):
                add(birth_column, _("does not agree with the ID number (born {date})").format(date=born.isoformat()))
        sex_column = self.by_field.get("sex")
        if sex_column is not None and not _blank(cells.get(sex_column.index)):
            _code, label = split_item(_text(cells.get(sex_column.index)))
            try:
                stated_sex = FIELDS["sex"].column.parse(label)  # type: ignore[misc]
            except CellError:
                return
            if stated_sex != sex_from_id(number):
                add(sex_column, _("does not agree with the ID number ({sex})").format(sex=sex_from_id(number).label()))
