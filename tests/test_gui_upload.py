"""会员 → 上报模板…: the dialog clicked through as the clerk would, from template to saved file."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtWidgets import QMessageBox

from tests.upload_support import merged_title_template, small_office
from unionoffice.gui.context import AppContext
from unionoffice.gui.pages.members import MembersPage
from unionoffice.io.upload.profiles import list_profiles
from unionoffice.io.upload.writer import PROBLEM_SHEET


@pytest.fixture
def page(qtbot, db):
    with db.session() as session:
        small_office(session)
    widget = MembersPage(AppContext(db))
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def no_boxes(monkeypatch):
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: said.append(a[2]))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    return said


def test_fill_check_and_save_from_the_members_page(qtbot, page, tmp_path, no_boxes):
    page.buttons["upload"].click()
    dialog = page.fill_upload_template()
    template = merged_title_template(tmp_path / "模板.xlsx")
    assert dialog.choose_template(str(template))
    assert dialog.mapping_table.rowCount() == 9
    assert dialog.mapping_combo("职工编号").currentData() is None
    dialog.check_button.click()
    assert dialog.result is not None and dialog.result.rows == 3 and dialog.result.clean
    assert dialog.preview_table.rowCount() == 3
    out = dialog.save_filled(str(tmp_path / "上报.xlsx"))
    assert out is not None and out.exists() and no_boxes == []
    ws = openpyxl.load_workbook(out).active
    assert {ws.cell(row=r, column=3).value for r in range(4, 7)} == {"1-男", "2-女"}


def test_changed_mapping_is_used_and_saved_as_a_profile(qtbot, page, tmp_path, no_boxes):
    dialog = page.fill_upload_template()
    dialog.choose_template(str(merged_title_template(tmp_path / "模板.xlsx")))
    combo = dialog.mapping_combo("手机号码")
    combo.setCurrentIndex(combo.findData(None))
    assert dialog.save_mapping("市总2026") is not None
    assert "市总2026" in list_profiles(dialog.data_folder)
    dialog.check_button.click()
    out = dialog.save_filled(str(tmp_path / "上报.xlsx"))
    ws = openpyxl.load_workbook(out).active
    assert all(ws.cell(row=r, column=8).value is None for r in range(4, 7))


def test_problems_are_listed_and_saved_on_their_own_sheet_when_chosen(qtbot, page, db, tmp_path, no_boxes):
    from tests.roster_helpers import add, an_id
    import datetime as dt

    with db.session() as session:
        add(session, "钱七", id_number=an_id(dt.date(1991, 7, 7), seed=11))  # no sex: a required column
    dialog = page.fill_upload_template()
    dialog.choose_template(str(merged_title_template(tmp_path / "模板.xlsx")))
    dialog.check_button.click()
    assert dialog.problem_table.rowCount() >= 1
    texts = [dialog.problem_table.item(r, 1).text() for r in range(dialog.problem_table.rowCount())]
    assert "钱七" in texts and dialog.tabs.currentWidget() is dialog.problem_table
    out = dialog.save_filled(str(tmp_path / "上报.xlsx"))
    assert PROBLEM_SHEET in openpyxl.load_workbook(out).sheetnames


def test_a_file_that_is_not_a_template_says_why(qtbot, page, tmp_path, no_boxes):
    bad = tmp_path / "不是模板.xlsx"
    bad.write_bytes(b"not a workbook")
    dialog = page.fill_upload_template()
    assert not dialog.choose_template(str(bad))
    assert no_boxes and "损坏" in no_boxes[0]
    assert not dialog.check_button.isEnabled()


def test_check_sheet_prints_the_filled_values(qtbot, page, tmp_path, no_boxes):
    import subprocess

    dialog = page.fill_upload_template()
    dialog.choose_template(str(merged_title_template(tmp_path / "模板.xlsx")))
    assert not dialog.print_button.isEnabled()
    dialog.check_button.click()
    assert dialog.print_button.isEnabled()
    pdf = dialog.checklist_pdf(per_member=False)
    (tmp_path / "核对单.pdf").write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "核对单.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "会员信息核对单" in text and "张三" in text and "2-大学本科" in text and "本人签字" in text
