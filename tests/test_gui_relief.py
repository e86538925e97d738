"""The relief and rights pages and their dialogs, clicked through with qtbot; asserts on database rows."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QMessageBox, QPushButton
from sqlalchemy import select

from relief_fixtures import add_member, occasion_id, visit
from unionoffice.gui.context import AppContext
from unionoffice.gui.relief import files_tab as files_tab_module
from unionoffice.gui.relief import visits_tab as visits_tab_module
from unionoffice.gui.relief.batch_dialog import BatchDialog
from unionoffice.gui.relief.case_dialog import CaseDialog
from unionoffice.gui.relief.hardship_dialog import HardshipFileDialog
from unionoffice.gui.relief.visit_dialog import VisitDialog
from unionoffice.i18n import _
from unionoffice.services import rights
from unionoffice.store.models.relief import ReliefBatch, ReliefVisit
from unionoffice.store.models.relief_hardship import HardshipFile
from unionoffice.store.models.relief_rights import RightsCase


@pytest.fixture
def ctx(db):
    return AppContext(db)


@pytest.fixture
def warnings(monkeypatch):
    """Collect the messages the dialogs would show instead of blocking on a message box."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a, **k: shown.append(text))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    return shown


def _people(db, count: int, group: str = "生产一车间") -> list[int]:
    with db.session() as session:
        return [add_member(session, f"职工{i:02d}", group=group).id for i in range(count)]


def _click(widget, name: str, qtbot) -> None:
    qtbot.mouseClick(widget.findChild(QPushButton, name), Qt.MouseButton.LeftButton)


def _fill_round(dialog: BatchDialog, qtbot) -> None:
    dialog.amount.setText("500")
    qtbot.keyClicks(dialog.search, "zg")
    assert dialog.candidates.count() == 40
    _click(dialog, "addAllShown", qtbot)
    dialog.set_amount(5, "1,000")  # one person gets more


def test_the_batch_dialog_totals_the_round_in_figures_and_words(qtbot, ctx, db, warnings):
    _people(db, 40)
    dialog = BatchDialog(ctx, today=dt.date(2026, 1, 20))
    qtbot.addWidget(dialog)
    _fill_round(dialog, qtbot)
    assert dialog.table.rowCount() == 40 and dialog.candidates.count() == 0
    assert "40人" in dialog.total.text() and "20,500.00" in dialog.total.text()
    assert "贰万零伍佰元整" in dialog.total.text()


def test_a_spring_festival_round_for_forty_people_is_saved_from_the_page(qtbot, ctx, db, warnings, monkeypatch):
    _people(db, 40)

    class FilledBatchDialog(BatchDialog):
        def exec(self) -> int:
            _fill_round(self, qtbot)
            self.accept()
            return self.result()

    monkeypatch.setattr(visits_tab_module, "BatchDialog", FilledBatchDialog)
    tab = visits_tab_module.VisitsTab(ctx)
    qtbot.addWidget(tab)
    _click(tab, "newBatch", qtbot)
    assert warnings == []
    with db.session() as session:
        rows = session.scalars(select(ReliefVisit)).all()
        assert len(rows) == 40 and sum(v.cash_fen for v in rows) == 39 * 50000 + 100000
        assert session.scalar(select(ReliefBatch.title)).endswith("春节送温暖")
    assert tab.model.rowCount() == 40 and tab.batch.currentText().startswith(f"{dt.date.today().year}年春节送温暖")
    assert "20,500.00" in tab.count.text()


def test_a_bad_amount_in_the_round_names_the_row_and_person(qtbot, ctx, db, warnings):
    _people(db, 40)
    dialog = BatchDialog(ctx)
    qtbot.addWidget(dialog)
    _fill_round(dialog, qtbot)
    dialog.set_amount(2, "-5")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "第3行" in warnings[-1] and "职工02" in warnings[-1]


