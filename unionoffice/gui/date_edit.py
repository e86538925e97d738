"""The one date field of the program: a calendar popup, and typing that works the way a clerk types.

A line edit rather than QDateEdit, whose section-by-section editing ignores digits typed after a
click and rewrites 2026.3.5 as it goes; it offers QDateEdit's calls the pages use (date(),
setDate(), dateChanged, minimum and maximum dates), so call sites do not change.

After a click the whole date is selected, so digits typed replace it (no Ctrl+A first). Accepted:
2026-03-05, 2026-3-5, 2026.3.5, 2026/3/5, 2026年3月5日 and 20260305. A date outside the field's
range (a year too late, say) is not quietly turned into another date: the field keeps its old date
and says why, in a tooltip and in ``problem``.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QStyle, QToolTip, QWidget

from unionoffice.i18n import _

_TYPING = re.compile(r"^[\d\s\-./年月日]*$")
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


def _parse_or_none(text: str) -> dt.date | None:
    try:
        return parse_typed_date(text)
    except ValueError:
        return None


class DateEdit(QLineEdit):
    """A date typed freely or picked from the calendar (the button at the end, or Alt+Down)."""

    dateChanged = Signal(QDate)  # noqa: N815 (QDateEdit's name)
    refused = Signal(str)

    def __init__(self, value: dt.date | QDate | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._minimum, self._maximum = QDate(1900, 1, 1), QDate(2099, 12, 31)
        self._date = QDate.currentDate()
        self.problem = ""
        self.setMaximumWidth(150)
        self.setPlaceholderText(_("e.g. 2019-03-05"))
        self.calendar_action = self.addAction(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowDown),
                                              QLineEdit.ActionPosition.TrailingPosition)
        self.calendar_action.setToolTip(_("Choose from the calendar (Alt+Down)"))
        self.calendar_action.triggered.connect(self.show_calendar)
        self.editingFinished.connect(self.check_typed)
        self.setDate(value if value is not None else QDate.currentDate())

    # --- QDateEdit's calls ------------------------------------------------------------------

    def date(self) -> QDate:
        return QDate(self._date)

    def setDate(self, value: dt.date | QDate) -> None:  # noqa: N802 (QDateEdit's name)
        date = value if isinstance(value, QDate) else QDate(value.year, value.month, value.day)
        changed = date != self._date
        self._date = QDate(date)
        self.setText(date.toString("yyyy-MM-dd"))
        self.problem = ""
        if changed:
            self.dateChanged.emit(QDate(date))

    def minimumDate(self) -> QDate:  # noqa: N802
        return QDate(self._minimum)

    def maximumDate(self) -> QDate:  # noqa: N802
        return QDate(self._maximum)

    def setMinimumDate(self, date: QDate) -> None:  # noqa: N802
        self._minimum = QDate(date)

    def setMaximumDate(self, date: QDate) -> None:  # noqa: N802
        self._maximum = QDate(date)

    def setDateRange(self, first: QDate, last: QDate) -> None:  # noqa: N802
        self._minimum, self._maximum = QDate(first), QDate(last)

    def setCalendarPopup(self, _on: bool) -> None:  # noqa: N802 (always has one)
        """Kept for QDateEdit's callers: the calendar is always there."""

    def setDisplayFormat(self, _format: str) -> None:  # noqa: N802 (always yyyy-MM-dd)
        """Kept for QDateEdit's callers: dates always show as 2026-03-05."""

    # --- typing -----------------------------------------------------------------------------

    def _in_range(self, date: dt.date) -> bool:
        return self._minimum.toPython() <= date <= self._maximum.toPython()

    def check_typed(self) -> str:
        """Take the date typed, or say what is wrong with it and keep the old date; returns the problem."""
        text = self.text()
        date = _parse_or_none(text)
        if date is None and not text.strip():
            problem = _("Enter a date, e.g. 2026-3-5.")
        elif date is None:
            problem = _("“{text}” is not a date; type it like 2026-3-5, 2026.3.5 or 20260305.").format(text=text)
        elif not self._in_range(date):
            problem = _("{date} is outside the dates allowed here ({first} to {last}); the date was not changed.").format(
                date=f"{date:%Y-%m-%d}", first=f"{self._minimum.toPython():%Y-%m-%d}",
                last=f"{self._maximum.toPython():%Y-%m-%d}")
        else:
            self.setDate(date)
            return ""
        self.setText(self._date.toString("yyyy-MM-dd"))
        self.problem = problem
        QToolTip.showText(self.mapToGlobal(QPoint(0, self.height())), problem, self)
        self.refused.emit(problem)
        return problem

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_Down and mods & Qt.KeyboardModifier.AltModifier:
            self.show_calendar()
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not mods:  # a day on or back, as in QDateEdit
            if not self.check_typed():
                step = self._date.addDays(1 if key == Qt.Key.Key_Up else -1)
                if self._in_range(step.toPython()):
                    self.setDate(step)
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt name)
        first_click = not self.hasFocus()
        super().mousePressEvent(event)
        if first_click:  # digits typed after the click replace the date
            QTimer.singleShot(0, self.selectAll)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt name)
        super().focusInEvent(event)
        QTimer.singleShot(0, self.selectAll)

    # --- the calendar ---------------------------------------------------------------------------

    def show_calendar(self) -> QCalendarWidget:
        calendar = QCalendarWidget(self)
        calendar.setWindowFlags(Qt.WindowType.Popup)
        calendar.setObjectName("calendarPopup")
        calendar.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        calendar.setDateRange(self._minimum, self._maximum)
        calendar.setSelectedDate(self._date)
        calendar.clicked.connect(lambda date: (self.setDate(date), calendar.close()))
        calendar.activated.connect(lambda date: (self.setDate(date), calendar.close()))
        calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        calendar.show()
        return calendar
