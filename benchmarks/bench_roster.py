"""Roster benchmarks: search keystroke to updated table at 20,000 and 200,000 members, import of a
20,000-row .xlsx roster, export of 20,000 rows. Prints a table.

    python benchmarks/bench_roster.py [--db20k PATH] [--db200k PATH] [--skip-200k]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication, QTableView  # noqa: E402

from unionoffice import demo  # noqa: E402
from unionoffice.gui.member_table import MemberTableModel  # noqa: E402
from unionoffice.i18n import set_language  # noqa: E402
from unionoffice.services.member_query import MemberFilter, Sort, SortKey  # noqa: E402
from unionoffice.store.database import open_database  # noqa: E402

# What a clerk types, one keystroke at a time: pinyin, a Chinese name, phone, ID and card prefixes.
TYPED = ["zhang", "wangl", "lix", "chenj", "zs", "张", "王", "李明", "1380013", "1101051990", "sl00012"]
# Digits from inside an ID number (a birth date, the last six): found anywhere, not only at the start.
FRAGMENTS = ["19850612", "0612", "850612", "19900101", "1234"]


def build(path: Path, members: int) -> Path:
    if not path.exists():
        spec = demo.SPECS[demo.DemoSize.LARGE]
        demo.SPECS[demo.DemoSize.LARGE] = demo.DemoSpec(members=members, groups=spec.groups, years=spec.years)
        try:
            db = open_database(path)
            demo.generate(db, demo.DemoSize.LARGE, seed=7)
            db.close()
        finally:
            demo.SPECS[demo.DemoSize.LARGE] = spec
    return path


def keystrokes(path: Path, typed: list[str] = TYPED) -> list[float]:
    """Seconds from a keystroke's filter to the repainted table, for every prefix of ``typed``."""
    db = open_database(path)
    try:
        return keystrokes_on(db, typed)
    finally:
        db.close()


def keystrokes_on(db, typed: list[str] = TYPED) -> list[float]:  # noqa: ANN001 - an open Database
    """As ``keystrokes``, on an open office (a file or a server: benchmarks/bench_server.py)."""
    model = MemberTableModel(db)
    view = QTableView()
    view.setModel(model)
    view.resize(1000, 700)
    view.show()
    model.sort_order = Sort(SortKey.NAME)
    times = []
    for word in typed:
        for end in range(1, len(word) + 1):
            started = time.perf_counter()
            model.set_filter(MemberFilter(text=word[:end]))
            view.viewport().repaint()
            times.append(time.perf_counter() - started)
            if os.environ.get("BENCH_VERBOSE"):
                print(f"  {word[:end]!r:<14} {times[-1] * 1000:7.1f} ms  {model.rowCount():>7} rows")
        model.set_filter(MemberFilter())
    view.close()
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def import_export_rows(path: Path, tmp: Path) -> list[tuple[str, float, float]]:
    """Export 20,000 members, then import that file into an empty database (whole, with validation)."""
    try:
        from unionoffice.io.roster_export import export_members
        from unionoffice.services.roster_import import apply_import, plan_import
    except ImportError:
        return []
    db = open_database(path)
    out = tmp / "roster-20k.xlsx"
    started = time.perf_counter()
    with db.session() as session:
        export_members(session, MemberFilter(status="all"), out)
    export_seconds = time.perf_counter() - started
    db.close()
    target = open_database(tmp / "import-target.sqlite3")
    started = time.perf_counter()
    with target.session() as session:
        plan = plan_import(session, out)
        apply_import(session, plan)
    import_seconds = time.perf_counter() - started
    target.close()
    return [
        (f"import of a 20,000-row .xlsx ({len(plan.rows)} rows)", import_seconds, 1.5),
        ("export of 20,000 rows to .xlsx (the 14 花名册 columns)", export_seconds, 3.0),
    ]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db20k", type=Path)
    parser.add_argument("--db200k", type=Path)
    parser.add_argument("--skip-200k", action="store_true")
    args, _unknown = parser.parse_known_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841
    set_language("zh_CN")
    rows = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        db20 = build(args.db20k or tmp / "20k.sqlite3", 20_000)
        times = keystrokes(db20)
        rows.append((f"search keystroke p95, 20,000 members ({len(times)} keys)", p95(times), 0.050))
        rows.append(("search keystroke median, 20,000 members", statistics.median(times), 0.050))
        times = keystrokes(db20, FRAGMENTS)
        rows.append((f"ID-fragment keystroke p95, 20,000 ({len(times)} keys)", p95(times), 0.050))
        if not args.skip_200k:
            db200 = build(args.db200k or tmp / "200k.sqlite3", 200_000)
            times = keystrokes(db200)
            rows.append((f"search keystroke p95, 200,000 members ({len(times)} keys)", p95(times), 0.150))
            rows.append(("search keystroke median, 200,000 members", statistics.median(times), 0.150))
            times = keystrokes(db200, FRAGMENTS)
            rows.append((f"ID-fragment keystroke p95, 200,000 ({len(times)} keys)", p95(times), 0.150))
        rows += import_export_rows(db20, tmp)
    print(f"{'benchmark':<56} {'seconds':>9} {'target s':>9}  ok")
    for name, seconds, target in rows:
        print(f"{name:<56} {seconds:>9.3f} {target:>9.3f}  {'yes' if seconds < target else 'NO'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
