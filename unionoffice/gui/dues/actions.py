"""The dues page's file and print actions: import/export Excel, payroll bases, arrears list, ledger and receipts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from unionoffice.gui.background import run_job
from unionoffice.i18n import _, os_error_text

XLSX_FILTER = "Excel (*.xlsx)"
IMPORT_FILTER = "Excel / WPS (*.xlsx *.xls *.ods)"


def _save_path(page: Any, title: str, suggested: str) -> Path | None:
    path, _selected = QFileDialog.getSaveFileName(page, title, suggested, XLSX_FILTER)
    if not path:
        return None
    return Path(path if path.lower().endswith(".xlsx") else path + ".xlsx")


def _failed(page: Any, title: str, exc: Exception) -> None:
    text = f"{exc.filename}：{os_error_text(exc)}" if isinstance(exc, OSError) and exc.strerror else str(exc)
    QMessageBox.warning(page, title, text)


def export_ledger(page: Any, path: Path | None = None) -> int | None:
    from unionoffice.services.dues_export import export_dues

    title = _("Export to Excel")
    path = path or _save_path(page, title, _("Dues collection ledger") + ".xlsx")
    if path is None:
        return None
    period = page.filters.selected_period

    def work(_progress: Any) -> int:
        with page.ctx.db.session() as session:
            return export_dues(session, path, period)
    try:
        count = run_job(page, _("Writing the workbook…"), work)
    except OSError as exc:
        _failed(page, title, exc)
        return None
    page.ctx.status_message.emit(_("{count} rows written to {path}.").format(count=count, path=path))
    return count


def export_arrears(page: Any, path: Path | None = None) -> int | None:
    from unionoffice.services.dues_import import export_arrears as write

    title = _("Export the arrears list")
    path = path or _save_path(page, title, _("Dues arrears") + ".xlsx")
    if path is None:
        return None
    try:
        with page.ctx.db.session() as session:
            count = write(session, path, page.filters.selected_period, 6)
    except OSError as exc:
        _failed(page, title, exc)
        return None
    page.ctx.status_message.emit(_("{count} rows written to {path}.").format(count=count, path=path))
    return count


def _report(page: Any, title: str, outcome: Any) -> None:
    lines = outcome.error_lines()
    if lines:
        QMessageBox.warning(page, title, _("{count} rows rejected; nothing was imported.").format(count=len(lines)) + "\n"
                            + "\n".join(lines[:20]))
        return
    QMessageBox.information(page, title, _("Imported: {payments} payments, {bases} wage bases, {exemptions} exemptions; {rejected} rows rejected.").format(
        payments=outcome.payments, bases=outcome.bases, exemptions=outcome.exemptions, rejected=0))


def import_ledger(page: Any, path: Path | None = None, bases_year: int | None = None) -> Any:
    """导入Excel (payments with bases and exemptions), or the wage bases of ``bases_year`` from a payroll sheet."""
    from unionoffice.io.sheets import SheetError
    from unionoffice.services import dues_import

    title = _("Import wage bases from payroll") if bases_year else _("Import from Excel")
    if path is None:
        chosen, _filter = QFileDialog.getOpenFileName(page, title, "", IMPORT_FILTER)
        if not chosen:
            return None
        path = Path(chosen)

    def work(_progress: Any) -> Any:
        with page.ctx.db.session(write=True) as session:
            if bases_year:
                return dues_import.import_bases(session, path, bases_year)
            return dues_import.import_dues(session, path)
    try:
        outcome = run_job(page, _("Reading the workbook…"), work)
    except (SheetError, OSError) as exc:
        _failed(page, title, exc)
        return None
    if outcome is not None:
        _report(page, title, outcome)
        page.ctx.notify("dues")
    return outcome


def import_payroll_bases(page: Any) -> Any:
    year, ok = QInputDialog.getInt(page, _("Import wage bases from payroll"), _("The bases are for the year:"),
                                   page.filters.year.value(), 1990, 2999)
    return import_ledger(page, bases_year=year) if ok else None


def print_ledger(page: Any) -> None:
    from unionoffice.gui.printing import preview_pdf
    from unionoffice.io.dues_forms import dues_ledger_form
    from unionoffice.io.forms import render_form
    from unionoffice.services.office import document_language, load_settings

    ledger = page.ledger
    if ledger is None:
        return
    with page.ctx.db.session() as session:
        union, language = load_settings(session).union_name, document_language(session)
    form = dues_ledger_form(ledger, union, page.filters.group_name, language=language)
    pdf = run_job(page, _("Laying out the pages…"), lambda progress: render_form(form, progress))
    if pdf is not None:
        preview_pdf(page, pdf, _("Dues collection ledger"))


def print_receipts(page: Any, member_ids: list[int]) -> None:
    from sqlalchemy.orm import selectinload

    from unionoffice.gui.printing import preview_pdf
    from unionoffice.io.dues_forms import receipt_form
    from unionoffice.io.forms import render_form
    from unionoffice.services import dues_payments
    from unionoffice.services.office import document_language, load_settings
    from unionoffice.store.models.dues import DuesPayment
    from unionoffice.store.models.core import Member

    period = page.filters.selected_period
    with page.ctx.db.session() as session:
        payments = [p for p in dues_payments.payments_in(session, period) if p.member_id in set(member_ids)]
        session.query(DuesPayment).options(selectinload(DuesPayment.member).selectinload(Member.group)).filter(
            DuesPayment.id.in_([p.id for p in payments])).all()
        if not payments:
            QMessageBox.information(page, _("Dues receipts"), _("The members chosen paid nothing for this period."))
            return
        form = receipt_form(payments, load_settings(session).union_name, language=document_language(session))
    pdf = render_form(form)
    preview_pdf(page, pdf, _("Dues receipts"))
