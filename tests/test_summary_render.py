"""The summary drawn twice — our PDF, and our DOCX laid out by LibreOffice — agrees on the page
count, the title's and first heading's positions and the 28.95 pt line pitch (GB/T 9704 grid)."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess

import pytest

from test_report_end_to_end import H1, office  # noqa: F401  (the hand-built office fixture)
from unionoffice.reports.compose import to_document
from unionoffice.reports.docx_writer import write_docx
from unionoffice.reports.draft import draft_summary
from unionoffice.reports.pdf_writer import write_pdf
from unionoffice.reports.template import load_template

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice Writer (soffice) is not installed: "
                                               "scripts/install-system-deps.sh installs libreoffice-writer"),
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed"),
]
_LINE = re.compile(r'<line xMin="([0-9.]+)" yMin="([0-9.]+)"')


def _pages(pdf) -> list[list[tuple[float, float]]]:
    layout = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [[(float(x), float(y)) for x, y in _LINE.findall(page)] for page in layout.split("<page ")[1:]]


def _pitches(lines: list[tuple[float, float]]) -> set[float]:
    ys = sorted({round(y, 1) for _x, y in lines})
    return {round(b - a, 1) for a, b in zip(ys, ys[1:])}


@pytest.fixture
def rendered(office, tmp_path):  # noqa: F811
    template, _error = load_template("standard")
    with office.session() as s:
        draft = draft_summary(s, H1, template, today=dt.date(2026, 7, 5))
    document = to_document(draft)
    pdf, docx = tmp_path / "summary.pdf", tmp_path / "summary.docx"
    write_pdf(document, pdf)
    write_docx(document, docx)
    env = dict(os.environ, HOME=str(tmp_path / "lo-home"))
    subprocess.run([SOFFICE, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(tmp_path / "lo"), str(docx)],
                   check=True, capture_output=True, timeout=180, env=env)
    return pdf, tmp_path / "lo" / "summary.pdf"


def test_pdf_and_docx_have_the_same_pages_title_and_grid(rendered, tmp_path):
    ours, libreoffice = (_pages(path) for path in rendered)
    assert len(ours) == len(libreoffice)
    # The title, the first heading and the first body line stand on the same grid lines (the fonts'
    # ascents differ by a few points; a line out of place would be a whole 28.95 pt off).
    for index in range(3):
        assert ours[0][index][1] == pytest.approx(libreoffice[0][index][1], abs=7.0), index
    pitch = 28.95
    assert any(abs(p - pitch) < 0.6 for p in _pitches(ours[0]))
    assert any(abs(p - pitch) < 0.6 for p in _pitches(libreoffice[0]))
    for pdf in rendered:  # and both draw as pictures, page by page
        prefix = tmp_path / pdf.stem
        subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), f"{prefix}-{pdf.parent.name}"], check=True)
    assert len(list(tmp_path.glob("*.png"))) == len(ours) * 2
