"""Which office opens: --db, UNIONOFFICE_DB, the saved server connection, the default file; the saved
connection never holds a password; the keyring keeps it when there is one."""

from __future__ import annotations

import json
import types
from pathlib import Path

import pytest

from unionoffice.paths import EmptyDatabasePath, default_db_path
from unionoffice.store import targets
from unionoffice.store.targets import ServerConnection


class FakeKeyring(types.SimpleNamespace):
    def __init__(self) -> None:
        super().__init__(kept={})

    def get_password(self, service, name):  # noqa: ANN001
        return self.kept.get((service, name))

    def set_password(self, service, name, password):  # noqa: ANN001
        self.kept[(service, name)] = password

    def delete_password(self, service, name):  # noqa: ANN001
        self.kept.pop((service, name), None)


@pytest.fixture
def keyring(monkeypatch):
    fake = FakeKeyring()
    monkeypatch.setattr(targets, "_keyring", lambda: fake)
    return fake


def test_a_server_url_is_taken_as_given(tmp_path):
    assert targets.resolve_target("postgresql://clerk@db.local:5432/office") == "postgresql://clerk@db.local:5432/office"
    assert targets.resolve_target(str(tmp_path / "a.sqlite3")) == tmp_path / "a.sqlite3"


def test_the_environment_may_name_a_server(monkeypatch):
    monkeypatch.setenv("UNIONOFFICE_DB", "postgres://clerk@db.local/office")
    assert targets.resolve_target(None) == "postgres://clerk@db.local/office"


def test_without_anything_the_default_file_opens():
    assert targets.resolve_target(None) == default_db_path()


def test_a_saved_connection_is_the_default_and_holds_no_password():
    targets.save_connection(ServerConnection(host="192.168.1.20", database="gonghui", user="干事", port=5433))
    assert targets.resolve_target(None) == "postgresql://%E5%B9%B2%E4%BA%8B@192.168.1.20:5433/gonghui"
    saved = json.loads(targets.connection_file().read_text(encoding="utf-8"))
    assert saved == {"host": "192.168.1.20", "database": "gonghui", "user": "干事", "port": 5433}
    assert ServerConnection.from_url(targets.resolve_target(None)) == targets.load_connection()


def test_an_explicit_file_wins_over_the_saved_connection(tmp_path):
    targets.save_connection(ServerConnection(host="db", database="office", user="clerk"))
    assert targets.resolve_target(str(tmp_path / "a.sqlite3")) == tmp_path / "a.sqlite3"


def test_forgetting_the_connection_goes_back_to_the_file():
    targets.save_connection(ServerConnection(host="db", database="office", user="clerk"))
    targets.save_connection(None)
    assert targets.resolve_target(None) == default_db_path()


def test_an_unreadable_connection_file_means_the_local_file():
    path = targets.connection_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json", encoding="utf-8")
    assert targets.resolve_target(None) == default_db_path()


def test_an_empty_db_is_still_refused():
    with pytest.raises(EmptyDatabasePath):
        targets.resolve_target("  ")


def test_a_password_is_never_shown():
    url = "postgresql://clerk:pa%40ss@db.local:5432/office"
    assert targets.url_password(url) == "pa@ss"
    assert targets.without_password(url) == "postgresql://clerk@db.local:5432/office"
    assert targets.shown_target(url) == "postgresql://clerk@db.local:5432/office"
    assert targets.shown_target(Path("/data/a.sqlite3")) == "/data/a.sqlite3"


def test_the_keyring_keeps_the_password_per_connection(keyring):
    url = "postgresql://clerk@db.local:5432/office"
    assert targets.store_password(url, "s3cret")
    assert targets.password_for(url) == "s3cret"
    assert targets.password_for("postgresql://chair@db.local:5432/office") is None
    targets.forget_password(url)
    assert targets.password_for(url) is None


def test_without_a_keyring_nothing_is_kept(monkeypatch):
    monkeypatch.setattr(targets, "_keyring", lambda: None)
    assert not targets.keyring_available()
    assert not targets.store_password("postgresql://clerk@db/office", "s3cret")
    assert targets.password_for("postgresql://clerk@db/office") is None
