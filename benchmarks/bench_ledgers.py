"""Activity log and training records on the large demo office (five years, 20,000 members):
opening each page, changing a filter, and one year's statistics. Prints a table (median of runs).

    python benchmarks/bench_ledgers.py [--runs 7] [--db PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def median_seconds(action, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--db", type=Path, help="an existing large demo database (built when omitted)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db_path = args.db
        if db_path is None:
            db_path = Path(tmp) / "large.sqlite3"
            env = {**os.environ, "PYTHONPATH": str(ROOT)}
            subprocess.run([sys.executable, "-m", "unionoffice", "demo", "--size", "large", "--db", str(db_path)],
                           env=env, check=True, capture_output=True)
        return run(db_path, args.runs)


def run(db_path: Path, runs: int) -> int:
    from PySide6.QtWidgets import QApplication

    from unionoffice.gui.context import AppContext
    from unionoffice.gui.pages import activities as activities_page
    from unionoffice.gui.pages import training as training_page
    from unionoffice.i18n import set_language
    from unionoffice.services.activity_stats import activity_stats
    from unionoffice.services.training_stats import training_stats
    from unionoffice.store.database import open_database

    app = QApplication.instance() or QApplication([])
    set_language("zh_CN")
    db = open_database(db_path)
    ctx = AppContext(db)
    year = dt.date.today().year
    rows = []
    for key, module, kind in (("activities", activities_page, "festival"), ("training", training_page, "safety")):
        pages = []

        def open_page() -> None:
            page = module.create_page(ctx)
            page.resize(1100, 700)
            page.show()
            app.processEvents()
            pages.append(page)

        rows.append((f"open the {key} page (this year)", median_seconds(open_page, runs), 0.1))
        page = pages[-1]
        kinds = [kind, None]

        def change_kind() -> None:
            page.filters.kind.setCurrentIndex(page.filters.kind.findData(kinds[0]))
            kinds.reverse()
            app.processEvents()

        rows.append((f"{key}: change the kind filter", median_seconds(change_kind, runs), 0.1))

        def change_group() -> None:
            page.filters.group.setCurrentIndex(3 if page.filters.group.currentIndex() != 3 else 0)
            app.processEvents()

        rows.append((f"{key}: change the group filter", median_seconds(change_group, runs), 0.1))

        def all_years() -> None:
            page.filters.period.setCurrentIndex(page.filters.period.findData("all"))
            app.processEvents()
            page.filters.period.setCurrentIndex(page.filters.period.findData("this_year"))
            app.processEvents()

        rows.append((f"{key}: all five years, then back (two queries)", median_seconds(all_years, runs), 0.2))
        for p in pages:
            p.close()
            p.deleteLater()

    def stats_of(function):  # type: ignore[no-untyped-def]
        def action() -> None:
            with db.session() as session:
                function(session, dt.date(year, 1, 1), dt.date(year, 12, 31))
        return action

    rows.append(("activity_stats, one year", median_seconds(stats_of(activity_stats), runs), 0.2))
    rows.append(("training_stats, one year", median_seconds(stats_of(training_stats), runs), 0.2))
    db.close()
    print(f"{'benchmark':<52} {'median ms':>10} {'target ms':>10}  ok")
    for name, seconds, target in rows:
        print(f"{name:<52} {seconds * 1000:>10.1f} {target * 1000:>10.0f}  {'yes' if seconds < target else 'NO'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
