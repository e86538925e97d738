"""Small dialogs of the dues page: the office's dues rule, an exemption, one member's base."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLineEdit, QMessageBox, QWidget

from unionoffice.domain.dues import (
    CollectionCycle,
    DuesError,
    ExemptionReason,
    PaymentMethod,
    Rounding,
    format_month,
    parse_month_text,
    parse_rate,
)
from unionoffice.gui.widgets import save_cancel_buttons
from unionoffice.i18n import _
from unionoffice.services.dues_ledger import DuesSettings


def _combo(choices: list[tuple[str, str]], current: str, name: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    for code, label in choices:
        combo.addItem(label, code)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


class DuesSettingsDialog(QDialog):
    """会费设置: rate of the wage base, rounding, how often and how it is collected."""

    def __init__(self, settings: DuesSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Dues rule"))
        form = QFormLayout(self)
        self.rate = QLineEdit(f"{settings.rule.rate_per_mille.normalize():f}")
        self.rate.setObjectName("rate")
        self.rate.setPlaceholderText(_("per mille, e.g. 5"))
        self.rounding = _combo(Rounding.choices(), settings.rule.rounding.value, "rounding")
        self.cycle = _combo(CollectionCycle.choices(), settings.cycle.value, "cycle")
        self.method = _combo(PaymentMethod.choices(), settings.method.value, "method")
        form.addRow(_("Rate of the monthly wage base (‰)"), self.rate)
        form.addRow(_("Round the monthly dues"), self.rounding)
        form.addRow(_("Collected"), self.cycle)
        form.addRow(_("Usually paid by"), self.method)
        form.addRow(save_cancel_buttons(self))

    def accept(self) -> None:
        try:
            parse_rate(self.rate.text())
        except DuesError as exc:
            QMessageBox.warning(self, _("Dues rule"), str(exc))
            self.rate.setFocus()
            return
        super().accept()


class ExemptionDialog(QDialog):
    """免缴: from which month (until which, or open), and why."""

    def __init__(self, member_name: str, first_month: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Exempt {name} from dues").format(name=member_name))
        form = QFormLayout(self)
        self.first = QLineEdit(format_month(first_month))
        self.first.setObjectName("firstMonth")
        self.last = QLineEdit()
        self.last.setObjectName("lastMonth")
        self.last.setPlaceholderText(_("empty: until further notice"))
        self.reason = _combo(ExemptionReason.choices(), ExemptionReason.RETIRED.value, "reason")
        self.notes = QLineEdit()
        self.notes.setObjectName("notes")
        form.addRow(_("Exempt from (month)"), self.first)
        form.addRow(_("Exempt until (month)"), self.last)
        form.addRow(_("Exemption reason"), self.reason)
        form.addRow(_("Notes"), self.notes)
        form.addRow(save_cancel_buttons(self))

    @property
    def months(self) -> tuple[int, int | None]:
        first = parse_month_text(self.first.text())
        last = parse_month_text(self.last.text()) if self.last.text().strip() else None
        return first, last

    def accept(self) -> None:
        try:
            first, last = self.months
        except DuesError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        if last is not None and last < first:
            QMessageBox.warning(self, self.windowTitle(), _("The exemption ends before it starts."))
            return
        if self.reason.currentData() == ExemptionReason.OTHER.value and not self.notes.text().strip():
            QMessageBox.warning(self, self.windowTitle(), _("Please say why the member is exempt."))
            self.notes.setFocus()
            return
        super().accept()
