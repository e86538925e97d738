"""Render a summary's first page from the PDF and from the DOCX (via LibreOffice) as PNGs.

    PYTHONPATH=. python tools/summary_screenshots.py [--page N] [--out docs/screenshots]
    PYTHONPATH=. QT_QPA_PLATFORM=offscreen python tools/summary_screenshots.py --db DEMO.db --year 2026

Without --db the built-in sample summary is drawn; with --db (e.g. `unionoffice demo --db X --size large
--until 2026-11-30`) the wizard is clicked through on that office for the year: its draft step is
grabbed as summary-wizard.png and the summary it drafts is the one drawn (every page kept beside the
PNGs as summary.pdf / summary.docx for a look at the rest).

Needs poppler-utils (pdftoppm) and LibreOffice. LibreOffice runs with a throw-away profile whose
fontconfig maps the Windows font names the DOCX asks for (仿宋, 宋体, 楷体, 黑体) to the bundled
fonts, standing in for a Chinese Windows PC; the DOCX itself is not changed.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from pathlib import Path

from unionoffice.paths import resources_dir
from unionoffice.reports.docx_writer import write_docx
from unionoffice.reports.pdf_writer import write_pdf
from unionoffice.reports.sample_summary import sample_summary

FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>{fonts}</dir>
  <alias binding="same"><family>方正小标宋简体</family><prefer><family>Liberation Serif</family><family>AR PL UMing CN</family></prefer></alias>
  <alias binding="same"><family>仿宋</family><prefer><family>Liberation Serif</family><family>AR PL UMing CN</family></prefer></alias>
  <alias binding="same"><family>宋体</family><prefer><family>Liberation Serif</family><family>AR PL UMing CN</family></prefer></alias>
  <alias binding="same"><family>楷体</family><prefer><family>AR PL UKai CN</family><family>AR PL UMing CN</family></prefer></alias>
  <alias binding="same"><family>黑体</family><prefer><family>WenQuanYi Micro Hei</family></prefer></alias>
  <alias binding="same"><family>SimSun-ExtB</family><prefer><family>AR PL UMing CN</family></prefer></alias>
</fontconfig>
"""


def render_page(pdf: Path, page: int, png: Path) -> None:
    stem = png.with_suffix("")
    subprocess.run(["pdftoppm", "-r", "70", "-png", "-f", str(page), "-l", str(page), "-singlefile",
                    str(pdf), str(stem)], check=True)


def docx_to_pdf(docx: Path, work: Path) -> Path:
    home = work / "home"
    (home / ".config" / "fontconfig").mkdir(parents=True)
    fonts = home / ".fonts"
    shutil.copytree(resources_dir() / "fonts", fonts, ignore=shutil.ignore_patterns("*.md", "licenses"))
    (home / ".config" / "fontconfig" / "fonts.conf").write_text(FONTS_CONF.format(fonts=fonts), encoding="utf-8")
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "FONTCONFIG_FILE": str(home / ".config/fontconfig/fonts.conf")}
    subprocess.run(["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(work), str(docx)],
                   check=True, env=env, capture_output=True)
    return work / (docx.stem + ".pdf")


def wizard_summary(db_path: Path, year: int, out: Path):  # noqa: ANN201 (a reports Document)
    """Click the wizard through on the office in ``db_path`` for ``year``; grab its draft step."""
    from PySide6.QtWidgets import QApplication

    from unionoffice.gui.context import AppContext
    from unionoffice.gui.pages.summary import SummaryPage
    from unionoffice.i18n import set_language
    from unionoffice.reports.compose import to_document
    from unionoffice.reports.periods import PeriodKind
    from unionoffice.store.database import open_database

    app = QApplication.instance() or QApplication([])
    set_language("zh_CN")
    db = open_database(db_path)
    page = SummaryPage(AppContext(db))
    wizard = page.new_summary()
    wizard.resize(1100, 760)
    wizard.period_page.set_kind(PeriodKind.YEAR)
    wizard.period_page.year.setValue(year)
    wizard.next()
    wizard.next()
    for _ in range(10):
        app.processEvents()
    wizard.grab().save(str(out / "summary-wizard.png"))
    document = to_document(wizard.state.draft)
    wizard.reject()
    db.close()
    return document


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--db", type=Path, help="an office database (a demo one) to click the wizard through on")
    parser.add_argument("--year", type=int, default=2026)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    document = wizard_summary(args.db, args.year, args.out) if args.db else sample_summary()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        pdf, docx = work / "summary.pdf", work / "summary.docx"
        write_pdf(document, pdf)
        write_docx(document, docx)
        if args.db:
            shutil.copy(pdf, args.out / "summary.pdf")
            shutil.copy(docx, args.out / "summary.docx")
        render_page(pdf, args.page, args.out / "summary-pdf.png")
        render_page(docx_to_pdf(docx, work), args.page, args.out / "summary-docx.png")
    print(f"wrote {args.out / 'summary-pdf.png'} and {args.out / 'summary-docx.png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
