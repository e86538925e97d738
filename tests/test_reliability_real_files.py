"""Read-only databases and full disks for real, not simulated.

Read-only: the commands run without the power to override file permissions. The tests run as
root, and the interpreter lives under /root (mode 700), which the user ``nobody`` cannot enter;
so the command runs as root with every capability dropped (``setpriv --bounding-set=-all``):
CAP_DAC_OVERRIDE is gone and a file or folder without write permission refuses writes to it, as
it does for any user. Run as an ordinary user, the commands run as that user.

Disk full: a real 2 MB tmpfs mounted for the test (``mount -t tmpfs -o size=2m``); where mounting
is not permitted, the test is skipped unless in CI (where it fails).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from reliability_support import cli_env, count, integrity, person, roster

IN_CI = bool(os.environ.get("CI"))


def _unprivileged_prefix() -> list[str]:
    if os.geteuid() != 0:
        return []  # already an ordinary user: permissions apply as they are
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        if IN_CI:
            pytest.fail("setpriv (util-linux) is needed to drop root's capabilities")
        pytest.skip("setpriv is not installed")
    return [setpriv, "--bounding-set=-all", "--inh-caps=-all", "--"]


def run(*args: str, unprivileged: bool = True) -> subprocess.CompletedProcess:
    prefix = _unprivileged_prefix() if unprivileged else []
    return subprocess.run([*prefix, sys.executable, "-m", "unionoffice", *args], capture_output=True, text=True,
                          timeout=180, env=cli_env())


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _one_line(result: subprocess.CompletedProcess) -> str:
    text = result.stderr.strip()
    assert "Traceback" not in text and text.count("\n") == 0, text
    return text


@pytest.fixture
def office(tmp_path: Path) -> Path:
    folder = tmp_path / "office"
    db = folder / "office.sqlite3"
    source = roster(tmp_path / "名单.xlsx", [person(n) for n in range(5)])
    assert run("--db", str(db), "import-members", str(source), unprivileged=False).returncode == 0
    assert not Path(f"{db}-wal").exists()
    return db


@pytest.fixture(params=["file and folder", "file only"])
def read_only(request, office: Path):
    """The office database write-protected: the file, or the file and its folder."""
    office.chmod(0o444)
    if request.param == "file and folder":
        office.parent.chmod(0o555)
    yield office
    office.parent.chmod(0o755)
    office.chmod(0o644)


def test_reading_commands_work_on_a_read_only_database(read_only, tmp_path):
    before = _digest(read_only)
    info = run("--db", str(read_only), "info")
    assert info.returncode == 0, info.stderr
    assert "members" in info.stdout
    out = tmp_path / "导出.xlsx"
    export = run("--db", str(read_only), "export-members", str(out))
    assert export.returncode == 0, export.stderr
    names = [row[0] for row in load_workbook(out).worksheets[0].iter_rows(values_only=True)]
    assert {"测试0", "测试4"} <= set(names)
    stick = tmp_path / "stick"
    stick.mkdir()
    backup = run("--db", str(read_only), "backup", "--to", str(stick))
    assert backup.returncode == 0, backup.stderr
    archive = next(stick.glob("*.uobak"))
    assert run("verify", str(archive)).returncode == 0
    assert _digest(read_only) == before
    if not os.access(read_only.parent, os.W_OK):  # (beside a write-protected file SQLite keeps its -shm file)
        assert sorted(p.name for p in read_only.parent.iterdir()) == ["office.sqlite3", "office.sqlite3.writers"]


def test_a_writing_command_says_the_database_is_read_only_and_changes_nothing(read_only, tmp_path):
    source = roster(tmp_path / "新名单.xlsx", [person(n) for n in range(100, 103)])
    before = _digest(read_only)
    result = run("--db", str(read_only), "import-members", str(source))
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "只读" in _one_line(result)
    assert _digest(read_only) == before
    assert count(read_only) == 5


def test_restore_onto_a_read_only_database_is_refused_and_changes_nothing(office, tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    assert run("--db", str(office), "backup", "--to", str(stick), unprivileged=False).returncode == 0
    archive = next(stick.glob("*.uobak"))
    office.chmod(0o444)
    office.parent.chmod(0o555)
    try:
        before = _digest(office)
        result = run("--db", str(office), "restore", str(archive))
        assert result.returncode == 2, (result.stdout, result.stderr)
        _one_line(result)
        assert _digest(office) == before
    finally:
        office.parent.chmod(0o755)
        office.chmod(0o644)


def test_an_export_into_a_write_protected_folder_says_so_and_writes_nothing(office, tmp_path):
    locked = tmp_path / "只读文件夹"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        result = run("--db", str(office), "export-members", str(locked / "会员.xlsx"))
        assert result.returncode == 2
        assert "只读" in _one_line(result)
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o755)


# --- a full disk ----------------------------------------------------------------------------------

@pytest.fixture
def small_disk(tmp_path: Path):
    """A real 2 MB filesystem (tmpfs) mounted for the test."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m,mode=0755", "tmpfs", str(mount_point)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        if IN_CI:
            pytest.fail(f"cannot mount a small tmpfs for the disk-full tests: {result.stderr.strip()}")
        pytest.skip(f"mounting a tmpfs is not permitted here: {result.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def _fill(disk: Path, leave: int) -> None:
    """Fill the filesystem until only about ``leave`` bytes are free."""
    free = shutil.disk_usage(disk).free
    with (disk / "filler.bin").open("wb") as fh:
        fh.write(b"\0" * max(0, free - leave))


@pytest.fixture
def big_office(tmp_path: Path) -> Path:
    db = tmp_path / "big" / "office.sqlite3"
    source = roster(tmp_path / "大名单.xlsx", [person(n) for n in range(2000)])
    # (a few generated ID numbers repeat: those rows are rejected, exit 1, the rest imported)
    assert run("--db", str(db), "import-members", str(source), "--skip-invalid", unprivileged=False).returncode in (0, 1)
    return db


def _only_filler(disk: Path) -> list[str]:
    return sorted(p.name for p in disk.iterdir())


def test_an_export_onto_a_full_disk_leaves_no_file_under_the_final_name(big_office, small_disk):
    before = count(big_office)
    _fill(small_disk, leave=16 * 1024)
    result = run("--db", str(big_office), "export-members", str(small_disk / "会员.xlsx"), unprivileged=False)
    assert result.returncode == 2
    assert "磁盘" in _one_line(result)
    assert _only_filler(small_disk) == ["filler.bin"]
    assert integrity(big_office) == "ok" and count(big_office) == before


def test_a_backup_onto_a_full_stick_leaves_no_archive_and_the_database_intact(big_office, small_disk):
    before = count(big_office)
    _fill(small_disk, leave=64 * 1024)
    result = run("--db", str(big_office), "backup", "--to", str(small_disk), unprivileged=False)
    assert result.returncode == 2
    _one_line(result)
    assert _only_filler(small_disk) == ["filler.bin"]
    assert integrity(big_office) == "ok" and count(big_office) == before


def test_an_import_into_a_database_on_a_full_disk_fails_whole_and_keeps_every_earlier_member(tmp_path, small_disk):
    db = small_disk / "office.sqlite3"
    first = roster(tmp_path / "第一批.xlsx", [person(n) for n in range(50)])
    assert run("--db", str(db), "import-members", str(first), unprivileged=False).returncode == 0
    _fill(small_disk, leave=32 * 1024)
    second = roster(tmp_path / "第二批.xlsx", [person(n) for n in range(1000, 4000)])
    result = run("--db", str(db), "import-members", str(second), "--skip-invalid", unprivileged=False)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "磁盘" in _one_line(result)
    (small_disk / "filler.bin").unlink()  # room again: the database must be whole, the first 50 kept, none of the 3,000
    with contextlib.closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT COUNT(*) FROM members").fetchone()[0] == 50
