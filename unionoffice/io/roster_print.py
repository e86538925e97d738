"""The printed member roster (会员花名册): landscape A4, repeated header, page numbers, ID numbers
masked (110105********002X) unless the clerk asks for them in full."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from unionoffice.i18n import _, format_date
from unionoffice.io.forms import Align, Column, FormDocument, MetaItem, Orientation, TableBlock, mask_id_number, render_form
from unionoffice.io.forms.language import in_document_language
from unionoffice.io.forms.renderer import Progress
from unionoffice.io.roster_export import roster_records
from unionoffice.services.member_query import MemberFilter, Sort
from unionoffice.services.office import load_settings


def _columns() -> list[Column]:
    return [
        Column(_("No."), 0.75), Column(_("Full name"), 1.05), Column(_("Sex"), 0.7), Column(_("Born"), 1.15),
        Column(_("Ethnicity"), 0.85), Column(_("Political status"), 1.2), Column(_("Education"), 1.0),
        Column(_("ID card number"), 2.75), Column(_("Group / department"), 1.45, Align.LEFT), Column(_("Joined on"), 1.5),
        Column(_("Card number"), 1.45), Column(_("Membership status"), 0.95), Column(_("Migrant worker?"), 0.85),
        Column(_("Phone"), 1.75), Column(_("Notes"), 1.1, Align.LEFT),
    ]


@in_document_language
def roster_form(session: Session, member_filter: MemberFilter, sort: Sort | None = None, *,
                mask_ids: bool = True) -> FormDocument:
    """The roster of the members the filter selects, as a printable form."""
    rows = []
    for r in roster_records(session, member_filter, sort):
        rows.append([
            r["name"], r["sex"] or "",
            f"{r['birth_date']:%Y.%m}" if r["birth_date"] else "", r["ethnicity"] or "",
            r["political_status"] or "", r["education"] or "",
            mask_id_number(r["id_number"], show_full=not mask_ids) if r["id_number"] else "",
            r["group"] or "", f"{r['join_date']:%Y.%m.%d}" if r["join_date"] else "", r["card_no"] or "",
            r["status"], _("Yes") if r["migrant_worker"] else _("No"), r["phone"] or "", r["notes"] or "",
        ])
    settings = load_settings(session)
    on = member_filter.as_of or dt.date.today()
    return FormDocument(
        title=_("{union} Member Roster").format(union=settings.union_name).strip(),
        meta=[MetaItem(_("Union"), settings.union_name), MetaItem(_("As of"), format_date(on)),
              MetaItem(_("Number of members"), _("{count} persons").format(count=len(rows)))],
        orientation=Orientation.LANDSCAPE,
        blocks=[TableBlock(_columns(), rows, numbered=True, min_row_height_mm=6)],
        author=settings.union_name,
        font_size=9,  # 15 columns across landscape A4
    )


def roster_pdf(session: Session, member_filter: MemberFilter, sort: Sort | None = None, *, mask_ids: bool = True,
               progress: Progress | None = None) -> bytes:
    return render_form(roster_form(session, member_filter, sort, mask_ids=mask_ids), progress=progress)
