"""Migration 0011 (attachments can live in the database) from a schema-10 office with attachments:
on a local file and on a PostgreSQL server, every row kept, the files still read from the folder."""

from __future__ import annotations

import sqlite3

from sqlalchemy import create_engine, text

from unionoffice.store import migrate
from unionoffice.store.database import open_database, read_schema_version

NOW = "2026-01-01 00:00:00"
ACTIVITY = ("INSERT INTO activities (id, title, kind, start_date, place, organiser, organiser_name, description,"
            " cost_fen, funding_source, outsider_count, created_at, updated_at)"
            " VALUES (1, '职工运动会', 'festival', '2026-03-08', '', 'own', '', '', 0, '', 0, :now, :now)")
ATTACHMENT = ("INSERT INTO activity_attachments (id, activity_id, stored_name, original_name, added_at)"
              " VALUES (:id, 1, :name, :name, :now)")


def _fill(connection) -> None:  # noqa: ANN001
    connection.execute(text(ACTIVITY), {"now": NOW})
    for attachment_id, name in ((1, "合影.jpg"), (2, "签到表.pdf")):
        connection.execute(text(ATTACHMENT), {"id": attachment_id, "name": name, "now": NOW})


def test_a_schema_10_file_upgrades_keeping_its_attachments(tmp_path):
    from unionoffice.services import activity_files
    from unionoffice.store.models.ledgers import ActivityAttachment

    path = tmp_path / "v10.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    migrate.upgrade_to(engine, 10)
    with engine.begin() as conn:
        _fill(conn)
    engine.dispose()
    folder = activity_files.activity_folder(path, 1)
    folder.mkdir(parents=True)
    (folder / "合影.jpg").write_bytes(b"jpeg")
    db = open_database(path)
    try:
        assert read_schema_version(path) == migrate.head_version()
        with db.session() as session:
            photo = session.get(ActivityAttachment, 1)
            assert activity_files.attachment_file(session, db.path, photo).read_bytes() == b"jpeg"
    finally:
        db.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT id, original_name, content FROM activity_attachments ORDER BY id").fetchall() == [
            (1, "合影.jpg", None), (2, "签到表.pdf", None)]


def test_a_schema_10_server_upgrades_keeping_its_attachments():
    from tests.pg_cluster import session_cluster
    from unionoffice.store.server import _driver_url, open_server_engine

    url = session_cluster().new_database()
    engine = create_engine(_driver_url(url))
    migrate.upgrade_to(engine, 10)
    with engine.begin() as conn:
        _fill(conn)
    engine.dispose()
    engine, version, upgraded_from = open_server_engine(url)
    try:
        assert (version, upgraded_from) == (migrate.head_version(), 10)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT id, original_name, content FROM activity_attachments ORDER BY id")).all() == [
                (1, "合影.jpg", None), (2, "签到表.pdf", None)]
    finally:
        engine.dispose()
