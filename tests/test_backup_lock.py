"""The database lock: one program per database, stale locks taken over, live holders named."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from backup_support import make_office

from unionoffice.services.backup import make_backup
from unionoffice.services.backup_restore import RestoreError, restore_backup
from unionoffice.store.lock import DatabaseLock, DatabaseLocked, lock_path, pid_running, read_lock

ROOT = Path(__file__).resolve().parent.parent

HOLDER = """
import sys
from pathlib import Path
from unionoffice.store.lock import DatabaseLock
lock = DatabaseLock(Path(sys.argv[1])).acquire()
print("locked", flush=True)
sys.stdin.readline()
lock.release()
print("released", flush=True)
"""


@pytest.fixture
def holder(db_path: Path):
    """A second process holding the lock on ``db_path`` until the test ends."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env
    )
    assert proc.stdout.readline().strip() == "locked"
    yield proc
    if proc.poll() is None:
        proc.kill()
    proc.wait(timeout=10)


def test_lock_file_names_the_holder(db_path):
    with DatabaseLock(db_path) as lock:
        info = read_lock(db_path)
        assert info == lock.info
        assert info.pid == os.getpid() and info.host == socket.gethostname()
        assert abs(info.started_at - dt.datetime.now(dt.timezone.utc)) < dt.timedelta(minutes=1)
    assert read_lock(db_path) is None


def test_a_live_holder_in_another_process_is_refused_and_named(db_path, holder):
    with pytest.raises(DatabaseLocked) as caught:
        DatabaseLock(db_path).acquire()
    assert caught.value.holder.pid == holder.pid
    assert str(holder.pid) in str(caught.value) and socket.gethostname() in str(caught.value)
    assert "正在使用" in str(caught.value)


def test_the_lock_is_free_again_after_the_holder_releases_it(db_path, holder):
    holder.stdin.write("\n")
    holder.stdin.flush()
    assert holder.stdout.readline().strip() == "released"
    with DatabaseLock(db_path) as lock:
        assert lock.took_over is None


def test_a_stale_lock_from_a_killed_process_is_taken_over(db_path, holder):
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=10)
    assert not pid_running(holder.pid)
    assert read_lock(db_path).pid == holder.pid  # the crash left the file behind
    with DatabaseLock(db_path) as lock:
        assert lock.took_over.pid == holder.pid
        assert read_lock(db_path).pid == os.getpid()


def test_a_lock_from_another_host_is_refused_unless_forced(db_path):
    lock_path(db_path).write_text(
        json.dumps({"pid": 4242, "host": "财务室电脑", "user": "clerk", "started_at": "2026-06-30T01:00:00+00:00"}),
        encoding="utf-8",
    )
    with pytest.raises(DatabaseLocked, match="财务室电脑"):
        DatabaseLock(db_path).acquire()
    with DatabaseLock(db_path).acquire(force=True) as lock:
        assert lock.took_over.host == "财务室电脑"


def test_a_second_lock_in_the_same_process_is_refused(db_path):
    with DatabaseLock(db_path):
        with pytest.raises(DatabaseLocked):
            DatabaseLock(db_path).acquire()


def test_restore_is_refused_while_another_process_uses_the_database(db_path, holder, tmp_path):
    make_office(db_path)
    stick = tmp_path / "stick"
    stick.mkdir()
    archive = make_backup(db_path, stick).path
    before = db_path.read_bytes()
    with pytest.raises(RestoreError, match=str(holder.pid)) as caught:
        restore_backup(archive, db_path)
    assert not caught.value.rejected
    assert db_path.read_bytes() == before


def test_restore_accepts_the_caller_s_own_lock(db_path, tmp_path):
    make_office(db_path)
    stick = tmp_path / "stick"
    stick.mkdir()
    archive = make_backup(db_path, stick).path
    with DatabaseLock(db_path) as lock:
        restore_backup(archive, db_path, lock=lock)
        assert lock.held
