"""A kill at any moment loses at most the change being saved and never corrupts the database.

A writer subprocess inserts rows in separate transactions through open_database and prints each
committed id; we SIGKILL it at random moments, many times, then check the file.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 30
TIME_BUDGET_S = 14.0  # stop early on a slow machine, but only after MIN_ROUNDS
MIN_ROUNDS = 10

WRITER = """
import sys
from unionoffice.store.database import open_database
from unionoffice.store.models import Group
db = open_database(sys.argv[1])
round_no = sys.argv[2]
n = 0
while True:
    n += 1
    with db.session() as session:
        group = Group(name=f"r{round_no}-{n}", position=n)
        session.add(group)
    print(group.id, flush=True)
"""

pytestmark = pytest.mark.slow


def _integrity(path: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return [row[0] for row in conn.execute("PRAGMA integrity_check")]


def _ids(path: Path) -> set[int]:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return {row[0] for row in conn.execute("SELECT id FROM groups")}


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_writer_never_corrupts_and_never_loses_an_acknowledged_row(tmp_path):
    path = tmp_path / "office.sqlite3"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    rng = random.Random(20260630)
    acknowledged: set[int] = set()
    started = time.monotonic()
    rounds = 0
    while rounds < ROUNDS and (rounds < MIN_ROUNDS or time.monotonic() - started < TIME_BUDGET_S):
        rounds += 1
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(rounds)], stdout=subprocess.PIPE, text=True, env=env
        )
        if rounds == 1 or rng.random() < 0.8:
            # Most kills land in the middle of the writes; the rest anywhere from start-up on.
            first = proc.stdout.readline()
            if first.endswith("\n"):
                acknowledged.add(int(first))
            time.sleep(rng.uniform(0, 0.15))
        else:
            time.sleep(rng.uniform(0, 0.6))
        proc.send_signal(signal.SIGKILL)
        out, _err = proc.communicate(timeout=10)
        # Only complete lines were acknowledged; a torn last line was not.
        lines = out.split("\n")
        acknowledged.update(int(line) for line in lines[:-1] if line.strip())
        assert _integrity(path) == ["ok"], f"round {rounds}"
    assert rounds >= MIN_ROUNDS
    assert len(acknowledged) > rounds  # the kills really landed among the writes
    assert acknowledged <= _ids(path)