def test_the_visit_dialog_asks_for_a_reason_above_the_limit(qtbot, ctx, db, warnings):
    with db.session() as session:
        member = add_member(session, "王五")
        hospital = occasion_id(session, "hospital")
    dialog = VisitDialog(ctx)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.member.search, "ww")
    dialog.occasion.setCurrentIndex(dialog.occasion.findData(hospital))
    dialog.cash.setText("８００")  # full-width digits as an IME types them
    assert dialog.limit_label.isVisibleTo(dialog) and "500.00" in dialog.limit_label.text()
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and "原因" in warnings[-1]
    dialog.reason.setText("重大手术，主席批准")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    value = dialog.value
    assert (value.member_id, value.cash_fen, value.over_limit_reason) == (member.id, 80000, "重大手术，主席批准")


def test_a_negative_amount_is_refused_with_a_clear_message(qtbot, ctx, db, warnings):
    with db.session() as session:
        add_member(session, "王五")
    dialog = VisitDialog(ctx)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.member.search, "ww")
    qtbot.keyClicks(dialog.cash, "-100")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and "负数" in warnings[-1]


def test_opening_a_hardship_file_with_a_family_member(qtbot, ctx, db, warnings, monkeypatch):
    with db.session() as session:
        member = add_member(session, "李梅", sex="female")

    class FilledFileDialog(HardshipFileDialog):
        def exec(self) -> int:
            qtbot.keyClicks(self.member.search, "lm")
            self.household_size.setValue(3)
            qtbot.keyClicks(self.household_income, "36,000")
            assert self.per_capita.text() == "1,000.00元"
            self.add_family_row(["王强", "配偶", "男", "1980-02-03", "", "瘫痪", "", ""])
            self.accept()
            return self.result()

    monkeypatch.setattr(files_tab_module, "HardshipFileDialog", FilledFileDialog)
    tab = files_tab_module.FilesTab(ctx)
    qtbot.addWidget(tab)
    _click(tab, "newFile", qtbot)
    assert warnings == []
    with db.session() as session:
        hfile = session.scalars(select(HardshipFile)).one()
        assert (hfile.member_id, hfile.household_annual_income_fen) == (member.id, 3_600_000)
        assert [(p.name, p.sex, p.birth_date) for p in hfile.family] == [("王强", "male", dt.date(1980, 2, 3))]
    assert tab.model.rowCount() == 1


def test_a_family_row_with_a_bad_date_names_the_row(qtbot, ctx, db, warnings):
    with db.session() as session:
        add_member(session, "李梅")
    dialog = HardshipFileDialog(ctx)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.member.search, "lm")
    dialog.add_family_row(["王强", "配偶", "男", "八零年", "", "", "", ""])
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and "家庭成员第1行" in warnings[-1]


def test_the_case_dialog_logs_steps_and_closes_with_money_recovered(qtbot, ctx, db, warnings):
    with db.session() as session:
        member = add_member(session, "刘工")
        case_id = rights.receive_case(session, rights.CaseInput(dt.date(2026, 4, 2), "visit", "wages", "欠薪",
                                                                member_id=member.id)).id
    dialog = CaseDialog(ctx, case_id)
    qtbot.addWidget(dialog)
    from unionoffice.gui.relief.widgets import set_date

    set_date(dialog.step_date, dt.date(2026, 4, 3))
    dialog.step_action.setText("与人力资源部核实考勤")
    _click(dialog, "addStep", qtbot)
    assert dialog.steps.count() == 1
    set_date(dialog.closed_on, dt.date(2026, 4, 20))
    qtbot.keyClicks(dialog.money, "12,345.67")
    _click(dialog, "closeCase", qtbot)
    assert warnings == []
    assert "12,345.67" in dialog.findChild(QLabel, "caseState").text()
    with db.session() as session:
        case = session.get(RightsCase, case_id)
        assert (case.result, case.closed_on, case.money_recovered_fen, len(case.steps)) == (
            "mediated", dt.date(2026, 4, 20), 1_234_567, 1)


