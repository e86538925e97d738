"""The window's saves begin with BEGIN IMMEDIATE: they wait for another program's write, and past the
busy timeout say so with the form still open and its input kept."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
import subprocess
import sys
import time

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from reliability_support import cli_env
from roster_helpers import an_id
from unionoffice.gui.context import AppContext
from unionoffice.gui.pages.members import MembersPage
from unionoffice.store import database
from unionoffice.store.database import open_database
from unionoffice.store.models import Member
from unionoffice.store.writer_lock import BUSY_ENV

# Another program (a CLI import, a script) holds a write transaction for a while, then commits a change.
HOLDER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
conn.execute("INSERT INTO settings (key, value) VALUES ('test.other_program', 'was here')")
print("ready", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("COMMIT")
"""


def _hold(db_path, seconds: float) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(db_path), str(seconds)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=cli_env())
    assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
    return proc


def _open(db_path, monkeypatch, busy_seconds: str):
    monkeypatch.setenv(BUSY_ENV, busy_seconds)  # read when the engine is made
    db = open_database(db_path)
    page = MembersPage(AppContext(db))
    return db, page


def _fill(dialog) -> None:
    dialog.name.setText("王五")
    dialog.id_number.setText(an_id(dt.date(1985, 7, 7), female=True, seed=9))
    dialog.join_date.setText("2021.5.1")


def _members(db_path) -> int:
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        return conn.execute("SELECT COUNT(*) FROM members").fetchone()[0]


@pytest.fixture
def shown(monkeypatch):
    messages: list[str] = []
    for name in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda *args, **_kw: messages.append(args[2]))
    return messages


def test_a_save_waits_for_another_programs_write_and_succeeds(qtbot, tmp_path, monkeypatch, shown):
    db_path = tmp_path / "office.sqlite3"
    db, page = _open(db_path, monkeypatch, "10")
    qtbot.addWidget(page)
    dialog = page.new_member()
    _fill(dialog)
    holder = _hold(db_path, 1.0)
    try:
        started = time.monotonic()
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
        waited = time.monotonic() - started
    finally:
        holder.wait(timeout=30)
    assert holder.returncode == 0, holder.stderr.read()
    assert shown == []
    assert not dialog.isVisible()
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Member).where(Member.name == "王五")) == 1
    with contextlib.closing(sqlite3.connect(db_path)) as conn:  # the other program's change is there too
        assert conn.execute("SELECT value FROM settings WHERE key = 'test.other_program'").fetchone() == ("was here",)
    assert waited > 0.3  # it did wait for the other writer (not a speed assertion: a lower bound of the hold)
    db.close()


def test_past_the_busy_timeout_the_clerk_is_told_and_the_form_keeps_the_input(qtbot, tmp_path, monkeypatch, shown):
    db_path = tmp_path / "office.sqlite3"
    db, page = _open(db_path, monkeypatch, "0.3")
    qtbot.addWidget(page)
    dialog = page.new_member()
    _fill(dialog)
    holder = _hold(db_path, 3.0)
    try:
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
        assert _members(db_path) == 0  # checked while the other program still holds its transaction
    finally:
        holder.wait(timeout=30)
    assert len(shown) == 1 and shown[0].startswith("数据库正忙")
    assert dialog.isVisible() and dialog.name.text() == "王五"
    assert _members(db_path) == 0
    # Once the other program is done, 保存 again stores the member.
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert not dialog.isVisible() and _members(db_path) == 1
    db.close()


def test_a_member_save_writes_only_in_an_immediate_transaction(qtbot, tmp_path, monkeypatch, shown):
    writes: list[str] = []
    db, page = _open(tmp_path / "office.sqlite3", monkeypatch, "10")
    monkeypatch.setattr(database, "DEFERRED_WRITE_HOOK", writes.append)  # after the migrations
    qtbot.addWidget(page)
    dialog = page.new_member()
    _fill(dialog)
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert shown == [] and not dialog.isVisible()
    assert writes == []
    db.close()


def test_a_busy_expense_save_shows_the_form_again_as_it_was_filled_in(qtbot, tmp_path, monkeypatch):
    """The expense form closes as it is accepted; past the busy timeout it comes back with what was typed."""
    from PySide6.QtWidgets import QMessageBox

    from unionoffice.gui.dues.expense_dialog import ExpenseDialog
    from unionoffice.gui.pages.funds import FundsPage
    from unionoffice.store.models.funds import Expense

    db_path = tmp_path / "office.sqlite3"
    open_database(db_path).close()
    monkeypatch.setenv(BUSY_ENV, "0.3")
    db = open_database(db_path)
    page = FundsPage(AppContext(db))
    qtbot.addWidget(page)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: said.append(text))
    shown: list[ExpenseDialog] = []
    monkeypatch.setattr(ExpenseDialog, "open", lambda self: shown.append(self))
    dialog = page.add_expense()
    dialog.purpose.setText("订阅报刊")
    dialog.amount.setText("1,234.50")
    dialog.handler.setText("刘会计")
    holder = _hold(db_path, 3)
    try:
        dialog.accept()
    finally:
        holder.kill()
        holder.wait()
    assert len(said) == 1 and "数据库正忙" in said[0]
    assert shown == [dialog, dialog]  # opened again, as filled in
    assert (dialog.purpose.text(), dialog.handler.text()) == ("订阅报刊", "刘会计")
    dialog.accept()  # the other program is gone: this time it is saved
    with db.session() as session:
        assert session.scalars(select(Expense.purpose)).all() == ["订阅报刊"]
    db.close()
