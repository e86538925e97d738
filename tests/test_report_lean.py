"""The report does only the work its output needs: figures counted when a sentence reads them,
one font face per font file, no DOCX library for a PDF and no PDF library for a DOCX (no timing)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from unionoffice.reports import periods
from unionoffice.reports.compare import PREVIOUS
from unionoffice.reports.draft import draft_figures, draft_summary
from unionoffice.reports.providers import dues as dues_provider
from unionoffice.reports.template import load_template


def test_last_years_dues_are_not_counted_when_no_line_compares_them(session, monkeypatch):
    counted = []
    real = dues_provider.provide
    monkeypatch.setattr(dues_provider, "provide", lambda s, period: counted.append(period.start.year) or real(s, period))
    template, error = load_template(None)
    assert error is None
    draft = draft_summary(session, periods.full_year(2026), template, today=dt.date(2026, 11, 30))
    assert draft.parts
    assert counted == [2026]  # this year's dues are quoted (收缴率); last year's are compared nowhere


def test_the_lazy_figures_hold_every_namespace_and_count_each_once(session, monkeypatch):
    counted = []
    real = dues_provider.provide
    monkeypatch.setattr(dues_provider, "provide", lambda s, period: counted.append(period) or real(s, period))
    figures = draft_figures(session, periods.full_year(2026), dt.date(2026, 11, 30))
    assert "dues" in figures and "dues" in figures[PREVIOUS]
    assert counted == []
    assert figures["dues"]["members"] == 0
    assert figures["dues"] is figures["dues"]
    assert len(counted) == 1
    assert list(figures)[-1] == PREVIOUS


def test_dropped_highlights_are_left_out_of_the_lazy_figures(session, monkeypatch):
    from unionoffice.reports.figures import Names
    from unionoffice.reports.providers import training

    monkeypatch.setattr(training, "provide", lambda s, period: {"titles": Names(("“甲”", "“乙”")), "sessions": 2})
    figures = draft_figures(session, periods.full_year(2026), dt.date(2026, 11, 30), frozenset({"“甲”"}))
    assert figures["training"]["titles"].items == ("“乙”",)
    assert figures[PREVIOUS]["training"]["titles"].items == ("“乙”",)


# --- fonts ----------------------------------------------------------------------------------

def _same_face(cached, parsed) -> None:
    for key in ("name", "familyName", "unitsPerEm", "ascent", "descent", "bbox", "flags", "defaultWidth",
                "numGlyphs", "charToGlyph", "charWidths", "glyphToChar"):
        assert getattr(cached, key) == getattr(parsed, key), key
    assert [tuple(p) for p in cached.hmetrics] == [tuple(p) for p in parsed.hmetrics]
    assert list(cached.glyphPos) == list(parsed.glyphPos)
    subset = [0, *map(ord, " 1A工会委员会𠇔")]
    assert cached.makeSubset(subset) == parsed.makeSubset(subset)


def test_a_face_read_back_from_the_cache_is_the_parsed_face(tmp_path, monkeypatch):
    from reportlab.pdfbase.ttfonts import TTFontFace, TTFontFile

    from unionoffice.io.font_faces import CachedFace
    from unionoffice.io.fonts import bundled_font_path

    path = bundled_font_path("uming.ttc")
    parsed = TTFontFace(str(path))
    CachedFace(path, 0, tmp_path)  # parses and keeps what it found
    assert len(list(tmp_path.iterdir())) == 1
    monkeypatch.setattr(TTFontFile, "extractInfo", lambda *a, **k: pytest.fail("read from the cache, not parsed"))
    _same_face(CachedFace(path, 0, tmp_path), parsed)


def test_a_damaged_cache_entry_means_parsing_again(tmp_path):
    from reportlab.pdfbase.ttfonts import TTFontFace

    from unionoffice.io.font_faces import CachedFace
    from unionoffice.io.fonts import bundled_font_path

    path = bundled_font_path("LiberationSerif-Regular.ttf")
    CachedFace(path, 0, tmp_path)
    (entry,) = tmp_path.iterdir()
    entry.write_bytes(entry.read_bytes()[:1000])
    _same_face(CachedFace(path, 0, tmp_path), TTFontFace(str(path)))


# Counts the faces parsed while the PDF fonts are registered, in a fresh interpreter.
PARSE_PROBE = """
import json
from reportlab.pdfbase.ttfonts import TTFontFile
parsed = []
real = TTFontFile.extractInfo
def counting(self, *args, **kwargs):
    parsed.append(self.filename)
    return real(self, *args, **kwargs)
TTFontFile.extractInfo = counting
from unionoffice.io.fonts import font_set
fonts = font_set()
files = {f.path for f in [*fonts.roles.values(), *fonts.fallbacks, fonts.latin]}
print(json.dumps({"parsed": parsed, "files": len(files)}))
"""


def _python(script: str, *args: str, **env: str) -> dict:
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, **env}, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_each_font_file_is_parsed_once_and_then_not_at_all(tmp_path):
    cache = str(tmp_path / "cache")
    first = _python(PARSE_PROBE, UNIONOFFICE_FONT_CACHE=cache)
    assert len(first["parsed"]) == len(set(first["parsed"])) == first["files"]
    assert _python(PARSE_PROBE, UNIONOFFICE_FONT_CACHE=cache)["parsed"] == []


# --- what a report loads ------------------------------------------------------------------

REPORT_PROBE = """
import contextlib, io, json, sys
from unionoffice.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    code = main(["report", "--db", sys.argv[1], "--from", "2026-01-01", "--to", "2026-06-30", "--out", sys.argv[2]])
print(json.dumps({"code": code, "loaded": sorted(m for m in ("docx", "reportlab", "alembic") if m in sys.modules)}))
"""


# Written here (one core, or switched off), a report loads its own writer's library only; with a
# writer process (reports/writer_process.py) the command itself loads neither.
@pytest.mark.parametrize(("writer_process", "loaded"), [("0", ["reportlab"]), ("1", [])])
def test_a_pdf_report_does_not_load_the_docx_library(db, tmp_path, writer_process, loaded):
    db.close()
    out = tmp_path / "summary.pdf"
    result = _python(REPORT_PROBE, str(db.path), str(out), HOME=str(tmp_path), UNIONOFFICE_LANG="zh_CN",
                     UNIONOFFICE_WRITER_PROCESS=writer_process)
    assert result == {"code": 0, "loaded": loaded}
    assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(("writer_process", "loaded"), [("0", ["docx"]), ("1", [])])
def test_a_docx_report_without_a_chart_does_not_load_the_pdf_library(db, tmp_path, writer_process, loaded):
    db.close()
    out = tmp_path / "summary.docx"
    result = _python(REPORT_PROBE, str(db.path), str(out), HOME=str(tmp_path), UNIONOFFICE_LANG="zh_CN",
                     UNIONOFFICE_WRITER_PROCESS=writer_process)
    assert result == {"code": 0, "loaded": loaded}
    assert out.stat().st_size > 0
