"""After a restore the program knows when the restored data was last backed up (status bar, start page)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from backup_support import make_office

from unionoffice.paths import local_backups_dir
from unionoffice.services.backup import make_backup, make_local_backup
from unionoffice.services.backup_reminder import LAST_BACKUP_TARGET, last_backup_at
from unionoffice.services.backup_restore import restore_backup
from unionoffice.services.office import get_setting
from unionoffice.store.database import open_database


def _last(db_path: Path) -> tuple[dt.datetime | None, str]:
    db = open_database(db_path)
    try:
        with db.session() as session:
            return last_backup_at(session), get_setting(session, LAST_BACKUP_TARGET)
    finally:
        db.close()


def test_restoring_onto_a_new_computer_knows_the_archive_s_date_as_the_last_backup(db_path, tmp_path):
    make_office(db_path)
    stick = tmp_path / "stick"
    stick.mkdir()
    archive = make_backup(db_path, stick).path  # the first backup: the copied database knew of none
    target = tmp_path / "new-pc" / "office.sqlite3"
    result = restore_backup(archive, target)
    when, folder = _last(target)
    assert when == result.manifest.created_at.replace(microsecond=0)
    assert Path(folder) == stick.resolve()


def test_the_archive_s_own_date_replaces_the_older_one_its_database_knew(db_path, tmp_path):
    make_office(db_path)
    first, second = tmp_path / "stick1", tmp_path / "stick2"
    first.mkdir()
    second.mkdir()
    make_backup(db_path, first)
    archive = make_backup(db_path, second)  # its database knows of the first backup only
    restore_backup(archive.path, db_path)
    when, folder = _last(db_path)
    assert when == archive.manifest.created_at.replace(microsecond=0)
    assert Path(folder) == second.resolve()


def test_a_local_backup_restored_does_not_count_as_a_backup_to_a_stick(db_path, tmp_path):
    make_office(db_path)
    local = make_local_backup(db_path).path
    assert local.parent == local_backups_dir(db_path)
    restore_backup(local, db_path)
    assert _last(db_path) == (None, "")


def test_the_status_bar_shows_the_restored_data_s_last_backup(qtbot, db_path, tmp_path, monkeypatch):
    from unionoffice.gui.context import AppContext
    from unionoffice.gui.main_window import MainWindow
    from unionoffice.i18n import format_date

    make_office(db_path)
    stick = tmp_path / "stick"
    stick.mkdir()
    archive = make_backup(db_path, stick).path
    fresh = tmp_path / "fresh.sqlite3"
    db = open_database(fresh)
    window = MainWindow(AppContext(db))
    qtbot.addWidget(window)
    before = window.backup_label.text()
    page = window.page("backup")
    page.load_archive(archive)
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    page.confirm_restore()
    qtbot.waitUntil(lambda: page.job is None, timeout=30000)
    day = format_date(_last(fresh)[0].astimezone().date())
    assert day in window.backup_label.text() and window.backup_label.text() != before
    home = window.page("home")
    assert day in home.findChild(type(window.backup_label), "figure_backup").text()
    window.ctx.db.close()
