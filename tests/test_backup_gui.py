"""The backup page: one-click backup with the first-time encryption question, and restore."""

from __future__ import annotations

from pathlib import Path

import pytest
from backup_support import group_names
from PySide6.QtWidgets import QDialog, QMessageBox
from sqlalchemy import select

from unionoffice.gui.backup_dialogs import EncryptionChoiceDialog, PasswordDialog
from unionoffice.gui.context import AppContext
from unionoffice.gui.pages import backup as backup_page
from unionoffice.services.backup import make_backup
from unionoffice.services.backup_rotation import list_backups
from unionoffice.services.office import add_group, get_setting, set_setting
from unionoffice.store.models import Setting


@pytest.fixture
def ctx(db):
    with db.session() as session:
        set_setting(session, "union_name", "示例公司工会")
        add_group(session, "一车间")
    return AppContext(db)


@pytest.fixture
def page(qtbot, ctx, monkeypatch):
    monkeypatch.setattr(backup_page, "removable_volumes", lambda folder: [])
    widget = backup_page.create_page(ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    folder = tmp_path / "stick"
    folder.mkdir()
    return folder


def _answer_dialogs(monkeypatch, encrypt: bool | None = None, password: str = "正确的密码123") -> list[str]:
    """Answer the page's dialogs without showing them; returns which were asked."""
    asked = []

    def choice_exec(dialog: EncryptionChoiceDialog) -> int:
        asked.append("choice")
        if encrypt:
            dialog.password.setText(password)
            dialog.repeat.setText(password)
        else:
            dialog.no_password.setChecked(True)
        dialog.accept()
        return dialog.result()

    def password_exec(dialog: PasswordDialog) -> int:
        asked.append("password")
        dialog.password.setText(password)
        dialog.repeat.setText(password)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(EncryptionChoiceDialog, "exec", choice_exec)
    monkeypatch.setattr(PasswordDialog, "exec", password_exec)
    return asked


def _wait_idle(qtbot, page) -> None:
    qtbot.waitUntil(lambda: page.job is None, timeout=30_000)


def test_removable_drives_are_offered(qtbot, ctx, monkeypatch, stick):
    monkeypatch.setattr(backup_page, "removable_volumes", lambda folder: [("U盘 (E:)", stick)])
    widget = backup_page.create_page(ctx)
    qtbot.addWidget(widget)
    assert widget.targets.itemText(0) == "U盘 (E:)"
    assert widget.target() == stick


def test_first_backup_asks_about_encryption_and_remembers_the_choice_not_the_password(qtbot, page, ctx, monkeypatch, stick):
    asked = _answer_dialogs(monkeypatch, encrypt=True)
    page.add_target(stick)
    page.start_backup()
    _wait_idle(qtbot, page)
    assert asked == ["choice"]
    [archive] = list_backups(stick)
    assert "校验无误" in page.status.text()
    with ctx.db.session() as session:
        assert get_setting(session, "backup_encrypt") == "yes"
        values = session.scalars(select(Setting.value)).all()
    assert values and not any("正确的密码123" in value for value in values)
    assert backup_page.inspect_backup(archive, "正确的密码123").encrypted


def test_later_backups_ask_only_for_the_password(qtbot, page, ctx, monkeypatch, stick):
    with ctx.db.session() as session:
        set_setting(session, "backup_encrypt", "yes")
    asked = _answer_dialogs(monkeypatch)
    page.add_target(stick)
    page.start_backup()
    _wait_idle(qtbot, page)
    assert asked == ["password"]
    assert len(list_backups(stick)) == 1


def test_backup_without_encryption_when_chosen_knowingly(qtbot, page, monkeypatch, stick):
    _answer_dialogs(monkeypatch, encrypt=False)
    page.add_target(stick)
    page.start_backup()
    _wait_idle(qtbot, page)
    [archive] = list_backups(stick)
    assert not backup_page.inspect_backup(archive).encrypted
    assert "上次备份" in page.last_backup.text()


def test_failed_backup_is_reported(qtbot, page, monkeypatch, tmp_path):
    _answer_dialogs(monkeypatch, encrypt=False)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    page.add_target(tmp_path / "pulled-out")
    page.start_backup()
    _wait_idle(qtbot, page)
    assert warnings and "不存在" in warnings[0]
    assert page.backup_button.isEnabled()


def test_encryption_choice_refuses_short_or_differing_passwords(qtbot):
    dialog = EncryptionChoiceDialog()
    qtbot.addWidget(dialog)
    dialog.password.setText("abc")
    dialog.repeat.setText("abc")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and "至少" in dialog.error.text()
    dialog.password.setText("abcdefg")
    dialog.repeat.setText("abcdefh")
    dialog.accept()
    assert "不一致" in dialog.error.text()


def test_choose_archive_shows_what_it_holds_and_restores_after_confirmation(qtbot, page, ctx, monkeypatch, stick):
    archive = make_backup(ctx.db.path, stick, password="恢复用的密码").path
    with ctx.db.session() as session:
        add_group(session, "备份后新加")
    _answer_dialogs(monkeypatch, password="恢复用的密码")
    page.load_archive(archive)
    assert "示例公司工会" in page.archive_info.text() and "是否加密：是" in page.archive_info.text()
    assert page.restore_button.isEnabled()
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    old_db = ctx.db
    page.confirm_restore()
    _wait_idle(qtbot, page)
    assert "已恢复" in page.status.text()
    assert ctx.db is not old_db
    assert group_names(ctx.db.path) == ["一车间"]
    with ctx.db.session() as session:  # the reopened database works
        add_group(session, "恢复后新加")


def test_declining_the_confirmation_changes_nothing(qtbot, page, ctx, monkeypatch, stick):
    archive = make_backup(ctx.db.path, stick).path
    with ctx.db.session() as session:
        add_group(session, "备份后新加")
    page.load_archive(archive)
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.No)
    page.confirm_restore()
    assert page.job is None
    assert "备份后新加" in group_names(ctx.db.path)


def test_a_damaged_archive_cannot_be_restored(qtbot, page, ctx, stick):
    archive = make_backup(ctx.db.path, stick).path
    data = bytearray(archive.read_bytes())
    data[len(data) - 10] ^= 1
    archive.write_bytes(bytes(data))
    page.load_archive(archive)
    assert "损坏" in page.archive_info.text()
    assert not page.restore_button.isEnabled()


def test_cancelling_the_password_prompt_leaves_nothing_chosen(qtbot, page, ctx, monkeypatch, stick):
    archive = make_backup(ctx.db.path, stick, password="某个密码123").path
    monkeypatch.setattr(PasswordDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    page.load_archive(archive)
    assert not page.restore_button.isEnabled()


def test_the_system_drive_and_the_data_drive_are_not_offered_as_sticks(tmp_path):
    from unionoffice.gui.backup_dialogs import removable_volumes

    roots = [root for _label, root in removable_volumes(tmp_path)]
    assert Path("/") not in roots
    assert not any(tmp_path.resolve().is_relative_to(root) for root in roots)