def test_the_visit_table_sorts_in_sql_and_filters_by_search(qtbot, ctx, db):
    with db.session() as session:
        visit(session, add_member(session, "张三"), 30000)
        visit(session, add_member(session, "李四"), 10000)
    tab = visits_tab_module.VisitsTab(ctx)
    qtbot.addWidget(tab)
    cash_column = next(i for i, c in enumerate(tab.model.columns) if c.sort_key == "cash")
    tab.model.sort(cash_column, Qt.SortOrder.AscendingOrder)
    assert [r.member_name for r in tab.model.rows] == ["李四", "张三"]
    tab.findChild(QLineEdit, "search").setText("zs")
    assert [r.member_name for r in tab.model.rows] == ["张三"]
    assert tab.count.text().startswith("共1条")


def test_the_main_window_shows_the_relief_and_rights_pages(qtbot, db):
    from unionoffice.gui.main_window import MainWindow

    window = MainWindow(AppContext(db))
    qtbot.addWidget(window)
    for key in ("relief", "rights"):
        page = window.page(key)
        assert page.findChild(QLabel, "notAvailableBadge") is None
        assert page.findChild(QLineEdit, "search") is not None


def test_the_member_tab_lists_what_the_member_received(qtbot, ctx, db):
    from unionoffice.gui.member_tabs import relief as relief_tab

    with db.session() as session:
        member = add_member(session, "张三")
        visit(session, member, 50000)
        visit(session, member, 20000, code="hospital", day=dt.date(2026, 3, 1))
    tab = relief_tab.create_tab(ctx, member.id)
    qtbot.addWidget(tab)
    assert tab.findChild(QLabel, "reliefSummary").text().startswith("2")
    assert "700.00" in tab.findChild(QLabel, "reliefSummary").text()


def test_the_payment_sheet_button_previews_the_chosen_round(qtbot, ctx, db, monkeypatch, tmp_path):
    import subprocess

    from unionoffice.gui import printing
    from unionoffice.services import relief

    with db.session() as session:
        people = [add_member(session, f"职工{i:02d}") for i in range(3)]
        relief.create_batch(session, relief.BatchInput("2026年春节送温暖", dt.date(2026, 1, 25),
                                                       occasion_id(session, "spring_festival"),
                                                       [relief.BatchEntry(m.id, 50000) for m in people]))
    shown = []
    monkeypatch.setattr(printing, "preview_pdf", lambda parent, pdf, title: shown.append((pdf, title)))
    tab = visits_tab_module.VisitsTab(ctx)
    qtbot.addWidget(tab)
    tab.batch.setCurrentIndex(1)
    _click(tab, "printSheet", qtbot)
    assert len(shown) == 1
    (tmp_path / "sheet.pdf").write_bytes(shown[0][0])
    text = subprocess.run(["pdftotext", str(tmp_path / "sheet.pdf"), "-"], capture_output=True, text=True).stdout
    assert "壹仟伍佰元整" in text and "职工02" in text


def test_the_figures_dialog_shows_the_years_households_women_and_money(qtbot, ctx, db):
    from unionoffice.gui.relief.stats_dialog import StatisticsDialog

    with db.session() as session:
        visit(session, add_member(session, "王芳", sex="female"), 150000, day=dt.date(2026, 1, 20))
        visit(session, add_member(session, "李强"), 50000, day=dt.date(2026, 2, 1))
        case = rights.receive_case(session, rights.CaseInput(dt.date(2026, 4, 2), "visit", "wages", "欠薪", complainant="某人"))
        rights.close_case(session, case.id, "mediated", dt.date(2026, 4, 20), 8_500_000)
    dialog = StatisticsDialog(ctx, today=dt.date(2026, 11, 23))
    qtbot.addWidget(dialog)
    text = dialog.view.toPlainText()
    assert "2026年1月1日" in text and "50%" in text and "2,000.00" in text and "85,000.00" in text and "工资报酬" in text


def test_importing_from_the_page_adds_the_visits_and_says_how_many(qtbot, ctx, db, monkeypatch, tmp_path):
    import openpyxl
    from PySide6.QtWidgets import QFileDialog

    with db.session() as session:
        add_member(session, "张三")
    book = openpyxl.Workbook()
    book.active.append(["日期", "姓名", "慰问事由", "慰问金"])
    book.active.append(["2026-01-20", "张三", "春节送温暖", "500"])
    book.save(tmp_path / "in.xlsx")
    said = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(tmp_path / "in.xlsx"), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text, *a, **k: said.append(text))
    tab = visits_tab_module.VisitsTab(ctx)
    qtbot.addWidget(tab)
    _click(tab, "importVisits", qtbot)
    assert said == ["已导入1行，未导入0行。"]
    assert [r.member_name for r in tab.model.rows] == ["张三"]


