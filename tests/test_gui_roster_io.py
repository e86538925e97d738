"""The import wizard clicked through, export from the page, and the masked printed roster."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from openpyxl import Workbook, load_workbook
from PySide6.QtWidgets import QMessageBox, QWizard
from sqlalchemy import func, select

from roster_helpers import add, an_id
from unionoffice.gui.context import AppContext
from unionoffice.gui.import_wizard import ImportWizard
from unionoffice.gui.pages.members import MembersPage
from unionoffice.gui.roster_output import roster_pdf_bytes
from unionoffice.services.member_query import MemberFilter, Sort
from unionoffice.store.models import Group, Member


def roster_file(path, rows):
    wb = Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws.append(["2026年会员花名册"])
    ws.append(["姓名", "身份证号码", "单位名称", "手机"])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


@pytest.fixture
def no_dialogs(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    return shown


def test_wizard_maps_previews_and_imports(qtbot, db, tmp_path, no_dialogs):
    with db.session() as session:
        add(session, "老会员", id_number=an_id(dt.date(1980, 1, 1), seed=9))
    path = roster_file(tmp_path / "in.xlsx", [
        ["王小明", an_id(dt.date(1990, 1, 1), seed=1), "一车间", "13800138000"],
        ["李小红", an_id(dt.date(1991, 2, 2), female=True, seed=2), "二车间", "1380013800"],
        ["老会员新名", an_id(dt.date(1980, 1, 1), seed=9), "一车间", ""],
    ])
    ctx = AppContext(db)
    wizard = ImportWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.set_path(str(path))
    assert wizard.file_page.sheet.count() == 2  # "automatic" and 花名册
    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page
    mapped = {wizard.mapping_page.table.item(r, 0).text(): combo.currentData()
              for r, (_i, combo) in enumerate(wizard.mapping_page.combos)}
    assert mapped == {"姓名": "name", "身份证号码": "id_number", "单位名称": None, "手机": "phone"}
    group_combo = wizard.mapping_page.combos[2][1]
    group_combo.setCurrentIndex(group_combo.findData("group"))  # the clerk maps 单位名称 to the group
    wizard.next()
    assert wizard.currentPage() is wizard.preview_page
    summary = wizard.preview_page.summary.text()
    assert "新增 1" in summary and "错误 2" in summary
    reasons = [wizard.preview_page.table.item(r, 3).text() for r in range(wizard.preview_page.table.rowCount())]
    assert any("手机号应为11位" in text for text in reasons), reasons
    assert any("老会员" in text for text in reasons)
    wizard.preview_page.update_existing.setChecked(True)
    assert "更新 1" in wizard.preview_page.summary.text()
    rejects = wizard.save_rejected(str(tmp_path / "rejects.xlsx"))
    assert load_workbook(rejects).active.max_row == 2  # header + the one rejected row
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert no_dialogs == []
    with db.session() as session:
        names = sorted(session.scalars(select(Member.name)))
        assert names == ["王小明", "老会员新名"]
        assert sorted(session.scalars(select(Group.name))) == ["一车间"]


def test_wizard_refuses_an_unreadable_file(qtbot, db, tmp_path, no_dialogs):
    bad = tmp_path / "notes.xlsx"
    bad.write_text("not a spreadsheet")
    wizard = ImportWizard(AppContext(db))
    qtbot.addWidget(wizard)
    wizard.file_page.set_path(str(bad))
    assert no_dialogs and "notes.xlsx" in no_dialogs[0]
    assert not wizard.file_page.isComplete()


def test_export_from_the_page_writes_the_filtered_view(qtbot, db, tmp_path):
    with db.session() as session:
        add(session, "张三", id_number=an_id(seed=1))
        add(session, "李四", id_number=an_id(seed=2))
    page = MembersPage(AppContext(db))
    qtbot.addWidget(page)
    page.search.setText("zs")
    page.refresh()
    out = tmp_path / "view.xlsx"
    page.export_members(str(out))
    ws = load_workbook(out).active
    assert ws.max_row == 2 and ws.cell(2, 1).value == "张三"


def _pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "roster.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_printed_roster_masks_ids_unless_unticked(qtbot, db, tmp_path):
    number = an_id(dt.date(1990, 3, 5), seed=1)
    with db.session() as session:
        add(session, "张三", id_number=number)
    ctx = AppContext(db)
    masked = _pdf_text(roster_pdf_bytes(None, ctx, MemberFilter(), Sort(), mask_ids=True), tmp_path)
    assert f"{number[:6]}********{number[-4:]}" in masked and number not in masked
    assert "会员花名册" in masked and "张三" in masked and "第 1 页" in masked
    full = _pdf_text(roster_pdf_bytes(None, ctx, MemberFilter(), Sort(), mask_ids=False), tmp_path)
    assert number in full


def test_printed_roster_is_landscape_with_the_header_on_every_page(db, tmp_path):
    from unionoffice.io.roster_print import roster_pdf
    from unionoffice.gui.printing import pdf_page_sizes

    with db.session() as session:
        for n in range(60):
            add(session, f"会员{n}", id_number=an_id(dt.date(1980 + n % 20, 1, 1 + n % 28), seed=n))
        pdf = roster_pdf(session, MemberFilter())
    sizes = pdf_page_sizes(pdf)
    assert len(sizes) >= 2 and all(width > height for width, height in sizes)
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    second = subprocess.run(["pdftotext", "-f", "2", "-l", "2", str(path), "-"], capture_output=True, text=True).stdout
    assert "身份证号" in second
