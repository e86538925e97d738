"""Two small charts drawn with QPainter (no chart library): a 12-month line and this-year/last-year bars."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from unionoffice.i18n import _, format_number
from unionoffice.services.dashboard import MonthCount, YearOnYear

LINE = QColor("#1f5fa8")
THIS_YEAR = QColor("#1f5fa8")
LAST_YEAR = QColor("#a9c4e4")
TEXT = QColor("#333333")
GRID = QColor("#dddddd")


class TrendChart(QWidget):
    """Members on the roll at each of the last 12 month ends."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("memberTrend")
        self.points: list[MonthCount] = []
        self.setMinimumSize(320, 150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(420, 170)

    def set_points(self, points: list[MonthCount]) -> None:
        self.points = list(points)
        self.setToolTip("\n".join(f"{p.month_end:%Y-%m}: {format_number(p.members)}" for p in self.points))
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = QRectF(self.rect()).adjusted(44, 10, -10, -24)
        painter.setPen(QPen(GRID))
        painter.drawRect(area)
        if not self.points:
            painter.setPen(TEXT)
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, _("No members yet"))
            return
        values = [p.members for p in self.points]
        low, high = min(values), max(values)
        if high == low:
            low, high = max(0, low - 1), high + 1
        def at(index: int, value: int) -> QPointF:
            x = area.left() + area.width() * index / max(1, len(values) - 1)
            y = area.bottom() - area.height() * (value - low) / (high - low)
            return QPointF(x, y)
        painter.setPen(TEXT)
        for value in (low, high):
            painter.drawText(QRectF(0, at(0, value).y() - 8, 40, 16), Qt.AlignmentFlag.AlignRight, format_number(value))
        for index, point in enumerate(self.points):
            if index % 3 == 0 or index == len(self.points) - 1:
                x = min(at(index, low).x(), area.right() - 30)  # the last label stays inside
                painter.drawText(QRectF(x - 30, area.bottom() + 4, 60, 16), Qt.AlignmentFlag.AlignCenter,
                                 f"{point.month_end:%Y-%m}")
        painter.setPen(QPen(LINE, 2))
        for index in range(1, len(values)):
            painter.drawLine(at(index - 1, values[index - 1]), at(index, values[index]))
        painter.setBrush(LINE)
        for index, value in enumerate(values):
            painter.drawEllipse(at(index, value), 2.5, 2.5)


class YearBars(QWidget):
    """For each register, this year so far beside the same stretch of last year."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("yearOnYear")
        self.items: list[YearOnYear] = []
        self.setMinimumSize(320, 150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(420, 170)

    def set_items(self, items: list[YearOnYear]) -> None:
        self.items = list(items)
        self.setToolTip("\n".join(_("{what}: {this} this year, {last} by this day last year").format(
            what=_(i.label), this=i.this_year, last=i.last_year) for i in self.items))
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = QRectF(self.rect()).adjusted(8, 22, -8, -22)
        painter.setPen(TEXT)
        legend = QRectF(self.rect()).adjusted(8, 2, -8, 0)
        painter.fillRect(QRectF(legend.left(), legend.top() + 4, 10, 10), THIS_YEAR)
        painter.drawText(QRectF(legend.left() + 14, legend.top(), 120, 18), Qt.AlignmentFlag.AlignLeft, _("This year"))
        painter.fillRect(QRectF(legend.left() + 100, legend.top() + 4, 10, 10), LAST_YEAR)
        painter.drawText(QRectF(legend.left() + 114, legend.top(), 200, 18), Qt.AlignmentFlag.AlignLeft,
                         _("Same time last year"))
        if not self.items:
            return
        high = max(1, *(max(i.this_year, i.last_year) for i in self.items))
        slot = area.width() / len(self.items)
        bar = min(26.0, slot / 3)
        metrics = painter.fontMetrics()
        for index, item in enumerate(self.items):
            left = area.left() + slot * index + (slot - 2 * bar - 4) / 2
            tops = [area.bottom() - (area.height() - 16) * value / high for value in (item.this_year, item.last_year)]
            texts = [format_number(item.this_year), format_number(item.last_year)]
            labels = value_labels(left, bar, tops, [metrics.horizontalAdvance(t) for t in texts])
            for side, (offset, colour) in enumerate(((0, THIS_YEAR), (bar + 4, LAST_YEAR))):
                painter.fillRect(QRectF(left + offset, tops[side], bar, area.bottom() - tops[side]), colour)
                painter.setPen(TEXT)
                painter.drawText(*labels[side], texts[side])
            painter.drawText(QRectF(area.left() + slot * index, area.bottom() + 4, slot, 16),
                             Qt.AlignmentFlag.AlignCenter, _(item.label))


def value_labels(left: float, bar: float, tops: list[float], widths: list[int]) -> list[tuple[QRectF, Qt.AlignmentFlag]]:
    """Where the two figures of a pair of bars go (this year's bar at ``left``, last year's 4 px
    after it), each above its bar. Two wide figures over bars of about the same height would run
    into each other ("2,7632,711"): then each keeps to its own side of the gap between the bars."""
    apart = abs(tops[0] - tops[1]) < 14 and max(widths) > bar + 4
    gap = left + bar + 2  # the middle of the gap between the two bars
    out = []
    for side in (0, 1):
        top = tops[side] - 16
        if apart:
            width = widths[side] + 2
            out.append((QRectF(gap - 1 - width, top, width, 14), Qt.AlignmentFlag.AlignRight) if side == 0
                       else (QRectF(gap + 1, top, width, 14), Qt.AlignmentFlag.AlignLeft))
        else:
            out.append((QRectF(left + side * (bar + 4) - 10, top, bar + 20, 14), Qt.AlignmentFlag.AlignCenter))
    return out
