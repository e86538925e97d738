"""慰问帮扶: the visits register (with the Spring Festival batch) and the hardship files."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from unionoffice.gui.context import AppContext
from unionoffice.gui.relief.files_tab import FilesTab
from unionoffice.gui.relief.visits_tab import VisitsTab
from unionoffice.i18n import _


class ReliefPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_relief")
        self.tabs = QTabWidget()
        self.visits = VisitsTab(ctx)
        self.files = FilesTab(ctx)
        self.tabs.addTab(self.visits, _("Relief visits"))
        self.tabs.addTab(self.files, _("Hardship files"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tabs)
        QShortcut(QKeySequence(QKeySequence.StandardKey.New), self).activated.connect(
            lambda: self.tabs.currentWidget().new_record())


def create_page(ctx: AppContext) -> QWidget:
    return ReliefPage(ctx)
