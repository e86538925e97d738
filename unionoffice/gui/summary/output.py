"""Step 5 of the report wizard: preview, print, save as PDF, save as DOCX."""

from __future__ import annotations

import io
from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWizardPage

from unionoffice.gui.context import AppContext
from unionoffice.gui.summary.state import WizardState
from unionoffice.i18n import _, os_error_text
from unionoffice.gui import file_dialogs


def draft_pdf_bytes(state: WizardState) -> bytes:
    from unionoffice.reports.compose import to_document
    from unionoffice.reports.pdf_writer import write_pdf

    buffer = io.BytesIO()
    write_pdf(to_document(state.draft), buffer)
    return buffer.getvalue()


class OutputPage(QWizardPage):
    def __init__(self, ctx: AppContext, state: WizardState) -> None:
        super().__init__()
        self.ctx, self.state = ctx, state
        self.setTitle(_("Step 4: print and save"))
        self.setSubTitle(_("The draft is saved; it can be reopened from the Work summary page."))
        layout = QVBoxLayout(self)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #8a5a00;")
        layout.addWidget(self.warning)
        row = QHBoxLayout()
        self.preview_button = QPushButton(_("Preview and print…"))
        self.pdf_button = QPushButton(_("Save as PDF…"))
        self.docx_button = QPushButton(_("Save as DOCX…"))
        self.preview_button.clicked.connect(self.preview)
        self.pdf_button.clicked.connect(lambda: self.save_as("pdf"))
        self.docx_button.clicked.connect(lambda: self.save_as("docx"))
        for button in (self.preview_button, self.pdf_button, self.docx_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.result = QLabel()
        self.result.setWordWrap(True)
        layout.addWidget(self.result)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 (Qt name)
        unedited = [p.heading for p in self.state.draft.parts if p.undrafted]
        self.warning.setText(
            _("These parts still hold only the prompt and are left out of the printout: {parts}. "
              "Go back to write them if the summary needs them.").format(parts="、".join(unedited)) if unedited else "")

    def preview(self) -> None:
        from unionoffice.gui.printing import preview_pdf

        preview_pdf(self, draft_pdf_bytes(self.state), self.state.draft.title)

    def default_name(self, suffix: str) -> str:
        return f"{self.state.draft.title}.{suffix}"

    def save_as(self, suffix: str, target: Path | None = None) -> Path | None:
        if target is None:
            filters = {"pdf": _("PDF files (*.pdf)"), "docx": _("Word documents (*.docx)")}
            name = file_dialogs.save_file_name(self, file_dialogs.SUMMARY, _("Save the summary"), self.default_name(suffix), filters[suffix])
            if not name:
                return None
            target = Path(name)
            if target.suffix.lower() != f".{suffix}":
                target = target.with_name(target.name + f".{suffix}")
        from unionoffice.reports.compose import to_document
        from unionoffice.reports.docx_writer import write_docx
        from unionoffice.reports.pdf_writer import write_pdf

        document = to_document(self.state.draft)
        try:
            (write_pdf if suffix == "pdf" else write_docx)(document, target)
        except OSError as exc:
            self.result.setText(_("Could not save {path}: {error}").format(path=target, error=os_error_text(exc)))
            return None
        self.result.setText(_("Saved to {path}.").format(path=target))
        return target
