"""A 只读 person's window: every editing button and menu entry is disabled as it appears.

Pages and dialogs are built when first opened, so the guard watches the application: whenever a
window or a page is shown, its editing buttons and actions (by their label: 新增, 删除, 导入,
保存 …) are switched off. The service layer refuses a reader's writes as well, so a button this
misses still changes nothing (it says so).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QApplication, QStackedWidget, QWidget

from unionoffice.i18n import N_, _

# The labels of the buttons and actions that change records (English msgids, compared translated).
EDITING_LABELS = (
    N_("New member"), N_("Delete"), N_("Delete…"), N_("Delete for good…"), N_("Import"), N_("Import from Excel…"),
    N_("Save"), N_("Save draft"), N_("Add…"), N_("Add a cost"), N_("Add a family member"), N_("Add a standard"),
    N_("Add an occasion"), N_("Add attendees…"), N_("Add photos or files…"), N_("Add step"), N_("Add expense…"),
    N_("Apply to everyone"), N_("Batch entry…"), N_("Change membership status…"), N_("Close file…"),
    N_("Close the case"), N_("Copy for the next period"), N_("Handle…"), N_("Mark as in accounts"),
    N_("New summary…"), N_("New visit"), N_("Occasions and limits…"), N_("Receive a case"), N_("Remove password…"),
    N_("Remove step"), N_("Remove the selected change"), N_("Rename…"), N_("Reopen"), N_("Restore"),
    N_("Restore this backup…"), N_("Retire"), N_("Set password…"), N_("Move up"), N_("Move down"),
)


def _plain(text: str) -> str:
    return text.replace("&", "").strip()


class ReadOnlyGuard(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.labels = {_plain(_(label)) for label in EDITING_LABELS}
        QApplication.instance().installEventFilter(self)
        if isinstance(parent, QWidget):
            self.apply(parent)

    def apply(self, widget: QWidget) -> int:
        """Disable the editing controls under ``widget``; returns how many."""
        count = 0
        for button in widget.findChildren(QAbstractButton):
            if _plain(button.text()) in self.labels and button.isEnabled():
                button.setEnabled(False)
                count += 1
        for action in widget.findChildren(QAction):
            if _plain(action.text()) in self.labels and action.isEnabled():
                action.setEnabled(False)
                count += 1
        return count

    def _mine(self, widget: QObject) -> bool:
        """Under the guarded window (its pages, and the dialogs they open with a parent)."""
        window = self.parent()
        while widget is not None:
            if widget is window:
                return True
            widget = widget.parent()
        return False

    def stop(self) -> None:
        QApplication.instance().removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind == QEvent.Type.EnabledChange and isinstance(watched, QAbstractButton):
            if watched.isEnabled() and _plain(watched.text()) in self.labels and self._mine(watched):
                watched.setEnabled(False)  # a page enabling it again on a selection
            return False
        if kind == QEvent.Type.Show and isinstance(watched, QWidget) and (
                watched.isWindow() or isinstance(watched.parentWidget(), QStackedWidget)) and self._mine(watched):
            self.apply(watched)
        return False
