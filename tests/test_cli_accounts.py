"""`add-user` creates the first 管理员 (IT), commands on a server office sign in with --user or
UNIONOFFICE_USER and a password, and a read-only person's write is one line with exit code 1."""

from __future__ import annotations

import argparse
import io

import pytest
from sqlalchemy import select

from tests.pg_cluster import session_cluster
from tests.two_pcs import server_database
from unionoffice.cli import main
from unionoffice.cli_commands.sign_in import sign_in_for_command
from unionoffice.cli_guard import run_guarded
from unionoffice.store.actor import Actor, ReadOnlyUser, actor_of
from unionoffice.store.models.accounts import User


@pytest.fixture
def url():
    return session_cluster().new_database()


def _add(url, name, role, password="password12", *extra, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    return main(["add-user", "--db", url, "--role", role, "--password-stdin", *extra, name])


def test_it_creates_the_first_administrator_on_a_new_server(url, monkeypatch, capsys):
    assert _add(url, "it", "admin", "password12", "--display-name", "信息科", monkeypatch=monkeypatch) == 0
    assert "已添加 it（管理员）" in capsys.readouterr().out
    db = server_database(url)
    try:
        with db.session() as s:
            user = s.scalars(select(User)).one()
            assert (user.name, user.display_name, user.role, user.disabled) == ("it", "信息科", "admin", False)
            assert user.password_hash.startswith("scrypt$")
    finally:
        db.close()


def test_a_second_person_needs_an_administrator_signed_in(url, monkeypatch, capsys):
    assert _add(url, "it", "admin", monkeypatch=monkeypatch) == 0
    monkeypatch.delenv("UNIONOFFICE_USER", raising=False)
    assert _add(url, "wang", "clerk", monkeypatch=monkeypatch) == 2
    assert "--user" in capsys.readouterr().err
    monkeypatch.setenv("UNIONOFFICE_PASSWORD", "password12")
    assert _add(url, "wang", "clerk", "password12", "--user", "it", monkeypatch=monkeypatch) == 0
    monkeypatch.setenv("UNIONOFFICE_USER", "wang")  # a clerk may not add people
    assert _add(url, "li", "reader", monkeypatch=monkeypatch) == 1
    assert "只有管理员" in capsys.readouterr().err


def test_a_wrong_password_is_refused_in_one_line(url, monkeypatch, capsys):
    assert _add(url, "it", "admin", monkeypatch=monkeypatch) == 0
    monkeypatch.setenv("UNIONOFFICE_PASSWORD", "wrong-one")
    assert main(["users", "--db", url, "--user", "it"]) == 2
    err = capsys.readouterr().err.strip()
    assert "登录名或密码不正确" in err and "\n" not in err


def test_users_lists_the_people_and_their_roles(url, monkeypatch, capsys):
    _add(url, "it", "admin", monkeypatch=monkeypatch)
    monkeypatch.setenv("UNIONOFFICE_USER", "it")
    monkeypatch.setenv("UNIONOFFICE_PASSWORD", "password12")
    _add(url, "chair", "只读", "password34", monkeypatch=monkeypatch)
    capsys.readouterr()
    assert main(["users", "--db", url]) == 0
    assert capsys.readouterr().out.splitlines() == ["chair\tchair\t只读", "it\tit\t管理员"]


def test_a_short_password_is_refused_with_exit_1(url, monkeypatch, capsys):
    assert _add(url, "it", "admin", "123", monkeypatch=monkeypatch) == 1
    assert "至少 6 个字符" in capsys.readouterr().err


def test_a_command_on_a_server_office_signs_in_as_its_person(url, monkeypatch):
    _add(url, "it", "admin", monkeypatch=monkeypatch)
    db = server_database(url)
    try:
        monkeypatch.setenv("UNIONOFFICE_PASSWORD", "password12")
        assert sign_in_for_command(db, argparse.Namespace(user="it"))
        with db.session() as s:
            assert actor_of(s).name == "it"
    finally:
        db.close()


def test_nobody_signs_in_to_an_office_without_people(url, capsys):
    db = server_database(url)
    try:
        assert not sign_in_for_command(db, argparse.Namespace(user="it"))
        assert "add-user" in capsys.readouterr().err
    finally:
        db.close()


def test_a_read_only_persons_write_is_one_line_and_exit_code_1(capsys):
    def body() -> int:
        raise ReadOnlyUser(Actor(3, "chair", "张主席", "reader"))

    assert run_guarded(body) == 1
    err = capsys.readouterr().err.strip()
    assert "张主席 (chair)" in err and "只读" in err and "\n" not in err
