"""The edit step's pickers: which drafted suggestions a reflective part keeps, in which order, and
which named highlights (activities, awards, trainings …) the drafted text quotes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from unionoffice.i18n import _


def move_current_item(widget: QListWidget, offset: int) -> None:
    """Move the selected row of ``widget`` up (negative) or down (positive), keeping it selected."""
    row = widget.currentRow()
    target = row + offset
    if row < 0 or not 0 <= target < widget.count():
        return
    item = widget.takeItem(row)
    widget.insertItem(target, item)
    widget.setCurrentRow(target)


def _checkable(text: str, checked: bool = True) -> QListWidgetItem:
    item = QListWidgetItem(text)
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
    return item


class SuggestionPicker(QWidget):
    """The suggestions drafted from the records: tick, reorder, then put them into the text."""

    def __init__(self, suggestions: list[str], use: Callable[[list[str]], None]) -> None:
        super().__init__()
        self._use = use
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(_("Suggestions drawn from the records (tick those to keep; order with the buttons):")))
        row = QHBoxLayout()
        self.list = QListWidget()
        self.list.setWordWrap(True)
        for text in suggestions:
            self.list.addItem(_checkable(text))
        row.addWidget(self.list, 1)
        buttons = QVBoxLayout()
        up, down = QPushButton(_("Move up")), QPushButton(_("Move down"))
        up.clicked.connect(lambda: self.move(-1))
        down.clicked.connect(lambda: self.move(1))
        self.use_button = QPushButton(_("Put the ticked suggestions into the text"))
        self.use_button.clicked.connect(lambda: self._use(self.chosen()))
        for button in (up, down, self.use_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        row.addLayout(buttons)
        layout.addLayout(row)

    def move(self, offset: int) -> None:
        move_current_item(self.list, offset)

    def chosen(self) -> list[str]:
        items = [self.list.item(i) for i in range(self.list.count())]
        return [item.text() for item in items if item.checkState() == Qt.CheckState.Checked]


class HighlightPicker(QWidget):
    """Every highlight the records offered; untick one and draft again to leave it out."""

    def __init__(self, redraft: Callable[[set[str]], None]) -> None:
        super().__init__()
        self._redraft = redraft
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(_("Highlights quoted by name (untick those the summary should not name):")))
        self.list = QListWidget()
        self.list.setMaximumHeight(110)
        layout.addWidget(self.list)
        row = QHBoxLayout()
        self.apply_button = QPushButton(_("Draft again without the unticked highlights"))
        self.apply_button.clicked.connect(lambda: self._redraft(self.dropped()))
        row.addWidget(self.apply_button)
        row.addStretch(1)
        layout.addLayout(row)

    def show_highlights(self, offered: list[str], dropped: list[str]) -> None:
        self.list.clear()
        for text in offered:
            self.list.addItem(_checkable(text, text not in dropped))
        self.setVisible(bool(offered))

    def dropped(self) -> set[str]:
        items = [self.list.item(i) for i in range(self.list.count())]
        return {item.text() for item in items if item.checkState() != Qt.CheckState.Checked}
