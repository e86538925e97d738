"""A server office keeps an activity's photos and files in the database, so every PC sees them."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from unionoffice.domain.ledgers import LedgerError
from unionoffice.services import activities, activity_files, recycle
from unionoffice.services.activities import ActivityData
from unionoffice.store.models.ledgers import ActivityAttachment


def _activity(session):
    return activities.create_activity(session, ActivityData(
        title="三八节联欢", kind="festival", start_date=dt.date(2026, 3, 8), place="职工之家"))


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "合影.jpg"
    path.write_bytes(b"\xff\xd8\xff photo bytes")
    return path


def test_an_attachment_on_a_server_office_is_stored_in_its_row(server_db, photo, tmp_path):
    with server_db.session() as session:
        activity = _activity(session)
        attachment = activity_files.add_attachment(session, None, activity.id, photo)
        attachment_id = attachment.id
    photo.unlink()  # the original is gone: the copy lives on the server
    with server_db.session() as session:
        stored = session.get(ActivityAttachment, attachment_id)
        assert stored.content == b"\xff\xd8\xff photo bytes"
        shown = activity_files.attachment_file(session, None, stored)
    assert shown.read_bytes() == b"\xff\xd8\xff photo bytes"
    assert shown.name == "合影.jpg"
    assert not (tmp_path / "activities").exists()


def test_a_second_pc_sees_the_attachment(server_db, photo):
    from unionoffice.store.server import open_server_database

    with server_db.session() as session:
        attachment_id = activity_files.add_attachment(session, None, _activity(session).id, photo).id
    other = open_server_database(server_db.url)
    try:
        with other.session() as session:
            found = activity_files.attachment_file(session, None, session.get(ActivityAttachment, attachment_id))
            assert found.read_bytes() == photo.read_bytes()
    finally:
        other.close()


def test_removing_an_attachment_deletes_its_row(server_db, photo):
    with server_db.session() as session:
        activity = _activity(session)
        first = activity_files.add_attachment(session, None, activity.id, photo)
        second = activity_files.add_attachment(session, None, activity.id, photo)
        activity_files.remove_attachment(session, None, first.id)
        assert [a.id for a in activity_files.list_attachments(session, activity.id)] == [second.id]
    assert photo.exists()


def test_purging_the_activity_takes_its_attachments_along(server_db, photo):
    with server_db.session() as session:
        activity = _activity(session)
        activity_files.add_attachment(session, None, activity.id, photo)
        activities.delete_activity(session, activity.id)
    with server_db.session() as session:
        recycle.purge(session, "activities", activity.id)
    with server_db.session() as session:
        assert session.scalars(select(ActivityAttachment)).all() == []


def test_a_too_large_file_is_refused_with_its_name(server_db, photo, monkeypatch):
    monkeypatch.setattr(activity_files, "MAX_ATTACHMENT_BYTES", 4)
    with server_db.session() as session:
        activity = _activity(session)
        with pytest.raises(LedgerError, match="合影.jpg"):
            activity_files.add_attachment(session, None, activity.id, photo)


def test_a_local_file_office_still_keeps_them_in_the_folder(db, photo):
    with db.session() as session:
        attachment = activity_files.add_attachment(session, db.path, _activity(session).id, photo)
        assert not activity_files.in_database(session, attachment.id)
        assert activity_files.attachment_file(session, db.path, attachment) == activity_files.attachment_path(db.path, attachment)
