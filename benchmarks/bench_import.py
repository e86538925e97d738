"""Roster import as the clerk runs it: ``unionoffice import-members`` as a whole process, beside
LibreOffice headless opening the same file and a bare python-calamine read of it. Median of
several runs; prints the ratio to LibreOffice and the target, then a scaling table (2,000 /
20,000 / 200,000 rows) with the time per row and the peak memory of the child process.

    python benchmarks/bench_import.py [--sizes 2000 20000 200000] [--runs 3] [--files DIR]
                                      [--reimport-sizes 2000 20000] [--in-process-sizes 20000 200000]

LibreOffice is the anchor when ``soffice`` is installed with Calc (Debian: ``apt-get install -y
libreoffice-calc``, which ``make benchmark`` installs; it is not part of ``make test``); without
it, or when it did not convert the file (Writer alone gives up on an .xlsx in two seconds), the
ratios are left out and the table says why.
``--files DIR`` keeps the generated rosters (200,000 rows take minutes to write) for the next run.

Targets (issue 14): import of 20,000 new members ≤ 1.0 × LibreOffice; re-import where every row
changed ≤ 2 × LibreOffice; 200,000 rows ≤ 1.5 × LibreOffice and < 400 MiB peak; cost linear in
the rows. Wall time is what the clerk waits; CPU time (user + sys of the child) is printed too,
because on a shared machine the wall clock also measures the neighbours. A large roster is read
by a worker process beside the command (io/sheet_worker.py): its CPU is in the command's, and
the peak memory is that of both together.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import roster_files  # noqa: E402

TARGETS = {"new": 1.0, "reimport": 2.0}
TARGET_200K = 1.5
TARGET_200K_MIB = 400


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    peak_mib: float
    returncode: int


def _tree_rss_kib(pid: int) -> int:
    """The resident memory of a process and all its descendants now (Linux /proc; 0 elsewhere)."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            with open(f"/proc/{current}/status") as fh:
                total += next((int(line.split()[1]) for line in fh if line.startswith("VmRSS:")), 0)
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as fh:
                    pending.extend(int(child) for child in fh.read().split())
        except (OSError, ValueError):
            continue
    return total


def run(command: list[str], env: dict[str, str] | None = None) -> Run:
    """One child process: wall seconds, CPU seconds (user + sys, with the processes it started
    and waited for: the import's reading worker) and peak memory: the largest sum of the
    resident memory of the child and its descendants, sampled every 20 ms (the rusage's peak is
    one process's), or the rusage's peak where that is larger or /proc is missing."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.02):
            peak[0] = max(peak[0], _tree_rss_kib(child.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _pid, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    child.returncode = os.waitstatus_to_exitcode(status)
    return Run(wall, usage.ru_utime + usage.ru_stime, max(usage.ru_maxrss, peak[0]) / 1024, child.returncode)


def median(runs: list[Run]) -> Run:
    return Run(statistics.median(r.wall for r in runs), statistics.median(r.cpu for r in runs),
               max(r.peak_mib for r in runs), max(r.returncode for r in runs))


def child_env() -> dict[str, str]:
    env = dict(os.environ, UNIONOFFICE_LANG="zh_CN", PYTHONPATH=str(ROOT))
    env.pop("UNIONOFFICE_DB", None)
    return env


def unionoffice(*args: str) -> list[str]:
    return [sys.executable, "-m", "unionoffice", *args]


def libreoffice(path: Path, work: Path) -> list[str] | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    return [soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{work / 'lo-profile'}",
            "--convert-to", "csv", "--outdir", str(work / "lo-out"), str(path)]


def libreoffice_converted(path: Path, work: Path) -> bool:
    """Whether the anchor's last run really read the roster: it wrote the CSV, one line per row."""
    out = work / "lo-out" / f"{path.stem}.csv"
    try:
        converted = out.stat().st_size > path.stat().st_size // 4
        out.unlink()
    except OSError:
        return False
    return converted


def calamine(path: Path) -> list[str]:
    code = ("import python_calamine as c, sys; book = c.CalamineWorkbook.from_path(sys.argv[1]); "
            "rows = book.get_sheet_by_index(0).to_python(); print(len(rows))")
    return [sys.executable, "-c", code, str(path)]


def roster(folder: Path, rows: int, changed: bool) -> Path:
    path = folder / f"roster-{rows}{'-changed' if changed else ''}.xlsx"
    if not path.exists():
        print(f"  writing {path.name} …", flush=True)
        roster_files.write(path, rows, changed)
    return path


def empty_office(work: Path) -> Path:
    """A database at the current schema with no members: the office the clerk imports into
    (creating the schema is the first start's work, not the import's)."""
    from unionoffice.store.database import open_database

    path = work / "empty.sqlite3"
    open_database(path).close()
    return path


