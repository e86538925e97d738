"""Relief, hardship and rights on the large demo office: the year's statistics, the visit list
(filtered and sorted in SQL), the hardship lists and the signed payment sheet of a whole round.
Prints a table (median of several runs).

    python benchmarks/bench_relief.py [--runs 5] [--db PATH]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from unionoffice.demo import DemoSize, generate  # noqa: E402
from unionoffice.io.forms import render_form  # noqa: E402
from unionoffice.io.relief_forms import payment_sheet  # noqa: E402
from unionoffice.services.relief import list_batches  # noqa: E402
from unionoffice.services.relief_queries import FileFilter, FileList, VisitFilter, list_files, list_visits  # noqa: E402
from unionoffice.services.relief_stats import relief_statistics  # noqa: E402
from unionoffice.store.database import open_database  # noqa: E402


def median_seconds(runs: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", type=Path, help="an existing large demo database (built when omitted)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "large.sqlite3"
        if args.db is None:
            generate(open_database(path), DemoSize.LARGE)
        db = open_database(path)
        with db.session() as session:
            batch = list_batches(session)[0]
            year = batch.date.year
            start, end = batch.date.replace(month=1, day=1), batch.date.replace(month=12, day=31)
            visits = len(list_visits(session))
            rows = [
                (f"year's statistics ({visits} visits in all)", median_seconds(args.runs, lambda: relief_statistics(session, start, end)), 0.5),
                ("visit list, all years, sorted by name", median_seconds(args.runs, lambda: list_visits(session, sort="name")), 1.0),
                (f"visit list, {year}, search “zh”", median_seconds(args.runs, lambda: list_visits(
                    session, VisitFilter(text="zh", start=start, end=end))), 0.3),
                ("hardship files never helped", median_seconds(args.runs, lambda: list_files(session, FileFilter(view=FileList.NEVER_HELPED))), 0.3),
                (f"signed payment sheet of “{batch.title}”", median_seconds(max(1, args.runs // 2), lambda: render_form(
                    payment_sheet(session, VisitFilter(batch_id=batch.id))[0])), 5.0),
            ]
        db.close()
    print(f"{'benchmark':<60} {'median s':>9} {'target s':>9}  ok")
    for name, seconds, target in rows:
        print(f"{name:<60} {seconds:>9.2f} {target:>9.2f}  {'yes' if seconds < target else 'NO'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
