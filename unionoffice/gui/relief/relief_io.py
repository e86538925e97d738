"""Printing, Excel export and import from the relief and rights pages: file dialogs, a job off
the UI thread, the print preview, and the import report."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from unionoffice.i18n import _, os_error_text
from unionoffice.gui.background import run_job
from unionoffice.gui.widgets import run_modal
from unionoffice.gui import file_dialogs

XLSX_FILTER = "Excel (*.xlsx)"
IMPORT_FILTER = "Excel / WPS (*.xlsx *.xls *.ods)"


def _save_path(parent: QWidget, suggested: str) -> Path | None:
    path = file_dialogs.save_file_name(parent, file_dialogs.SPREADSHEET, _("Export to Excel"), suggested, XLSX_FILTER)
    if not path:
        return None
    return Path(path if path.lower().endswith(".xlsx") else path + ".xlsx")


def _write_failed(tab: Any, exc: OSError) -> None:
    """A file could not be written (open in Excel, a missing folder): say so instead of failing silently."""
    QMessageBox.warning(tab, _("Export to Excel"), str(exc) if exc.strerror is None else f"{exc.filename}：{os_error_text(exc)}")


def _with_session(tab: Any, action: Callable[..., Any], write: bool = False) -> Callable[[Callable[[int, int], None]], Any]:
    def work(progress: Callable[[int, int], None]) -> Any:
        with tab.ctx.db.session(write=write) as session:
            return action(session, progress)
    return work


def _preview(tab: Any, build: Callable[..., Any], title: str) -> None:
    from unionoffice.gui.printing import preview_pdf
    from unionoffice.io.forms import render_form

    def work(progress: Callable[[int, int], None]) -> bytes:
        with tab.ctx.db.session() as session:
            form = build(session)
        return render_form(form, progress)

    pdf = run_job(tab, _("Laying out the pages…"), work)
    if pdf is not None:
        preview_pdf(tab, pdf, title)


# --- visits --------------------------------------------------------------------------------

def print_payment_sheet(tab: Any) -> None:
    """慰问金发放签领表 for the batch or period the visit list shows."""
    from unionoffice.io.relief_forms import payment_sheet

    flt = tab.current_filter()
    if flt.batch_id is None and flt.start is None:
        QMessageBox.information(tab, _("Signed payment sheet"),
                                _("Choose a round or a year above first: the sheet lists the visits shown."))
        return
    _preview(tab, lambda session: payment_sheet(session, flt)[0], _("Signed payment sheet"))


def export_visits(tab: Any) -> None:
    from unionoffice.services.relief_io import export_visits as export

    path = _save_path(tab, _("Relief visits") + ".xlsx")
    if path is not None:
        flt = tab.current_filter()
        try:
            count = run_job(tab, _("Exporting…"), _with_session(tab, lambda s, p: export(s, path, flt, lambda n: p(n, 0))))
        except OSError as exc:
            return _write_failed(tab, exc)
        if count is not None:
            tab.ctx.status_message.emit(_("{count} rows written to {path}.").format(count=count, path=path))


def _import(tab: Any, importer_name: str, entity: str) -> None:
    from unionoffice.io.sheets import SheetError, error_lines, write_rejected_rows
    from unionoffice.services import relief_io

    path = file_dialogs.open_file_name(tab, file_dialogs.SPREADSHEET, _("Import from Excel"), IMPORT_FILTER)
    if not path:
        return
    importer = getattr(relief_io, importer_name)
    try:
        outcome = run_job(tab, _("Reading {file}…").format(file=Path(path).name),
                          _with_session(tab, lambda s, p: importer(s, path, False, p), write=True))
        if outcome is None:
            return
        if outcome.rejected:
            box = QMessageBox(QMessageBox.Icon.Warning, _("Import from Excel"), _(
                "{bad} of {total} rows have problems; nothing has been imported yet.").format(
                bad=len(outcome.rejected), total=len(outcome.parsed.rows)), parent=tab)
            box.setDetailedText("\n".join(outcome.parsed.notices() + error_lines(outcome.rejected)))
            go_on = box.addButton(_("Import the other rows"), QMessageBox.ButtonRole.AcceptRole)
            save = box.addButton(_("Save the rejected rows…"), QMessageBox.ButtonRole.ActionRole)
            box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
            run_modal(box)
            if box.clickedButton() is save:
                target = _save_path(tab, Path(path).stem + _("-rejected") + ".xlsx")
                if target is not None:
                    try:
                        write_rejected_rows(outcome.parsed, target, outcome.rejected)
                    except OSError as exc:
                        _write_failed(tab, exc)
                return
            if box.clickedButton() is not go_on:
                return
            outcome = run_job(tab, _("Importing…"), _with_session(tab, lambda s, p: importer(s, path, True, p)))
            if outcome is None:
                return
    except SheetError as exc:
        QMessageBox.warning(tab, _("Import from Excel"), str(exc))
        return
    tab.ctx.notify(entity)
    QMessageBox.information(tab, _("Import from Excel"), _("{imported} rows imported, {rejected} rejected.").format(
        imported=outcome.imported, rejected=len(outcome.rejected)))


def import_visits(tab: Any) -> None:
    _import(tab, "import_visits", "relief_visit")


# --- hardship files ------------------------------------------------------------------------

def print_hardship_file(tab: Any) -> None:
    from unionoffice.io.relief_forms import hardship_file_form

    ids = tab.selected()
    if len(ids) != 1:
        QMessageBox.information(tab, _("Print the file"), _("Please select one file."))
        return
    _preview(tab, lambda session: hardship_file_form(session, ids[0]), _("Hardship worker file"))


def print_hardship_list(tab: Any) -> None:
    from unionoffice.io.relief_forms import hardship_list_form

    rows, title = list(tab.model.rows), tab.current_title()
    _preview(tab, lambda session: hardship_list_form(session, rows, title), title)


def export_hardship_list(tab: Any) -> None:
    from unionoffice.io.relief_sheets import export_file_list

    path = _save_path(tab, tab.current_title() + ".xlsx")
    if path is not None:
        try:
            count = export_file_list(path, list(tab.model.rows), tab.current_title())
        except OSError as exc:
            return _write_failed(tab, exc)
        tab.ctx.status_message.emit(_("{count} rows written to {path}.").format(count=count, path=path))


# --- rights cases --------------------------------------------------------------------------

def export_cases(tab: Any) -> None:
    from unionoffice.services.relief_io import export_cases as export

    path = _save_path(tab, _("Rights cases") + ".xlsx")
    if path is not None:
        flt = tab.current_filter()
        try:
            count = run_job(tab, _("Exporting…"), _with_session(tab, lambda s, p: export(s, path, flt, lambda n: p(n, 0))))
        except OSError as exc:
            return _write_failed(tab, exc)
        if count is not None:
            tab.ctx.status_message.emit(_("{count} rows written to {path}.").format(count=count, path=path))


def import_cases(tab: Any) -> None:
    _import(tab, "import_cases", "rights_case")
