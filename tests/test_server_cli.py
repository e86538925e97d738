"""The command line on a server office: `--db postgresql://…` and UNIONOFFICE_DB for the commands,
`move` both ways with proofs, a server office's backup and its restore onto an empty server."""

from __future__ import annotations

import sqlite3

import pytest
from openpyxl import load_workbook

from tests.cli_people import sign_in_commands
from tests.pg_cluster import session_cluster
from tests.reliability_support import person, roster
from unionoffice.cli import main


@pytest.fixture
def demo_file(tmp_path):
    path = tmp_path / "office.sqlite3"
    assert main(["demo", "--db", str(path), "--until", "2026-06-30"]) == 0
    return path


@pytest.fixture
def empty_server():
    cluster = session_cluster()
    url = cluster.fresh_office()
    yield url
    cluster.give_back(url)


def _members_on(url: str) -> list[str]:
    import psycopg

    with psycopg.connect(url) as conn:
        return [r[0] for r in conn.execute("SELECT name FROM members ORDER BY id")]


def test_import_and_export_work_on_a_server_office(empty_server, tmp_path, monkeypatch, capsys):
    sign_in_commands(empty_server, monkeypatch)
    source = roster(tmp_path / "roster.xlsx", [person(n) for n in range(1, 6)])
    assert main(["import-members", "--db", empty_server, str(source)]) == 0
    assert _members_on(empty_server) == [f"测试{n}" for n in range(1, 6)]
    out = tmp_path / "export.xlsx"
    assert main(["export-members", "--db", empty_server, str(out)]) == 0
    sheet = load_workbook(out).active
    names = [row[0] for row in sheet.iter_rows(values_only=True) if row[0] and str(row[0]).startswith("测试")]
    assert names == [f"测试{n}" for n in range(1, 6)]


def test_unionoffice_db_may_name_a_server(empty_server, monkeypatch, capsys):
    sign_in_commands(empty_server, monkeypatch)
    monkeypatch.setenv("UNIONOFFICE_DB", empty_server)
    assert main(["info"]) == 0
    out = capsys.readouterr().out
    assert empty_server in out
    assert any(line.split() == ["members", "0"] for line in out.splitlines())


def test_the_demo_can_be_built_on_a_server(empty_server, monkeypatch, capsys):
    sign_in_commands(empty_server, monkeypatch)
    assert main(["demo", "--db", empty_server, "--until", "2026-06-30"]) == 0
    assert len(_members_on(empty_server)) == 300


def test_move_to_the_server_and_back_proves_every_table(demo_file, empty_server, tmp_path, capsys):
    assert main(["move", "--from", str(demo_file), "--to", empty_server]) == 0
    out = capsys.readouterr().out
    assert "每张表的行数和内容校验值均一致" in out
    back = tmp_path / "back.sqlite3"
    assert main(["move", "--from", empty_server, "--to", str(back)]) == 0
    with sqlite3.connect(demo_file) as a, sqlite3.connect(back) as b:
        for table in ("members", "dues_payments", "activities", "audit_log"):
            query = f"SELECT * FROM {table} ORDER BY id"
            assert a.execute(query).fetchall() == b.execute(query).fetchall()


def test_move_refuses_an_occupied_target_and_leaves_it_alone(demo_file, empty_server, monkeypatch, capsys):
    sign_in_commands(empty_server, monkeypatch)
    assert main(["demo", "--db", empty_server, "--seed", "7", "--until", "2026-06-30"]) == 0
    before = _members_on(empty_server)
    capsys.readouterr()
    assert main(["move", "--from", str(demo_file), "--to", empty_server]) == 1
    assert "不是空的" in capsys.readouterr().err
    assert _members_on(empty_server) == before


def test_move_refuses_a_file_target_that_holds_an_office(demo_file, tmp_path, capsys):
    other = tmp_path / "other.sqlite3"
    assert main(["demo", "--db", str(other), "--seed", "7", "--until", "2026-06-30"]) == 0
    capsys.readouterr()
    assert main(["move", "--from", str(demo_file), "--to", str(other)]) == 1
    assert "不是空的" in capsys.readouterr().err


def test_a_failed_move_to_a_new_file_leaves_no_file(empty_server, tmp_path, capsys):
    target = tmp_path / "new.sqlite3"
    assert main(["move", "--from", "postgresql://unionoffice@127.0.0.1:1/none", "--to", str(target)]) == 2
    assert not target.exists()
    assert "无法连接数据库服务器" in capsys.readouterr().err


def test_moving_onto_itself_is_refused(demo_file, capsys):
    assert main(["move", "--from", str(demo_file), "--to", str(demo_file)]) == 2
    assert "同一个数据库" in capsys.readouterr().err


