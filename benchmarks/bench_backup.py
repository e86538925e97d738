"""Backup speed: a verified backup to a folder vs. a bare SQLite backup plus a SHA-256 of it.

    PYTHONPATH=. python benchmarks/bench_backup.py [--db EXISTING.sqlite3]

Without --db it builds the large demo office (`unionoffice demo --size large`) in a temporary
folder first. Prints the median of 3 runs of each; the target is under 3x the bare copy.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

from unionoffice.io.archive_stream import ArchiveKey
from unionoffice.services.backup import make_backup

RUNS = 3


def bare_copy(db: Path, folder: Path) -> None:
    target = folder / "bare.sqlite3"
    with contextlib.closing(sqlite3.connect(db)) as src, contextlib.closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    digest = hashlib.sha256()
    with target.open("rb") as fh:
        while block := fh.read(1024 * 1024):
            digest.update(block)
    target.unlink()


def median_seconds(action: Callable[[Path], None], work: Path) -> float:
    times = []
    for _ in range(RUNS):
        folder = work / f"run-{time.monotonic_ns()}"
        folder.mkdir()
        started = time.perf_counter()
        action(folder)
        times.append(time.perf_counter() - started)
        shutil.rmtree(folder)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-backup-") as tmp:
        work = Path(tmp)
        db = args.db
        if db is None:
            db = work / "large.sqlite3"
            print("building the large demo office …", flush=True)
            subprocess.run([sys.executable, "-m", "unionoffice", "demo", "--size", "large", "--db", str(db)], check=True)
        size_mb = db.stat().st_size / 1e6
        warm_up = work / "warm-up"
        warm_up.mkdir()
        make_backup(db, warm_up)  # imports and the page cache, for both methods alike
        bare = median_seconds(lambda folder: bare_copy(db, folder), work)
        plain = median_seconds(lambda folder: make_backup(db, folder, keep=100), work)
        secret = median_seconds(lambda folder: make_backup(db, folder, password="bench-password", keep=100), work)
        kdf = median_seconds(lambda folder: ArchiveKey.new("bench-password"), work)
        print()
        print(f"database: {db.name}, {size_mb:.1f} MB; median of {RUNS} runs")
        print(f"{'method':<44} {'seconds':>8} {'x bare':>7}")
        print("-" * 61)
        for label, seconds in (
            ("bare SQLite backup + SHA-256", bare),
            ("backup to folder, verified (no password)", plain),
            ("backup to folder, verified (AES-256-GCM)", secret),
            ("  of which: scrypt key derivation (fixed)", kdf),
        ):
            print(f"{label:<44} {seconds:>8.3f} {seconds / bare:>7.2f}")
        print(f"\ntarget: under 3.00 x bare -> without password {'met' if plain / bare < 3 else 'NOT met'}, "
              f"with password {'met' if secret / bare < 3 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
