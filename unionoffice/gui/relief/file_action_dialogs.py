"""Small dialogs of the hardship files list: close (脱困/注销), record a review, enter a month's income."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QCheckBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from unionoffice.domain.money import AmountError
from unionoffice.domain.relief import HardshipStatus
from unionoffice.gui.relief.widgets import MoneyEdit, choice_combo, date_edit, get_date, show_error
from unionoffice.gui.widgets import save_cancel_buttons
from unionoffice.i18n import _
from unionoffice.services.hardship_rules import ReviewInput


def _ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("OK"))
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class CloseFileDialog(QDialog):
    """脱困 or 注销 with the date and the reason."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Close the hardship file of {name}").format(name=name))
        self.status = choice_combo([(s.value, s.label()) for s in (HardshipStatus.OUT_OF_HARDSHIP, HardshipStatus.CANCELLED)])
        self.date: QDateEdit = date_edit()
        self.reason = QLineEdit()
        self.reason.setObjectName("closeReason")
        form = QFormLayout(self)
        form.addRow(_("New status"), self.status)
        form.addRow(_("Date"), self.date)
        form.addRow(_("Reason"), self.reason)
        form.addRow(_ok_cancel(self))

    def accept(self) -> None:
        if not self.reason.text().strip():
            show_error(self, _("Please give the reason."))
            return
        super().accept()

    @property
    def values(self) -> tuple[str, dt.date, str]:
        return self.status.currentData(), get_date(self.date), self.reason.text().strip()


class ReviewDialog(QDialog):
    """A review (复核): when, who, what was found, and optionally the household's income as found."""

    def __init__(self, name: str, household_size: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Review of the hardship file of {name}").format(name=name))
        self.date = date_edit()
        self.reviewer = QLineEdit()
        self.reviewer.setObjectName("reviewer")
        self.findings = QPlainTextEdit()
        self.findings.setObjectName("findings")
        self.findings.setMaximumHeight(80)
        self.update_income = QCheckBox(_("Income updated at this review"))
        self.update_income.setObjectName("updateIncome")
        self.income = MoneyEdit()
        self.income.setObjectName("reviewIncome")
        self.size = QSpinBox()
        self.size.setRange(1, 30)
        self.size.setValue(household_size)
        for widget in (self.income, self.size):
            widget.setEnabled(False)
            self.update_income.toggled.connect(widget.setEnabled)
        form = QFormLayout(self)
        form.addRow(_("Date"), self.date)
        form.addRow(_("Reviewed by"), self.reviewer)
        form.addRow(_("Findings"), self.findings)
        form.addRow("", self.update_income)
        form.addRow(_("Household annual income (yuan)"), self.income)
        form.addRow(_("Household size"), self.size)
        form.addRow(save_cancel_buttons(self))
        self._value: ReviewInput | None = None

    def accept(self) -> None:
        if not self.reviewer.text().strip():
            show_error(self, _("Please enter who reviewed the file."))
            self.reviewer.setFocus()
            return
        try:
            income = self.income.fen(allow_empty=False) if self.update_income.isChecked() else None
        except AmountError as exc:
            show_error(self, _("{field}: {error}").format(field=_("Household annual income (yuan)"), error=exc))
            self.income.setFocus()
            return
        self._value = ReviewInput(get_date(self.date), self.reviewer.text().strip(), self.findings.toPlainText().strip(),
                                  income, self.size.value() if self.update_income.isChecked() else None)
        super().accept()

    @property
    def value(self) -> ReviewInput | None:
        return self._value


class MonthlyIncomeDialog(QDialog):
    """The household's income in one month (the 脱困 check's history)."""

    def __init__(self, name: str, household_size: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Monthly income of {name}'s household").format(name=name))
        self.month = date_edit()
        self.month.setDisplayFormat("yyyy-MM")
        self.income = MoneyEdit()
        self.income.setObjectName("monthIncome")
        self.size = QSpinBox()
        self.size.setRange(1, 30)
        self.size.setValue(household_size)
        form = QFormLayout(self)
        form.addRow(_("Month"), self.month)
        form.addRow(_("Household income that month (yuan)"), self.income)
        form.addRow(_("Household size"), self.size)
        form.addRow(save_cancel_buttons(self))
        self._value: tuple[dt.date, int, int] | None = None

    def accept(self) -> None:
        try:
            fen = self.income.fen(allow_empty=False)
        except AmountError as exc:
            show_error(self, str(exc))
            return
        self._value = (get_date(self.month).replace(day=1), fen, self.size.value())
        super().accept()

    @property
    def value(self) -> tuple[dt.date, int, int] | None:
        return self._value
