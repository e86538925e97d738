"""Loading Qt Designer forms from ui/ and translating their texts through gettext."""

from __future__ import annotations

from PySide6.QtCore import QFile, QIODevice
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from unionoffice.i18n import _
from unionoffice.paths import ui_dir


def load_form(name: str, parent: QWidget | None = None) -> QWidget:
    """Build the widget tree of ``ui/<name>.ui``; children are reachable with findChild by objectName."""
    path = ui_dir() / f"{name}.ui"
    file = QFile(str(path))
    if not file.open(QIODevice.OpenModeFlag.ReadOnly):
        raise FileNotFoundError(path)
    try:
        widget = QUiLoader().load(file, parent)
    finally:
        file.close()
    if widget is None:
        raise RuntimeError(f"cannot load form {path}")
    translate_widget_tree(widget)
    return widget


def _tr(text: str) -> str:
    return _(text) if text else text


def translate_widget_tree(root: QWidget) -> None:
    """Replace the English texts Designer stored with their translations."""
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.windowTitle():
            widget.setWindowTitle(_tr(widget.windowTitle()))
        if widget.toolTip():
            widget.setToolTip(_tr(widget.toolTip()))
        if isinstance(widget, (QLabel, QAbstractButton)):
            widget.setText(_tr(widget.text()))
        elif isinstance(widget, QGroupBox):
            widget.setTitle(_tr(widget.title()))
        elif isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
            widget.setPlaceholderText(_tr(widget.placeholderText()))
        elif isinstance(widget, QTabWidget):
            for index in range(widget.count()):
                widget.setTabText(index, _tr(widget.tabText(index)))
        elif isinstance(widget, QComboBox):
            for index in range(widget.count()):
                widget.setItemText(index, _tr(widget.itemText(index)))