def test_attachments_of_a_local_office_go_into_the_server_rows(demo_file, empty_server, tmp_path, capsys):
    import psycopg

    from unionoffice.services import activity_files
    from unionoffice.store.database import open_database

    photo = tmp_path / "合影.jpg"
    photo.write_bytes(b"jpeg bytes")
    db = open_database(demo_file)
    with db.session() as session:
        from unionoffice.store.models.ledgers import Activity

        activity_id = session.query(Activity.id).order_by(Activity.id).first()[0]
        activity_files.add_attachment(session, db.path, activity_id, photo)
    db.close()
    assert main(["move", "--from", str(demo_file), "--to", empty_server]) == 0
    assert "1 个附件文件" in capsys.readouterr().out
    with psycopg.connect(empty_server) as conn:
        assert conn.execute("SELECT original_name, content FROM activity_attachments").fetchall() == [
            ("合影.jpg", b"jpeg bytes")]


def test_a_server_backup_is_a_portable_uobak_that_restores_anywhere(demo_file, empty_server, tmp_path, monkeypatch, capsys):
    assert main(["move", "--from", str(demo_file), "--to", empty_server]) == 0
    sign_in_commands(empty_server, monkeypatch)
    stick = tmp_path / "stick"
    stick.mkdir()
    assert main(["backup", "--db", empty_server, "--to", str(stick)]) == 0
    [archive] = stick.glob("*.uobak")
    assert main(["verify", str(archive)]) == 0
    local = tmp_path / "restored.sqlite3"
    assert main(["restore", str(archive), "--db", str(local)]) == 0
    with sqlite3.connect(demo_file) as a, sqlite3.connect(local) as b:
        assert a.execute("SELECT * FROM members ORDER BY id").fetchall() == b.execute(
            "SELECT * FROM members ORDER BY id").fetchall()
    cluster = session_cluster()
    second = cluster.fresh_office()
    try:
        assert main(["restore", str(archive), "--db", second]) == 0
        assert _members_on(second) == _members_on(empty_server)
        capsys.readouterr()
        assert main(["restore", str(archive), "--db", second]) == 1  # never over a server office
        assert "不是空的" in capsys.readouterr().err
    finally:
        cluster.give_back(second)


def test_the_backup_note_is_kept_on_the_server(empty_server, tmp_path, monkeypatch, capsys):
    sign_in_commands(empty_server, monkeypatch)
    import psycopg

    stick = tmp_path / "stick"
    stick.mkdir()
    assert main(["backup", "--db", empty_server, "--to", str(stick)]) == 0
    with psycopg.connect(empty_server) as conn:
        keys = {r[0] for r in conn.execute("SELECT key FROM settings")}
    assert {"last_backup_at", "last_backup_target"} <= keys


def test_a_wrong_password_is_said_without_showing_it(capsys):
    url = session_cluster().password_office("clerk", "s3cret-pw")
    bad = url.replace("clerk@", "clerk:wrong-pw@")
    assert main(["info", "--db", bad]) == 2
    err = capsys.readouterr().err
    assert "不接受用户“clerk”的密码" in err and "PGPASSWORD" in err
    assert "wrong-pw" not in err


def test_the_password_in_the_url_opens_the_office(monkeypatch, capsys):
    url = session_cluster().password_office("clerk", "s3cret-pw").replace("clerk@", "clerk:s3cret-pw@")
    sign_in_commands(url, monkeypatch)
    assert main(["info", "--db", url]) == 0
    out = capsys.readouterr().out
    assert "s3cret-pw" not in out and "结构版本" in out


def test_an_unreachable_server_is_one_line_and_exit_2(capsys):
    assert main(["info", "--db", "postgresql://clerk:topsecret@127.0.0.1:1/office"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "无法连接数据库服务器" in err and "topsecret" not in err


def test_a_server_gone_mid_import_is_one_line_and_nothing_half_written(empty_server, tmp_path, monkeypatch, capsys):
    sign_in_commands(empty_server, monkeypatch)
    import psycopg

    import unionoffice.services.roster_rows as roster_rows
    import unionoffice.services.roster_writer as roster_writer

    monkeypatch.setattr(roster_writer, "WRITE_BATCH", 4)
    real, calls = roster_rows.name_column_values, []

    def cut_the_line(name):  # after two batches were written, the server drops this PC's connection
        calls.append(name)
        if len(calls) == 10:
            with psycopg.connect(empty_server, autocommit=True) as conn:
                conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                             "WHERE datname = current_database() AND pid <> pg_backend_pid()")
        return real(name)

    monkeypatch.setattr(roster_rows, "name_column_values", cut_the_line)
    source = roster(tmp_path / "roster.xlsx", [person(n) for n in range(1, 13)])
    assert main(["import-members", "--db", empty_server, str(source)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "与数据库服务器的连接中断" in err[0] and "没有保存任何内容" in err[0]
    assert _members_on(empty_server) == []


def test_move_waits_for_the_window_to_close(demo_file, empty_server, capsys):
    from unionoffice.store.lock import DatabaseLock

    window = DatabaseLock(demo_file).acquire()
    try:
        assert main(["move", "--from", str(demo_file), "--to", empty_server]) == 3
    finally:
        window.release()
    assert _members_on(empty_server) == []
