"""The file dialogs: each opens in the last folder used for that kind of file.

Kinds are short names ("spreadsheet", "pdf", "summary", "backup", "attachment"). The folder
remembered is per computer (QSettings), not in the database: a folder on this PC means nothing
on the next one. Before a folder was remembered: Documents, then Desktop, then the home folder —
never the program's own folder (the working directory of a program started from a shortcut).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

SPREADSHEET = "spreadsheet"
PDF = "pdf"
SUMMARY = "summary"
BACKUP = "backup"
ATTACHMENT = "attachment"


def _settings() -> QSettings:
    return QSettings("UnionOffice", "UnionOffice")


def default_folder() -> Path:
    """Documents, else Desktop, else home."""
    for location in (QStandardPaths.StandardLocation.DocumentsLocation, QStandardPaths.StandardLocation.DesktopLocation):
        folder = QStandardPaths.writableLocation(location)
        if folder and Path(folder).is_dir():
            return Path(folder)
    return Path.home()


def last_folder(kind: str) -> Path:
    """The folder last used for ``kind`` while it still exists, else the default folder."""
    value = _settings().value(f"folders/{kind}", "")
    if value and Path(str(value)).is_dir():
        return Path(str(value))
    return default_folder()


def remember_folder(kind: str, path: str | Path) -> None:
    """Note the folder of ``path`` (a file, or a folder itself) as the last one for ``kind``."""
    path = Path(path)
    folder = path if path.is_dir() else path.parent
    settings = _settings()
    settings.setValue(f"folders/{kind}", str(folder))
    settings.sync()


def _start(kind: str, suggested_name: str = "") -> str:
    folder = last_folder(kind)
    return str(folder / Path(suggested_name).name) if suggested_name else str(folder)


def open_file_name(parent: QWidget | None, kind: str, caption: str, filters: str) -> str:
    """One file to open; '' when cancelled."""
    path, _selected = QFileDialog.getOpenFileName(parent, caption, _start(kind), filters)
    if path:
        remember_folder(kind, path)
    return path


def open_file_names(parent: QWidget | None, kind: str, caption: str, filters: str) -> list[str]:
    """Files to open; [] when cancelled."""
    paths, _selected = QFileDialog.getOpenFileNames(parent, caption, _start(kind), filters)
    if paths:
        remember_folder(kind, paths[0])
    return paths


def save_file_name(parent: QWidget | None, kind: str, caption: str, suggested_name: str, filters: str) -> str:
    """Where to save; the suggested name is offered in the last folder; '' when cancelled."""
    path, _selected = QFileDialog.getSaveFileName(parent, caption, _start(kind, suggested_name), filters)
    if path:
        remember_folder(kind, path)
    return path


def existing_folder(parent: QWidget | None, kind: str, caption: str) -> str:
    """A folder; '' when cancelled."""
    folder = QFileDialog.getExistingDirectory(parent, caption, _start(kind))
    if folder:
        remember_folder(kind, folder)
    return folder
