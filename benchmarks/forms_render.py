"""How long printed forms take to render: the member roster at office sizes, and the rasteriser.

    PYTHONPATH=. python benchmarks/forms_render.py [--sizes 300,2000,20000]

Prints a table; there is no pass/fail (speed targets are read, not asserted).
"""

from __future__ import annotations

import argparse
import time

import pypdfium2 as pdfium

from unionoffice.io.forms import render_form, samples


def _timed(action):
    start = time.perf_counter()
    result = action()
    return result, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="300,2000,20000")
    args = parser.parse_args()
    print(f"{'members':>8} {'pages':>6} {'PDF KB':>8} {'render s':>9} {'raster 1 page @300dpi s':>24}")
    for size in (int(s) for s in args.sizes.split(",")):
        form = samples.roster(size)
        pdf, seconds = _timed(lambda: render_form(form))
        document = pdfium.PdfDocument(pdf)
        pages = len(document)
        bitmap, raster = _timed(lambda: document[0].render(scale=300 / 72))
        bitmap.close()
        document.close()
        print(f"{size:>8} {pages:>6} {len(pdf) // 1024:>8} {seconds:>9.2f} {raster:>24.2f}")


if __name__ == "__main__":
    main()
