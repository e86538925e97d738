"""The start page on the large demo office: the dashboard's figures (services/dashboard.py) and the page's
whole fill (figures + to-do list + charts), beside an anchor — the members page's count of the roll —
so a loaded machine shows as a loaded anchor. Prints a table (median of several runs).

    python benchmarks/bench_dashboard.py [--runs 7] [--db PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from unionoffice.demo import DemoSize, generate  # noqa: E402
from unionoffice.services import dashboard as board  # noqa: E402
from unionoffice.services.member_query import ON_ROLL, MemberFilter, count_members  # noqa: E402
from unionoffice.store.database import open_database  # noqa: E402

TARGET_MS = 150


def median_ms(runs: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--db", type=Path, help="an existing large demo database (built when omitted)")
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    from unionoffice.gui.context import AppContext
    from unionoffice.gui.pages.home import HomePage
    from unionoffice.i18n import set_language

    set_language("zh_CN")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "large.sqlite3"
        if args.db is None:
            generate(open_database(path), DemoSize.LARGE)
        db = open_database(path)
        today = dt.date.today()
        page = HomePage(AppContext(db))
        with db.session() as session:
            members = count_members(session, MemberFilter(status=ON_ROLL))
            rows = [
                (f"anchor: count of the roll ({members:,} members)",
                 median_ms(args.runs, lambda: count_members(session, MemberFilter(status=ON_ROLL))), None),
                ("12-month member trend", median_ms(args.runs, lambda: board.member_trend(session, today)), None),
                ("this year against last", median_ms(args.runs, lambda: board.year_on_year(session, today)), None),
                ("to-do list", median_ms(args.runs, lambda: board.todos(session, today)), None),
                ("dashboard(): all the figures", median_ms(args.runs, lambda: board.dashboard(session, today)), TARGET_MS),
            ]
        rows.append(("start page fill (figures, list, charts)", median_ms(args.runs, page.refresh), TARGET_MS))
        page.deleteLater()
        app.processEvents()
        db.close()
    anchor = rows[0][1]
    print(f"{'benchmark':<48} {'median ms':>10} {'× anchor':>9} {'target ms':>10}  ok")
    for name, ms, target in rows:
        verdict = "" if target is None else ("yes" if ms < target else "NO")
        print(f"{name:<48} {ms:>10.1f} {ms / anchor:>9.1f} {target or '':>10}  {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
