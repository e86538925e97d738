"""Asking before a form with changes is closed by Escape or Cancel (a list of attendees is long to pick again)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QTableWidget,
    QWidget,
)

from unionoffice.i18n import _


def form_state(form: QWidget) -> tuple:
    """Everything the clerk can have changed in the form, for comparing with what it opened with."""
    state: list[object] = []
    for edit in form.findChildren(QLineEdit):
        state.append(edit.text())
    for text in form.findChildren(QPlainTextEdit):
        state.append(text.toPlainText())
    for combo in form.findChildren(QComboBox):
        state.append(combo.currentIndex())
    for button in form.findChildren(QAbstractButton):
        if button.isCheckable():
            state.append(button.isChecked())
    for listing in form.findChildren(QListWidget):
        state.append(tuple(listing.item(row).text() for row in range(listing.count())))
    for table in form.findChildren(QTableWidget):
        state.append(table.rowCount())
        for row in range(table.rowCount()):
            for column in range(table.columnCount()):
                item = table.item(row, column)
                if item is not None:
                    state.append((item.text(), item.data(Qt.ItemDataRole.CheckStateRole)))
    return tuple(state)


def may_discard(form: QWidget, opened_with: tuple) -> bool:
    """True when nothing changed, or the clerk agrees to drop the changes."""
    return form_state(form) == opened_with or confirm_discard(form)


def confirm_discard(form: QWidget) -> bool:
    """Ask whether the form's changes may be dropped (True: drop them)."""
    answer = QMessageBox.question(form, form.windowTitle(), _("Close without saving? The changes will be lost."),
                                  QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                                  QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Discard
