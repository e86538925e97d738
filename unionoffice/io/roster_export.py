"""Exporting the roster (the current filtered view) to .xlsx on the shared sheets core."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Callable, Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from unionoffice.domain.choices import Education, Employment, HukouType, IdType, MembershipStatus, PoliticalStatus, Sex
from unionoffice.i18n import _, format_date
from unionoffice.io.roster_sheet import COLUMNS, ROSTER_COLUMNS
from unionoffice.io.sheets import export_rows
from unionoffice.services.member_query import MemberFilter, Sort, _order, filter_conditions, status_on_expr
from unionoffice.services.office import load_settings
from unionoffice.store.models import Group, Member

_ENUMS = {"sex": Sex, "political_status": PoliticalStatus, "education": Education, "employment": Employment,
          "hukou_type": HukouType, "id_type": IdType, "status": MembershipStatus}
_FIELDS = ("name", "sex", "birth_date", "ethnicity", "political_status", "education", "id_number", "join_date",
           "card_no", "migrant_worker", "phone", "notes", "id_type", "skill_level", "employment", "post",
           "hukou_type", "hukou_place", "native_place")
EXPORT_BATCH = 2_000


def roster_records(session: Session, member_filter: MemberFilter, sort: Sort | None = None) -> Iterator[dict[str, Any]]:
    """Every member the filter selects, in the sort order, as column key → value; the fixed
    vocabularies come as their labels in the current language (what the sheet and the print show)."""
    query = (
        select(*(getattr(Member, name) for name in _FIELDS), Group.name, status_on_expr(member_filter.as_of))
        .outerjoin(Group, Member.group_id == Group.id)
        .where(*filter_conditions(member_filter))
        .order_by(*_order(sort or Sort(), expression=True))
    )
    # code → label, worked out once per export rather than 20,000 times per column.
    labels = {name: {m.value: m.label() for m in enum} for name, enum in _ENUMS.items()}
    enum_positions = [(i, labels[name]) for i, name in enumerate(_FIELDS) if name in labels]
    status_labels = labels["status"]
    # Streamed from the cursor in batches (200,000 members never sit in memory at once), as Core
    # rows: the ORM's row processing adds a fifth to reading them and nothing here needs it.
    for row in session.connection().execute(query.execution_options(yield_per=EXPORT_BATCH)):
        values = list(row)
        for i, known in enum_positions:
            if values[i]:
                values[i] = known.get(values[i], values[i])
        record = dict(zip(_FIELDS, values))
        record["group"] = values[len(_FIELDS)]
        record["status"] = status_labels.get(values[len(_FIELDS) + 1], "")
        yield record


def roster_caption(session: Session, as_of: dt.date | None) -> str:
    union = load_settings(session).union_name
    title = _("Member roster as of {date}").format(date=format_date(as_of or dt.date.today()))
    return f"{union} {title}".strip()


def export_members(session: Session, member_filter: MemberFilter, path: str | Path, sort: Sort | None = None,
                   progress: Callable[[int], None] | None = None, all_fields: bool = False) -> int:
    """Write the filtered roster to ``path`` (.xlsx): the 花名册 columns, or every field with
    ``all_fields``; returns the number of members written. Rows stream from the query into the
    write-only sheet, so memory stays flat however large the roster is."""
    written = 0

    def counted() -> Iterator[dict[str, Any]]:
        nonlocal written
        for record in roster_records(session, member_filter, sort):
            written += 1
            yield record

    caption = roster_caption(session, member_filter.as_of)
    export_rows(path, COLUMNS if all_fields else ROSTER_COLUMNS, counted(), sheet_name=_("Member roster"),
                caption=caption, progress=progress)
    return written
