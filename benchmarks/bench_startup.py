"""Foundation benchmarks: cold start to the first painted main window on the large demo office,
and building the large demo office. Prints a table (median of several runs).

    python benchmarks/bench_startup.py [--runs 5] [--db PATH]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def time_command(args: list[str], extra_env: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(args, env={**_env(), **(extra_env or {})}, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", type=Path, help="an existing large demo database (built when omitted)")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        demo_times = []
        db = args.db
        for run in range(max(1, args.runs // 2)):
            target = Path(tmp) / f"large-{run}.sqlite3"
            demo_times.append(time_command([sys.executable, "-m", "unionoffice", "demo", "--size", "large", "--db", str(target)]))
            db = db or target
        rows.append(("unionoffice demo --size large", statistics.median(demo_times), 60.0))
        start_times = [
            time_command([sys.executable, "-m", "unionoffice", "--db", str(db)], {"UNIONOFFICE_QUIT_AFTER_PAINT": "1"})
            for _ in range(args.runs)
        ]
        rows.append(("cold start to first painted window (large office)", statistics.median(start_times), 1.5))
    print(f"{'benchmark':<52} {'median s':>9} {'target s':>9}  ok")
    for name, seconds, target in rows:
        print(f"{name:<52} {seconds:>9.2f} {target:>9.2f}  {'yes' if seconds < target else 'NO'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
