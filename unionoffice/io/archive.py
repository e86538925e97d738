"""What a backup archive holds: a zip (inside the sealed stream of ``archive_stream``) with

    manifest.json          program and schema version, creation time, office name, row counts
                           per table, and the size and SHA-256 of every other member
    database.sqlite3       a consistent snapshot of the database (SQLite online backup API)
    attachments/<path>     the attachments folder, relative paths with "/" separators

Reading refuses, before anything is written anywhere: a file that is not an archive, a wrong or
missing password, any damaged or missing frame (see ``archive_stream``), a member whose name
could escape its folder (``..``, absolute, drive letters, backslashes), a member the manifest
does not list or the other way round, and any size or hash that does not match.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO, Callable, Iterator

from unionoffice.i18n import _
from unionoffice.io.archive_stream import ArchiveError, ArchiveKey, SealedReader, SealedWriter, damaged

MANIFEST_NAME = "manifest.json"
DATABASE_NAME = "database.sqlite3"
ATTACHMENTS_PREFIX = "attachments/"
ARCHIVE_SUFFIX = ".uobak"
COPY_BLOCK = 1024 * 1024
# Members are stored, not deflated: deflate would triple the time of a backup (the target is
# under 3x a bare copy) to save a few MB on a stick; photos do not shrink anyway.
FILE_COMPRESSION = zipfile.ZIP_STORED

Progress = Callable[[int], None]  # called with the number of bytes just processed


class UnsafeArchive(ArchiveError):
    pass


@dataclass
class Manifest:
    program: str
    program_version: str
    schema_version: int
    created_at: dt.datetime  # aware, UTC
    office_name: str
    counts: dict[str, int]
    files: dict[str, dict] = field(default_factory=dict)  # name -> {"size": int, "sha256": str}
    encrypted: bool = False
    office_id: str = ""  # the database's settings.office_id: rotation deletes only this office's archives

    def to_json(self) -> bytes:
        data = dict(self.__dict__, created_at=self.created_at.isoformat())
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")

    @classmethod
    def from_json(cls, raw: bytes) -> "Manifest":
        try:
            data = json.loads(raw.decode("utf-8"))
            manifest = cls(
                program=str(data["program"]),
                program_version=str(data["program_version"]),
                schema_version=int(data["schema_version"]),
                created_at=dt.datetime.fromisoformat(data["created_at"]),
                office_name=str(data["office_name"]),
                counts={str(k): int(v) for k, v in data["counts"].items()},
                files={str(k): {"size": int(v["size"]), "sha256": str(v["sha256"])} for k, v in data["files"].items()},
                encrypted=bool(data.get("encrypted", False)),
                office_id=str(data.get("office_id", "")),
            )
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError, OverflowError):
            raise damaged() from None
        problem = manifest_problem(manifest)
        if problem:
            raise ArchiveError(
                _("The backup's description (manifest) is not valid ({problem}); it was refused and nothing was changed.").format(
                    problem=problem
                )
            )
        return manifest

    @property
    def attachment_count(self) -> int:
        return sum(1 for name in self.files if name.startswith(ATTACHMENTS_PREFIX))

    @property
    def total_size(self) -> int:
        return sum(entry["size"] for entry in self.files.values())


_DRIVE = re.compile(r"^[A-Za-z]:")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_OFFICE_ID = re.compile(r"^[0-9a-f]{0,64}$")
MAX_MEMBER_SIZE = 1 << 40  # 1 TiB: far beyond any office, far below what would overflow anything
MAX_MEMBERS = 1_000_000


def manifest_problem(m: Manifest) -> str:
    """What is wrong with a manifest's fields (a crafted one must not crash or mislead), or ""."""
    if not 1 <= m.schema_version <= 9999:
        return f"schema_version {m.schema_version}"
    if m.created_at.tzinfo is None or not 1970 <= m.created_at.year <= 2200:
        return "created_at"
    if len(m.program) > 100 or len(m.program_version) > 50 or len(m.office_name) > 500:
        return "program/office_name"
    if not _OFFICE_ID.match(m.office_id):
        return "office_id"
    if len(m.counts) > 1000 or any(len(k) > 100 or not 0 <= v <= 10**12 for k, v in m.counts.items()):
        return "counts"
    if len(m.files) > MAX_MEMBERS:
        return "files"
    for name, entry in m.files.items():
        if not 0 <= entry["size"] <= MAX_MEMBER_SIZE or not _SHA256.match(entry["sha256"]):
            return f"files[{name[:80]}]"
    return ""


def check_member_name(name: str) -> None:
    """Refuse a name that could land outside the folder it is extracted into (zip-slip)."""
    parts = name.split("/")
    if (
        not name
        or "\\" in name
        or "\x00" in name
        or name.startswith("/")
        or _DRIVE.match(name)
        or any(part in ("", ".", "..") for part in parts)
        or not (name in (MANIFEST_NAME, DATABASE_NAME) or (name.startswith(ATTACHMENTS_PREFIX) and len(parts) > 1))
    ):
        raise UnsafeArchive(
            _("The backup holds a file with an unsafe name ({name}); it was refused and nothing was changed.").format(
                name=name
            )
        )


def attachment_files(folder: Path) -> list[tuple[str, Path]]:
    """(member name, file) for every file under the attachments folder, in a stable order."""
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            found.append((ATTACHMENTS_PREFIX + path.relative_to(folder).as_posix(), path))
    return found


