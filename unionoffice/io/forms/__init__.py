"""Printed forms (花名册, 签到表, 签领表, 档案表): a small model and a reportlab renderer to A4 PDF.

A register describes its form's content with the model and calls ``render_form``; the GUI shows
the bytes with ``unionoffice.gui.printing.preview_pdf``.
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
from unionoffice.io.forms.renderer import FormLayoutError, build_story, money_total_row, page_size, render_form, write_form

__all__ = [
    "Align", "Block", "FormLayoutError", "Cell", "Column", "Field", "FormDocument", "GridBlock", "MetaItem", "Orientation",
    "TableBlock", "build_story", "mask_id_number", "money_total_row", "page_size", "render_form", "write_form",
]
