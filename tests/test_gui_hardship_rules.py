"""The hardship file form by the national rules, clicked through: the computed category as the clerk types,
the reason asked for a disagreeing category, exclusions, national fields, 低保标准 and reviews; rows checked."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox, QPushButton
from sqlalchemy import select

from hardship_gui_fixtures import ctx, shown  # noqa: F401 - fixtures
from relief_fixtures import add_member
from unionoffice.gui.relief import files_tab as files_tab_module
from unionoffice.gui.relief.hardship_dialog import HardshipFileDialog
from unionoffice.gui.relief.standards_dialog import StandardsDialog
from unionoffice.services import hardship, hardship_rules
from unionoffice.store.models.hardship_rules import HardshipReview, SubsistenceStandard
from unionoffice.store.models.relief_hardship import HardshipFile


@pytest.fixture
def office(db):
    with db.session() as session:
        add_member(session, "李梅", sex="female")
        hardship_rules.set_standard(session, dt.date(2025, 1, 1), 1_000_00)


def _typed(dialog: HardshipFileDialog, qtbot, income: str) -> None:
    qtbot.keyClicks(dialog.member.search, "lm")
    dialog.household_size.setValue(3)
    qtbot.keyClicks(dialog.household_income, income)


def test_the_computed_category_follows_the_typing(qtbot, ctx, office):
    dialog = HardshipFileDialog(ctx)
    qtbot.addWidget(dialog)
    _typed(dialog, qtbot, "36,000")  # exactly 1,000 a month each: at the line
    assert dialog.rules.verdict.text() == "相对困难"
    assert "1,000.00" in dialog.rules.figures.text()
    dialog.rules.add_cost("medical", "透析", "0.36")  # a fen a month each below the line
    assert dialog.rules.verdict.text() == "深度困难"
    assert "深度困难" in dialog.computed_hint.text()


def test_saving_a_disagreeing_category_asks_for_the_reason_and_keeps_it(qtbot, ctx, db, office, shown, monkeypatch):
    asked: list[str] = []

    def answer(_parent, _title, label, *args, **kwargs):
        asked.append(label)
        return "妻子下月手术", True

    monkeypatch.setattr(QInputDialog, "getText", answer)

    class Filled(HardshipFileDialog):
        def exec(self) -> int:
            _typed(self, qtbot, "36,000")
            self.category.setCurrentIndex(self.category.findData("deep"))
            assert "不同" in self.computed_hint.text()
            self.accept()
            return self.result()

    monkeypatch.setattr(files_tab_module, "HardshipFileDialog", Filled)
    tab = files_tab_module.FilesTab(ctx)
    qtbot.addWidget(tab)
    qtbot.mouseClick(tab.findChild(QPushButton, "newFile"), Qt.MouseButton.LeftButton)
    assert asked and "相对困难" in asked[0] and shown == []
    with db.session() as session:
        hfile = session.scalars(select(HardshipFile)).one()
        assert (hfile.category, hfile.category_reason) == ("deep", "妻子下月手术")


def test_an_exclusion_without_a_reason_is_refused_on_the_form(qtbot, ctx, office, shown):
    dialog = HardshipFileDialog(ctx)
    qtbot.addWidget(dialog)
    _typed(dialog, qtbot, "36,000")
    dialog.category.setCurrentIndex(dialog.category.findData("relative"))
    dialog.rules.exclusions[next(iter(dialog.rules.exclusions))].setChecked(True)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and "理由" in shown[-1]
    dialog.rules.exclusion_reason.setText("两套房均为危房")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.value.exclusions == ["several_homes"] and dialog.value.exclusion_reason == "两套房均为危房"


def test_national_fields_and_family_codes_go_into_the_file(qtbot, ctx, db, office, shown):
    dialog = HardshipFileDialog(ctx)
    qtbot.addWidget(dialog)
    _typed(dialog, qtbot, "36,000")
    dialog.category.setCurrentIndex(dialog.category.findData("relative"))
    qtbot.keyClicks(dialog.national.staff_no, "GH-0012")
    dialog.national.industry.setCurrentIndex(dialog.national.industry.findData("4"))
    qtbot.keyClicks(dialog.national.hukou_division, "110105")
    assert dialog.national.division_place.text() == "北京市朝阳区"
    dialog.national.zero_employment.setChecked(True)
    dialog.add_family_row(["王强", "配偶", "男", "", "", "", "", "", "群众", "学生", "城乡居民基本医疗保险"])
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted, shown
    with db.session() as session:
        hfile = hardship.open_file(session, dialog.value)
        assert (hfile.staff_no, hfile.industry, hfile.hukou_division, hfile.zero_employment) == ("GH-0012", "4", "110105", True)
        person = hfile.family[0]
        assert (person.political_status, person.identity, person.medical_cover) == ("3", "8", "2")
        file_id = hfile.id
    again = HardshipFileDialog(ctx, file_id)
    qtbot.addWidget(again)
    assert again.family.item(0, 9).text() == "学生" and again.national.staff_no.text() == "GH-0012"


def test_a_family_code_not_in_the_list_names_the_row(qtbot, ctx, office, shown):
    dialog = HardshipFileDialog(ctx)
    qtbot.addWidget(dialog)
    _typed(dialog, qtbot, "36,000")
    dialog.add_family_row(["王强", "配偶", "男", "", "", "", "", "", "", "宇航员", ""])
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and "家庭成员第1行" in shown[-1]


def test_the_standards_dialog_keeps_several_dates(qtbot, ctx, db, office, shown):
    dialog = StandardsDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    qtbot.mouseClick(dialog.findChild(QPushButton, "addStandard"), Qt.MouseButton.LeftButton)
    for column, text in enumerate(("2026-07-01", "1,100", "2026年调整")):
        dialog.table.item(1, column).setText(text)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted, shown
    with db.session() as session:
        rows = session.execute(select(SubsistenceStandard.effective_on, SubsistenceStandard.monthly_fen)
                               .order_by(SubsistenceStandard.effective_on)).all()
    assert rows == [(dt.date(2025, 1, 1), 1_000_00), (dt.date(2026, 7, 1), 1_100_00)]


def test_a_review_is_recorded_from_the_list(qtbot, ctx, db, office, shown, monkeypatch):
    with db.session() as session:
        member = session.scalar(select(hardship.Member))
        hardship.open_file(session, hardship.HardshipFileInput(member_id=member.id, category="relative", main_cause="6",
                                                               opened_on=dt.date(2025, 3, 1), household_size=3,
                                                               household_annual_income_fen=3_600_000))

    def review(self) -> int:
        self.reviewer.setText("王干事")
        self.findings.setPlainText("妻子已就业")
        self.update_income.setChecked(True)
        qtbot.keyClicks(self.income, "60,000")
        self.accept()
        return self.result()

    monkeypatch.setattr(files_tab_module.ReviewDialog, "exec", review)
    tab = files_tab_module.FilesTab(ctx)
    qtbot.addWidget(tab)
    tab.table.selectRow(0)
    tab.findChild(QAction, "recordReview").trigger()  # 复核与标准 → 登记复核…
    assert shown == []
    with db.session() as session:
        row = session.scalar(select(HardshipReview))
        assert (row.reviewer, row.findings, row.household_annual_income_fen) == ("王干事", "妻子已就业", 6_000_000)
        assert session.scalar(select(HardshipFile.household_annual_income_fen)) == 6_000_000


def _months_before_this_one(count: int) -> list[dt.date]:
    first = dt.date.today().replace(day=1)
    months = []
    for _i in range(count):
        first = (first - dt.timedelta(days=1)).replace(day=1)
        months.append(first)
    return sorted(months)


def test_monthly_income_entered_from_the_list_feeds_the_out_of_hardship_hint(qtbot, ctx, db, office, shown, monkeypatch):
    months = _months_before_this_one(6)
    with db.session() as session:
        member = session.scalar(select(hardship.Member))
        hfile = hardship.open_file(session, hardship.HardshipFileInput(
            member_id=member.id, category="relative", main_cause="6", opened_on=months[0], household_size=3,
            household_annual_income_fen=3_600_000))
        for month in months[:-1]:  # five months above the 1,000 line already
            hardship_rules.record_monthly_income(session, hfile.id, month, 3_100_00, 3)

    def enter(self) -> int:
        self.month.setDate(QDate(months[-1].year, months[-1].month, 1))
        qtbot.keyClicks(self.income, "3,100")
        self.accept()
        return self.result()

    told: list[str] = []
    monkeypatch.setattr(files_tab_module.MonthlyIncomeDialog, "exec", enter)
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text, *a, **k: told.append(text))
    tab = files_tab_module.FilesTab(ctx)
    qtbot.addWidget(tab)
    tab.table.selectRow(0)
    tab.findChild(QAction, "outOfHardship").trigger()
    assert "李梅" not in told[-1]  # five months are not enough
    tab.findChild(QAction, "monthlyIncome").trigger()
    assert shown == []
    with db.session() as session:
        assert len(session.get(HardshipFile, hfile.id).incomes) == 6
    tab.findChild(QAction, "outOfHardship").trigger()
    assert "李梅" in told[-1] and "6" in told[-1]
