"""Shared fixtures: headless Qt, Chinese UI, a fresh database per test, no real user folders."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["UNIONOFFICE_LANG"] = "zh_CN"

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from unionoffice.i18n import set_language  # noqa: E402
from unionoffice.store.database import Database, open_database  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _isolated_user_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never read or write the real per-user data folder or database."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("UNIONOFFICE_DB", raising=False)
    set_language("zh_CN")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "office.sqlite3"


@pytest.fixture
def db(db_path: Path) -> Database:
    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture
def session(db: Database):
    """A session inside a transaction that is committed when the test ends without error."""
    with db.session() as s:
        yield s


def _window_frame_writing() -> str | None:
    """The first frame of the window's code (unionoffice/gui/) on the stack, as "path:line"."""
    frame = sys._getframe(2)
    while frame is not None:
        name = frame.f_code.co_filename
        if "unionoffice" in name and f"{os.sep}gui{os.sep}" in name:
            return f"{name.rsplit('unionoffice', 1)[1]}:{frame.f_lineno}"
        frame = frame.f_back
    return None


@pytest.fixture(autouse=True)
def _window_writes_begin_immediate(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch):
    """In the window's tests: any write the window makes in a transaction begun with a plain BEGIN
    fails the test. Such a save cannot wait for another program's write (SQLite fails it with
    BUSY_SNAPSHOT): the window's saving sessions must be ``ctx.db.session(write=True)``."""
    if not request.node.path.name.startswith(("test_gui", "test_backup_gui")):
        yield
        return
    from unionoffice.store import database

    found: list[str] = []

    def hook(statement: str) -> None:
        where = _window_frame_writing()
        if where is not None:
            found.append(f"{where}: {statement[:60]}")

    monkeypatch.setattr(database, "DEFERRED_WRITE_HOOK", hook)
    yield
    assert not found, "the window wrote outside a write session (use ctx.db.session(write=True)):\n" + "\n".join(
        dict.fromkeys(found))
