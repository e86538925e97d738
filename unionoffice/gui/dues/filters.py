"""The dues page's filter bar: year, period of the year, group, which members to list."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from unionoffice.domain.dues import Period
from unionoffice.i18n import N_, _

VIEWS = (("all", N_("All members")), ("arrears", N_("With unpaid dues")), ("long", N_("Six or more months unpaid")))


def period_choices(year: int) -> list[tuple[str, Period]]:
    out = [(_("Whole year"), Period(year * 100 + 1, year * 100 + 12))]
    out += [(_("First half"), Period(year * 100 + 1, year * 100 + 6)), (_("Second half"), Period(year * 100 + 7, year * 100 + 12))]
    out += [(_("Quarter {number}").format(number=q), Period(year * 100 + 3 * q - 2, year * 100 + 3 * q)) for q in range(1, 5)]
    out += [(_("Month {number}").format(number=m), Period(year * 100 + m, year * 100 + m)) for m in range(1, 13)]
    return out


class DuesFilterBar(QWidget):
    changed = Signal()

    def __init__(self, groups: list[tuple[int, str]], parent: QWidget | None = None, with_group: bool = True) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.year = QSpinBox()
        self.year.setObjectName("year")
        self.year.setRange(1990, 2999)
        self.year.setValue(dt.date.today().year)
        self.period = QComboBox()
        self.period.setObjectName("period")
        self.group = QComboBox()
        self.group.setObjectName("group")
        self.view = QComboBox()
        self.view.setObjectName("view")
        for code, label in VIEWS:
            self.view.addItem(_(label), code)
        layout.addWidget(QLabel(_("Year")))
        layout.addWidget(self.year)
        layout.addWidget(self.period)
        if with_group:  # the spending overview uses the year and period alone
            layout.addWidget(QLabel(_("Group")))
            layout.addWidget(self.group)
            layout.addWidget(self.view)
        layout.addStretch(1)
        self.set_groups(groups)
        self._fill_periods()
        self.year.valueChanged.connect(lambda _v: (self._fill_periods(), self.changed.emit()))
        for combo in (self.period, self.group, self.view):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def set_groups(self, groups: list[tuple[int, str]]) -> None:
        current = self.group.currentData()
        self.group.blockSignals(True)
        self.group.clear()
        self.group.addItem(_("All groups"), None)
        for group_id, name in groups:
            self.group.addItem(name, group_id)
        self.group.setCurrentIndex(max(0, self.group.findData(current)))
        self.group.blockSignals(False)

    def _fill_periods(self) -> None:
        index = max(self.period.currentIndex(), 0)
        self.period.blockSignals(True)
        self.period.clear()
        for label, period in period_choices(self.year.value()):
            self.period.addItem(label, period)
        self.period.setCurrentIndex(index)
        self.period.blockSignals(False)

    @property
    def selected_period(self) -> Period:
        return self.period.currentData()

    @property
    def group_id(self) -> int | None:
        return self.group.currentData()

    @property
    def group_name(self) -> str:
        return self.group.currentText() if self.group.currentData() is not None else ""

    @property
    def view_code(self) -> str:
        return self.view.currentData()
