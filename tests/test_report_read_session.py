"""The report reads a local office file without SQLAlchemy (store/read_session.py): the same draft,
one read transaction, nothing written, and anything but a plain current file opened the usual way."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from unionoffice.demo import generate
from unionoffice.reports import periods
from unionoffice.reports.draft import draft_summary
from unionoffice.reports.template import load_template
from unionoffice.store import migrate, schema_names
from unionoffice.store.database import open_database
from unionoffice.store.read_session import ReadSession, open_for_reading
from unionoffice.store.schema_guard import expected_objects

PROBE = """
import contextlib, io, json, sys
from unionoffice.cli import main
err = io.StringIO()
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
    code = main(["report", "--db", sys.argv[1], "--from", "2026-01-01", "--to", "2026-06-30", "--out", sys.argv[2]])
print(json.dumps({"code": code, "stderr": err.getvalue(),
                  "loaded": sorted(m for m in json.loads(sys.argv[3]) if m in sys.modules)}))
"""


def _report(db_path: Path, out: Path, tmp_path: Path, watched: tuple[str, ...]) -> dict:
    # The document written in the command's own process (not by a writer process,
    # reports/writer_process.py): every module the report needs is loaded where the probe looks.
    env = dict(os.environ, HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"), UNIONOFFICE_LANG="zh_CN",
               UNIONOFFICE_WRITER_PROCESS="0")
    done = subprocess.run([sys.executable, "-c", PROBE, str(db_path), str(out), json.dumps(watched)],
                          capture_output=True, text=True, env=env, timeout=300, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("reading") / "office.sqlite3"
    db = open_database(path)
    generate(db, until=dt.date(2026, 6, 30))
    db.close()
    return path


def test_the_schema_names_are_the_models_tables_and_indexes_at_the_head():
    tables, indexes = expected_objects()
    assert schema_names.HEAD == migrate.head_version(), "regenerate: python -m unionoffice.store.schema_names"
    assert set(schema_names.TABLES) == tables
    assert set(schema_names.INDEXES) == indexes


@pytest.mark.parametrize("key", ["standard", "women_workers"])
def test_a_reading_session_drafts_what_a_database_session_drafts(demo_path, key):
    template, error = load_template(key)
    assert error is None
    period = periods.full_year(2026)
    db = open_database(demo_path, create=False)
    try:
        with db.session() as session:
            expected = draft_summary(session, period, template, today=dt.date(2026, 6, 30)).to_json()
    finally:
        db.close()
    reader = open_for_reading(demo_path)
    assert isinstance(reader, ReadSession)
    try:
        drafted = draft_summary(reader, period, template, today=dt.date(2026, 6, 30)).to_json()
    finally:
        reader.close()
    assert "会员" in drafted
    assert drafted == expected


def test_a_report_from_a_file_office_builds_no_models(demo_path, tmp_path):
    out = tmp_path / "summary.pdf"
    result = _report(demo_path, out, tmp_path, ("unionoffice.store.models", "alembic", "reportlab"))
    assert result["code"] == 0, result["stderr"]
    assert result["loaded"] == ["reportlab"]  # the probe sees what the command imports
    assert out.read_bytes().startswith(b"%PDF")


def test_a_report_from_a_file_office_imports_no_sqlalchemy(demo_path, tmp_path):
    result = _report(demo_path, tmp_path / "summary.pdf", tmp_path, ("sqlalchemy",))
    assert result["code"] == 0, result["stderr"]
    assert result["loaded"] == []


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_a_report_imports_nothing_of_the_network_or_mail_modules(demo_path, tmp_path, suffix):
    # xml.sax.saxutils (for escape) imported urllib.request, http.client and email: 0.07 s of a report
    watched = ("urllib.request", "http.client", "email", "ssl", "xml.sax.saxutils")
    result = _report(demo_path, tmp_path / f"summary{suffix}", tmp_path, watched)
    assert result["code"] == 0, result["stderr"]
    assert result["loaded"] == []


def test_the_reading_session_writes_nothing(demo_path):
    reader = open_for_reading(demo_path)
    assert reader is not None
    try:
        with pytest.raises(sqlite3.OperationalError):
            reader.raw.execute("UPDATE settings SET value = 'x'")
    finally:
        reader.close()


def test_orm_code_on_a_reading_session_reads_in_its_transaction(demo_path):
    from sqlalchemy import func, select

    from unionoffice.store.models import Member
    from unionoffice.store.raw_sql import raw_value

    reader = open_for_reading(demo_path)
    assert reader is not None
    try:
        raw = raw_value(reader, "SELECT count(*) FROM members")
        assert raw > 0
        assert reader.scalar(select(func.count()).select_from(Member)) == raw
        assert reader.raw.in_transaction  # the ORM used the same connection and left its transaction open
    finally:
        reader.close()


def _copy(source: Path, target: Path) -> Path:
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target


def test_a_file_with_a_foreign_trigger_is_left_to_the_usual_open_which_refuses_it(demo_path, tmp_path):
    path = _copy(demo_path, tmp_path / "crafted.sqlite3")
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TRIGGER sneaky AFTER INSERT ON groups BEGIN DELETE FROM members; END")
    assert open_for_reading(path) is None
    result = _report(path, tmp_path / "summary.pdf", tmp_path, ())
    assert result["code"] == 2
    assert "sneaky" in result["stderr"]


def test_an_older_schema_or_a_missing_file_is_left_to_the_usual_open(demo_path, tmp_path):
    path = _copy(demo_path, tmp_path / "older.sqlite3")
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = ?", (f"{migrate.head_version() - 1:04d}",))
    assert open_for_reading(path) is None
    assert open_for_reading(tmp_path / "missing.sqlite3") is None
    (tmp_path / "text.sqlite3").write_text("not a database")
    assert open_for_reading(tmp_path / "text.sqlite3") is None
    result = _report(tmp_path / "missing.sqlite3", tmp_path / "summary.pdf", tmp_path, ())
    assert result["code"] == 2
    assert not (tmp_path / "missing.sqlite3").exists()


def test_a_report_clears_a_killed_backups_plaintext_snapshot_as_any_open_does(demo_path, tmp_path):
    path = _copy(demo_path, tmp_path / "office.sqlite3")
    stale = tmp_path / ".uobak-killed"
    stale.mkdir()
    (stale / ".owner").write_text("")  # its owner process is gone: nobody holds the lock
    (stale / "snapshot.sqlite3").write_bytes(b"plaintext")
    reader = open_for_reading(path)
    assert reader is not None
    reader.close()
    assert not stale.exists()


def test_a_server_office_reports_the_same_summary_through_its_usual_session(demo_path, tmp_path, monkeypatch, capsys):
    """A server office is opened the usual way (SQLAlchemy, sign-in) and its raw SQL figures draft
    what the file's reading session drafts."""
    from tests.cli_people import sign_in_commands
    from tests.pg_cluster import session_cluster
    from unionoffice.cli import main
    from unionoffice.store.server import open_server_database

    cluster = session_cluster()
    url = cluster.fresh_office()
    try:
        assert main(["move", "--from", str(demo_path), "--to", url]) == 0
        sign_in_commands(url, monkeypatch)
        out = tmp_path / "server.pdf"
        assert main(["report", "--db", url, "--from", "2026-01-01", "--to", "2026-06-30", "--out", str(out)]) == 0
        assert out.read_bytes().startswith(b"%PDF")
        template, _error = load_template(None)
        period = periods.full_year(2026)
        db = open_server_database(url)
        try:
            with db.session() as session:
                on_server = draft_summary(session, period, template, today=dt.date(2026, 6, 30)).to_json()
        finally:
            db.close()
        reader = open_for_reading(demo_path)
        try:
            assert draft_summary(reader, period, template, today=dt.date(2026, 6, 30)).to_json() == on_server
        finally:
            reader.close()
    finally:
        cluster.give_back(url)