def test_the_period_filter_offers_half_years_and_filters_the_list(qtbot, ctx, db):
    this_year = dt.date.today().year
    with db.session() as session:
        member = add_member(session, "张三")
        visit(session, member, 10000, day=dt.date(this_year, 2, 1))
        visit(session, member, 20000, day=dt.date(this_year, 8, 1))
        visit(session, member, 40000, day=dt.date(this_year - 1, 8, 1))
    tab = visits_tab_module.VisitsTab(ctx)
    qtbot.addWidget(tab)
    assert tab.model.rowCount() == 3
    tab.year.setCurrentIndex(tab.year.findText(f"{this_year}年上半年"))
    assert [r.cash_fen for r in tab.model.rows] == [10000]
    tab.year.setCurrentIndex(tab.year.findText(f"{this_year}年（全年）"))
    assert sorted(r.cash_fen for r in tab.model.rows) == [10000, 20000]


def test_filters_stay_as_chosen_when_the_data_changes(qtbot, ctx, db):
    tab = visits_tab_module.VisitsTab(ctx)
    qtbot.addWidget(tab)
    tab.year.setCurrentIndex(2)
    tab.occasion.setCurrentIndex(2)
    ctx.notify("relief_visit")
    assert (tab.year.currentIndex(), tab.occasion.currentIndex()) == (2, 2)


def test_the_office_sets_a_limit_and_retires_an_occasion(qtbot, ctx, db, warnings):
    from unionoffice.gui.relief.occasions_dialog import LIMIT, RETIRED, OccasionsDialog
    from unionoffice.store.models.relief import ReliefOccasion

    dialog = OccasionsDialog(ctx)
    qtbot.addWidget(dialog)
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    dialog.table.item(names.index("丧葬慰问"), LIMIT).setText("1,000")
    dialog.table.item(names.index("夏送清凉"), RETIRED).setCheckState(Qt.CheckState.Checked)
    dialog.add_row(None, "退休慰问", "300")
    dialog.accept()
    assert warnings == []
    with db.session() as session:
        by_name = {o.name: o for o in session.scalars(select(ReliefOccasion))}
        assert by_name["丧葬慰问"].limit_fen == 100000 and by_name["夏送清凉"].retired
        assert by_name["退休慰问"].limit_fen == 30000


def test_the_delete_key_moves_the_selected_visits_to_the_recycle_bin(qtbot, ctx, db, warnings):
    with db.session() as session:
        stored = visit(session, add_member(session, "张三"), 10000)
    tab = visits_tab_module.VisitsTab(ctx)
    qtbot.addWidget(tab)
    with qtbot.waitActive(tab):
        tab.show()
        tab.activateWindow()
    tab.table.selectRow(0)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    with db.session() as session:
        assert session.get(ReliefVisit, stored.id).deleted_at is not None
    assert tab.model.rowCount() == 0


