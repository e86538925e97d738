"""The demo office has dues for its year, with some arrears and exemptions, and an expense ledger."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from unionoffice.demo import generate
from unionoffice.domain.dues import Period
from unionoffice.services.dues_ledger import arrears, build_ledger
from unionoffice.store.models.dues import DuesBase, DuesExemption, DuesPayment
from unionoffice.store.models.funds import Expense


def test_demo_dues_have_payments_exemptions_and_a_few_arrears(db):
    generate(db, until=dt.date(2026, 6, 30))
    with db.session() as session:
        assert session.scalar(select(func.count(DuesBase.id))) >= 300
        assert session.scalar(select(func.count(DuesExemption.id))) >= 4
        assert session.scalar(select(func.count(DuesPayment.id))) > 1000
        assert session.scalar(select(func.count(Expense.id))) > 5
        ledger = build_ledger(session, Period(202601, 202606))
        assert 0.9 < ledger.paid_fen / ledger.due_fen < 1
        assert any(m.exempt_mask for m in ledger.members)
        _ledger, listed = arrears(session, Period(202507, 202606), months=6)
        assert 0 < len(listed) < 30
