"""Small widgets the register pages share: choice combos, date fields and a from–to date row."""

from __future__ import annotations

import datetime as dt
from typing import Type

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QBoxLayout, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QLineEdit, QWidget

from unionoffice.domain.choices import LabelledEnum
from unionoffice.gui.date_edit import DateEdit, parse_typed_date  # noqa: F401 (parse_typed_date: DateField and its callers)
from unionoffice.i18n import _


class ChoiceCombo(QComboBox):
    """A combo over a LabelledEnum, with an optional blank first entry; ``value`` is the code."""

    def __init__(self, enum: Type[LabelledEnum], blank: str | None = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if blank is not None:
            self.addItem(blank, None)
        self._enum = enum
        offered = getattr(enum, "offered", None)
        for member in (offered() if offered else list(enum)):
            self.addItem(member.label(), member.value)

    @property
    def value(self) -> str | None:
        return self.currentData()

    @value.setter
    def value(self, code: str | None) -> None:
        index = self.findData(code)
        if index < 0 and code is not None and code in {m.value for m in self._enum}:
            # A value kept from before (e.g. the generic 民主党派): shown, though not offered anew.
            self.addItem(self._enum(code).label(), code)
            index = self.count() - 1
        self.setCurrentIndex(max(index, 0))


def save_cancel_buttons(dialog: QDialog, cancel_text: str | None = None) -> QDialogButtonBox:
    """保存 / 取消 buttons wired to the dialog's accept() and reject()."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Save"))
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel_text or _("Cancel"))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def run_modal(dialog: QDialog) -> int:
    """``dialog.exec()``, then let Qt delete the dialog once the caller has read its values.

    A dialog made with a parent and dropped after exec() stays alive as a hidden child of its page:
    one more for every click, holding Python callbacks and item data that Qt only frees at exit,
    after Python has begun to tear down — the "shared QObject was deleted directly" crash on exit.
    """
    try:
        return dialog.exec()
    finally:
        dialog.deleteLater()


def preview_options(dialog: QDialog, layout: QBoxLayout) -> QCheckBox:
    """The end of a print-options dialog: “mask ID numbers” (ticked) and 预览…/取消 wired to
    accept()/reject(); returns the check box."""
    mask = QCheckBox(_("Mask ID numbers (110105********002X)"))
    mask.setObjectName("maskIds")
    mask.setChecked(True)
    layout.addWidget(mask)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Preview…"))
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    return mask


def date_edit(value: dt.date | None = None, parent: QWidget | None = None) -> DateEdit:
    """A date field with a calendar, shown as 2026-03-08, typed freely; today when no date is given."""
    return DateEdit(value, parent)


class DateRangeRow(QWidget):
    """A start date and, when ticked, an end date (one-day events need no end)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.start_date = date_edit()
        self.has_end = QCheckBox(_("to"))
        self.end_date = date_edit()
        self.end_date.setEnabled(False)
        self.has_end.toggled.connect(self.end_date.setEnabled)
        for widget in (self.start_date, self.has_end, self.end_date):
            row.addWidget(widget)
        row.addStretch(1)

    def set_range(self, start: dt.date, end: dt.date | None) -> None:
        self.start_date.setDate(QDate(start))
        self.has_end.setChecked(end is not None)
        if end is not None:
            self.end_date.setDate(QDate(end))

    def end_or_none(self) -> dt.date | None:
        return self.end_date.date().toPython() if self.has_end.isChecked() else None


class DateField(QLineEdit):
    """A date the clerk may leave blank (QDateEdit cannot be blank)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(_("e.g. 2019-03-05"))
        self.setMaximumWidth(140)

    @property
    def value(self) -> dt.date | None:
        """The date typed; raises ValueError when it is not one."""
        return parse_typed_date(self.text())

    @value.setter
    def value(self, date: dt.date | None) -> None:
        self.setText(f"{date:%Y-%m-%d}" if date else "")


def funding_combo(parent: QWidget | None = None) -> QComboBox:
    """The one funding-source vocabulary (domain/funds.py), with a blank first item for “not given”."""
    from unionoffice.domain.funds import FundingSource

    combo = QComboBox(parent)
    combo.setObjectName("funding")
    combo.addItem("", "")
    for code, label in FundingSource.choices():
        combo.addItem(label, code)
    return combo


def select_funding(combo: QComboBox, code: str | None) -> None:
    index = combo.findData(code or "")
    combo.setCurrentIndex(max(index, 0))
