"""When a save is refused because someone else saved the record first: say who and when, offer to reload."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from unionoffice.i18n import _
from unionoffice.services.versioning import RecordChanged


def offer_reload(parent: QWidget | None, title: str, error: RecordChanged) -> bool:
    """True when the person wants the record reloaded (their unsaved edits are then dropped)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, str(error), parent=parent)
    reload_button = box.addButton(_("Reload"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("Close"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(reload_button)
    box.exec()
    return box.clickedButton() is reload_button
