"""The report wizard's work on the large demo office: draft a one-year summary from the records and
write it as PDF and as DOCX (fonts registered once beforehand, as in the running program).

    python benchmarks/bench_summary.py [--db LARGE.sqlite3] [--runs 5]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from unionoffice.demo import DemoSize, generate  # noqa: E402
from unionoffice.io.fonts import font_set  # noqa: E402
from unionoffice.reports import periods  # noqa: E402
from unionoffice.reports.compose import to_document  # noqa: E402
from unionoffice.reports.docx_writer import write_docx  # noqa: E402
from unionoffice.reports.draft import draft_summary  # noqa: E402
from unionoffice.reports.pdf_writer import write_pdf  # noqa: E402
from unionoffice.reports.template import load_template  # noqa: E402
from unionoffice.store.database import open_database  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "large.sqlite3"
        db = open_database(path)
        if args.db is None:
            generate(db, DemoSize.LARGE)
        template, _error = load_template("standard")
        year = periods.full_year(max(2026, time.localtime().tm_year))
        font_set()
        rows = []
        for label, writer in (("one-year summary: draft + PDF", write_pdf), ("one-year summary: draft + DOCX", write_docx)):
            times = []
            for _ in range(args.runs):
                started = time.perf_counter()
                with db.session() as session:
                    draft = draft_summary(session, year, template)
                writer(to_document(draft), io.BytesIO())
                times.append(time.perf_counter() - started)
            rows.append((label, statistics.median(times), 1.0))
        db.close()
    print(f"{'benchmark (large demo office)':<36} {'median s':>9} {'target s':>9}  ok")
    for name, seconds, target in rows:
        print(f"{name:<36} {seconds:>9.2f} {target:>9.2f}  {'yes' if seconds < target else 'NO'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
