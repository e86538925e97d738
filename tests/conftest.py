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


# The suites that run on both engines: every test of these modules that takes ``db`` or ``session``
# runs once on a local SQLite file and once on a PostgreSQL server office ([postgresql] in its id).
# Listed here rather than marked in each module, so the list is one place to read and to change.
BOTH_ENGINE_MODULES = frozenset({
    "test_store", "test_activities", "test_trainings", "test_roster_services", "test_roster_query",
    "test_records_search", "test_roster_stats", "test_composition_counts", "test_relief_visits",
    "test_relief_queries", "test_relief_stats", "test_relief_providers", "test_dues", "test_dues_providers",
    "test_hardship_rules_service", "test_hardship_figures", "test_recycle_audit_security", "test_dashboard",
    "test_report_engine", "test_summary_content", "test_ledger_stats", "test_funding_sources",
    "test_roster_import", "test_roster_reimport", "test_records_round_trip", "test_records_refusals",
    "test_dues_arrears_fast", "test_portable_sql", "test_figures_alone", "test_member_tally",
    "test_summary_raw_figures",
})


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "db_engine" not in metafunc.fixturenames:
        return
    both = metafunc.module.__name__.rsplit(".", 1)[-1] in BOTH_ENGINE_MODULES
    if both and metafunc.definition.get_closest_marker("sqlite_only") is None:
        metafunc.parametrize("db_engine", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def db_engine(request: pytest.FixtureRequest) -> str:
    """"sqlite" (the default) or "postgresql" for the modules in BOTH_ENGINE_MODULES."""
    return getattr(request, "param", "sqlite")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "office.sqlite3"


@pytest.fixture
def db(db_path: Path, db_engine: str) -> Database:
    """A fresh office at the program's schema: a SQLite file, or on PostgreSQL a database of the test
    run's throwaway cluster emptied back to a fresh office's state (tests/pg_cluster.py)."""
    if db_engine == "postgresql":
        yield from _server_office()
        return
    database = open_database(db_path)
    yield database
    database.close()


def _server_office():  # type: ignore[no-untyped-def]
    from tests.pg_cluster import session_cluster
    from unionoffice.store.server import open_server_database

    cluster = session_cluster()
    url = cluster.fresh_office()
    database = open_server_database(url)
    try:
        yield database
    finally:
        database.close()
        cluster.give_back(url)


@pytest.fixture
def server_db() -> Database:
    """A fresh server office (PostgreSQL, at the program's schema) for the server-only tests."""
    yield from _server_office()


@pytest.fixture
def session(db: Database):
    """A session inside a transaction that is committed when the test ends without error."""
    with db.session() as s:
        yield s


# Writes into a database being built (a migration, a copy made for a server office's backup) are
# not saves into the office the window has open.
_BUILDING = (f"store{os.sep}migrate.py", f"store{os.sep}transfer.py")


def _window_frame_writing() -> str | None:
    """The first frame of the window's code (unionoffice/gui/) on the stack, as "path:line"."""
    frame = sys._getframe(2)
    where = None
    while frame is not None:
        name = frame.f_code.co_filename
        if name.endswith(_BUILDING):
            return None
        if where is None and "unionoffice" in name and f"{os.sep}gui{os.sep}" in name:
            where = f"{name.rsplit('unionoffice', 1)[1]}:{frame.f_lineno}"
        frame = frame.f_back
    return where


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
