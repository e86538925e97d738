"""What the main window does for the start page: the first steps, the guide, the USB-stick offer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QMessageBox

from unionoffice.gui.backup_dialogs import removable_volumes
from unionoffice.gui.guide import open_guide
from unionoffice.gui.removable_drives import DriveWatcher, Volumes
from unionoffice.i18n import _


def do_first_step(window: Any, step: str) -> object:
    """The start page's first steps: office settings, importing the roster, the guide."""
    if step == "settings":
        return window.open_settings()
    if step == "import":
        window.show_page("members")
        return window.page("members").import_members()
    return show_guide(window, "first-steps.html")


def show_guide(window: Any, page: str = "index.html") -> object:
    window.guide_window = open_guide(window, page)
    return window.guide_window


def offer_backup_to(window: Any, label: str, root: str) -> bool:
    """A stick came up: back up to it now? True when the backup was started."""
    answer = QMessageBox.question(
        window, _("USB stick found"),
        _("{drive} was just plugged in. Back up the data to it now?").format(drive=label))
    if answer != QMessageBox.StandardButton.Yes:
        return False
    window.show_page("backup")
    page = window.page("backup")
    page.add_target(Path(root))
    page.start_backup()
    return True


def watch_drives(window: Any, volumes: Volumes | None = None) -> DriveWatcher:
    data_folder = window.ctx.db.data_folder
    watcher = DriveWatcher(volumes or (lambda: removable_volumes(data_folder)), window)
    watcher.appeared.connect(lambda label, root: offer_backup_to(window, label, root))
    return watcher.start()


def install(window: Any) -> None:
    window.ctx.first_step.connect(lambda step: do_first_step(window, step))
    window.drive_watcher = watch_drives(window)
