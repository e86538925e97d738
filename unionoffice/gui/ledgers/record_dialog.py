"""What the activity and training forms share: refusing with the field focused, asking before
typed work is lost, and the checks on title, kind and dates."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from unionoffice.gui.ledgers.unsaved import may_discard
from unionoffice.i18n import _


class LedgerRecordDialog(QDialog):
    """Subclasses build ``tabs``, ``title``, ``kind``, ``start_date``/``has_end``/``end_date`` and
    record ``_opened_with`` (unsaved.form_state) once the form is filled."""

    def _refuse(self, message: str, widget: QWidget, tab: int = 0) -> None:
        self.tabs.setCurrentIndex(tab)
        QMessageBox.warning(self, self.windowTitle(), message)
        widget.setFocus()

    def reject(self) -> None:
        if may_discard(self, self._opened_with):
            super().reject()

    def refused_common_fields(self, missing_title: str) -> bool:
        """Refuse (and return True) a blank title, no kind, or an end before the start."""
        if not self.title.text().strip():
            self._refuse(missing_title, self.title)
        elif self.kind.currentData() is None:
            self._refuse(_("Choose a kind (manage the list with “Manage kinds…”)."), self.kind)
        elif self.has_end.isChecked() and self.end_date.date() < self.start_date.date():
            self._refuse(_("The end date is before the start date."), self.end_date)
        else:
            return False
        return True
