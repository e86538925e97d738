"""The filter bar of both ledger pages: search, period, kind, group; emits a LedgerFilter."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from unionoffice.i18n import N_, _
from unionoffice.services.ledger_lists import LedgerFilter
from unionoffice.gui.widgets import date_edit

PERIODS = [
    ("this_year", N_("This year")),
    ("last_year", N_("Last year")),
    ("this_month", N_("This month")),
    ("all", N_("All years")),
    ("custom", N_("From … to …")),
]


def period_range(code: str, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    if code == "this_year":
        return dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)
    if code == "last_year":
        return dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)
    if code == "this_month":
        first = today.replace(day=1)
        next_first = (first + dt.timedelta(days=32)).replace(day=1)
        return first, next_first - dt.timedelta(days=1)
    return None, None


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, kinds: list[tuple[str, str]], groups: list[tuple[int, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(_("Search title, place, description (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.period = QComboBox()
        self.period.setObjectName("period")
        for code, label in PERIODS:
            self.period.addItem(_(label), code)
        self.date_from = date_edit()
        self.date_to = date_edit()
        today = QDate.currentDate()
        for edit, date in ((self.date_from, QDate(today.year(), 1, 1)), (self.date_to, today)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(date)
            edit.setVisible(False)
        self.to_label = QLabel(_("to"))
        self.to_label.setVisible(False)
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        self.group = QComboBox()
        self.group.setObjectName("group")
        self.set_kinds(kinds)
        self.group.addItem(_("All groups"), None)
        for group_id, name in groups:
            self.group.addItem(name, group_id)
        layout.addWidget(self.search, 2)
        layout.addWidget(QLabel(_("Period")))
        layout.addWidget(self.period)
        layout.addWidget(self.date_from)
        layout.addWidget(self.to_label)
        layout.addWidget(self.date_to)
        layout.addWidget(QLabel(_("Kind")))
        layout.addWidget(self.kind)
        layout.addWidget(QLabel(_("Department")))
        layout.addWidget(self.group)

        # Typing waits for a short pause, so each keystroke does not re-query.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.changed)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.period.currentIndexChanged.connect(self._period_changed)
        for widget in (self.kind, self.group):
            widget.currentIndexChanged.connect(lambda _i: self.changed.emit())
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _d: self.changed.emit())

    def set_kinds(self, kinds: list[tuple[str, str]]) -> None:
        current = self.kind.currentData()
        self.kind.blockSignals(True)
        self.kind.clear()
        self.kind.addItem(_("All kinds"), None)
        for code, label in kinds:
            self.kind.addItem(label, code)
        self.kind.setCurrentIndex(max(0, self.kind.findData(current)))
        self.kind.blockSignals(False)

    def _period_changed(self) -> None:
        custom = self.period.currentData() == "custom"
        self.date_from.setVisible(custom)
        self.date_to.setVisible(custom)
        self.to_label.setVisible(custom)
        self.changed.emit()

    def value(self) -> LedgerFilter:
        code = self.period.currentData()
        if code == "custom":
            start, end = self.date_from.date().toPython(), self.date_to.date().toPython()
            start, end = min(start, end), max(start, end)  # dates entered the wrong way round still mean the range
        else:
            start, end = period_range(code, dt.date.today())
        return LedgerFilter(text=self.search.text(), kind=self.kind.currentData(), date_from=start, date_to=end,
                            group_id=self.group.currentData())
