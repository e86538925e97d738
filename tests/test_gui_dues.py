"""The dues and funds pages and their dialogs, clicked through with qtbot; asserts on database rows."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QPushButton
from sqlalchemy import func, select

from tests.dues_helpers import small_office
from unionoffice.domain.dues import Period
from unionoffice.gui.context import AppContext
from unionoffice.gui.dues.batch_dialog import AMOUNT, PAID, REASON, BatchDialog
from unionoffice.gui.pages.dues import DuesPage
from unionoffice.gui.pages.funds import FundsPage
from unionoffice.store.models.dues import DuesExemption, DuesPayment, DuesPaymentMonth
from unionoffice.store.models.funds import Expense

Q1 = Period(202601, 202603)


@pytest.fixture
def ctx(db):
    return AppContext(db)


@pytest.fixture
def office(db):
    with db.session() as session:
        return small_office(session)


@pytest.fixture
def warnings(monkeypatch):
    seen: list[str] = []
    for name in ("warning", "information"):
        monkeypatch.setattr(QMessageBox, name, lambda _parent, _title, text, *a, **k: seen.append(text))
    return seen


def _save(dialog, qtbot) -> None:
    box = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Save) or box.buttons()[0], Qt.MouseButton.LeftButton)


def _click_cell(qtbot, table, row: int, column: int) -> None:
    rect = table.visualRect(table.model().index(row, column))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _row_of(dialog: BatchDialog, name: str) -> int:
    return next(i for i, line in enumerate(dialog.model.lines) if line.name == name)


def test_batch_fills_what_is_due_and_saves_the_ticked_members(qtbot, ctx, db, office, warnings):
    dialog = BatchDialog(ctx, Q1, office["group"], "一车间")
    qtbot.addWidget(dialog)
    dialog.show()
    assert {line.name: line.amount_fen for line in dialog.model.lines} == {"张三": 6000, "李四": 8325, "王五": 9186}
    assert all(line.paid for line in dialog.model.lines)
    # 王五 did not pay: untick him by clicking his check box.
    table = dialog.table
    rect = table.visualRect(dialog.model.index(_row_of(dialog, "王五"), PAID))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.left() + 10, rect.center().y()))
    assert not dialog.model.lines[_row_of(dialog, "王五")].paid
    assert "143.25" in dialog.total.text()
    _save(dialog, qtbot)
    assert warnings == []
    with db.session() as session:
        rows = session.execute(select(DuesPayment.member_id, DuesPayment.amount_fen, DuesPayment.first_month,
                                      DuesPayment.last_month).order_by(DuesPayment.member_id)).all()
        months = session.scalar(select(func.count(DuesPaymentMonth.id)))
    assert rows == [(office["zhang"], 6000, 202601, 202603), (office["li"], 8325, 202601, 202603)]
    assert months == 6


def test_an_adjusted_amount_above_due_needs_a_reason(qtbot, ctx, db, office, warnings):
    dialog = BatchDialog(ctx, Q1, office["group"], "一车间")
    qtbot.addWidget(dialog)
    dialog.show()
    row = _row_of(dialog, "张三")
    dialog.model.setData(dialog.model.index(row, AMOUNT), "70")
    _save(dialog, qtbot)
    assert warnings and "张三" in warnings[0] and "原因" in warnings[0]
    with db.session() as session:
        assert session.scalar(select(func.count(DuesPayment.id))) == 0
    dialog.model.setData(dialog.model.index(row, REASON), "补缴上年12月")
    _save(dialog, qtbot)
    with db.session() as session:
        assert session.scalar(select(DuesPayment.amount_fen).where(DuesPayment.member_id == office["zhang"])) == 7000


def test_the_page_lists_due_paid_and_unpaid_and_opens_the_batch(qtbot, ctx, db, office, warnings, monkeypatch):
    page = DuesPage(ctx)
    qtbot.addWidget(page)
    page.filters.year.setValue(2026)
    page.filters.period.setCurrentIndex(3)  # 第一季度
    assert page.filters.selected_period == Q1
    assert page.model.rowCount() == 4
    assert "280.11" in page.summary.text()

    opened = []
    monkeypatch.setattr(BatchDialog, "open", lambda self: (opened.append(self), _save(self, qtbot)))
    qtbot.mouseClick(page.findChild(QPushButton, "batchButton"), Qt.MouseButton.LeftButton)
    assert opened
    assert "0.00元，收缴率100.0%" in page.summary.text()


def test_exempting_the_selected_member_from_the_page(qtbot, ctx, db, office, warnings, monkeypatch):
    from unionoffice.gui.dues.dialogs import ExemptionDialog
    page = DuesPage(ctx)
    qtbot.addWidget(page)
    row = next(i for i, m in enumerate(page.model.rows) if m.name == "王五")
    page.table.selectRow(row)

    def fill_and_save(self):
        self.first.setText("2026-02")
        self.reason.setCurrentIndex(self.reason.findData("hardship"))
        _save(self, qtbot)
    monkeypatch.setattr(ExemptionDialog, "open", fill_and_save)
    qtbot.mouseClick(page.findChild(QPushButton, "exemptButton"), Qt.MouseButton.LeftButton)
    with db.session() as session:
        assert session.execute(select(DuesExemption.member_id, DuesExemption.first_month, DuesExemption.reason)).all() == [
            (office["wang"], 202602, "hardship")]


def test_an_expense_is_added_on_the_funds_page(qtbot, ctx, db, warnings, monkeypatch):
    from unionoffice.gui.dues.expense_dialog import ExpenseDialog
    page = FundsPage(ctx)
    qtbot.addWidget(page)

    def fill_and_save(self):
        self.date.setDate(dt.date.today())
        self.purpose.setText("订阅报刊")
        qtbot.keyClicks(self.amount, "1,234.5")
        self.funding.setCurrentIndex(self.funding.findData("own_funds"))
        self.handler.setText("刘会计")
        _save(self, qtbot)
    monkeypatch.setattr(ExpenseDialog, "open", fill_and_save)
    qtbot.mouseClick(page.findChild(QPushButton, "addExpense"), Qt.MouseButton.LeftButton)
    with db.session() as session:
        assert session.execute(select(Expense.purpose, Expense.amount_fen, Expense.funding_source, Expense.handler)).all() == [
            ("订阅报刊", 123450, "own_funds", "刘会计")]
    assert page.expense_table.rowCount() == 1
    assert "1,234.50" in page.summary.text()


def test_group_statistics_show_the_rate_of_each_group(qtbot, ctx, db, office, warnings):
    from unionoffice.services import dues_payments
    with db.session() as session:
        dues_payments.record_payment(session, dues_payments.PaymentInput(office["zhao"], 202601, 202603, 4500, dt.date(2026, 3, 20)))
    page = DuesPage(ctx)
    qtbot.addWidget(page)
    page.filters.year.setValue(2026)
    page.filters.period.setCurrentIndex(3)
    dialog = page.show_group_stats()
    qtbot.addWidget(dialog)
    cells = {dialog.table.item(r, 0).text(): dialog.table.item(r, 6).text() for r in range(dialog.table.rowCount())}
    assert cells == {"一车间": "0.0%", "二车间": "100.0%"}


def test_deleted_expenses_and_exemptions_come_back_from_the_recycle_bin(db, office):
    from unionoffice.services import dues, expenses, recycle
    with db.session() as session:
        expense = expenses.add_expense(session, expenses.ExpenseInput(dt.date(2026, 3, 1), "报刊", 10000, "工会经费"))
        exemption = dues.add_exemption(session, dues.ExemptionInput(office["wang"], 202602, None, "retired"))
        expenses.delete_expenses(session, [expense.id])
        dues.delete_exemption(session, exemption.id)
        kinds = {e.kind for e in recycle.list_deleted(session)}
        assert kinds == {"经费支出", "会费免缴"}
        recycle.restore(session, "expenses", expense.id)
        recycle.restore(session, "dues_exemptions", exemption.id)
        assert expenses.list_expenses(session)[0].purpose == "报刊"
        assert len(dues.exemptions_of(session, office["wang"])) == 1


def test_the_page_counts_the_months_up_to_this_month_only(qtbot, ctx, office):
    """On 10 March the whole year owes three months: April to December are not unpaid yet."""
    page = DuesPage(ctx)
    qtbot.addWidget(page)
    page.today = lambda: dt.date(2026, 3, 10)
    page.filters.year.setValue(2026)
    page.refresh()
    zhang = next(m for m in page.ledger.members if m.member_id == office["zhang"])
    assert (zhang.months_owed, zhang.due_fen) == (3, 6000)
    assert page.ledger.period == Period(202601, 202603)
    assert "尚未开始" not in page.summary.text()


def test_a_period_not_begun_is_shown_as_what_will_be_due(qtbot, ctx, office):
    page = DuesPage(ctx)
    qtbot.addWidget(page)
    page.today = lambda: dt.date(2025, 12, 20)
    page.filters.year.setValue(2026)
    page.refresh()
    zhang = next(m for m in page.ledger.members if m.member_id == office["zhang"])
    assert zhang.months_owed == 12
    assert page.summary.text().startswith("该期间尚未开始，以下为预计应缴。")
