"""SIGKILL at random moments during import, restore, backup and beside a second writer.

Each round forks this (already imported) test process, so a round costs what the operation
costs, not an interpreter start: 50 rounds of each kind fit in CI's slow set. After every kill
the database passes ``PRAGMA integrity_check`` and every change the child acknowledged (printed
after its commit returned) is there; killed backups and restores leave no plaintext copy after
the next start, and never an archive under a final name that does not verify.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import sqlite3
import time
from pathlib import Path

import pytest
from backup_support import group_names, make_office
from reliability_support import integrity, person, roster

from unionoffice.store.database import open_database

ROUNDS = 50
pytestmark = [pytest.mark.slow, pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")]


class Child:
    """A forked child running ``body(say)``; ``say(text)`` acknowledges a step to the parent."""

    def __init__(self, body) -> None:  # noqa: ANN001
        read, write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: never returns into pytest
            os.close(read)
            code = 0
            try:
                body(lambda text: os.write(write, f"{text}\n".encode()))
            except BaseException as exc:  # noqa: BLE001
                os.write(write, f"ERR {type(exc).__name__}: {exc}\n".encode())
                code = 1
            os._exit(code)
        os.close(write)
        self._read = read
        self._buffer = b""

    def lines(self) -> list[str]:
        """Every complete line said so far (a torn last line was not acknowledged)."""
        os.set_blocking(self._read, False)
        with contextlib.suppress(BlockingIOError):
            while chunk := os.read(self._read, 65536):
                self._buffer += chunk
        return [line.decode() for line in self._buffer.split(b"\n")[:-1]]

    def kill_after(self, seconds: float) -> list[str]:
        time.sleep(seconds)
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        lines = self.lines()
        os.close(self._read)
        return lines

    def wait(self) -> list[str]:
        os.waitpid(self.pid, 0)
        lines = self.lines()
        os.close(self._read)
        return lines


def full_run_seconds(body) -> float:  # noqa: ANN001
    """How long one uninterrupted run of ``body`` takes here: the kills are drawn over 1.5 times
    that, so on a fast or a slow machine alike some rounds are killed midway and some finish."""
    started = time.perf_counter()
    Child(body).wait()
    return max(0.05, time.perf_counter() - started)


def _quiet(body):  # noqa: ANN001, ANN202
    """Run a command's main() in the child with its output silenced."""
    def run(say):  # noqa: ANN001, ANN202
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        body(say)
    return run


def test_killed_imports_are_all_or_nothing_and_never_corrupt(tmp_path):
    from unionoffice.cli import main

    db = make_office(tmp_path / "office.sqlite3")
    rng = random.Random(11)
    size = 30
    done = 0

    def calibrate(say):  # noqa: ANN001, ANN202
        main(["import-members", str(roster(tmp_path / "calibrate.xlsx", [person(ROUNDS * 100 + n) for n in range(size)])),
              "--db", str(db)])
    full = full_run_seconds(_quiet(calibrate))
    for round_no in range(ROUNDS):
        source = roster(tmp_path / f"r{round_no}.xlsx", [person(round_no * 100 + n) for n in range(size)])

        def body(say, source=source):  # noqa: ANN001, ANN202
            code = main(["import-members", str(source), "--db", str(db)])
            say(f"exit {code}")

        lines = Child(_quiet(body)).kill_after(rng.uniform(0.0, 1.5 * full))
        assert integrity(db) == "ok", round_no
        with contextlib.closing(sqlite3.connect(db)) as conn:
            members = conn.execute("SELECT COUNT(*) FROM members").fetchone()[0]
        if "exit 0" in lines:
            done += 1
        assert members % size == 0, (round_no, members)  # never a part of one import
        assert members >= done * size  # every acknowledged import is there
    assert 0 < done < ROUNDS  # the kills landed both before and after commits


def test_killed_restores_leave_the_old_or_the_new_data_and_no_plaintext_copy(tmp_path):
    from unionoffice.services.backup import make_backup
    from unionoffice.services.backup_restore import restore_backup
    from unionoffice.services.office import add_group

    db = make_office(tmp_path / "office.sqlite3")
    stick = tmp_path / "stick"
    stick.mkdir()
    archive = make_backup(db, stick).path
    restored_names = group_names(db)
    rng = random.Random(12)
    finished = 0
    full = full_run_seconds(lambda say: restore_backup(archive, db))
    for round_no in range(ROUNDS):
        live = open_database(db)
        with live.session() as session:
            add_group(session, f"第{round_no}轮加的小组")
        live.close()
        changed_names = group_names(db)
        lines = Child(lambda say: (restore_backup(archive, db), say("restored"))).kill_after(rng.uniform(0.0, 1.5 * full))
        assert integrity(db) == "ok", round_no
        names = group_names(db)
        assert names in (changed_names, restored_names), round_no
        if "restored" in lines:
            finished += 1
            assert names == restored_names
        open_database(db).close()  # the next start cleans what the kill left
        assert not [p.name for p in db.parent.iterdir() if p.name.startswith((".uorestore-", ".uobak-"))], round_no
        assert not (db.parent / f"{db.name}.restore-tmp").exists()
    assert 0 < finished < ROUNDS


def test_killed_backups_leave_no_plaintext_snapshot_and_no_bad_archive(tmp_path):
    from unionoffice.services.backup import make_backup
    from unionoffice.services.backup_restore import verify_backup

    db = make_office(tmp_path / "office.sqlite3")
    stick = tmp_path / "stick"
    stick.mkdir()
    rng = random.Random(13)
    checked: set[Path] = set()
    finished = 0
    (tmp_path / "calibration").mkdir()
    full = full_run_seconds(lambda say: make_backup(db, tmp_path / "calibration", keep=1000))
    for round_no in range(ROUNDS):
        lines = Child(lambda say: say(str(make_backup(db, stick, keep=1000).path))).kill_after(rng.uniform(0.0, 1.5 * full))
        finished += any(line.endswith(".uobak") for line in lines)
        open_database(db).close()
        assert not [p for p in db.parent.iterdir() if p.name.startswith(".uobak-")], round_no
        for archive in sorted(stick.glob("*.uobak")):
            if archive not in checked:
                verify_backup(archive)  # an archive under its final name is always good
                checked.add(archive)
        assert integrity(db) == "ok"
    assert 0 < finished < ROUNDS


def test_a_killed_writer_beside_a_second_writer_loses_nothing_acknowledged(tmp_path):
    from unionoffice.services.office import add_group

    db = make_office(tmp_path / "office.sqlite3")
    rng = random.Random(14)

    def writer(tag: str):  # noqa: ANN202
        def body(say):  # noqa: ANN001, ANN202
            database = open_database(db)
            for n in range(10_000):
                with database.write_session() as session:
                    add_group(session, f"{tag}-{n}")
                say(f"{tag}-{n}")
        return body

    acknowledged: set[str] = set()
    for round_no in range(ROUNDS):
        survivor = Child(writer(f"s{round_no}"))
        victim = Child(writer(f"v{round_no}"))
        victim_lines = victim.kill_after(rng.uniform(0.05, 0.4))
        survivor_lines = survivor.kill_after(0.05)
        assert not [line for line in survivor_lines + victim_lines if line.startswith("ERR")], round_no
        acknowledged.update(victim_lines + survivor_lines)
        assert integrity(db) == "ok", round_no
    assert len(acknowledged) > 2 * ROUNDS
    assert acknowledged <= set(group_names(db))
