"""`unionoffice backup / verify / restore`: exit codes and Chinese messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from backup_support import fingerprint, group_names, make_office

from unionoffice.cli import main
from unionoffice.services.backup_rotation import list_backups


@pytest.fixture
def office(db_path: Path) -> Path:
    return make_office(db_path)


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    folder = tmp_path / "stick"
    folder.mkdir()
    return folder


@pytest.fixture
def password_file(tmp_path: Path) -> Path:
    path = tmp_path / "pw.txt"
    path.write_text("工会口令2026\n", encoding="utf-8")
    return path


def _backup(office: Path, stick: Path, *extra: str) -> int:
    return main(["backup", "--db", str(office), "--to", str(stick), *extra])


def test_backup_writes_a_verified_archive(office, stick, password_file, capsys):
    assert _backup(office, stick, "--password-file", str(password_file)) == 0
    [archive] = list_backups(stick)
    assert "备份已写入并校验无误" in capsys.readouterr().out
    assert main(["verify", str(archive), "--password-file", str(password_file)]) == 0
    out = capsys.readouterr().out
    assert "示例公司工会" in out and "完整无损" in out and "groups" in out


def test_backup_keep_rotates(office, stick, capsys):
    for _ in range(2):
        assert _backup(office, stick, "--keep", "10") == 0
    assert _backup(office, stick, "--keep", "2") == 0
    assert len(list_backups(stick)) == 2
    assert "已删除较早的备份" in capsys.readouterr().out


def test_backup_to_a_missing_folder_exits_2(office, tmp_path, capsys):
    assert _backup(office, tmp_path / "no-stick") == 2
    assert "不存在" in capsys.readouterr().err


def test_backup_with_an_unreadable_password_file_exits_2(office, stick, tmp_path, capsys):
    assert _backup(office, stick, "--password-file", str(tmp_path / "missing.txt")) == 2
    assert "密码文件" in capsys.readouterr().err
    assert list(stick.iterdir()) == []


def test_verify_without_the_password_exits_1(office, stick, password_file, capsys):
    _backup(office, stick, "--password-file", str(password_file))
    [archive] = list_backups(stick)
    assert main(["verify", str(archive)]) == 1
    assert "密码" in capsys.readouterr().err


def test_verify_a_damaged_file_exits_1(office, stick, capsys):
    _backup(office, stick)
    [archive] = list_backups(stick)
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0xFF
    archive.write_bytes(bytes(data))
    assert main(["verify", str(archive)]) == 1
    assert "损坏" in capsys.readouterr().err


def test_verify_a_missing_file_exits_2(tmp_path, capsys):
    assert main(["verify", str(tmp_path / "none.uobak")]) == 2
    assert "无法读取" in capsys.readouterr().err


def test_restore_replaces_the_database(office, stick, password_file, tmp_path, capsys):
    _backup(office, stick, "--password-file", str(password_file))
    [archive] = list_backups(stick)
    target = tmp_path / "other" / "office.sqlite3"
    assert main(["restore", str(archive), "--db", str(target), "--password-file", str(password_file)]) == 0
    assert group_names(target) == ["小组1", "小组2", "小组3"]
    assert "已将" in capsys.readouterr().out


def test_restore_with_a_wrong_password_exits_1_and_changes_nothing(office, stick, password_file, tmp_path, capsys):
    _backup(office, stick, "--password-file", str(password_file))
    [archive] = list_backups(stick)
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("猜的密码", encoding="utf-8")
    before = fingerprint(office)
    assert main(["restore", str(archive), "--db", str(office), "--password-file", str(wrong)]) == 1
    assert "密码不正确" in capsys.readouterr().err
    assert fingerprint(office) == before
