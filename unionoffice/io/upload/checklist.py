"""The 信息核对单: what the filled template says of each member, printed for the member to check and
sign before the file goes to the higher union — one record sheet a member, or one table a group."""

from __future__ import annotations

import datetime as dt
from itertools import groupby
from typing import Any

from unionoffice.i18n import _, format_date
from unionoffice.io.forms import Column, Field, FormDocument, GridBlock, MetaItem, Orientation, TableBlock, mask_id_number
from unionoffice.io.forms.language import in_given_language
from unionoffice.io.upload.template import Template
from unionoffice.io.upload.writer import FillResult

# A group table beyond this many columns no longer fits landscape A4: print a sheet per member instead.
MAX_TABLE_COLUMNS = 12
_ID_FIELDS = {"id_number"}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _filled_rows(template: Template, result: FillResult, mask_ids: bool) -> list[tuple[str, list[str]]]:
    """(group, cell texts of the mapped columns) for each filled row."""
    columns = [c for c in template.columns if c.field is not None]
    rows = []
    for offset in range(result.rows):
        row = template.first_data_row + offset
        texts = []
        for column in columns:
            text = _text(template.sheet.cell(row=row, column=column.index).value)
            if column.field in _ID_FIELDS and text:
                text = mask_id_number(text, show_full=not mask_ids)
            texts.append(text)
        group = result.groups[offset] if offset < len(result.groups) else ""
        rows.append((group, texts))
    return rows


def table_fits(template: Template) -> bool:
    return len([c for c in template.columns if c.field is not None]) + 1 <= MAX_TABLE_COLUMNS


@in_given_language
def checklist_form(template: Template, result: FillResult, union_name: str, *, per_member: bool,
                   mask_ids: bool = True, today: dt.date | None = None) -> FormDocument:
    """The 信息核对单 of the filled rows; ``per_member`` (or a template too wide for a table) gives a
    record sheet with a signature line for each member, else one table a group with a signature column."""
    columns = [c for c in template.columns if c.field is not None]
    rows = _filled_rows(template, result, mask_ids)
    blocks: list[Any] = []
    if per_member or not table_fits(template):
        for group, texts in rows:
            fields = [Field(c.header, text) for c, text in zip(columns, texts)]
            if len(fields) % 2:
                fields.append(Field("", ""))
            fields += [Field(_("Member's signature"), ""), Field(_("Date"), "")]
            name = next((t for c, t in zip(columns, texts) if c.field == "name"), "")
            blocks.append(GridBlock(fields, title=" ".join(part for part in (name, group) if part), min_row_height_mm=7))
        orientation = Orientation.PORTRAIT
    else:
        table_columns = [Column(c.header, 2.2 if c.field in _ID_FIELDS else 1.0) for c in columns]
        table_columns.append(Column(_("Member's signature"), 1.4))
        ordered = sorted(rows, key=lambda item: (item[0] == "", item[0]))  # members without a group last
        for group, members in groupby(ordered, key=lambda item: item[0]):
            blocks.append(TableBlock(table_columns, [texts + [""] for _g, texts in members],
                                     title=group or _("No group"), min_row_height_mm=9))
        orientation = Orientation.LANDSCAPE
    return FormDocument(
        title=_("Member information check sheet"),
        meta=[MetaItem(_("Union"), union_name), MetaItem(_("Template"), template.path.name),
              MetaItem(_("Printed on"), format_date(today or dt.date.today()))],
        blocks=blocks,
        orientation=orientation,
        notes=[_("Please check that each entry is right and sign; corrections are made in the roster before the "
                 "file is sent to the higher union.")],
        signatures=[_("Handled by"), _("Reviewed by")],
        author=union_name,
        font_size=9 if orientation is Orientation.LANDSCAPE else 10.5,
    )
