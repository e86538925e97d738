"""Recycle bin and change log dialogs, program password prompt and idle lock."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from unionoffice.gui.audit_dialog import AuditLogDialog
from unionoffice.gui.context import AppContext
from unionoffice.gui.lock import IdleLocker, PasswordDialog
from unionoffice.gui.recycle_dialog import RecycleBinDialog
from unionoffice.gui.settings_dialog import SettingsDialog
from unionoffice.services import recycle, security
from unionoffice.services.office import add_group, rename_group
from unionoffice.store.models import Member


def _deleted_member(db, name):
    with db.session() as s:
        member = Member(name=name, sex="female")
        s.add(member)
        s.flush()
        recycle.move_to_bin(s, member)
        return member.id


def test_recycle_bin_restores_the_selected_record(qtbot, db):
    member_id = _deleted_member(db, "李四")
    dialog = RecycleBinDialog(AppContext(db))
    qtbot.addWidget(dialog)
    assert dialog.table.item(0, 1).text() == "李四"
    dialog.table.selectRow(0)
    dialog.restore_selected()
    with db.session() as s:
        assert s.get(Member, member_id).deleted_at is None
    assert dialog.table.rowCount() == 0


def test_recycle_bin_purges_after_confirmation(qtbot, db, monkeypatch):
    member_id = _deleted_member(db, "王五")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    dialog = RecycleBinDialog(AppContext(db))
    qtbot.addWidget(dialog)
    dialog.table.selectRow(0)
    dialog.purge_selected()
    with db.session() as s:
        assert s.get(Member, member_id) is not None
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.purge_selected()
    with db.session() as s:
        assert s.get(Member, member_id) is None


def test_change_log_filters_and_shows_before_and_after(qtbot, db):
    with db.session() as s:
        group = add_group(s, "一车间")
        rename_group(s, group.id, "二车间")
    _deleted_member(db, "赵六")
    dialog = AuditLogDialog(AppContext(db))
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 3
    dialog.search.setText("二车间")
    assert dialog.table.rowCount() == 1
    dialog.show_detail(0)
    assert '"一车间" → "二车间"' in dialog.detail.toPlainText()
    dialog.search.clear()
    dialog.entity.setCurrentIndex(dialog.entity.findData("members"))
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 2).text() == "删除"


def test_password_is_set_in_settings_and_checked_by_the_lock_dialog(qtbot, db, monkeypatch):
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: None)
    ctx = AppContext(db)
    settings = SettingsDialog(ctx)
    qtbot.addWidget(settings)
    assert not settings.set_program_password("abcd", "abce")
    assert settings.set_program_password("abcd", "abcd")
    with db.session() as s:
        assert security.has_password(s)
    dialog = PasswordDialog(ctx, "请输入密码")
    qtbot.addWidget(dialog)
    dialog.password.setText("wrong")
    dialog.accept()
    assert dialog.result() != PasswordDialog.DialogCode.Accepted
    assert "不正确" in dialog.error.text()
    dialog.password.setText("abcd")
    dialog.accept()
    assert dialog.result() == PasswordDialog.DialogCode.Accepted


def test_idle_lock_hides_the_window_only_with_a_password_and_a_limit(qtbot, db, monkeypatch):
    from PySide6.QtWidgets import QWidget

    ctx = AppContext(db)
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    locker = IdleLocker(ctx, window)
    locker.timer.stop()  # checked by hand below; a live timer would lock a later test's window
    locked = []
    monkeypatch.setattr(locker, "lock", lambda: locked.append(True))
    locker.last_input -= 3600
    locker.check()
    assert locked == []  # no password set: never locks
    with db.session() as s:
        security.set_password(s, "abcd")
        security.set_idle_minutes(s, 5)
    locker.check()
    assert locked == [True]


def test_recycle_bin_and_change_log_show_long_names_and_times_whole(qtbot, db):
    title = "2026年职工书画摄影展暨庆祝建党节文艺汇演"
    _deleted_member(db, title)
    for dialog, column in ((RecycleBinDialog(AppContext(db)), 1), (AuditLogDialog(AppContext(db)), 0)):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        item = dialog.table.item(0, column)
        assert dialog.table.columnWidth(column) >= dialog.table.fontMetrics().horizontalAdvance(item.text()) + 8


def test_the_change_log_detail_names_fields_in_words_and_money_in_yuan():
    from unionoffice.gui.audit_dialog import field_change
    from unionoffice.i18n import choose_language, set_language

    set_language("zh_CN")
    try:
        assert field_change("cost_fen", 2582000, 123400) == "费用（元）：25,820.00 → 1,234.00"
        assert field_change("summary", "旧", "新") == '反映问题："旧" → "新"'
    finally:
        set_language(choose_language())
