"""Time writing a ~6-page work summary to PDF and to DOCX (median of 5 runs each).

    PYTHONPATH=. python benchmarks/bench_documents.py
"""

from __future__ import annotations

import io
import statistics
import subprocess
import sys
import tempfile
import time

from unionoffice.io.fonts import font_set
from unionoffice.reports.docx_writer import write_docx
from unionoffice.reports.pdf_writer import write_pdf
from unionoffice.reports.sample_summary import long_sample_summary

RUNS = 5


def pdf_pages(data: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as fh:
        fh.write(data)
        fh.flush()
        try:
            out = subprocess.run(["pdfinfo", fh.name], capture_output=True, text=True, check=True).stdout
        except (OSError, subprocess.CalledProcessError):
            return "?"
    return next((line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")), "?")


def measure(write, document) -> tuple[float, bytes]:  # noqa: ANN001
    times = []
    data = b""
    for _ in range(RUNS):
        buffer = io.BytesIO()
        start = time.perf_counter()
        write(document, buffer)
        times.append(time.perf_counter() - start)
        data = buffer.getvalue()
    return statistics.median(times), data


def main() -> int:
    start = time.perf_counter()
    font_set()  # registering the fonts is a one-off per process; shown separately
    fonts_seconds = time.perf_counter() - start
    document = long_sample_summary(copies=2)
    pdf_seconds, pdf = measure(write_pdf, document)
    docx_seconds, docx = measure(write_docx, document)
    rows = [
        ("font registration (once)", fonts_seconds, "", ""),
        ("summary -> PDF", pdf_seconds, pdf_pages(pdf), f"{len(pdf) / 1024:.0f} KiB"),
        ("summary -> DOCX", docx_seconds, "", f"{len(docx) / 1024:.0f} KiB"),
    ]
    print(f"{'task':<26} {'median s':>9} {'pages':>6} {'size':>9}")
    for name, seconds, pages, size in rows:
        print(f"{name:<26} {seconds:>9.3f} {pages:>6} {size:>9}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
