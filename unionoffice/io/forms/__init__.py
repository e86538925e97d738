"""Printed forms (花名册, 签到表, 签领表, 档案表): a small model and a reportlab renderer to A4 PDF.

A register describes its form's content with the model and calls ``render_form``; the GUI shows
the bytes with ``unionoffice.gui.printing.preview_pdf`` (print and "save as PDF" from there)::

    columns = [Column(_("No."), 0.6), Column(_("Name"), 1.2), Column(_("Department"), 1.8),
               Column(_("Amount (yuan)"), 1.2, Align.RIGHT), Column(_("Signature"), 1.4)]
    form = FormDocument(
        title=..., meta=[MetaItem(_("Date"), format_date(day))],
        blocks=[TableBlock(columns, [[name, group, format_yuan(fen), ""] ...], numbered=True,
                           blank_rows=5, min_row_height_mm=10,
                           total=money_total_row(len(columns), 3, total_fen))],
        signatures=[_("Handled by"), _("Reviewed by"), _("Union chair")],
    )
    pdf = render_form(form, progress=callback)   # or write_form(form, path)

ID numbers: ``mask_id_number(number, show_full=not mask)``. Record sheets (档案表) use ``GridBlock``
sections of ``Field(label, value, span)`` followed by ``TableBlock``s. See ``samples.py``.
"""

from unionoffice.io.forms.masking import mask_id_number
from unionoffice.io.forms.model import (
    Align,
    Block,
    Cell,
    Column,
    Field,
    FormDocument,
    GridBlock,
    MetaItem,
    Orientation,
    TableBlock,
)
from unionoffice.io.forms.renderer import (
    FormLayoutError,
    Progress,
    build_story,
    money_total_row,
    page_size,
    render_form,
    write_form,
)

__all__ = [
    "Align", "Block", "Cell", "Column", "Field", "FormDocument", "FormLayoutError", "GridBlock", "MetaItem",
    "Orientation", "Progress", "TableBlock", "build_story", "mask_id_number", "money_total_row", "page_size",
    "render_form", "write_form",
]