def test_ctrl_n_on_the_relief_page_opens_the_form_of_the_current_tab(qtbot, ctx, monkeypatch):
    from unionoffice.gui.pages import relief as relief_page

    opened = []
    monkeypatch.setattr(visits_tab_module.VisitsTab, "new_record", lambda self: opened.append("visit"))
    monkeypatch.setattr(files_tab_module.FilesTab, "new_record", lambda self: opened.append("file"))
    page = relief_page.create_page(ctx)
    qtbot.addWidget(page)
    with qtbot.waitActive(page):
        page.show()
        page.activateWindow()
    qtbot.keyClick(page.visits.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    page.tabs.setCurrentIndex(1)
    qtbot.keyClick(page.files.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert opened == ["visit", "file"]


def test_the_member_picker_takes_no_spare_height_in_the_forms(qtbot, ctx, db):
    for dialog in (VisitDialog(ctx), CaseDialog(ctx)):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        picker = dialog.member
        assert picker.height() <= picker.search.sizeHint().height() + 4


def test_a_bad_amount_names_its_field(qtbot, ctx, db, warnings):
    member = _people(db, 1)[0]
    visit_form = VisitDialog(ctx)
    qtbot.addWidget(visit_form)
    visit_form.member.set_member(member, "职工00")
    visit_form.cash.setText("500")
    visit_form.goods_value.setText("abc")
    visit_form.accept()
    assert visit_form.result() == QDialog.DialogCode.Rejected
    assert warnings[-1].startswith(_("Goods") + _("Value (yuan)")) and "abc" in warnings[-1]
    file_form = HardshipFileDialog(ctx)
    qtbot.addWidget(file_form)
    file_form.member.set_member(member, "职工00")
    file_form.household_income.setText("-300")
    file_form.accept()
    assert warnings[-1].startswith(_("Household annual income (yuan)"))


def test_the_money_recovered_box_is_wide_enough_for_an_amount(qtbot, ctx, db):
    with db.session() as session:
        case_id = rights.receive_case(session, rights.CaseInput(
            received_on=dt.date(2026, 3, 1), channel="visit", kind="wages", summary="欠薪", complainant="张三")).id
    dialog = CaseDialog(ctx, case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    money = dialog.findChild(QLineEdit, "moneyRecovered")
    assert money.width() >= money.fontMetrics().horizontalAdvance("26,000.00") + 8


def test_a_file_the_register_refuses_comes_back_as_filled_in(qtbot, ctx, db, warnings, monkeypatch):
    """家庭人口 smaller than the family listed: the form is shown again, not closed with everything typed lost."""
    from unionoffice.gui.relief.files_tab import FilesTab

    member = _people(db, 1)[0]
    shown_again: list[int] = []

    def fill_and_accept(dialog):
        shown_again.append(dialog.household_size.value())
        if len(shown_again) == 1:
            dialog.member.set_member(member, "职工00")
            dialog.household_size.setValue(1)
            dialog.add_family_row(["李四", "配偶", "女", "", "", "", "", ""])
            dialog.health.setText("慢性病，需长期服药")
            dialog.accept()
            return QDialog.DialogCode.Accepted
        assert dialog.health.text() == "慢性病，需长期服药"  # still there
        dialog.household_size.setValue(2)
        dialog.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(HardshipFileDialog, "exec", fill_and_accept)
    tab = FilesTab(ctx)
    qtbot.addWidget(tab)
    tab.new_record()
    assert len(shown_again) == 2 and len(warnings) == 1
    with db.session() as session:
        assert session.scalars(select(HardshipFile)).one().health == "慢性病，需长期服药"


def test_the_limit_heading_of_the_occasions_table_is_not_cut(qtbot, ctx):
    from unionoffice.gui.relief.occasions_dialog import LIMIT, OccasionsDialog

    dialog = OccasionsDialog(ctx)
    qtbot.addWidget(dialog)
    heading = dialog.table.horizontalHeaderItem(LIMIT).text()
    assert dialog.table.columnWidth(LIMIT) >= dialog.table.horizontalHeader().fontMetrics().horizontalAdvance(heading)


def test_the_relief_page_fits_a_1366_by_768_screen_at_125_percent(qtbot, ctx):
    """1093 logical pixels less the navigation list (150) and the window's frame and margins."""
    from unionoffice.gui.pages.relief import ReliefPage

    page = ReliefPage(ctx)
    qtbot.addWidget(page)
    assert page.minimumSizeHint().width() <= 900


def test_escape_on_a_filled_round_asks_before_discarding_it(qtbot, ctx, db, monkeypatch):
    _people(db, 3)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No)
    dialog = BatchDialog(ctx, today=dt.date(2026, 1, 20))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.search, "zg")
    _click(dialog, "addAllShown", qtbot)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert len(asked) == 1 and "3" in asked[0] and dialog.isVisible()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.reject()
    assert not dialog.isVisible()
