"""The archive format: round trips, and refusal of damaged, truncated, reordered or hostile files."""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

import pytest

from unionoffice.io.archive import ArchiveReader, ArchiveWriter, Manifest, UnsafeArchive, check_member_name
from unionoffice.io.archive_stream import (
    DamagedArchive,
    NotAnArchive,
    PasswordRequired,
    SealedReader,
    SealedWriter,
    WrongPassword,
    is_encrypted,
)


def _manifest() -> Manifest:
    return Manifest("UnionOffice", "0.1.0", 1, dt.datetime(2026, 6, 30, 8, 0, tzinfo=dt.timezone.utc), "示例工会", {"members": 3})


def _archive(tmp_path: Path, password: str | None = None, payload: bytes | None = None) -> tuple[Path, bytes]:
    payload = payload if payload is not None else os.urandom(1_500_000) + b"\x00" * 1_000_000
    source = tmp_path / "db.bin"
    source.write_bytes(payload)
    target = tmp_path / "a.uobak"
    with target.open("wb") as fh:
        writer = ArchiveWriter(fh, password)
        writer.add_file("database.sqlite3", source)
        writer.add_bytes("attachments/photos/合影.jpg", b"jpeg")
        writer.finish(_manifest())
    return target, payload


def _read_all(path: Path, password: str | None = None) -> ArchiveReader:
    fh = path.open("rb")
    reader = ArchiveReader(fh, password)
    reader.verify()
    return reader


@pytest.mark.parametrize("password", [None, "口令 secret"])
def test_round_trip_keeps_files_and_manifest(tmp_path, password):
    path, payload = _archive(tmp_path, password)
    reader = _read_all(path, password)
    reader.extract("database.sqlite3", tmp_path / "out.bin")
    assert (tmp_path / "out.bin").read_bytes() == payload
    assert reader.manifest.office_name == "示例工会"
    assert reader.manifest.counts == {"members": 3}
    assert reader.manifest.attachment_count == 1
    assert reader.encrypted is bool(password)


def test_encrypted_archive_does_not_contain_the_plain_data(tmp_path):
    marker = "唯一的会员姓名标记".encode("utf-8") * 50
    path, _payload = _archive(tmp_path, "pw", payload=marker)
    assert marker[:30] not in path.read_bytes()
    assert b"manifest.json" not in path.read_bytes()


def test_wrong_password_is_told_apart_from_damage(tmp_path):
    path, _payload = _archive(tmp_path, "right")
    with path.open("rb") as fh, pytest.raises(WrongPassword):
        ArchiveReader(fh, "wrong")


def test_encrypted_archive_without_password_asks_for_one(tmp_path):
    path, _payload = _archive(tmp_path, "right")
    with path.open("rb") as fh:
        assert is_encrypted(fh)
        with pytest.raises(PasswordRequired):
            ArchiveReader(fh, None)


@pytest.mark.parametrize("password", [None, "pw"])
@pytest.mark.parametrize("where", [0.0, 0.002, 0.2, 0.5, 0.8, 0.999, 1.0])
def test_a_flipped_byte_anywhere_is_detected(tmp_path, password, where):
    path, _payload = _archive(tmp_path, password)
    data = bytearray(path.read_bytes())
    position = min(len(data) - 1, int(len(data) * where))
    data[position] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises((DamagedArchive, NotAnArchive, WrongPassword)):
        _read_all(path, password)


@pytest.mark.parametrize("password", [None, "pw"])
@pytest.mark.parametrize("keep", [1, 17, 0.5, 0.9999])
def test_a_truncated_file_is_detected(tmp_path, password, keep):
    path, _payload = _archive(tmp_path, password)
    data = path.read_bytes()
    length = keep if isinstance(keep, int) else int(len(data) * keep)
    path.write_bytes(data[:length])
    with pytest.raises((DamagedArchive, NotAnArchive)):
        _read_all(path, password)


def _sealed(password: str | None, chunks: int) -> tuple[bytes, int, int]:
    """A sealed stream with 1 KiB chunks; returns (bytes, header length, frame length)."""
    out = io.BytesIO()
    writer = SealedWriter(out, password, chunk_size=1024)
    header_length = out.tell()
    writer.write(bytes(range(256)) * 4 * chunks + b"tail")
    writer.close()
    frame = 1024 + 16
    return out.getvalue(), header_length, frame


@pytest.mark.parametrize("password", [None, "pw"])
def test_a_file_cut_at_a_frame_boundary_is_detected(password):
    data, header, frame = _sealed(password, 4)
    cut = data[: header + 3 * frame]
    with pytest.raises(DamagedArchive):
        SealedReader(io.BytesIO(cut), password).authenticate_all()


@pytest.mark.parametrize("password", [None, "pw"])
def test_reordered_frames_are_detected(password):
    data, header, frame = _sealed(password, 4)
    frames = [data[header + i * frame : header + (i + 1) * frame] for i in range(4)]
    swapped = data[:header] + frames[1] + frames[0] + frames[2] + frames[3] + data[header + 4 * frame :]
    with pytest.raises(DamagedArchive):
        SealedReader(io.BytesIO(swapped), password).authenticate_all()


def test_sealed_reader_seeks_and_reads_across_chunks():
    data, _header, _frame = _sealed("pw", 3)
    reader = SealedReader(io.BytesIO(data), "pw")
    reader.seek(1020)
    assert reader.read(8) == (bytes(range(256)) * 12)[1020:1028]
    reader.seek(-4, io.SEEK_END)
    assert reader.read() == b"tail"


def test_a_file_that_is_not_a_backup_is_refused(tmp_path):
    path = tmp_path / "report.uobak"
    path.write_bytes(b"PK\x03\x04 this is a zip, not a backup" * 10)
    with path.open("rb") as fh, pytest.raises(NotAnArchive):
        ArchiveReader(fh)


@pytest.mark.parametrize(
    "name",
    ["../evil.txt", "attachments/../../evil.txt", "/etc/passwd", "C:/Windows/evil.dll", "c:evil",
     "attachments\\..\\evil.txt", "attachments/./x", "attachments/", "other/file.txt", "attachments//x"],
)
def test_unsafe_member_names_are_refused(name):
    with pytest.raises(UnsafeArchive):
        check_member_name(name)


@pytest.mark.parametrize("name", ["database.sqlite3", "manifest.json", "attachments/photos/合影.jpg"])
def test_the_program_s_own_names_are_accepted(name):
    check_member_name(name)


def test_an_archive_with_a_zip_slip_member_is_refused_on_opening(tmp_path):
    path = tmp_path / "evil.uobak"
    with path.open("wb") as fh:
        writer = ArchiveWriter(fh)
        writer.add_bytes("database.sqlite3", b"x")
        writer.add_bytes("attachments/../../evil.txt", b"owned")
        writer.finish(_manifest())
    with path.open("rb") as fh, pytest.raises(UnsafeArchive):
        ArchiveReader(fh)
