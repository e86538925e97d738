"""工作总结 page: saved summaries (open, copy to the next period, delete) and the wizard."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from unionoffice.gui.context import AppContext
from unionoffice.gui.summary.wizard import SummaryWizard
from unionoffice.i18n import _, format_date, format_datetime
from unionoffice.reports.template import load_template
from unionoffice.services import summaries
from unionoffice.gui.list_keys import leave_table_on_tab


class SummaryPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>" + _("Work summary") + "</h2>"))
        layout.addWidget(QLabel(_("Draft the half-year or annual summary from the records, edit it, print it or save it as PDF and DOCX.")))
        row = QHBoxLayout()
        self.new_button = QPushButton(_("New summary…"))
        self.open_button = QPushButton(_("Open"))
        self.copy_button = QPushButton(_("Copy for the next period"))
        self.delete_button = QPushButton(_("Delete…"))
        self.new_button.clicked.connect(self.new_summary)
        self.open_button.clicked.connect(self.open_selected)
        self.copy_button.clicked.connect(self.copy_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        for button in (self.new_button, self.open_button, self.copy_button, self.delete_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.table = QTableWidget(0, 3)
        leave_table_on_tab(self.table)
        self.table.setHorizontalHeaderLabels([_("Title"), _("Period"), _("Last saved")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 420)
        self.table.setColumnWidth(1, 300)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        layout.addWidget(self.table, 1)
        QShortcut(QKeySequence.StandardKey.New, self, activated=self.new_summary)
        QShortcut(QKeySequence.StandardKey.Delete, self.table, activated=self.delete_selected)
        self.ids: list[int] = []
        self.wizard: SummaryWizard | None = None
        ctx.data_changed.connect(lambda entity: self.refresh() if entity in ("report_drafts", "members") else None)
        self.refresh()

    def refresh(self) -> None:
        with self.ctx.db.session() as session:
            rows = [(d.id, d.title, d.start, d.end, d.updated_at) for d in summaries.list_drafts(session)]
        self.ids = [r[0] for r in rows]
        self.table.setRowCount(len(rows))
        for index, (_id, title, start, end, updated) in enumerate(rows):
            period = _("{start} to {end}").format(start=format_date(start), end=format_date(end))
            for column, text in enumerate([title, period, format_datetime(updated)]):
                self.table.setItem(index, column, QTableWidgetItem(text))
        for button in (self.open_button, self.copy_button, self.delete_button):
            button.setEnabled(bool(rows))

    def selected_id(self) -> int | None:
        row = self.table.currentRow()
        return self.ids[row] if 0 <= row < len(self.ids) else None

    def new_summary(self) -> SummaryWizard:
        self.wizard = SummaryWizard(self.ctx, self)
        self.wizard.finished.connect(lambda _result: self.refresh())
        self.wizard.open()
        return self.wizard

    def open_selected(self) -> SummaryWizard | None:
        draft_id = self.selected_id()
        if draft_id is None:
            return None
        with self.ctx.db.session() as session:
            draft = summaries.load_draft(session, draft_id)
        self.wizard = SummaryWizard(self.ctx, self)
        self.wizard.open_saved(draft_id, draft)
        self.wizard.finished.connect(lambda _result: self.refresh())
        self.wizard.open()
        return self.wizard

    def copy_selected(self) -> None:
        draft_id = self.selected_id()
        if draft_id is None:
            return
        with self.ctx.db.session(write=True) as session:
            template, _error = load_template(summaries.load_draft(session, draft_id).template_key)
            summaries.duplicate_for_next_period(session, draft_id, template)
        self.ctx.notify("report_drafts")

    def delete_selected(self) -> None:
        draft_id = self.selected_id()
        if draft_id is None:
            return
        answer = QMessageBox.question(self, _("Delete"), _("Move this summary to the recycle bin?"))
        if answer == QMessageBox.StandardButton.Yes:
            with self.ctx.db.session(write=True) as session:
                summaries.delete_draft(session, draft_id)
            self.ctx.notify("report_drafts")


def create_page(ctx: AppContext) -> QWidget:
    return SummaryPage(ctx)
