"""The 经费 page's export (window → file → every figure read back) and the member form's dues tab."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QPushButton, QTableWidget

from tests.dues_helpers import small_office
from unionoffice.domain.funds import funding_label
from unionoffice.domain.money import format_yuan
from unionoffice.gui.context import AppContext
from unionoffice.gui.member_dialog import MemberDialog
from unionoffice.gui.pages.funds import FundsPage
from unionoffice.services import activities, dues, dues_payments, expenses, relief, trainings

YEAR = dt.date.today().year


@pytest.fixture
def no_boxes(monkeypatch):
    shown: list[str] = []
    for name in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda *args, **_kw: shown.append(args[2]))
    return shown


@pytest.fixture
def spending(db):
    """Known spending in this year by purpose and source, and one of last year that must not count."""
    with db.session() as session:
        office = small_office(session)
        activities.create_activity(session, activities.ActivityData(
            "植树", "festival", dt.date(YEAR, 3, 12), cost_fen=150000, funding_source="行政拨款"), [])
        trainings.create_training(session, trainings.TrainingData(
            "安全培训", "safety", dt.date(YEAR, 2, 1), cost_fen=300000, funding_source="上级补助"), [])
        occasion = relief.list_occasions(session)[0].id
        relief.record_visit(session, relief.VisitInput(dt.date(YEAR, 1, 20), office["zhang"], occasion, cash_fen=50000,
                                                       goods="米面油", goods_value_fen=20000))
        expenses.add_expense(session, expenses.ExpenseInput(dt.date(YEAR, 4, 2), "订阅报刊", 123450, "own_funds",
                                                            "刘会计", "记-017", "全年"))
        expenses.add_expense(session, expenses.ExpenseInput(dt.date(YEAR, 5, 8), "职工书屋购书", 80000, "administration",
                                                            "王出纳", "记-031"))
        expenses.add_expense(session, expenses.ExpenseInput(dt.date(YEAR - 1, 12, 30), "去年的支出", 99999))
        dues_payments.insert_payments(session, [dues_payments.PaymentInput(office["zhang"], YEAR * 100 + 1, YEAR * 100 + 3, 6000,
                                                         dt.date(YEAR, 3, 31))])
    return office


def _sheet_rows(ws) -> list[list]:
    return [list(row) for row in ws.iter_rows(values_only=True) if any(v not in (None, "") for v in row)]


def test_the_funds_export_writes_every_figure_the_page_shows(qtbot, db, spending, tmp_path, monkeypatch, no_boxes):
    ctx = AppContext(db)
    page = FundsPage(ctx)
    qtbot.addWidget(page)
    page.filters.year.setValue(YEAR)
    page.filters.period.setCurrentIndex(0)  # 全年
    target = tmp_path / "经费使用情况.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kw: (str(target), "Excel (*.xlsx)"))
    qtbot.mouseClick(page.findChild(QPushButton, "exportFunds"), Qt.MouseButton.LeftButton)
    assert no_boxes == []

    book = load_workbook(target)
    overview, ledger = book.worksheets
    rows = _sheet_rows(overview)
    header = next(i for i, row in enumerate(rows) if row[0] == "用途")
    table = page.overview_table
    shown = [[table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]] + [
        [table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]
    # The sheet holds the page's table: the same headings, purposes and every amount (numbers in yuan).
    written = [[str(v) for v in rows[header]]] + [
        [row[0]] + [format_yuan(int(Decimal(str(v)) * 100)) for v in row[1:]] for row in rows[header + 1:]]
    assert written == shown
    # …and the page's table holds what was spent: by purpose and source, the total.
    sources = shown[0][1:-1]
    assert sorted(sources) == sorted({funding_label("administration"), funding_label("higher_union"), funding_label("own_funds")})
    total_row = rows[-1]
    assert total_row[0] == "合计" and Decimal(str(total_row[-1])) == Decimal("7234.50")  # 1,500 + 3,000 + 700 + 1,234.50 + 800
    by_purpose = {row[0]: Decimal(str(row[-1])) for row in rows[header + 1:-1]}
    assert sorted(v for v in by_purpose.values() if v) == [Decimal("700.00"), Decimal("1500.00"), Decimal("2034.50"),
                                                         Decimal("3000.00")]
    assert "7,234.50" in page.summary.text() and "60.00" in page.summary.text()  # the dues collected beside it

    expense_rows = _sheet_rows(ledger)
    header = next(i for i, row in enumerate(expense_rows) if row[0] == "日期")
    assert expense_rows[header][:6] == ["日期", "用途", "金额（元）", "经费来源", "经办人", "凭证号"]
    got = [(row[0].date() if isinstance(row[0], dt.datetime) else row[0], row[1], Decimal(str(row[2])), row[3], row[4], row[5])
           for row in expense_rows[header + 1:]]
    assert sorted(got) == [
        (dt.date(YEAR, 4, 2), "订阅报刊", Decimal("1234.50"), funding_label("own_funds"), "刘会计", "记-017"),
        (dt.date(YEAR, 5, 8), "职工书屋购书", Decimal("800.00"), funding_label("administration"), "王出纳", "记-031"),
    ]


def _dues_tab(qtbot, db, member_id: int):
    dialog = MemberDialog(AppContext(db), member_id)
    qtbot.addWidget(dialog)
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    return dialog, dialog.tabs.widget(titles.index("会费"))


def test_the_member_forms_dues_tab_shows_this_years_totals_history_bases_and_exemption(qtbot, db, no_boxes):
    with db.session() as session:
        office = small_office(session)
        zhang = office["zhang"]
        dues.set_bases(session, YEAR - 1, {zhang: 350000})
        dues_payments.insert_payments(session, [
            dues_payments.PaymentInput(zhang, (YEAR - 1) * 100 + 1, (YEAR - 1) * 100 + 12, 12 * 1750, dt.date(YEAR - 1, 12, 20),
                              receipt_no="S-1"),
            dues_payments.PaymentInput(zhang, YEAR * 100 + 1, YEAR * 100 + 3, 6000, dt.date(YEAR, 3, 31), method="cash",
                              receipt_no="S-2"),
        ])
        dues.add_exemption(session, dues.ExemptionInput(zhang, YEAR * 100 + 11, None, "hardship", "家庭困难"))
    _dialog, tab = _dues_tab(qtbot, db, zhang)
    today = dt.date.today()
    owed_months = min(today.month, 10)  # 20.00 yuan a month (4,000 × 5‰), exempt from November on
    summary = tab.findChild(QLabel, "duesSummary").text()
    due, paid = owed_months * 2000, 6000
    assert f"应缴{format_yuan(due)}元，实缴{format_yuan(paid)}元，欠缴{format_yuan(max(due - paid, 0))}元" in summary
    if today.month >= 4:
        assert f"{YEAR}-04" in summary  # the unpaid months are named
    labels = [label.text() for label in tab.findChildren(QLabel)]
    assert any("4,000.00" in text and "3,500.00" in text for text in labels)  # the bases of both years
    exemption = next(text for text in labels if "免缴" in text)
    assert f"{YEAR}-11" in exemption and "家庭困难" in exemption
    table = tab.findChild(QTableWidget, "memberDues")
    history = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]
    assert [(row[0], row[1], row[2], row[4]) for row in history] == [
        (f"{YEAR}-03-31", f"{YEAR}-01—{YEAR}-03", "60.00", "S-2"),
        (f"{YEAR - 1}-12-20", f"{YEAR - 1}-01—{YEAR - 1}-12", "210.00", "S-1"),
    ]


def test_the_dues_tab_of_a_member_without_dues_says_nothing_is_due(qtbot, db, no_boxes):
    with db.session() as session:
        office = small_office(session)
    with db.session() as session:
        dues.set_bases(session, YEAR, {office["zhao"]: 0})
    _dialog, tab = _dues_tab(qtbot, db, office["zhao"])
    summary = tab.findChild(QLabel, "duesSummary").text()
    assert "应缴0.00元，实缴0.00元，欠缴0.00元" in summary
    assert tab.findChild(QTableWidget, "memberDues").rowCount() == 0
