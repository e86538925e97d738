"""Small widgets the register pages share: choice combos and an optional date field."""

from __future__ import annotations

import datetime as dt
import re
from typing import Type

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from unionoffice.domain.choices import LabelledEnum
from unionoffice.i18n import _


class ChoiceCombo(QComboBox):
    """A combo over a LabelledEnum, with an optional blank first entry; ``value`` is the code."""

    def __init__(self, enum: Type[LabelledEnum], blank: str | None = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if blank is not None:
            self.addItem(blank, None)
        for code, label in enum.choices():
            self.addItem(label, code)

    @property
    def value(self) -> str | None:
        return self.currentData()

    @value.setter
    def value(self, code: str | None) -> None:
        index = self.findData(code)
        self.setCurrentIndex(max(index, 0))


_DATE = re.compile(r"^(\d{4})\D+(\d{1,2})\D+(\d{1,2})\D*$")


def parse_typed_date(text: str) -> dt.date | None:
    """2019-03-05, 2019.3.5, 2019/03/05, 2019年3月5日 or 20190305; None for blank; ValueError otherwise."""
    text = text.strip()
    if not text:
        return None
    if re.fullmatch(r"\d{8}", text):
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    match = _DATE.match(text)
    if not match:
        raise ValueError(text)
    return dt.date(*(int(g) for g in match.groups()))


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
