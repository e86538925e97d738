"""变更会籍: the kind of change, its date and reason; a transfer out also asks the destination."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QMessageBox, QWidget

from unionoffice.domain.choices import MembershipEventKind
from unionoffice.gui.widgets import ChoiceCombo, date_edit
from unionoffice.i18n import _


class StatusDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Change membership status"))
        form = QFormLayout(self)
        self.kind_combo = ChoiceCombo(MembershipEventKind, blank=None)
        self.kind_combo.value = MembershipEventKind.TRANSFER_OUT.value
        self.date_edit = date_edit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.reason_edit = QLineEdit()
        self.destination_edit = QLineEdit()
        self.destination_edit.setPlaceholderText(_("the union the member transfers to"))
        form.addRow(_("Change"), self.kind_combo)
        form.addRow(_("Date"), self.date_edit)
        form.addRow(_("Reason"), self.reason_edit)
        form.addRow(_("Destination"), self.destination_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("OK"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.kind_combo.currentIndexChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.destination_edit.setEnabled(self.kind == MembershipEventKind.TRANSFER_OUT)

    @property
    def kind(self) -> MembershipEventKind:
        return MembershipEventKind(self.kind_combo.value)

    @property
    def date(self) -> dt.date:
        return self.date_edit.date().toPython()

    @property
    def reason(self) -> str:
        return self.reason_edit.text().strip()

    @property
    def destination(self) -> str:
        return self.destination_edit.text().strip() if self.kind == MembershipEventKind.TRANSFER_OUT else ""

    def accept(self) -> None:
        if self.kind == MembershipEventKind.TRANSFER_OUT and not self.destination:
            QMessageBox.warning(self, self.windowTitle(), _("A transfer out needs the union it goes to."))
            return
        if self.date > dt.date.today():
            QMessageBox.warning(self, self.windowTitle(), _("The date is later than today."))
            return
        super().accept()
