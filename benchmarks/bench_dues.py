"""Dues on the large demo office (20,000 members, five years): batch entry for 2,000 members (fill the
amounts due, then save every line in one transaction), the arrears list over five years, the year's
summary figures and the printed ledger of one group. Prints a table (median of several runs);
the targets are the issue's (< 300 ms for the batch and the arrears list), printed, not asserted.

    python benchmarks/bench_dues.py [--runs 5] [--db PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from unionoffice.demo import DemoSize, generate  # noqa: E402
from unionoffice.domain.dues import Period, month_index, month_of_index  # noqa: E402
from unionoffice.io.dues_forms import dues_ledger_form  # noqa: E402
from unionoffice.io.forms import render_form  # noqa: E402
from unionoffice.reports.figures import Period as SummaryPeriod  # noqa: E402
from unionoffice.reports.providers import dues as dues_provider  # noqa: E402
from unionoffice.services import dues_payments  # noqa: E402
from unionoffice.services.dues_ledger import arrears, build_ledger, member_order  # noqa: E402
from unionoffice.store.database import open_database  # noqa: E402
from unionoffice.store.models import Member  # noqa: E402
from unionoffice.store.models.dues import DuesPayment  # noqa: E402


def median_seconds(runs: int, action: Callable[[], object], before: Callable[[], object] | None = None) -> float:
    times = []
    for _ in range(runs):
        if before is not None:
            before()
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", type=Path, help="an existing large demo database (built when omitted)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "large.sqlite3"
        if args.db is None:
            generate(open_database(path), DemoSize.LARGE)
        db = open_database(path)
        rows = []

        def anchor() -> None:  # a fixed amount of plain Python work: how busy the machine is right now
            total = 0
            for i in range(1_000_000):
                total += i
        rows.append(("anchor: 1,000,000 additions in a Python loop (about 40 ms on an idle PC)",
                     median_seconds(args.runs, anchor), 0.05))
        with db.session() as session:
            last = session.scalar(select(DuesPayment.last_month).order_by(DuesPayment.last_month.desc()).limit(1))
            first = session.scalar(select(DuesPayment.first_month).order_by(DuesPayment.first_month).limit(1))
            five_years = Period(first, last)
            month = month_of_index(month_index(last) + 1)  # the first month nobody has paid for yet
            batch_period = Period(month, month)
            members = session.scalars(select(Member.id).where(Member.deleted_at.is_(None)).order_by(Member.id).limit(2000)).all()
            fill = lambda: build_ledger(session, batch_period, member_ids=list(members))  # noqa: E731
            ledger = fill()
            lines = [dues_payments.BatchLine(m.member_id, m.arrears_fen) for m in ledger.members if m.arrears_fen]

            def save() -> None:
                savepoint = session.begin_nested()
                dues_payments.save_batch(session, batch_period, dt.date.today(), lines)
                savepoint.rollback()

            rows.append((f"batch entry: amounts due filled in for {len(members)} members ({batch_period.label()})",
                         median_seconds(args.runs, fill), 0.3))
            rows.append((f"batch entry: {len(lines)} payments saved in one transaction", median_seconds(args.runs, save), 0.3))
            rows.append(("batch entry: fill and save together", median_seconds(args.runs, lambda: (fill(), save())), 0.3))
            members_total = len(build_ledger(session, Period(last, last), with_amounts=False).members)
            _ledger, listed = arrears(session, five_years)
            rows.append((f"arrears list: {members_total} members over {five_years.label()} ({len(listed)} listed)",
                         median_seconds(args.runs, lambda: arrears(session, five_years)), 0.3))
            year = last // 100
            summary = SummaryPeriod(dt.date(year, 1, 1), dt.date(year, 12, 31), f"{year}年")
            rows.append((f"summary figures dues.* for {year}", median_seconds(args.runs, lambda: dues_provider.provide(session, summary)), 0.5))
            year_period = Period(year * 100 + 1, year * 100 + 12)
            one = members[0]
            rows.append(("dues page after one member's change: that member recomputed and the order re-read",
                         median_seconds(args.runs, lambda: (build_ledger(session, year_period, member_ids=[one]),
                                                            member_order(session))), 0.3))
            rows.append(("dues page: the whole office recomputed (what every member change did before)",
                         median_seconds(args.runs, lambda: build_ledger(session, year_period)), 1.0))
            group_id = session.scalar(select(Member.group_id).where(Member.group_id.is_not(None)).limit(1))
            group_ledger = build_ledger(session, Period(year * 100 + 1, year * 100 + 12), group_id=group_id)
            rows.append((f"printed ledger of one group ({len(group_ledger.members)} members, the year)",
                         median_seconds(max(1, args.runs // 2), lambda: render_form(dues_ledger_form(group_ledger, "工会"))), 2.0))
        db.close()
    width = max(len(r[0]) for r in rows)
    print(f"{'what':<{width}}  {'median':>9}  {'target':>7}")
    for label, seconds, target in rows:
        mark = "ok" if seconds <= target else "SLOW"
        print(f"{label:<{width}}  {seconds * 1000:7.0f} ms  {target * 1000:5.0f} ms  {mark}")
    print(f"(median of {args.runs} runs, {os.cpu_count()} CPUs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
