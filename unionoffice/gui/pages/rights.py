"""维权: complaints and rights cases from receipt through handling to the result and money recovered."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from unionoffice.gui.context import AppContext
from unionoffice.gui.relief.cases_tab import CasesTab


def create_page(ctx: AppContext) -> QWidget:
    page = CasesTab(ctx)
    page.setObjectName("page_rights")
    QShortcut(QKeySequence(QKeySequence.StandardKey.New), page).activated.connect(page.new_record)
    return page
