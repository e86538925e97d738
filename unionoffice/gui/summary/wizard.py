"""工作总结向导: period → template → draft and edit → print and save."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget, QWizard

from unionoffice.gui.context import AppContext
from unionoffice.gui.summary.edit import EditPage
from unionoffice.gui.summary.output import OutputPage
from unionoffice.gui.summary.state import WizardState
from unionoffice.gui.summary.steps import PeriodPage, TemplatePage
from unionoffice.i18n import _
from unionoffice.reports.draft import Draft


class SummaryWizard(QWizard):
    PERIOD, TEMPLATE, EDIT, OUTPUT = range(4)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.state = WizardState()
        self.setWindowTitle(_("Work summary wizard"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.resize(960, 720)
        self.period_page = PeriodPage(ctx, self.state)
        self.template_page = TemplatePage(ctx, self.state)
        self.edit_page = EditPage(ctx, self.state)
        self.output_page = OutputPage(ctx, self.state)
        for page_id, page in [(self.PERIOD, self.period_page), (self.TEMPLATE, self.template_page),
                              (self.EDIT, self.edit_page), (self.OUTPUT, self.output_page)]:
            self.setPage(page_id, page)
        self.setButtonText(QWizard.WizardButton.NextButton, _("Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, _("< Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Cancel"))

    def reject(self) -> None:
        """Cancel or Escape at the edit step with text typed since the last save: save it, drop it, or stay."""
        if self.currentId() == self.EDIT and self.edit_page.has_unsaved_typing():
            buttons = QMessageBox.StandardButton
            answer = QMessageBox.question(
                self, _("Work summary wizard"), _("Save the changes to the draft before closing?"),
                buttons.Save | buttons.Discard | buttons.Cancel, buttons.Save)
            if answer == buttons.Cancel:
                return
            if answer == buttons.Save:
                self.edit_page.save()
        super().reject()

    def open_saved(self, draft_id: int, draft: Draft) -> None:
        """Start at the edit step with a saved draft (its template and period restored)."""
        self.state.choose_template(draft.template_key)
        self.state.period = draft.period
        self.state.draft = draft
        self.state.draft_id = draft_id
        self.state.drafted_from = None
        self.setStartId(self.EDIT)
