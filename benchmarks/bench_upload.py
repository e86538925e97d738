"""Filling an upload template from the large demo office, as the clerk meets it: the whole
`unionoffice fill-template` command, beside LibreOffice headless opening the filled file (the
anchor: what the recipient pays to open it) when soffice is installed, and a bare openpyxl
load + save of the same file.

    PYTHONPATH=. python benchmarks/bench_upload.py [--db EXISTING.sqlite3]

Prints the median of 3 runs of each, the ratios and the peak memory of the command.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.upload_support import hidden_code_sheet_template  # noqa: E402

RUNS = 3


def timed(command: list[str]) -> tuple[float, int]:
    """Seconds and the child's peak RSS in MiB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) // 1024


def median(command: list[str]) -> tuple[float, int]:
    runs = [timed(command) for _ in range(RUNS)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-upload-") as tmp:
        work = Path(tmp)
        db = args.db
        if db is None:
            db = work / "large.sqlite3"
            subprocess.run([sys.executable, "-m", "unionoffice", "demo", "--size", "large", "--db", str(db)],
                           check=True, stdout=subprocess.DEVNULL)
        template = hidden_code_sheet_template(work / "template.xlsx")
        out = work / "filled.xlsx"
        fill = [sys.executable, "-m", "unionoffice", "fill-template", str(template), "--out", str(out),
                "--db", str(db), "--allow-problems"]
        fill_time, fill_peak = median(fill)
        bare = [sys.executable, "-c", "import sys, openpyxl; openpyxl.load_workbook(sys.argv[1]).save(sys.argv[2])",
                str(out), str(work / "resaved.xlsx")]
        bare_time, _peak = median(bare)
        rows = [("fill-template, whole command", fill_time, f"{fill_peak} MiB"),
                ("bare openpyxl load + save of the filled file", bare_time, "")]
        soffice = shutil.which("soffice")
        if soffice:
            office = [soffice, "--headless", "--convert-to", "csv", "--outdir", str(work / "lo"), str(out)]
            office_time, _peak = median(office)
            converted = work / "lo" / f"{out.stem}.csv"
            if converted.is_file() and converted.stat().st_size:
                rows.append(("LibreOffice headless opening the filled file", office_time, ""))
            else:  # Writer alone gives up on an .xlsx at once: no anchor rather than a false one
                print("LibreOffice did not convert the filled file (is libreoffice-calc installed?): no ratio")
                soffice = None
        print(f"{'what':<48} {'median s':>9} {'peak':>9}")
        for what, seconds, peak in rows:
            print(f"{what:<48} {seconds:>9.2f} {peak:>9}")
        print(f"ratio fill / bare openpyxl: {fill_time / bare_time:.2f}")
        if soffice:
            print(f"ratio fill / LibreOffice opening it: {fill_time / office_time:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
