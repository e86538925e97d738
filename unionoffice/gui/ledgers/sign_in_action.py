"""签到表…: the sign-in sheet of the chosen activity or session, through the print preview."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QInputDialog, QMessageBox

from unionoffice.gui.context import AppContext
from unionoffice.i18n import _
from unionoffice.io.forms import render_form
from unionoffice.io.ledgers.signin import sign_in_document
from unionoffice.services import ledger_print

DEFAULT_BLANK_ROWS = 10


def sign_in_pdf(ctx: AppContext, record_id: int, training: bool, blank_rows: int = DEFAULT_BLANK_ROWS) -> bytes:
    with ctx.db.session() as session:
        builder = ledger_print.training_sign_in if training else ledger_print.activity_sign_in
        sheet = builder(session, record_id, blank_rows)
    return render_form(sign_in_document(sheet))


def print_sign_in(page: Any, ctx: AppContext, training: bool) -> None:
    record_id = page.current_id()
    if record_id is None:
        QMessageBox.information(page, _("Sign-in sheet"), _("Choose the activity or session in the table first."))
        return
    blank_rows, ok = QInputDialog.getInt(page, _("Sign-in sheet"), _("Blank rows after the chosen attendees:"),
                                         DEFAULT_BLANK_ROWS, 0, 200)
    if not ok:
        return
    from unionoffice.gui.printing import preview_pdf

    preview_pdf(page, sign_in_pdf(ctx, record_id, training, blank_rows), _("Sign-in sheet"))
