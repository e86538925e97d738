"""Shown for a page whose register is not built yet: what it will hold, and that it is not available."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from unionoffice.gui.pages import PageSpec
from unionoffice.i18n import _


class PlaceholderPage(QWidget):
    def __init__(self, spec: PageSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"placeholder_{spec.key}")
        layout = QVBoxLayout(self)
        title = QLabel(f"<h2>{_(spec.title)}</h2>")
        badge = QLabel(_("Not available yet"))
        badge.setObjectName("notAvailableBadge")
        badge.setStyleSheet("color: #8a5a00; background: #fff3cd; border: 1px solid #e0c36c; padding: 4px 8px;")
        badge.setAlignment(Qt.AlignmentFlag.AlignLeft)
        text = QLabel(_("This page will hold: {what}").format(what=_(spec.will_hold)))
        text.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(badge, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(text)
        layout.addStretch(1)
