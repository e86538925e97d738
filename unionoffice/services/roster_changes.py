"""What a re-imported roster row would change on a member already recorded: each field as
old → new, and a membership status that contradicts the recorded history (a conflict the clerk
decides; it is never applied by itself).

The values compared are the stored column values (codes for choices, dates, booleans, the group's
name); ``display`` turns one into the text a clerk reads (标签, 2026-05-01, 是/否).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, NamedTuple

from unionoffice.domain.choices import (
    Education,
    Employment,
    HukouType,
    IdType,
    LabelledEnum,
    MembershipStatus,
    PoliticalStatus,
    Sex,
)
from unionoffice.i18n import _

# The stored code of these fields is shown by its label.
CHOICE_FIELDS: dict[str, type[LabelledEnum]] = {
    "sex": Sex, "political_status": PoliticalStatus, "education": Education, "employment": Employment,
    "hukou_type": HukouType, "id_type": IdType, "status": MembershipStatus,
}


def display(key: str, value: Any) -> str:
    """A stored value as the clerk reads it ("" for blank)."""
    if value is None or value == "":
        return ""
    enum = CHOICE_FIELDS.get(key)
    if enum is not None:
        try:
            return enum(value).label()
        except ValueError:
            return str(value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, dt.date):
        return f"{value:%Y-%m-%d}"
    return str(value)


def jsonable(value: Any) -> Any:
    """A stored value for the audit log's JSON (dates as ISO text)."""
    return value.isoformat() if isinstance(value, dt.date) else value


class FieldChange(NamedTuple):  # a tuple: a re-import of 20,000 changed rows makes many
    key: str  # the member column ("group" for the group's name)
    field: str  # the header as the file heads it
    old: Any
    new: Any

    def text(self) -> str:
        """"手机号：13800138000 → 13900139000" (a blank value shows as “（空）”)."""
        blank = _("(blank)")
        return _("{field}: {old} → {new}").format(
            field=self.field, old=display(self.key, self.old) or blank, new=display(self.key, self.new) or blank)


@dataclass(frozen=True)
class StatusConflict:
    """The file's status differs from the one the recorded membership events give."""

    recorded: MembershipStatus
    since: dt.date | None  # the date of the last recorded event
    in_file: MembershipStatus
    field: str  # the header as the file heads it

    def text(self, applied: bool) -> str:
        since = _(" (since {date})").format(date=f"{self.since:%Y-%m-%d}") if self.since else ""
        outcome = (_("set as in the file") if applied else _("left as recorded"))
        return _("{field}: recorded as “{recorded}”{since}, the file says “{file}”; {outcome}").format(
            field=self.field, recorded=self.recorded.label(), since=since, file=self.in_file.label(), outcome=outcome)


def field_changes(current: dict[str, Any], values: dict[str, Any], headers: dict[str, str]) -> list[FieldChange]:
    """The fields whose file value differs from the stored one."""
    changes = []
    for key, value in values.items():
        old = current.get(key)
        if old != value:
            changes.append(FieldChange(key, headers.get(key, key), old, value))
    return changes
