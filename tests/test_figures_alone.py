"""Last year's figures a 同比 quotes are counted alone, and each equals what the whole provider gives."""

from __future__ import annotations

import datetime as dt

import pytest

from unionoffice.demo import generate
from unionoffice.reports import periods
from unionoffice.reports.compare import PREVIOUS
from unionoffice.reports.draft import draft_summary
from unionoffice.reports.figures import Period, provider_modules
from unionoffice.reports.template import load_template

ALONE = [m for m in provider_modules() if getattr(m, "COUNTED_ALONE", None)]
PERIODS = [Period(dt.date(2025, 1, 1), dt.date(2025, 12, 31), "2025年"),
           Period(dt.date(2026, 1, 1), dt.date(2026, 6, 30), "2026年上半年"),
           Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31), "2026年3月")]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):  # type: ignore[no-untyped-def]
    from unionoffice.store.database import open_database

    db = open_database(tmp_path_factory.mktemp("alone") / "office.sqlite3")
    generate(db, until=dt.date(2026, 6, 30))
    yield db
    db.close()


def test_the_providers_that_count_alone_are_the_ones_last_year_is_compared_on():
    assert {m.NAMESPACE for m in ALONE} == {"activities", "members", "relief", "training"}


def test_each_figure_counted_alone_equals_the_providers_own(db):
    """On both engines (tests/conftest.py BOTH_ENGINE_MODULES)."""
    generate(db, until=dt.date(2026, 6, 30))
    with db.session() as session:
        for period in PERIODS:
            for module in ALONE:
                whole = module.provide(session, period)
                for name, count in module.COUNTED_ALONE.items():
                    assert whole[name], (module.NAMESPACE, name)  # the demo has some: a comparison that can fail
                    assert count(session, period) == whole[name], (module.NAMESPACE, name, period.label)


def test_a_draft_counts_last_year_only_for_the_figures_it_compares(demo_db, monkeypatch):
    counted = []
    for module in ALONE:
        real = module.provide
        monkeypatch.setattr(module, "provide",
                            lambda s, period, real=real, ns=module.NAMESPACE: counted.append((ns, period.start.year))
                            or real(s, period))
    template, error = load_template(None)
    assert error is None
    with demo_db.session() as session:
        draft = draft_summary(session, periods.full_year(2026), template, today=dt.date(2026, 6, 30))
    assert sorted(counted) == sorted((m.NAMESPACE, 2026) for m in ALONE)  # no whole provider for 2025
    body = "\n".join(p.text for p in draft.parts)
    assert "比上年同期" in body or "同比" in body  # and still compared


def test_reading_another_figure_of_last_year_counts_the_whole_namespace_once(demo_db, monkeypatch):
    from unionoffice.reports.draft import draft_figures
    from unionoffice.reports.providers import members

    calls = []
    real = members.provide
    monkeypatch.setattr(members, "provide", lambda s, period: calls.append(period) or real(s, period))
    with demo_db.session() as session:
        figures = draft_figures(session, periods.full_year(2026), dt.date(2026, 6, 30))
        last_year = figures[PREVIOUS]["members"]
        total = last_year["total"]
        assert calls == []
        assert last_year["women"] <= total and len(calls) == 1
        assert last_year["total"] == total and dict(last_year)["total"] == total and len(calls) == 1
