"""The Spring Festival round warns about hardship files before saving and keeps the reason given."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from hardship_gui_fixtures import ctx, shown  # noqa: F401 - fixtures
from relief_fixtures import add_member, occasion_id
from unionoffice.gui.relief import batch_dialog as batch_module
from unionoffice.gui.relief.batch_dialog import BatchDialog
from unionoffice.services import hardship, hardship_batch, relief
from unionoffice.store.models import Member
from unionoffice.store.models.relief import ReliefBatch

DAY = dt.date(2026, 1, 20)


def _office(db):
    with db.session() as session:
        overdue = add_member(session, "过期")
        hardship.open_file(session, hardship.HardshipFileInput(member_id=overdue.id, category="deep", main_cause="6",
                                                               opened_on=dt.date(2025, 1, 19)))  # due 2026-01-19
        closed = add_member(session, "撤档")
        hfile = hardship.open_file(session, hardship.HardshipFileInput(member_id=closed.id, category="deep", main_cause="6",
                                                                       opened_on=dt.date(2025, 6, 1)))
        hardship.close_file(session, hfile.id, "out_of_hardship", dt.date(2025, 12, 1), "已就业")
        add_member(session, "无档")
        hardship_batch.set_occasion_for_filed_families(session, occasion_id(session, "spring_festival"), True)


def _round(ctx, qtbot) -> BatchDialog:
    dialog = BatchDialog(ctx, today=DAY)
    qtbot.addWidget(dialog)
    dialog.amount.setText("500")
    dialog.add_all_shown()
    dialog.apply_amount_to_all()
    assert dialog.table.rowCount() == 3
    return dialog


def test_the_round_lists_closed_overdue_and_unfiled_people_and_keeps_the_reason(qtbot, ctx, db, shown, monkeypatch):
    _office(db)
    seen: list[list[str]] = []

    def answer(self) -> int:
        seen.append([self.list.item(i).text() for i in range(self.list.count())])
        self.accept()  # without a reason: refused
        assert self.result() != QDialog.DialogCode.Accepted and shown
        self.reason.setText("经工会委员会研究同意")
        self.accept()
        return self.result()

    monkeypatch.setattr(batch_module.FileCheckDialog, "exec", answer)
    dialog = _round(ctx, qtbot)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    texts = "\n".join(seen[0])
    assert "过期" in texts and "2026-01-19" in texts
    assert "撤档" in texts and "2025-12-01" in texts
    assert "无档" in texts
    with db.session() as session:
        relief.create_batch(session, dialog.value)
    with db.session() as session:
        notes = session.query(ReliefBatch).one().notes
    assert "经工会委员会研究同意" in notes and "无档" in notes


def test_cancelling_the_checks_keeps_the_round_open(qtbot, ctx, db, shown, monkeypatch):
    _office(db)
    monkeypatch.setattr(batch_module.FileCheckDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    dialog = _round(ctx, qtbot)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.value is None


def test_a_round_not_meant_for_filed_families_only_warns_about_overdue_reviews(db):
    _office(db)
    with db.session() as session:
        ids = list(session.scalars(select(Member.id)))
        warnings = hardship_batch.batch_file_warnings(session, ids, DAY, for_filed_families=False)
    assert [(w.name, w.kind.value) for w in warnings] == [("过期", "overdue")]
