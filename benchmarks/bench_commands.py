"""Whole commands as a clerk runs them, each beside its anchor in the same run: start-up, export,
backup, report, the window's cold start, the members page's side panel and search. Prints one
table (median of several runs; peak memory of the measured process) and asserts nothing.

    python benchmarks/bench_commands.py [--runs 5] [--db20k PATH] [--db200k PATH] [--skip-200k]
                                        [--only startup,window,report,backup,export,panel] [--baseline DIR]

Without --db20k/--db200k the demo offices are built first (200,000 members take minutes).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
UNIONOFFICE = [PY, "-m", "unionoffice"]


@dataclass
class Run:
    seconds: float
    peak_mib: float
    cpu_seconds: float = 0.0  # user + system time of the process: less swayed by other work on the machine


def run(args: list[str], env: dict[str, str] | None = None, cwd: Path | None = None, until: str | None = None) -> Run:
    """One whole process: wall time and its own peak resident memory (from wait4). ``until``: the
    wall time is taken when the process writes that line (the window's paint), not at its exit."""
    started = time.perf_counter()
    process = subprocess.Popen(args, env={**os.environ, **(env or {})}, cwd=cwd,
                               stdout=subprocess.PIPE if until else subprocess.DEVNULL, stderr=subprocess.PIPE)
    seen = None
    if until:
        for line in process.stdout:
            if line.decode(errors="replace").strip() == until:
                seen = time.perf_counter() - started
                break
        process.stdout.read()
        process.stdout.close()
    errors = process.stderr.read()  # (before waiting: a full pipe would hold the child up)
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0 or (until and seen is None):
        raise RuntimeError(f"{' '.join(map(str, args))} failed: {errors.decode(errors='replace')[-800:]}")
    process.stderr.close()
    return Run(seen if until else seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)


def median(make_args, runs: int, before=None, **kwargs) -> Run:  # noqa: ANN001
    results = []
    for index in range(runs):
        if before is not None:
            before(index)
        results.append(run(make_args(index) if callable(make_args) else make_args, **kwargs))
    return Run(statistics.median(r.seconds for r in results), max(r.peak_mib for r in results),
               statistics.median(r.cpu_seconds for r in results))


ROWS: list[tuple[str, str, str, str, str, str, str]] = []


def row(what: str, measured: Run | float, anchor_name: str, anchor: Run | float | None, target: str,
        peak: float | None = None) -> None:
    m = measured.seconds if isinstance(measured, Run) else measured
    a = anchor.seconds if isinstance(anchor, Run) else anchor
    if peak is None and isinstance(measured, Run):
        peak = measured.peak_mib
    ratio = f"{m / a:.2f}×" if a else "—"
    cpu = f"{measured.cpu_seconds:.3f}" if isinstance(measured, Run) and measured.cpu_seconds else "—"
    ROWS.append((what, f"{m:.3f}", cpu, f"{anchor_name} {a:.3f}" if a is not None else anchor_name, ratio, target,
                 f"{peak:.0f}" if peak is not None else "—"))
    print(f"  … {what}: {m:.3f} s", flush=True)


# --- anchors -------------------------------------------------------------------------------

# The same rows and columns as `export-members` (the 14 roster columns, dates as dates), written
# by openpyxl's write-only mode with nothing else: no styles, labels, drop-downs or page setup.
BARE_WRITE_ONLY = """
import datetime as dt, sqlite3, sys
from openpyxl import Workbook
db, out = sys.argv[1], sys.argv[2]
conn = sqlite3.connect(db)
wb = Workbook(write_only=True)
ws = wb.create_sheet("members")
day = lambda text: dt.date.fromisoformat(text) if text else None
cur = conn.execute("SELECT m.name, m.sex, m.birth_date, m.ethnicity, m.political_status, m.education, m.id_number,"
                   " g.name, m.join_date, m.card_no, m.status, m.migrant_worker, m.phone, m.notes FROM members m"
                   " LEFT JOIN groups g ON g.id = m.group_id WHERE m.deleted_at IS NULL"
                   " AND m.status IN ('active', 'retained') ORDER BY m.pinyin_full, m.id")
while rows := cur.fetchmany(2000):
    for r in rows:
        ws.append([r[0], r[1], day(r[2]), r[3], r[4], r[5], r[6], r[7], day(r[8]), r[9], r[10], r[11], r[12], r[13]])
wb.save(out)
"""

EMPTY_WINDOW = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
def leave():
    print(sys.argv[1], flush=True)  # what the program's window writes when it has painted
    QApplication.quit()
class Quit(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, leave)
        return False
app = QApplication([])
window = QMainWindow()
window.resize(1200, 760)
quitter = Quit(window)
window.installEventFilter(quitter)
window.show()
app.exec()
"""

# The members page's side panel and search, timed inside one process (what a keystroke costs).
PANEL = """
import json, statistics, sys, time
sys.path.insert(0, sys.argv[2])
from unionoffice.services.member_query import MemberFilter
from unionoffice.services.panel_counts import panel_composition
from unionoffice.store.database import open_database
db = open_database(sys.argv[1], create=False)
times = {}
for text in ["", "z", "zh", "1", "13", "wang", "张"]:
    runs = []
    for _ in range(5):  # what the panel's background job runs (no result is kept between runs)
        started = time.perf_counter()
        with db.session() as session:
            panel_composition(session, MemberFilter(text=text))
        runs.append(time.perf_counter() - started)
    times[text] = statistics.median(runs)
print(json.dumps(times))
"""

KEYSTROKES = """
import json, os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, sys.argv[2])
from PySide6.QtWidgets import QApplication
app = QApplication([])
import bench_roster
times = sorted(bench_roster.keystrokes(__import__("pathlib").Path(sys.argv[1])))
print(json.dumps({"p95": times[int(len(times) * 0.95) - 1], "median": times[len(times) // 2]}))
"""


def python_json(script: str, *args: str) -> dict:
    done = subprocess.run([PY, "-c", script, *args], capture_output=True, text=True, check=True,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    return json.loads(done.stdout.strip().splitlines()[-1])


def build(path: Path, members: int) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_roster  # noqa: PLC0415

    print(f"building a demo office with {members:,} members at {path} …", flush=True)
    return bench_roster.build(path, members)


# --- the figures ---------------------------------------------------------------------------

def startup(runs: int) -> None:
    bare = median([PY, "-c", "pass"], runs)
    version = median([*UNIONOFFICE, "--version"], runs)
    row("unionoffice --version", version, "bare python", bare, "< 0.15 s")
    helps = median([*UNIONOFFICE, "export-members", "--help"], runs)
    row("fixed cost of a command (export-members --help) over bare python", helps.seconds - bare.seconds,
        "bare python", None, "< 0.25 s", helps.peak_mib)
    no_pyc = median([*UNIONOFFICE, "--version"], runs, env={"PYTHONDONTWRITEBYTECODE": "1"})
    row("  the same --version, .pyc writing disabled", no_pyc, "bare python", bare, "< 0.15 s")


def alternating(commands: dict[str, list[str]], runs: int, before=None, **kwargs) -> dict[str, Run]:  # noqa: ANN001
    """Each command once per round, in turn, for ``runs`` rounds: the medians then share the
    machine's load (all anchor runs first and all measured runs after would not)."""
    results: dict[str, list[Run]] = {name: [] for name in commands}
    for index in range(runs):
        for name, args in commands.items():
            if before is not None:
                before(index)
            extra = {"env": _baseline_env(), "cwd": BASELINE} if name == "baseline" else {}
            results[name].append(run(args, **{**kwargs, **extra}))
    return {name: Run(statistics.median(r.seconds for r in rs), max(r.peak_mib for r in rs),
                      statistics.median(r.cpu_seconds for r in rs)) for name, rs in results.items()}


def cpu_row(what: str, measured: Run, anchor_name: str, anchor: Run, target: str) -> None:
    """The same pair by CPU time (user + system, children included): steadier on a busy machine."""
    row(what, measured.cpu_seconds, f"{anchor_name} cpu", anchor.cpu_seconds, target, peak=measured.peak_mib)


def export(db: Path, work: Path, runs: int, label: str) -> None:
    commands = {"anchor": [PY, "-c", BARE_WRITE_ONLY, str(db), str(work / "bare.xlsx")],
                "measured": [*UNIONOFFICE, "export-members", str(work / "out.xlsx"), "--db", str(db)]}
    if BASELINE:
        commands["baseline"] = [*UNIONOFFICE, "export-members", str(work / "before.xlsx"), "--db", str(db)]
    got = alternating(commands, runs)
    target = "≤ 1.1× anchor, < 100 MiB"
    row(f"export-members, {label} (whole command)", got["measured"], "bare openpyxl write_only", got["anchor"], target)
    cpu_row("  the same, CPU time", got["measured"], "bare openpyxl write_only", got["anchor"], target)
    if BASELINE:
        row("  the same, baseline program", got["baseline"], "bare openpyxl write_only", got["anchor"], "—")
    sizes = ", ".join(f"{name} {(work / f'{stem}.xlsx').stat().st_size / 2**20:.1f} MiB"
                      for name, stem in (("export", "out"), ("anchor", "bare"), ("baseline", "before"))
                      if (work / f"{stem}.xlsx").exists())
    print(f"  … file sizes, {label}: {sizes}", flush=True)


def backup(db: Path, work: Path, runs: int, label: str) -> None:
    stick = work / "stick"

    def fresh(_index: int) -> None:
        shutil.rmtree(stick, ignore_errors=True)
        stick.mkdir()

    sqlite3_cli = shutil.which("sqlite3")
    commands = {"measured": [*UNIONOFFICE, "backup", "--db", str(db), "--to", str(stick), "--keep", "100"]}
    if sqlite3_cli:
        script = f"{sqlite3_cli} '{db}' \".backup '{stick}/bare.sqlite3'\" && sha256sum '{stick}/bare.sqlite3' >/dev/null"
        commands["anchor"] = ["sh", "-c", script]
    got = alternating(commands, runs, before=fresh)
    anchor = got.get("anchor")
    anchor_name = "sqlite3 .backup + sha256sum" if anchor else "(no sqlite3 CLI)"
    row(f"backup, verified, {label} (whole command)", got["measured"], anchor_name, anchor, "≤ 3× anchor")
    if anchor:
        cpu_row("  the same, CPU time", got["measured"], anchor_name, anchor, "≤ 3× anchor")


# --baseline DIR: the same commands run from another copy of the program (e.g. `git archive main`
# unpacked, catalogs compiled) in the same run, as a "before" row beside each "after".
BASELINE: Path | None = None


def _baseline_env() -> dict[str, str]:
    """Run from the baseline's folder too: `python -m` looks in the current folder first."""
    return {"PYTHONPATH": str(BASELINE)} if BASELINE else {}


def report(db: Path, work: Path, runs: int, label: str) -> None:
    bare = median([PY, "-c", "pass"], runs)
    for suffix in ("pdf", "docx"):
        args = [*UNIONOFFICE, "report", "--db", str(db), "--from", "2025-01-01", "--to", "2025-12-31",
                "--out", str(work / f"summary.{suffix}")]
        measured = median(args, runs)
        row(f"report to {suffix.upper()}, {label} (whole command)", measured, "bare python", bare, "< 0.8 s")
        # The writer loaded by a second process while the command drafts (reports/writer_process.py),
        # beside the same command writing in its own process, in the same run.
        alone = median(args, runs, env={"UNIONOFFICE_WRITER_PROCESS": "0"})
        row("  the same, written in the command's own process", alone, "bare python", bare, "—")
        if BASELINE:
            row("  the same, baseline program", median(args, runs, env=_baseline_env(), cwd=BASELINE),
                "bare python", bare, "—")


def window(db: Path, runs: int, label: str) -> None:
    # The window and the empty-window anchor write PAINTED when they have painted: the start is
    # timed to that line, not to the exit of the process after it.
    from unionoffice.gui.startup import PAINTED  # noqa: PLC0415 - (loads Qt in this process: only here)

    env = {"QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    anchor = median([PY, "-c", EMPTY_WINDOW, PAINTED], runs, env=env, until=PAINTED)
    start = [*UNIONOFFICE, "--db", str(db)]
    measured = median(start, runs, env={**env, "UNIONOFFICE_QUIT_AFTER_PAINT": "1"}, until=PAINTED)
    row(f"cold start to the first painted window, {label}", measured, "empty QMainWindow", anchor, "< 0.6 s")
    if BASELINE:
        before = median(start, runs, env={**env, **_baseline_env(), "UNIONOFFICE_QUIT_AFTER_PAINT": "1"}, cwd=BASELINE,
                        until=PAINTED)
        row("  the same, baseline program", before, "empty QMainWindow", anchor, "—")
    # The frame paints first; then the office opens and the start page counts its figures.
    ready = median(start, runs, env={**env, "UNIONOFFICE_QUIT_WHEN_READY": "1"}, until=PAINTED)
    row(f"  … until the start page has painted its figures, {label}", ready, "empty QMainWindow", anchor, "(no target)")


def panel(db: Path, label: str) -> None:
    times = python_json(PANEL, str(db), str(ROOT))
    broad = max(times[t] for t in ("", "z", "1", "13"))
    row(f"members side panel, broad search (slowest of '', z, 1, 13), {label}", broad, "—", None, "< 0.150 s")
    row(f"members side panel, whole roll (''), {label}", times[""], "—", None, "< 0.150 s")
    row(f"members side panel, a surname (张), {label}", times["张"], "—", None, "< 0.150 s")
    keys = python_json(KEYSTROKES, str(db), str(ROOT / "benchmarks"))
    row(f"member search keystroke p95, {label}", keys["p95"], "—", None,
        "< 0.050 s" if "20,000" in label else "< 0.150 s")


FIGURES = ("startup", "window", "report", "backup", "export", "panel")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db20k", type=Path)
    parser.add_argument("--db200k", type=Path)
    parser.add_argument("--skip-200k", action="store_true")
    parser.add_argument("--baseline", type=Path, help="another copy of the program to run the same commands from")
    parser.add_argument("--only", type=lambda text: set(text.split(",")), default=set(FIGURES),
                        help="a comma-separated subset of: " + ",".join(FIGURES))
    args = parser.parse_args()
    wanted = args.only.__contains__
    global BASELINE
    BASELINE = args.baseline
    os.environ.setdefault("UNIONOFFICE_LANG", "zh_CN")
    with tempfile.TemporaryDirectory(prefix="bench-commands-") as tmp:
        work = Path(tmp)
        os.environ["XDG_DATA_HOME"] = str(work / "data")  # the exit backup of the window goes here
        db20k = args.db20k or build(work / "20k.sqlite3", 20_000)
        if wanted("startup"):
            startup(args.runs)
        if wanted("window"):
            window(db20k, args.runs, "20,000 members")
        if wanted("report"):
            report(db20k, work, args.runs, "20,000 members")
        if wanted("backup"):
            backup(db20k, work, args.runs, "20,000 members")
        if wanted("export"):
            export(db20k, work, args.runs, "20,000 members")
        if wanted("panel"):
            panel(db20k, "20,000 members")
        if not args.skip_200k and args.only & {"backup", "export", "panel"}:
            db200k = args.db200k or build(work / "200k.sqlite3", 200_000)
            if wanted("export"):
                export(db200k, work, max(3, args.runs // 2), "200,000 members")
            if wanted("backup"):
                backup(db200k, work, max(3, args.runs // 2), "200,000 members")
            if wanted("panel"):
                panel(db200k, "200,000 members")
    print(f"\nmedian of {args.runs} runs; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs\n")
    headers = ("what", "measured s", "cpu s", "anchor s", "ratio", "target", "peak MiB")
    widths = [max(len(h), *(len(r[i]) for r in ROWS)) for i, h in enumerate(headers)]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths)))
    print("  ".join("-" * w for w in widths))
    for r in ROWS:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
