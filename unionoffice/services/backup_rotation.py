"""Backup file names and keeping the newest N backups in a folder."""

from __future__ import annotations

import datetime as dt
import glob
import re
from pathlib import Path

from unionoffice.i18n import N_, _
from unionoffice.io.archive import ARCHIVE_SUFFIX

FILE_PREFIX = N_("UnionDataBackup")  # 工会数据备份
DEFAULT_KEEP = 10
# <prefix>-<office>-YYYYMMDD-HHMM[-n].uobak; the prefix may be in any language.
_NAME = re.compile(r"^(?P<prefix>[^-]+)-(?P<office>.*)-(?P<stamp>\d{8}-\d{4})(?:-(?P<n>\d+))?\.uobak$")
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def _office_part(office_name: str) -> str:
    cleaned = _UNSAFE.sub("", " ".join(office_name.split())).replace(" ", "").replace("-", "_").strip(". ")
    return cleaned[:40] or _("UnnamedOffice")


def archive_path(folder: Path, office_name: str, when: dt.datetime) -> Path:
    """A new file name in ``folder``: 工会数据备份-<单位>-<YYYYMMDD-HHMM>.uobak (-2, -3… if taken)."""
    stem = f"{_(FILE_PREFIX)}-{_office_part(office_name)}-{when:%Y%m%d-%H%M}"
    # Numbers only grow within a minute, so the newest always sorts last even after rotation.
    taken = [0]
    for path in folder.glob(f"{glob.escape(stem)}*"):
        match = _NAME.match(path.name.removesuffix(".part"))
        if match and path.name.startswith(stem) and match["stamp"] == f"{when:%Y%m%d-%H%M}":
            taken.append(int(match["n"] or 1))
    number = max(taken) + 1
    return folder / (f"{stem}{ARCHIVE_SUFFIX}" if number == 1 else f"{stem}-{number}{ARCHIVE_SUFFIX}")


def _sort_key(path: Path) -> tuple[str, int, float]:
    match = _NAME.match(path.name)
    assert match is not None
    try:
        mtime = path.stat().st_mtime
    except OSError:
        mtime = 0.0
    return match["stamp"], int(match["n"] or 1), mtime


def list_backups(folder: Path) -> list[Path]:
    """The program's backup files in ``folder``, newest first (by the time in their names)."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if p.is_file() and _NAME.match(p.name)]
    return sorted(found, key=_sort_key, reverse=True)


def archive_office_id(path: Path) -> str:
    """The office id an archive's header carries ("" for none, unreadable or not an archive)."""
    from unionoffice.io.archive_stream import ArchiveError, public_header

    try:
        with path.open("rb") as fh:
            return public_header(fh).get("office_id", "")
    except (OSError, ArchiveError):
        return ""


def rotate(folder: Path, keep: int, protect: Path | None = None, office_id: str = "") -> list[Path]:
    """Delete all but the newest ``keep`` backups of this office (never ``protect``); returns them.

    Only archives whose header carries ``office_id`` count: another office's backups in the
    same folder, older archives without an id and files merely named like a backup are never
    deleted (without an id nothing is). A file that cannot be deleted is skipped (rotation must
    not turn a good backup into a failure).
    """
    keep = max(1, keep)
    deleted: list[Path] = []
    if not office_id:
        return deleted
    backups = [p for p in list_backups(folder) if archive_office_id(p) == office_id]
    for path in backups[keep:]:
        if protect is not None and path.resolve() == protect.resolve():
            continue
        try:
            path.unlink()
        except OSError:
            continue
        deleted.append(path)
    return deleted


def parse_keep(value: str | int | None, default: int = DEFAULT_KEEP) -> int:
    try:
        number = int(value) if value not in (None, "") else default
    except (TypeError, ValueError):
        return default
    return max(1, number)
