"""A server office against a local file, in the same run on the same machine: the members page
opening and the search keystrokes on 20,000 members, and ``unionoffice import-members`` of a
20,000-row roster as a whole process. PostgreSQL is a throwaway cluster on this machine
(tests/pg_cluster.py: Debian's postgresql package; fsync off, as a test cluster). Prints a table of
medians and the ratio server / file; target (issue 17): ≤ 2× for each.

    python benchmarks/bench_server.py [--db20k PATH] [--runs 3]

The two engines run by turns (file, server, file, server …) so that the machine's load falls on
both alike; the ratio is the figure to read, not the seconds.
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

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from PySide6.QtWidgets import QApplication, QTableView  # noqa: E402

from bench_roster import build, keystrokes_on, p95  # noqa: E402
from tests.pg_cluster import start_cluster  # noqa: E402
from unionoffice.gui.member_table import MemberTableModel  # noqa: E402
from unionoffice.i18n import set_language  # noqa: E402
from unionoffice.services.member_query import MemberFilter, Sort, SortKey  # noqa: E402
from unionoffice.store.database import Database, open_office  # noqa: E402
from unionoffice.store.transfer import copy_office  # noqa: E402

TARGET = 2.0


def page_open(db: Database) -> float:
    """The members table as the page opens it: the model, the first page of rows, painted."""
    started = time.perf_counter()
    model = MemberTableModel(db)
    view = QTableView()
    view.setModel(model)
    view.resize(1000, 700)
    model.sort_order = Sort(SortKey.NAME)
    model.set_filter(MemberFilter())
    view.show()
    view.viewport().repaint()
    seconds = time.perf_counter() - started
    view.close()
    return seconds


def import_command(target: str, roster: Path) -> float:
    env = dict(os.environ, UNIONOFFICE_LANG="zh_CN", PYTHONPATH=str(ROOT))
    env.pop("UNIONOFFICE_DB", None)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "unionoffice", "import-members", "--db", target, str(roster)],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"import into {target} failed: {done.stderr.strip()}")
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db20k", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841
    set_language("zh_CN")
    cluster = start_cluster()
    if cluster is None:
        print("PostgreSQL (initdb, pg_ctl) is not installed: scripts/install-system-deps.sh installs it")
        return 2
    try:
        with tempfile.TemporaryDirectory() as tmp_name:
            tmp = Path(tmp_name)
            path = build(args.db20k or tmp / "20k.sqlite3", 20_000)
            local = open_office(path)
            server = open_office(cluster.database_from_template())
            copy_office(local.engine, server.engine)
            from unionoffice.io.roster_export import export_members

            roster = tmp / "roster-20k.xlsx"
            with local.session() as session:
                export_members(session, MemberFilter(status="all"), roster)

            opened: dict[str, list[float]] = {"file": [], "server": []}
            typed: dict[str, list[float]] = {"file": [], "server": []}
            imported: dict[str, list[float]] = {"file": [], "server": []}
            for run in range(args.runs):
                for kind, db in (("file", local), ("server", server)):
                    opened[kind].append(page_open(db))
                    typed[kind] += keystrokes_on(db)
                imported["file"].append(import_command(str(tmp / f"import-{run}.sqlite3"), roster))
                imported["server"].append(import_command(cluster.database_from_template(), roster))
            local.close()
            server.close()
    finally:
        cluster.stop()

    rows = [
        ("members page open, 20,000 members (median)", statistics.median(opened["file"]), statistics.median(opened["server"])),
        (f"search keystroke median ({len(typed['file']) // args.runs} keys × {args.runs})",
         statistics.median(typed["file"]), statistics.median(typed["server"])),
        ("search keystroke p95", p95(typed["file"]), p95(typed["server"])),
        (f"import-members of 20,000 rows, whole command (median of {args.runs})",
         statistics.median(imported["file"]), statistics.median(imported["server"])),
    ]
    print(f"{'benchmark':<60} {'file s':>8} {'server s':>9} {'ratio':>6}  target ≤ {TARGET:.0f}×")
    for name, file_s, server_s in rows:
        ratio = server_s / file_s if file_s else float("inf")
        print(f"{name:<60} {file_s:>8.3f} {server_s:>9.3f} {ratio:>6.2f}  {'yes' if ratio <= TARGET else 'NO'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
