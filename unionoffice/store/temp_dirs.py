"""Temporary folders that hold plaintext copies of the database (backup snapshots, restores).

Each such folder holds ``.owner``, locked by the process using it for as long as it runs. A
process killed mid-backup leaves the folder behind, but its lock dies with it: the next start
(``clean_stale``, called when a database is opened) removes every folder of ours whose owner
is gone, so no snapshot of the members' data lingers beside the database or in the temp folder.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Iterator

from unionoffice.store.writer_lock import os_unlock, try_os_lock

PREFIXES = (".uobak-", ".uorestore-", "uobak-verify-")
STAGING = ".uoinit-"  # a folder being set up: it gets its prefix only once its owner lock is held
OWNER = ".owner"
# A folder without its owner file is being created right now, or was left by an older version.
_UNOWNED_GRACE_SECONDS = 60.0


@contextlib.contextmanager
def owned_temp_dir(parent: Path, prefix: str) -> Iterator[Path]:
    """A new folder under ``parent`` (removed afterwards) whose lock marks it as in use."""
    assert prefix in PREFIXES
    if os.name == "nt":  # pragma: no cover - Windows cannot rename a folder with an open file inside
        folder = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
        fd = os.open(folder / OWNER, os.O_RDWR | os.O_CREAT, 0o600)
        try_os_lock(fd, exclusive=True)
    else:
        # Locked before it is named: a kill can never leave an owner-less folder under the prefix.
        staging = Path(tempfile.mkdtemp(prefix=STAGING, dir=parent))
        fd = os.open(staging / OWNER, os.O_RDWR | os.O_CREAT, 0o600)
        try_os_lock(fd, exclusive=True)
        folder = staging.with_name(prefix + staging.name[len(STAGING):])
        os.rename(staging, folder)
    try:
        yield folder
    finally:
        os_unlock(fd)
        os.close(fd)
        shutil.rmtree(folder, ignore_errors=True)


def _is_stale(folder: Path) -> bool:
    owner = folder / OWNER
    try:
        fd = os.open(owner, os.O_RDWR)
    except FileNotFoundError:
        try:
            return time.time() - folder.stat().st_mtime > _UNOWNED_GRACE_SECONDS
        except OSError:
            return False
    except OSError:
        return False
    try:
        if not try_os_lock(fd, exclusive=True):
            return False
        os_unlock(fd)
        return True
    finally:
        os.close(fd)


def clean_stale(*parents: Path) -> list[Path]:
    """Remove our temporary folders under ``parents`` whose owner process is gone; returns them."""
    removed = []
    for parent in parents:
        try:
            entries = list(os.scandir(parent))
        except OSError:
            continue
        for entry in entries:
            if not entry.name.startswith((*PREFIXES, STAGING)):
                continue
            try:
                if not entry.is_dir(follow_symlinks=False):
                    continue
            except OSError:
                continue
            folder = Path(entry.path)
            if _is_stale(folder):
                shutil.rmtree(folder, ignore_errors=True)
                if not folder.exists():
                    removed.append(folder)
    return removed


def clean_stale_for(db_path: Path) -> list[Path]:
    """Clean beside the database and in the system temp folder (verify extracts there)."""
    return clean_stale(Path(db_path).parent, Path(tempfile.gettempdir()))