def measure(args: argparse.Namespace, files: Path, work: Path) -> dict[tuple[int, str], Run]:
    env = child_env()
    empty = empty_office(work)
    results: dict[tuple[int, str], Run] = {}
    for rows in args.sizes:
        new = roster(files, rows, False)
        anchor = libreoffice(new, work)
        if anchor is not None:
            run(anchor)  # the first start of LibreOffice sets up its profile: not counted
            if libreoffice_converted(new, work):
                results[rows, "libreoffice"] = median([run(anchor) for _ in range(args.runs)])
            else:
                print(f"  LibreOffice did not convert {new.name} (is libreoffice-calc installed?): no ratios",
                      flush=True)
        results[rows, "calamine"] = median([run(calamine(new), env) for _ in range(args.runs)])
        runs = []
        for index in range(args.runs):
            db = work / f"new-{rows}-{index}.sqlite3"
            shutil.copy(empty, db)
            runs.append(run(unionoffice("import-members", str(new), "--db", str(db)), env))
            if index:
                for leftover in work.glob(f"new-{rows}-{index}.sqlite3*"):
                    leftover.unlink()
        results[rows, "new"] = median(runs)
        if rows in args.in_process_sizes:  # the same import without the reading worker, in the same run
            runs = []
            for index in range(args.runs):
                db = work / f"inproc-{rows}-{index}.sqlite3"
                shutil.copy(empty, db)
                runs.append(run(unionoffice("import-members", str(new), "--db", str(db)),
                                dict(env, UNIONOFFICE_SHEET_WORKER="0")))
                for leftover in work.glob(f"inproc-{rows}-{index}.sqlite3*"):
                    leftover.unlink()
            results[rows, "inproc"] = median(runs)
        if rows in args.reimport_sizes:
            changed = roster(files, rows, True)
            base = work / f"new-{rows}-0.sqlite3"
            runs = []
            for index in range(args.runs):
                db = work / f"re-{rows}-{index}.sqlite3"
                shutil.copy(base, db)
                runs.append(run(unionoffice("import-members", str(changed), "--db", str(db), "--update-existing"), env))
                for leftover in work.glob(f"re-{rows}-{index}.sqlite3*"):
                    leftover.unlink()
            results[rows, "reimport"] = median(runs)
        print(f"  {rows:,} rows measured", flush=True)
    return results


LABELS = {"libreoffice": "LibreOffice headless opens the file (anchor)", "calamine": "bare python-calamine read",
          "new": "unionoffice import-members, all new", "inproc": "… the same, read in-process (no worker)",
          "reimport": "re-import, every row changed (--update-existing)"}


def report(args: argparse.Namespace, results: dict[tuple[int, str], Run]) -> None:
    print(f"\nmedian of {args.runs} runs, whole processes")
    print(f"{'rows':>8}  {'what':<50} {'wall s':>7} {'cpu s':>7} {'peak MiB':>9} {'× LO wall':>9} {'× LO cpu':>9} "
          f"{'target':>7}  ok")
    for (rows, what), result in results.items():
        anchor = results.get((rows, "libreoffice"))
        target = TARGET_200K if what == "new" and rows >= 200_000 else TARGETS.get(what)
        ratio = result.wall / anchor.wall if anchor and what != "libreoffice" else None
        cpu_ratio = result.cpu / anchor.cpu if anchor and what != "libreoffice" else None
        ok = ""
        if target is not None and ratio is not None:
            ok = "yes" if ratio <= target else "NO"
            if what == "new" and rows >= 200_000 and result.peak_mib >= TARGET_200K_MIB:
                ok = "NO (memory)"
        failed = " (exit %d)" % result.returncode if result.returncode not in (0, 1) else ""
        print(f"{rows:>8,}  {LABELS[what] + failed:<50} {result.wall:>7.2f} {result.cpu:>7.2f} {result.peak_mib:>9.0f} "
              f"{_ratio(ratio):>9} {_ratio(cpu_ratio):>9} {_ratio(target):>7}  {ok}")
    sizes = [rows for rows in args.sizes if (rows, "new") in results]
    if len(sizes) < 2:
        return
    first = results[sizes[0], "new"]
    print(f"\nscaling of the import (all new){'':<10} target: linear, peak < {TARGET_200K_MIB} MiB at 200,000")
    print(f"{'rows':>8} {'wall s':>7} {'cpu s':>7} {'µs/row wall':>12} {'µs/row cpu':>11} {'× per-row cost':>15} "
          f"{'marginal µs/row cpu':>20} {'peak MiB':>9}")
    previous = None
    for rows in sizes:
        result = results[rows, "new"]
        per_row = result.cpu / rows
        # The cost of the rows added since the previous size: the fixed start-up cancels out.
        marginal = "—" if previous is None else f"{(result.cpu - previous[1]) / (rows - previous[0]) * 1e6:.1f}"
        print(f"{rows:>8,} {result.wall:>7.2f} {result.cpu:>7.2f} {result.wall / rows * 1e6:>12.1f} {per_row * 1e6:>11.1f} "
              f"{per_row / (first.cpu / sizes[0]):>15.2f} {marginal:>20} {result.peak_mib:>9.0f}")
        previous = (rows, result.cpu)
    print("(the per-row cost includes the fixed start-up of a process, which weighs most at 2,000 rows; linear cost "
          "shows as a marginal cost per row that does not grow with the size)")


def _ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2_000, 20_000, 200_000])
    parser.add_argument("--reimport-sizes", type=int, nargs="*", default=[2_000, 20_000])
    parser.add_argument("--in-process-sizes", type=int, nargs="*", default=[20_000, 200_000],
                        help="sizes also imported with UNIONOFFICE_SHEET_WORKER=0, the file read in-process")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--files", type=Path, help="folder to keep the generated rosters in")
    args, _unknown = parser.parse_known_args()
    with tempfile.TemporaryDirectory() as work_name:
        work = Path(work_name)
        files = args.files or work
        files.mkdir(parents=True, exist_ok=True)
        report(args, measure(args, files, work))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