class ArchiveWriter:
    """Writes the zip into a sealed stream; add files, then ``finish(manifest)``."""

    def __init__(self, fh: BinaryIO, password: str | ArchiveKey | None = None, office_id: str = "") -> None:
        self._sealed = SealedWriter(fh, password, public={"office_id": office_id} if office_id else None)
        self._zip = zipfile.ZipFile(self._sealed, "w", compression=zipfile.ZIP_DEFLATED)
        self.files: dict[str, dict] = {}
        self.encrypted = bool(password)

    def add_file(self, name: str, source: Path, progress: Progress | None = None) -> None:
        digest = hashlib.sha256()
        size = 0
        info = zipfile.ZipInfo.from_file(source, name)
        info.compress_type = FILE_COMPRESSION
        with source.open("rb") as src, self._zip.open(info, "w", force_zip64=True) as dst:
            while block := src.read(COPY_BLOCK):
                digest.update(block)
                dst.write(block)
                size += len(block)
                if progress is not None:
                    progress(len(block))
        self.files[name] = {"size": size, "sha256": digest.hexdigest()}

    def add_bytes(self, name: str, data: bytes) -> None:
        """Write a member as is (tests use it to build hostile archives)."""
        self._zip.writestr(name, data)
        self.files[name] = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}

    def finish(self, manifest: Manifest) -> None:
        manifest.files = dict(self.files)
        manifest.encrypted = self.encrypted
        self._zip.writestr(MANIFEST_NAME, manifest.to_json())
        self._zip.close()
        self._sealed.close()


class ArchiveReader:
    """An opened archive: the manifest is read and checked against the zip's member list."""

    def __init__(self, fh: BinaryIO, password: str | None = None, known_key: ArchiveKey | None = None) -> None:
        self._sealed = SealedReader(fh, password, known_key)
        self.encrypted = self._sealed.encrypted
        try:
            self._zip = zipfile.ZipFile(self._sealed)
            names = self._zip.namelist()
        except (zipfile.BadZipFile, EOFError, OSError, ValueError):
            raise damaged() from None
        for name in names:
            check_member_name(name)
        if len(set(names)) != len(names) or MANIFEST_NAME not in names:
            raise damaged()
        self.manifest = Manifest.from_json(self._read_small(MANIFEST_NAME))
        for name in self.manifest.files:
            check_member_name(name)
        if set(self.manifest.files) != set(names) - {MANIFEST_NAME} or DATABASE_NAME not in self.manifest.files:
            raise damaged()
        for name, entry in self.manifest.files.items():
            # The zip's own sizes must agree with the manifest before a byte is inflated.
            if self._zip.getinfo(name).file_size != entry["size"]:
                raise damaged(_("A file inside does not match its recorded size: {name}").format(name=name))

    def _read_small(self, name: str) -> bytes:
        try:
            info = self._zip.getinfo(name)
            if info.file_size > 16 * 1024 * 1024:
                raise damaged()
            return self._zip.read(name)
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, KeyError) as exc:
            if isinstance(exc, ArchiveError):
                raise
            raise damaged() from None

    def _stream(self, name: str) -> Iterator[bytes]:
        """The member's bytes in blocks; raises DamagedArchive at the end if they do not match."""
        expected = self.manifest.files[name]
        digest = hashlib.sha256()
        size = 0
        try:
            with self._zip.open(name) as src:
                while block := src.read(COPY_BLOCK):
                    size += len(block)
                    if size > expected["size"]:
                        raise damaged()
                    digest.update(block)
                    yield block
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, KeyError, RuntimeError) as exc:
            if isinstance(exc, ArchiveError):
                raise
            raise damaged() from None
        if size != expected["size"] or digest.hexdigest() != expected["sha256"]:
            raise damaged(_("A file inside does not match its checksum: {name}").format(name=name))

    def verify(self, progress: Progress | None = None, skip: tuple[str, ...] = ()) -> None:
        """Check every frame and every member's size and SHA-256 (writes nothing).

        ``skip``: members the caller checks itself by extracting them (extract checks too).
        """
        for name in self.manifest.files:
            if name in skip:
                continue
            for block in self._stream(name):
                if progress is not None:
                    progress(len(block))
        self._sealed.authenticate_all()  # what the members did not cover: zip headers, directory

    def extract(self, name: str, target: Path, progress: Progress | None = None) -> None:
        """Write one member to ``target`` (flushed to disk); a mismatch leaves no file."""
        try:
            with target.open("wb") as out:
                for block in self._stream(name):
                    out.write(block)
                    if progress is not None:
                        progress(len(block))
                out.flush()
                os.fsync(out.fileno())
        except BaseException:
            target.unlink(missing_ok=True)
            raise

    def extract_attachments(self, folder: Path, progress: Progress | None = None) -> int:
        """Write every attachment under ``folder`` (which must not exist yet); returns the count."""
        folder.mkdir(parents=True)
        count = 0
        try:
            for name in self.manifest.files:
                if not name.startswith(ATTACHMENTS_PREFIX):
                    continue
                relative = PurePosixPath(name[len(ATTACHMENTS_PREFIX) :])
                target = folder.joinpath(*relative.parts)
                # Belt and braces after check_member_name: the resolved path stays inside.
                if not target.resolve().is_relative_to(folder.resolve()):
                    check_member_name("../" + name)  # raises UnsafeArchive naming the member
                target.parent.mkdir(parents=True, exist_ok=True)
                self.extract(name, target, progress)
                count += 1
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return count

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> "ArchiveReader":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
