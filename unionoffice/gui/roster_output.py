"""The roster out of the program: export the current view to Excel, print it (with ID masking)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from unionoffice.gui.background import Cancelled, run_with_progress
from unionoffice.gui.context import AppContext
from unionoffice.gui.widgets import preview_options
from unionoffice.i18n import _, format_number
from unionoffice.services.member_query import MemberFilter, Sort, count_members
from unionoffice.gui.widgets import run_modal
from unionoffice.gui import file_dialogs


def export_dialog(parent: QWidget, ctx: AppContext, member_filter: MemberFilter, sort: Sort,
                  path: str | None = None) -> Path | None:
    """Ask where, then export the filtered roster off the UI thread; returns the file written."""
    from unionoffice.io.roster_export import export_members

    if path is None:
        suggested = _("Member roster {date}.xlsx").format(date=f"{member_filter.as_of or dt.date.today():%Y-%m-%d}")
        path = file_dialogs.save_file_name(parent, file_dialogs.SPREADSHEET, _("Export to Excel"), suggested, _("Excel workbook (*.xlsx)"))
        if not path:
            return None
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        target = target.with_suffix(".xlsx")

    def work(progress):
        with ctx.db.session() as session:
            total = count_members(session, member_filter)
            return export_members(session, member_filter, target, sort, progress=lambda done: progress(done, total))

    try:
        count = run_with_progress(parent, _("Export to Excel"), work, _("Writing {path}…").format(path=target.name))
    except Cancelled:
        return None
    except OSError as exc:
        from unionoffice.io.sheets.export import WriteError

        text = str(exc) if isinstance(exc, WriteError) else _("Cannot write {path}: {error}").format(path=target, error=exc)
        QMessageBox.warning(parent, _("Export to Excel"), text)
        return None
    ctx.status_message.emit(_("{count} members exported to {path}.").format(count=count, path=target))
    return target


class PrintOptionsDialog(QDialog):
    """What to print: how many members, and whether ID numbers are masked (the default)."""

    def __init__(self, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Print roster"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("The roster of the {count} members shown, landscape A4.").format(
            count=format_number(count))))
        self.mask = preview_options(self, layout)

    @property
    def mask_ids(self) -> bool:
        return self.mask.isChecked()


def roster_pdf_bytes(parent: QWidget, ctx: AppContext, member_filter: MemberFilter, sort: Sort,
                     mask_ids: bool) -> bytes | None:
    from unionoffice.io.roster_print import roster_pdf

    def work(progress):
        with ctx.db.session() as session:
            return roster_pdf(session, member_filter, sort, mask_ids=mask_ids, progress=progress)

    try:
        return run_with_progress(parent, _("Print roster"), work, _("Laying out the pages…"))
    except Cancelled:
        return None


def print_dialog(parent: QWidget, ctx: AppContext, member_filter: MemberFilter, sort: Sort) -> None:
    from unionoffice.gui.printing import preview_pdf

    with ctx.db.session() as session:
        count = count_members(session, member_filter)
    options = PrintOptionsDialog(count, parent)
    if run_modal(options) != QDialog.DialogCode.Accepted:
        return
    pdf = roster_pdf_bytes(parent, ctx, member_filter, sort, options.mask_ids)
    if pdf is not None:
        preview_pdf(parent, pdf, _("Member roster"))
