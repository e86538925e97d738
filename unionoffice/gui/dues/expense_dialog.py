"""One entry of the expense ledger: date, purpose, amount, funding source, 经办人, voucher no."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDialog, QFormLayout, QLineEdit, QMessageBox, QWidget

from unionoffice.domain.money import AmountError, format_yuan, parse_amount
from unionoffice.gui.widgets import date_edit, funding_combo, save_cancel_buttons, select_funding
from unionoffice.i18n import _
from unionoffice.services.expenses import ExpenseError, ExpenseInput, clean_expense


class ExpenseDialog(QDialog):
    def __init__(self, expense: object | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Expense"))
        form = QFormLayout(self)
        self.date = date_edit(getattr(expense, "date", None) or dt.date.today())
        self.date.setObjectName("date")
        self.purpose = QLineEdit(getattr(expense, "purpose", ""))
        self.purpose.setObjectName("purpose")
        self.amount = QLineEdit(format_yuan(expense.amount_fen) if expense is not None else "")  # type: ignore[attr-defined]
        self.amount.setObjectName("amount")
        self.funding = funding_combo()
        select_funding(self.funding, getattr(expense, "funding_source", "own_funds"))
        self.handler = QLineEdit(getattr(expense, "handler", ""))
        self.handler.setObjectName("handler")
        self.voucher = QLineEdit(getattr(expense, "voucher_no", ""))
        self.voucher.setObjectName("voucher")
        self.notes = QLineEdit(getattr(expense, "notes", ""))
        form.addRow(_("Date"), self.date)
        form.addRow(_("Purpose"), self.purpose)
        form.addRow(_("Amount (yuan)"), self.amount)
        form.addRow(_("Funding source"), self.funding)
        form.addRow(_("Handled by"), self.handler)
        form.addRow(_("Voucher no."), self.voucher)
        form.addRow(_("Notes"), self.notes)
        form.addRow(save_cancel_buttons(self))

    @property
    def data(self) -> ExpenseInput:
        return ExpenseInput(self.date.date().toPython(), self.purpose.text(), parse_amount(self.amount.text()),
                            self.funding.currentData() or "", self.handler.text(), self.voucher.text(), self.notes.text())

    def accept(self) -> None:
        try:
            clean_expense(self.data)
        except AmountError as exc:
            QMessageBox.warning(self, _("Expense"), _("Amount: {error}").format(error=exc))
            self.amount.setFocus()
            return
        except ExpenseError as exc:
            QMessageBox.warning(self, _("Expense"), str(exc))
            return
        super().accept()
