"""Notice a USB stick plugged in while the program runs, and offer to back up to it (once per drive per day).

A QTimer polls the mounted volumes (QStorageInfo, through backup_dialogs.removable_volumes) and
compares them with the last poll; a drive that was not there before is "new". Whether it was offered
today is remembered per computer (QSettings), keyed by the drive's root.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, QSettings, QTimer, Signal

Volumes = Callable[[], list[tuple[str, Path]]]
POLL_MS = 3000


class DriveWatcher(QObject):
    """Emits ``appeared(label, root)`` for a removable drive that came up since the last poll and was
    not offered yet today. ``volumes`` lists (label, root); tests pass a fake list."""

    appeared = Signal(str, str)

    def __init__(self, volumes: Volumes, parent: QObject | None = None, today: Callable[[], dt.date] = dt.date.today,
                 interval_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self.volumes, self.today = volumes, today
        self.known: set[str] = {str(root) for _label, root in self._list()}  # drives in at start-up are not "new"
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)

    def start(self) -> "DriveWatcher":
        self.timer.start()
        return self

    def _list(self) -> list[tuple[str, Path]]:
        try:
            return list(self.volumes())
        except OSError:  # a drive pulled out mid-look
            return []

    def poll(self) -> list[str]:
        """Look once; returns the roots offered."""
        current = self._list()
        offered = []
        for label, root in current:
            key = str(root)
            if key not in self.known and not offered_today(key, self.today()):
                remember_offer(key, self.today())
                offered.append(key)
                self.appeared.emit(label, key)
        self.known = {str(root) for _label, root in current}
        return offered


def _settings() -> QSettings:
    return QSettings("UnionOffice", "UnionOffice")


def offered_today(root: str, today: dt.date) -> bool:
    return _settings().value(f"drive_offers/{root}", "") == today.isoformat()


def remember_offer(root: str, today: dt.date) -> None:
    settings = _settings()
    settings.setValue(f"drive_offers/{root}", today.isoformat())
    settings.sync()
