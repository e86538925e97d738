"""Two PCs importing into one register of a server office: the imports serialise (the second
waits for the first, or gives up clearly when it waits too long), rows never interleave."""

from __future__ import annotations

import threading
import time

import openpyxl
import pytest
from sqlalchemy import select

from tests.relief_fixtures import add_member
from tests.two_pcs import open_pair
from unionoffice.cli_guard import known_failure
from unionoffice.services import relief_io
from unionoffice.services import relief
from unionoffice.store.models.relief import ReliefVisit
from unionoffice.store.register_lock import RegisterBusy, lock_register

ROWS = 12


@pytest.fixture
def pcs(tmp_path):
    a, b = open_pair("postgresql", tmp_path)
    with a.session() as s:
        for i in range(ROWS):
            add_member(s, f"职工{i:02d}")
    yield a, b
    a.close()
    b.close()


def _sheet(path, yuan_base: int):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["慰问日期", "姓名", "慰问事由", "慰问金", "经费来源"])
    for i in range(ROWS):
        sheet.append(["2026-01-20", f"职工{i:02d}", "春节送温暖", str(yuan_base + i), "本级工会经费"])
    book.save(path)
    return path


def test_two_imports_of_one_register_do_not_interleave(pcs, tmp_path, monkeypatch):
    a, b = pcs
    files = {"A": _sheet(tmp_path / "a.xlsx", 100), "B": _sheet(tmp_path / "b.xlsx", 200)}
    slow = relief.record_visit

    def record_slowly(session, data):  # each row takes a while: unguarded imports would overlap
        time.sleep(0.03)
        return slow(session, data)

    monkeypatch.setattr(relief, "record_visit", record_slowly)
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def run(db, which):
        try:
            start.wait()
            with db.session() as s:
                relief_io.import_visits(s, files[which])
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(a, "A")), threading.Thread(target=run, args=(b, "B"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    with a.session() as s:
        order = ["A" if v.cash_fen < 20000 else "B" for v in s.scalars(select(ReliefVisit).order_by(ReliefVisit.id))]
    assert len(order) == 2 * ROWS
    assert order in (["A"] * ROWS + ["B"] * ROWS, ["B"] * ROWS + ["A"] * ROWS), order


def test_an_import_waiting_too_long_gives_up_clearly_and_writes_nothing(pcs, tmp_path, monkeypatch):
    a, b = pcs
    monkeypatch.setenv("UNIONOFFICE_BUSY_SECONDS", "0.5")
    with a.session() as s_a:
        lock_register(s_a, "relief_visits")  # PC A's import is running
        with pytest.raises(RegisterBusy) as busy:
            with b.session() as s_b:
                relief_io.import_visits(s_b, _sheet(tmp_path / "b.xlsx", 200))
    assert "另一台电脑正在导入" in str(busy.value)
    assert known_failure(busy.value) == (3, str(busy.value))
    with b.session() as s:
        assert s.scalars(select(ReliefVisit)).all() == []


def test_imports_of_different_registers_do_not_wait_for_each_other(pcs, monkeypatch):
    a, b = pcs
    monkeypatch.setenv("UNIONOFFICE_BUSY_SECONDS", "0")
    with a.session() as s_a:
        lock_register(s_a, "relief_visits")
        with b.session() as s_b:
            lock_register(s_b, "dues")  # no RegisterBusy


def test_the_lock_ends_with_the_transaction(pcs, monkeypatch):
    a, b = pcs
    monkeypatch.setenv("UNIONOFFICE_BUSY_SECONDS", "0")
    with a.session() as s_a:
        lock_register(s_a, "relief_visits")
    with b.session() as s_b:
        lock_register(s_b, "relief_visits")  # A committed: free again
