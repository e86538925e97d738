"""The pages' sign-in sheet, import and export actions (services do the work; this asks and shows)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from unionoffice.gui.context import AppContext
from unionoffice.gui.background import Cancelled, Job
from unionoffice.i18n import _
from unionoffice.io.sheets import SheetError, write_rejected_rows
from unionoffice.services import ledger_export, ledger_import
from unionoffice.services.ledger_import import LedgerImport
from unionoffice.gui import file_dialogs

XLSX_FILTER = "Excel (*.xlsx *.xls *.ods)"


class ImportReportDialog(QDialog):
    """What the check found; Import (all rows good), Import the good rows, Save the rejected rows, Cancel."""

    def __init__(self, result: LedgerImport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result = result
        self.setWindowTitle(_("Import check"))
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        records = len(result.records.rows)
        attendees = len(result.attendees.rows) if result.attendees is not None else 0
        self.summary = QLabel(_("{records} records and {attendees} attendee lines read; {rejected} rows rejected.").format(
            records=records, attendees=attendees, rejected=result.rejected))
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.details = QPlainTextEdit("\n".join(result.error_lines() + result.notice_lines()))
        self.details.setReadOnly(True)
        layout.addWidget(self.details, 1)
        buttons = QDialogButtonBox()
        good = len(result.records.good_rows)
        self.import_button = QPushButton(_("Import") if not result.rejected else _("Import the {count} good records").format(count=good))
        self.import_button.setEnabled(good > 0)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_errors = QPushButton(_("Save the rejected rows…"))
        self.save_errors.setEnabled(result.rejected > 0)
        self.save_errors.clicked.connect(self.save_rejected)
        buttons.addButton(self.save_errors, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def save_rejected(self, path: str | None = None) -> None:
        if not path:
            path = file_dialogs.save_file_name(self, file_dialogs.SPREADSHEET, _("Save the rejected rows"), _("rejected rows.xlsx"), "Excel (*.xlsx)")
        if not path:
            return
        target = Path(path)
        try:
            write_rejected_rows(self.result.records, target)
            if self.result.attendees is not None and self.result.attendees.rejected_rows:
                write_rejected_rows(self.result.attendees, target.with_name(f"{target.stem}-2{target.suffix}"))
        except OSError as exc:
            QMessageBox.warning(self, _("Save the rejected rows"), str(exc))


class LedgerActions:
    """Bound to one page; ``training`` picks the ledger."""

    def __init__(self, page: Any, ctx: AppContext, training: bool) -> None:
        self.page = page
        self.ctx = ctx
        self.training = training
        self.jobs: list[Job] = []

    # --- import --------------------------------------------------------------------------

    def _run(self, title: str, work: Callable[[Callable[..., None]], Any], done: Callable[[Any], None]) -> Job:
        job = Job(self.page, title, work)
        job.finished.connect(done)
        job.failed.connect(self._failed)
        self.jobs.append(job)
        job.destroyed.connect(lambda _obj=None, j=job: self.jobs.remove(j) if j in self.jobs else None)
        return job.start()

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, Cancelled):
            self.ctx.status_message.emit(_("Cancelled."))
            return
        QMessageBox.warning(self.page, _("Import and export"), str(exc) if isinstance(exc, (SheetError, OSError)) else repr(exc))

    def _import(self, path: Path, dry_run: bool, skip_invalid: bool, progress: Callable[..., None]) -> LedgerImport:
        function = ledger_import.import_trainings if self.training else ledger_import.import_activities
        with self.ctx.db.session(write=not dry_run) as session:
            return function(session, path, dry_run=dry_run, skip_invalid=skip_invalid, progress=progress)

    def import_file(self, path: str | None = None) -> Job | None:
        if not path:
            path = file_dialogs.open_file_name(self.page, file_dialogs.SPREADSHEET, _("Import from Excel"), XLSX_FILTER)
        if not path:
            return None
        return self._run(_("Checking the file…"), lambda p: self._import(Path(path), True, False, p),
                         lambda result: self._confirm_import(Path(path), result))

    def _confirm_import(self, path: Path, result: LedgerImport) -> None:
        dialog = ImportReportDialog(result, self.page)
        self.report_dialog = dialog
        dialog.accepted.connect(lambda: self._run(
            _("Importing…"), lambda p: self._import(path, False, result.rejected > 0, p), self._imported))
        dialog.open()

    def _imported(self, result: LedgerImport) -> None:
        self.ctx.notify("training" if self.training else "activity")
        self.ctx.status_message.emit(_("Imported {records} records with {attendees} attendees.").format(
            records=result.imported_records, attendees=result.imported_attendees))

    # --- export --------------------------------------------------------------------------

    def export_file(self, path: str | None = None) -> Job | None:
        if not path:
            default = _("training records.xlsx") if self.training else _("activity log.xlsx")
            path = file_dialogs.save_file_name(self.page, file_dialogs.SPREADSHEET, _("Export to Excel"), default, "Excel (*.xlsx)")
        if not path:
            return None
        function = ledger_export.export_trainings if self.training else ledger_export.export_activities
        flt = self.page.current_filter()

        def work(progress: Callable[..., None]) -> Path:
            with self.ctx.db.session() as session:
                return function(session, path, flt, progress)

        return self._run(_("Exporting…"), work, lambda p: self.ctx.status_message.emit(_("Written: {path}").format(path=p)))

    def export_honours(self, path: str | None = None) -> Job | None:
        if not path:
            path = file_dialogs.save_file_name(self.page, file_dialogs.SPREADSHEET, _("Export the honours list"), _("honours.xlsx"), "Excel (*.xlsx)")
        if not path:
            return None
        flt = self.page.current_filter()

        def work(progress: Callable[..., None]) -> Path:
            with self.ctx.db.session() as session:
                return ledger_export.export_honours(session, path, flt.date_from, flt.date_to, progress)

        return self._run(_("Exporting…"), work, lambda p: self.ctx.status_message.emit(_("Written: {path}").format(path=p)))
