"""The report does only the work its output needs: figures counted when a sentence reads them,
one font face per font file, no DOCX library for a PDF and no PDF library for a DOCX (no timing)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

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
