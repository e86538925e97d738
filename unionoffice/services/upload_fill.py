"""The members an upload template is filled with: the roster as of a date, optionally one group,
as field key -> value with the fixed vocabularies as enum members (the template's lists are matched
against those, not against display text)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from unionoffice.domain.choices import Education, Employment, HukouType, IdType, MembershipStatus, PoliticalStatus, Sex
from unionoffice.i18n import _
from unionoffice.io.upload.template import Template
from unionoffice.io.upload.writer import FillResult, fill, open_template
from unionoffice.services.member_query import ON_ROLL, MemberFilter, Sort, _order, filter_conditions, status_on_expr
from unionoffice.services.office import load_settings
from unionoffice.store.models import Group, Member

_ENUMS = {"sex": Sex, "political_status": PoliticalStatus, "education": Education, "employment": Employment,
          "hukou_type": HukouType, "id_type": IdType}
_FIELDS = ("name", "sex", "birth_date", "ethnicity", "political_status", "education", "id_number", "join_date",
           "card_no", "migrant_worker", "phone", "notes", "id_type", "skill_level", "employment", "post",
           "hukou_type", "hukou_place", "native_place")


class UploadError(ValueError):
    """A choice that cannot be filled (an unknown group); the message is for the clerk."""


def _as_enum(enum: Any, code: str | None) -> Any:
    if not code:
        return None
    try:
        return enum(code)
    except ValueError:
        return code  # a stored code this program version does not know: passed on as text


def upload_records(session: Session, as_of: dt.date | None = None, group: str | None = None) -> list[dict[str, Any]]:
    """The members on the roll on ``as_of`` (default today), in roster order, with their group's
    name and the office's union name."""
    member_filter = MemberFilter(status=ON_ROLL, as_of=as_of)
    if group:
        group_id = session.scalar(select(Group.id).where(Group.name == " ".join(group.split())))
        if group_id is None:
            raise UploadError(_("There is no group named “{name}”.").format(name=group))
        member_filter.group_ids = [group_id]
    union_name = load_settings(session).union_name
    query = (
        select(*(getattr(Member, name) for name in _FIELDS), Group.name, status_on_expr(as_of))
        .outerjoin(Group, Member.group_id == Group.id)
        .where(*filter_conditions(member_filter))
        .order_by(*_order(Sort(), expression=True))
    )
    records = []
    for row in session.execute(query):
        record = dict(zip(_FIELDS, row))
        for name, enum in _ENUMS.items():
            record[name] = _as_enum(enum, record[name])
        record["group"] = row[len(_FIELDS)]
        record["status"] = _as_enum(MembershipStatus, row[len(_FIELDS) + 1])
        record["union_name"] = union_name
        records.append(record)
    return records


def fill_from_roster(session: Session, template_path: Path, mapping: dict[str, str | None] | None = None,
                     as_of: dt.date | None = None, group: str | None = None,
                     progress: Callable[[int, int], None] | None = None) -> tuple[Template, FillResult]:
    """Open the template afresh, apply the (edited or saved) mapping, and fill it with the roster in memory;
    the caller saves it (``writer.save``) once the clerk has seen the problems."""
    template = open_template(template_path)
    if mapping:
        template.apply_mapping(mapping)
    records = upload_records(session, as_of=as_of, group=group)
    return template, fill(template, records, total=len(records), progress=progress)
