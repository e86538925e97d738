"""Clumsy paths: outputs that would destroy data, empty --db, odd files as database or archive, odd names."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from pathlib import Path

import pytest
from backup_support import make_office
from reliability_support import cli, count, person, roster

from unionoffice.services.backup import make_backup


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def office(db_path: Path) -> Path:
    return make_office(db_path)


def _one_line_error(result, code: int = 2) -> str:
    assert result.returncode == code, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    return result.stderr


class _Ran:
    def __init__(self, returncode: int, stdout: str, stderr: str) -> None:
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


@pytest.fixture
def run(capsys):
    """``unionoffice ARGS`` in this process (much faster than a subprocess; hangs are tested with one)."""
    from unionoffice.cli import main

    def _run(*args: str) -> _Ran:
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse's usage errors
            code = exc.code
        out, err = capsys.readouterr()
        return _Ran(code, out, err)

    return _run


def test_errors_out_equal_to_the_input_is_refused_and_the_input_kept(office, tmp_path, run):
    source = roster(tmp_path / "名单.xlsx", [person(1), person(2, sex="女")])  # row 2 is rejected
    before = _digest(source)
    err = _one_line_error(run("import-members", str(source), "--db", str(office), "--errors-out", str(source)))
    assert "正在读取的文件" in err
    assert _digest(source) == before and count(office) == 0


@pytest.mark.parametrize("command", [["export-members"], ["export-visits"], ["export-activities"], ["export-honours"]])
def test_an_export_onto_the_database_is_refused(office, command, run):
    before = _digest(office)
    err = _one_line_error(run(*command, str(office), "--db", str(office)))
    assert "数据库本身" in err
    assert _digest(office) == before


def test_an_output_onto_another_sqlite_database_is_refused(office, tmp_path, run):
    other = make_office(tmp_path / "另一个单位.sqlite3", name="另一个工会")
    before = _digest(other)
    renamed = other.rename(other.with_suffix(".docx"))
    err = _one_line_error(run("report", "--from", "2026-01-01", "--to", "2026-06-30", "--out", str(renamed), "--db", str(office)))
    assert "数据库文件" in err
    assert _digest(renamed) == before


def test_errors_out_into_a_missing_folder_is_refused_before_importing(office, tmp_path, run):
    source = roster(tmp_path / "名单.xlsx", [person(1), person(2, sex="女")])
    err = _one_line_error(run("import-members", str(source), "--db", str(office), "--skip-invalid",
                              "--errors-out", str(tmp_path / "没有的文件夹" / "错误.xlsx")))
    assert "不存在" in err and count(office) == 0


def test_an_empty_db_option_or_variable_is_an_error_not_the_default(tmp_path, run, monkeypatch):
    err = _one_line_error(run("info", "--db", ""))
    assert "--db 为空" in err
    monkeypatch.setenv("UNIONOFFICE_DB", "")
    err = _one_line_error(run("info"))
    assert "UNIONOFFICE_DB 为空" in err


def _odd_paths(tmp_path: Path) -> dict[str, Path]:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    folder = tmp_path / "folder"
    folder.mkdir()
    (tmp_path / "loop1").symlink_to(tmp_path / "loop2")
    (tmp_path / "loop2").symlink_to(tmp_path / "loop1")
    return {"fifo": fifo, "folder": folder, "null": Path("/dev/null"), "loop": tmp_path / "loop1",
            "long": tmp_path / ("长" * 300 + ".sqlite3")}


@pytest.mark.parametrize("kind", ["folder", "null", "loop", "long"])
@pytest.mark.parametrize("command", [["info"], ["demo"], ["export-members", "OUT"], ["import-visits", "IN"]])
def test_odd_files_as_the_database_give_one_line(tmp_path, kind, command, run):
    path = _odd_paths(tmp_path)[kind]
    source = roster(tmp_path / "名单.xlsx", [person(1)])
    args = [str(tmp_path / "out.xlsx") if a == "OUT" else str(source) if a == "IN" else a for a in command]
    _one_line_error(run(*args, "--db", str(path)))


@pytest.mark.parametrize("kind", ["folder", "null", "loop", "long"])
def test_odd_files_as_the_archive_give_one_line(office, tmp_path, kind, run):
    path = _odd_paths(tmp_path)[kind]
    _one_line_error(run("verify", str(path)))
    _one_line_error(run("restore", str(path), "--db", str(office)))


def test_a_fifo_as_database_or_archive_does_not_hang(office, tmp_path):
    fifo = _odd_paths(tmp_path)["fifo"]
    for args in (["info", "--db", str(fifo)], ["demo", "--db", str(fifo)], ["verify", str(fifo)],
                 ["restore", str(fifo), "--db", str(office)]):
        _one_line_error(cli(*args, timeout=30))


def test_an_export_onto_a_fifo_is_refused_without_hanging(office, tmp_path):
    """In a subprocess, with a timeout: opening the FIFO would block forever."""
    fifo = tmp_path / "out.xlsx"
    os.mkfifo(fifo)
    _one_line_error(cli("export-members", str(fifo), "--db", str(office), timeout=30))


@pytest.mark.parametrize("folder", ["a#b", "why?", "50%", "%20x", "a?mode=ro#"])
def test_folders_with_uri_characters_work_and_leave_no_stray_file(tmp_path, folder, run):
    base = tmp_path / folder
    base.mkdir()
    db = base / "office.sqlite3"
    source = roster(tmp_path / "名单.xlsx", [person(1), person(2)])
    assert run("import-members", str(source), "--db", str(db)).returncode == 0
    assert count(db) == 2
    stick = tmp_path / "stick"
    stick.mkdir(exist_ok=True)
    make_backup(db, stick)
    assert sorted(p.name for p in base.iterdir()) == ["backups", "office.sqlite3", "office.sqlite3.writers"] or \
        sorted(p.name for p in base.iterdir()) == ["office.sqlite3", "office.sqlite3.writers"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["名单.xlsx"]


def test_a_non_utf8_file_name_is_imported_and_named_without_a_traceback(office, tmp_path):
    """In a subprocess: the name must also print on a real UTF-8 stdout."""
    name = os.fsdecode(b"\xff\xfe\xe5\x90\x8d.xlsx")
    source = roster(tmp_path / name, [person(1)])
    result = cli("import-members", str(source), "--db", str(office))
    assert result.returncode == 0, result.stderr
    assert count(office) == 1


def test_import_into_a_damaged_database_is_refused_and_writes_nothing(office, tmp_path, run):
    source = roster(tmp_path / "名单.xlsx", [person(1)])
    with sqlite3.connect(office) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")
    size = office.stat().st_size
    with office.open("r+b") as fh:
        for page in range(2, size // 4096):
            fh.seek(page * 4096 + 8)
            fh.write(b"\xde\xad" * 40)
    before = _digest(office)
    for command in ("import-members", "import-visits", "import-activities"):
        err = _one_line_error(run(command, str(source), "--db", str(office)))
        assert "损坏" in err or "malformed" in err, (command, err)
    assert _digest(office) == before


def test_a_date_like_0001_01_01_is_a_usage_error_not_a_crash(office, tmp_path, run):
    result = run("demo", "--until", "0001-01-01", "--db", str(tmp_path / "new.sqlite3"))
    _one_line_error(result)
    result = run("export-visits", str(tmp_path / "v.xlsx"), "--from", "0001-01-01", "--db", str(office))
    _one_line_error(result)


def test_a_docx_title_with_control_characters_or_too_long_gives_no_traceback(office, tmp_path, run):
    out = tmp_path / "总结.docx"
    result = run("report", "--from", "2026-01-01", "--to", "2026-06-30", "--out", str(out), "--db", str(office),
                 "--title", "\x1b[31m上半年\x07工作总结\x00")
    assert result.returncode == 0, result.stderr
    from docx import Document

    assert Document(str(out)).core_properties.title == "[31m上半年工作总结"
    _one_line_error(run("report", "--from", "2026-01-01", "--to", "2026-06-30", "--out", str(out), "--db", str(office),
                        "--title", "标" * 300))


def test_an_internal_error_shows_one_line_and_a_log_unless_debugging(tmp_path, monkeypatch, capsys):
    from unionoffice import cli as cli_module
    from unionoffice.cli_guard import run_guarded

    def broken() -> int:
        raise ZeroDivisionError("a real bug")

    assert run_guarded(broken) == 2
    err = capsys.readouterr().err
    assert "内部错误" in err and "Traceback" not in err
    log = Path(err.split("详细信息在 ")[1].split("，")[0])
    assert "ZeroDivisionError: a real bug" in log.read_text(encoding="utf-8")
    monkeypatch.setenv("UNIONOFFICE_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        run_guarded(broken)
    assert cli_module.main  # the guard wraps cli.main


def test_ctrl_c_is_one_line_and_exit_130(capsys):
    from unionoffice.cli_guard import run_guarded

    def interrupted() -> int:
        raise KeyboardInterrupt

    assert run_guarded(interrupted) == 130
    assert "已中断" in capsys.readouterr().err


def test_reading_commands_work_on_a_write_protected_database(office, tmp_path, run, monkeypatch):
    """The folder and file are write-protected (simulated: the tests may run as root, who ignores modes)."""
    import unionoffice.store.sqlite_paths as sqlite_paths

    with sqlite3.connect(office) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for suffix in ("-wal", "-shm"):
        Path(f"{office}{suffix}").unlink(missing_ok=True)
    real_access = os.access
    monkeypatch.setattr(sqlite_paths.os, "access",
                        lambda p, mode: False if Path(p).resolve().is_relative_to(office.parent) and mode == os.W_OK
                        else real_access(p, mode))
    before = sorted(p.name for p in office.parent.iterdir())
    assert run("info", "--db", str(office)).returncode == 0
    out = tmp_path.parent / f"{tmp_path.name}-out.xlsx"
    assert run("export-members", str(out), "--db", str(office)).returncode == 0
    assert sorted(p.name for p in office.parent.iterdir()) == before  # not even a -shm file


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_roster_that_is_a_pipe_or_a_folder_is_named_as_such_not_as_missing(office, tmp_path, run):
    pipe = tmp_path / "名单.xlsx"
    os.mkfifo(pipe)
    err = _one_line_error(run("import-members", str(pipe), "--db", str(office)))
    assert "不是普通文件" in err and count(office) == 0
    folder = tmp_path / "文件夹.xlsx"
    folder.mkdir()
    err = _one_line_error(run("import-members", str(folder), "--db", str(office)))
    assert "文件夹" in err and "不存在" not in err and count(office) == 0


def test_ctrl_c_inside_an_import_statement_is_exit_130_and_imports_nothing(tmp_path, capsys):
    """Ctrl-C while an INSERT runs leaves SQLAlchemy's transaction unusable until rolled back: the
    import's clean-up must not turn that into an internal error (exit 2 and a log)."""
    import roster_golden
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    from unionoffice.cli import main

    first, _second = roster_golden.write_rosters(tmp_path)
    db = tmp_path / "office.sqlite3"

    def interrupt(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
        if executemany and statement.startswith("INSERT INTO membership_events"):
            raise KeyboardInterrupt

    event.listen(Engine, "before_cursor_execute", interrupt)
    try:
        assert main(["import-members", str(first), "--db", str(db), "--skip-invalid"]) == 130
    finally:
        event.remove(Engine, "before_cursor_execute", interrupt)
    err = capsys.readouterr().err
    assert "已中断" in err and "内部错误" not in err, err
    with contextlib.closing(sqlite3.connect(db)) as conn:
        assert conn.execute("SELECT count(*) FROM members").fetchone()[0] == 0
