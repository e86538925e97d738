"""The import wizard on a re-imported roster: 无变化 rows keep 导入 enabled, changes show old → new,
the clerk decides each status conflict, and a duplicate names the file's own row."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import Workbook
from PySide6.QtWidgets import QMessageBox, QWizard
from sqlalchemy import select

from roster_helpers import add, an_id
from unionoffice.domain.choices import MembershipEventKind
from unionoffice.gui.context import AppContext
from unionoffice.gui.import_wizard import REASON_COLUMN, ImportWizard
from unionoffice.services import members as svc
from unionoffice.store.models import Member

TODAY = dt.date.today()
ZHANG, LI, WANG = an_id(dt.date(1980, 1, 1), seed=1), an_id(dt.date(1985, 2, 2), seed=2), an_id(dt.date(1990, 3, 3), seed=3)


def roster(path, rows, titles=("2026年会员花名册", "填报单位：示例公司工会")):
    wb = Workbook()
    ws = wb.active
    for title in titles:
        ws.append([title])
    ws.append(["姓名", "身份证号码", "手机", "会员状态"])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


@pytest.fixture
def no_dialogs(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    return shown


@pytest.fixture
def office(db):
    with db.session() as session:
        add(session, "张三", id_number=ZHANG, phone="13800000001")
        add(session, "李四", id_number=LI, phone="13800000002")
        add(session, "王五", id_number=WANG, phone="13800000003")
    return db


def _preview(qtbot, db, path) -> ImportWizard:
    wizard = ImportWizard(AppContext(db))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.set_path(str(path))
    wizard.next()
    wizard.next()
    assert wizard.currentPage() is wizard.preview_page
    return wizard


def _reasons(wizard) -> dict[str, str]:
    table = wizard.preview_page.table
    return {table.item(r, 0).text(): table.item(r, REASON_COLUMN).text() for r in range(table.rowCount())}


def test_an_unchanged_roster_is_no_change_and_can_be_imported(qtbot, office, tmp_path, no_dialogs):
    path = roster(tmp_path / "same.xlsx", [["张三", ZHANG, "13800000001", "在册"], ["李四", LI, "13800000002", "在册"]])
    wizard = _preview(qtbot, office, path)
    assert "无变化 2" in wizard.preview_page.summary.text() and "错误 0" in wizard.preview_page.summary.text()
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish.isEnabled()
    finish.click()
    assert no_dialogs == [] and wizard.result.updated == 0


def test_the_preview_lists_each_change_old_to_new(qtbot, office, tmp_path, no_dialogs):
    path = roster(tmp_path / "changed.xlsx", [["张三丰", ZHANG, "13900000009", "在册"], ["李四", LI, "13800000002", "在册"]])
    wizard = _preview(qtbot, office, path)
    assert "李四" not in _reasons(wizard)["5"]
    assert "已是会员（张三）" in _reasons(wizard)["4"]
    wizard.preview_page.update_existing.setChecked(True)
    assert _reasons(wizard)["4"] == "姓名：张三 → 张三丰；手机：13800000001 → 13900000009"
    wizard.button(QWizard.WizardButton.FinishButton).click()
    with office.session() as session:
        assert session.scalar(select(Member.phone).where(Member.name == "张三丰")) == "13900000009"


def test_the_clerk_decides_each_status_conflict(qtbot, office, tmp_path, no_dialogs):
    with office.session() as session:
        for number in (ZHANG, LI):
            member = session.scalar(select(Member).where(Member.id_number == number))
            svc.change_status(session, member.id, MembershipEventKind.TRANSFER_OUT, TODAY - dt.timedelta(days=20),
                              destination="市总工会")
    path = roster(tmp_path / "status.xlsx", [["张三", ZHANG, "13800000001", "在册"], ["李四", LI, "13800000002", "在册"],
                                             ["王五", WANG, "13800000003", "在册"]])
    wizard = _preview(qtbot, office, path)
    page = wizard.preview_page
    assert "2 行的会籍状态与记录不符" in page.summary.text()
    assert sorted(page.status_choices) == [4, 5]
    assert "保留记录的状态" in _reasons(wizard)["4"]
    page.status_choices[4].setCurrentIndex(1)  # 张三: set 在册 as the file says; 李四 stays transferred out
    assert "按文件设置" in _reasons(wizard)["4"]
    page.update_existing.setChecked(True)  # re-planning keeps the choice
    assert page.status_choices[4].currentIndex() == 1 and page.status_choices[5].currentIndex() == 0
    boxes = [r for r in range(page.table.rowCount()) if page.table.cellWidget(r, 4) is not None]
    assert sorted(page.table.item(r, 0).text() for r in boxes) == ["4", "5"]  # none left over on other rows
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert no_dialogs == []
    with office.session() as session:
        statuses = dict(session.execute(select(Member.name, Member.status)).all())
        assert statuses == {"张三": "active", "李四": "transferred_out", "王五": "active"}
        zhang = session.scalar(select(Member).where(Member.name == "张三"))
        assert [(e.kind, e.date) for e in zhang.events][-1] == ("transfer_in", TODAY)


def test_a_duplicate_names_the_files_row_below_two_title_rows(qtbot, db, tmp_path, no_dialogs):
    rows = [[f"会员{n}", an_id(dt.date(1980, 1, 1) + dt.timedelta(days=n), seed=n), "", "在册"] for n in range(1, 41)]
    rows.append(["重复的", rows[37][1], "", "在册"])  # the 38th data row is on the file's row 41
    wizard = _preview(qtbot, db, roster(tmp_path / "dup.xlsx", rows))
    assert "文件内重复（与第41行相同）" in _reasons(wizard)["44"]
