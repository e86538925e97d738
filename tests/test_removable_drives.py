"""A USB stick plugged in while the program runs is offered for a backup, once per drive per day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from unionoffice.gui.removable_drives import DriveWatcher


class FakeVolumes:
    def __init__(self) -> None:
        self.mounted: list[tuple[str, Path]] = []

    def __call__(self) -> list[tuple[str, Path]]:
        return list(self.mounted)


def test_a_drive_there_at_start_up_is_not_offered(qtbot):
    volumes = FakeVolumes()
    volumes.mounted = [("KINGSTON", Path("/media/k"))]
    watcher = DriveWatcher(volumes)
    assert watcher.poll() == []


def test_a_new_drive_is_offered_once_a_day(qtbot):
    volumes = FakeVolumes()
    today = [dt.date(2026, 3, 5)]
    watcher = DriveWatcher(volumes, today=lambda: today[0])
    seen = []
    watcher.appeared.connect(lambda label, root: seen.append((label, root)))
    volumes.mounted = [("KINGSTON", Path("/media/k"))]
    assert watcher.poll() == ["/media/k"]
    volumes.mounted = []
    watcher.poll()
    volumes.mounted = [("KINGSTON", Path("/media/k"))]  # out and in again the same day
    assert watcher.poll() == []
    today[0] = dt.date(2026, 3, 6)
    volumes.mounted = []
    watcher.poll()
    volumes.mounted = [("KINGSTON", Path("/media/k"))]
    assert watcher.poll() == ["/media/k"]
    assert seen == [("KINGSTON", "/media/k"), ("KINGSTON", "/media/k")]


def test_the_timer_polls_by_itself(qtbot):
    volumes = FakeVolumes()
    watcher = DriveWatcher(volumes, interval_ms=20, today=lambda: dt.date(2026, 4, 1)).start()
    with qtbot.waitSignal(watcher.appeared, timeout=2000):
        volumes.mounted = [("U盘", Path("/media/u"))]


def test_yes_backs_up_to_the_new_drive(qtbot, db, tmp_path, monkeypatch):
    from unionoffice.gui.context import AppContext
    from unionoffice.gui.dashboard import desk
    from unionoffice.gui.main_window import MainWindow
    from unionoffice.services.office import set_setting

    with db.session() as session:
        set_setting(session, "backup_encrypt", "no")
    window = MainWindow(AppContext(db))
    qtbot.addWidget(window)
    stick = tmp_path / "stick"
    stick.mkdir()
    volumes = FakeVolumes()
    watcher = desk.watch_drives(window, volumes)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    volumes.mounted = [("U盘", stick)]
    watcher.poll()
    page = window.page("backup")
    qtbot.waitUntil(lambda: page.job is None, timeout=30000)
    assert list(stick.glob("*.uobak"))
    assert window.current_key() == "backup"
