"""Small input widgets shared by the relief dialogs: money, dates, choices."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QLineEdit, QMessageBox, QTableView, QWidget

from unionoffice.domain.money import format_yuan, parse_amount
from unionoffice.gui.date_edit import DateEdit
from unionoffice.gui.widgets import date_edit  # noqa: F401  (the relief dialogs import it from here)
from unionoffice.i18n import _


class MoneyEdit(QLineEdit):
    """Yuan as typed ("1,500", "1500.5", "１５００"); ``fen()`` raises AmountError with a clear message."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(_("0.00"))

    def fen(self, allow_empty: bool = True) -> int:
        if allow_empty and not self.text().strip():
            return 0
        return parse_amount(self.text())

    def set_fen(self, fen: int) -> None:
        self.setText(format_yuan(fen) if fen else "")


def set_date(edit: DateEdit, value: dt.date) -> None:
    edit.setDate(QDate(value.year, value.month, value.day))


def get_date(edit: DateEdit) -> dt.date:
    q = edit.date()
    return dt.date(q.year(), q.month(), q.day())


def choice_combo(choices: list[tuple[object, str]], blank: str | None = None, parent: QWidget | None = None) -> QComboBox:
    """A combo of (data, label) items; ``blank`` adds a first item with no data."""
    combo = QComboBox(parent)
    if blank is not None:
        combo.addItem(blank, None)
    for data, label in choices:
        combo.addItem(label, data)
    return combo


def select_data(combo: QComboBox, data: object) -> None:
    index = combo.findData(data)
    combo.setCurrentIndex(max(index, 0))


def setup_table(view: QTableView) -> None:
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSortingEnabled(True)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(26)
    view.horizontalHeader().setStretchLastSection(True)


def selected_ids(view: QTableView) -> list[int]:
    model = view.model()
    rows = sorted({index.row() for index in view.selectionModel().selectedRows()})
    return [model.row_id(row) for row in rows]  # type: ignore[attr-defined]


def show_error(parent: QWidget, message: str) -> None:
    QMessageBox.warning(parent, _("Please check"), message)


def confirm(parent: QWidget, title: str, message: str) -> bool:
    answer = QMessageBox.question(parent, title, message, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes

