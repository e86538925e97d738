"""Steps 3–4 of the report wizard: the draft, one tab per part, editable, re-draftable per part."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from unionoffice.gui.context import AppContext
from unionoffice.gui.summary.pickers import HighlightPicker, SuggestionPicker
from unionoffice.gui.summary.state import WizardState
from unionoffice.i18n import _
from unionoffice.reports.draft import DraftPart, draft_summary, redraft_part
from unionoffice.services import summaries


class PartEditor(QWidget):
    """One part: its heading, its text, and (for drafted parts) a button to draft it again."""

    def __init__(self, part: DraftPart, redraft) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>{part.heading}</b>"))
        self.text = QPlainTextEdit()
        self.text.setObjectName(f"part_{part.key}")
        layout.addWidget(self.text, 1)
        self.suggestions: SuggestionPicker | None = None
        self._layout = layout
        self.info = QLabel()
        self.info.setWordWrap(True)
        layout.addWidget(self.info)
        row = QHBoxLayout()
        self.redraft_button = QPushButton(_("Draft this part again from the data"))
        self.redraft_button.clicked.connect(lambda: redraft(part.key))
        self.redraft_button.setVisible(not part.is_prompt)
        row.addWidget(self.redraft_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.show_part(part)

    def show_part(self, part: DraftPart) -> None:
        self.text.setPlainText(part.text)
        if self.suggestions is not None:
            self.suggestions.setParent(None)
            self.suggestions = None
        if part.suggestions:
            self.suggestions = SuggestionPicker(part.suggestions, lambda chosen: self.text.setPlainText("\n".join(chosen)))
            self._layout.insertWidget(2, self.suggestions)
        notes = []
        if part.is_prompt:
            notes.append(_("This part is yours to write: replace the prompt with the office's own words."))
        if part.tables:
            notes.append(_("Tables drawn from the data: {names}.").format(names="、".join(t.caption or _("statistics") for t in part.tables)))
        if part.charts:
            notes.append(_("Charts: {names}.").format(names="、".join(c.title for c in part.charts)))
        self.info.setText(" ".join(notes))


class EditPage(QWizardPage):
    def __init__(self, ctx: AppContext, state: WizardState) -> None:
        super().__init__()
        self.ctx, self.state = ctx, state
        self.setTitle(_("Step 3: draft and edit"))
        self.setSubTitle(_("Each part was drafted from the records of the period. Edit the text as you like."))
        layout = QVBoxLayout(self)
        title_row = QHBoxLayout()
        title_row.addWidget(QLabel(_("Title:")))
        self.title = QLineEdit()
        title_row.addWidget(self.title, 1)
        layout.addLayout(title_row)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.highlights = HighlightPicker(self.draft_without)
        layout.addWidget(self.highlights)
        row = QHBoxLayout()
        self.save_button = QPushButton(_("Save draft"))
        self.save_button.clicked.connect(self.save)
        self.saved_label = QLabel()
        row.addWidget(self.save_button)
        row.addWidget(self.saved_label, 1)
        layout.addLayout(row)
        self.editors: dict[str, PartEditor] = {}

    def initializePage(self) -> None:  # noqa: N802 (Qt name)
        state = self.state
        if state.draft is None or (state.drafted_from is not None and state.drafted_from != state.choices()):
            self._draft(set())
            state.drafted_from = state.choices()
        self._show_draft()

    def _draft(self, dropped: set[str]) -> None:
        state = self.state
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            with self.ctx.db.session() as session:
                state.draft = draft_summary(session, state.period, state.effective_template(),
                                            today=state.today(), title=state.title or None, dropped=dropped)
            if state.signature_unit:
                state.draft.signature_unit = state.signature_unit
        finally:
            QGuiApplication.restoreOverrideCursor()

    def draft_without(self, dropped: set[str]) -> None:
        """Draft again leaving out the unticked highlights; parts the clerk edited stay as typed."""
        self.collect_edits()
        old = self.state.draft
        title = old.title
        self._draft(dropped)
        fresh = self.state.draft
        fresh.title = title
        fresh.signature_unit = old.signature_unit
        kept = {p.key: p for p in old.parts if p.edited}
        fresh.parts = [kept.get(p.key, p) for p in fresh.parts]
        self._show_draft()

    def _show_draft(self) -> None:
        self.tabs.clear()
        self.editors.clear()
        self.title.setText(self.state.draft.title)
        self.highlights.show_highlights(self.state.draft.highlights, self.state.draft.dropped)
        for part in self.state.draft.parts:
            editor = PartEditor(part, self.redraft)
            self.editors[part.key] = editor
            self.tabs.addTab(editor, part.heading)
        self._shown_texts = self._texts()

    def _texts(self) -> tuple[str, ...]:
        return (self.title.text(),) + tuple(editor.text.toPlainText() for editor in self.editors.values())

    def has_unsaved_typing(self) -> bool:
        """Something typed (or re-drafted) since the draft was shown or last saved."""
        return bool(self.editors) and self._texts() != getattr(self, "_shown_texts", ())

    def collect_edits(self) -> None:
        """Copy what the clerk typed back into the draft."""
        draft = self.state.draft
        draft.title = self.title.text().strip() or draft.title
        for part in draft.parts:
            text = self.editors[part.key].text.toPlainText()
            if text != part.text:
                part.text = text
                part.edited = True

    def redraft(self, key: str) -> None:
        self.collect_edits()
        part = self.state.draft.part(key)
        if part.edited:
            answer = QMessageBox.question(
                self, _("Draft again"),
                _("Your changes to “{heading}” will be replaced by a fresh draft from the data. Go on?").format(heading=part.heading))
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.redraft_now(key)

    def redraft_now(self, key: str) -> None:
        self.collect_edits()
        with self.ctx.db.session() as session:
            fresh = redraft_part(session, self.state.draft, self.state.effective_template(), key)
        self.editors[key].show_part(fresh)

    def save(self) -> int:
        self.collect_edits()
        with self.ctx.db.session(write=True) as session:
            row = summaries.save_draft(session, self.state.draft, self.state.draft_id)
            self.state.draft_id = row.id
        self.saved_label.setText(_("Saved."))
        self._shown_texts = self._texts()
        self.ctx.notify("report_drafts")
        return self.state.draft_id

    def validatePage(self) -> bool:  # noqa: N802 (Qt name)
        self.save()
        return True
