"""Import and export from the pages: the check report, importing the good rows, exporting the list."""

from __future__ import annotations

import datetime as dt

import openpyxl
from sqlalchemy import func, select

from tests.ledger_helpers import add_member
from unionoffice.gui.context import AppContext
from unionoffice.gui.pages.activities import ActivitiesPage
from unionoffice.gui.pages.training import TrainingPage
from unionoffice.services import activities
from unionoffice.services.activities import ActivityData, AwardData
from unionoffice.store.models.ledgers import TrainingSession



def workbook(path, id_number):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "培训"
    ws.append(["序号", "培训名称", "培训类别", "培训日期", "学时"])
    ws.append([1, "安全生产培训", "安全培训", dt.date(2025, 4, 10), 4])
    ws.append([2, "消防培训", "不存在的类别", dt.date(2025, 5, 10), 2])
    people = wb.create_sheet("参训人员")
    people.append(["培训序号", "姓名", "身份证号"])
    people.append([1, "王芳", id_number])
    wb.save(path)
    return path


def finish(qtbot, job):
    job.wait()
    qtbot.waitUntil(lambda: not job.worker.isRunning(), timeout=5000)
    qtbot.wait(50)


def test_import_shows_the_rejected_row_and_imports_the_good_one(qtbot, db, tmp_path):
    from unionoffice.domain.idcard import make_id_number
    import random

    number = make_id_number(random.Random(1), dt.date(1980, 1, 1), True)
    with db.session() as session:
        add_member(session, "王芳", id_number=number)
    ctx = AppContext(db)
    page = TrainingPage(ctx)
    qtbot.addWidget(page)
    job = page.io.import_file(str(workbook(tmp_path / "培训台账.xlsx", number)))
    finish(qtbot, job)
    qtbot.waitUntil(lambda: hasattr(page.io, "report_dialog"), timeout=5000)
    report = page.io.report_dialog
    assert "第3行 培训类别" in report.details.toPlainText()
    assert report.import_button.text() == "导入正确的1条记录"
    report.accept()
    # The checking job may already be deleted (finished jobs are), so wait for the importing one by itself.
    qtbot.waitUntil(lambda: any(j is not job for j in page.io.jobs), timeout=5000)
    finish(qtbot, next(j for j in page.io.jobs if j is not job))
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(TrainingSession)) == 1


def test_export_writes_the_listed_activities(qtbot, db, tmp_path):
    with db.session() as session:
        member = add_member(session, "王芳", id_number="11010519800101096X")
        activities.create_activity(session, ActivityData(title="篮球赛", kind="sports_culture", start_date=dt.date.today()), [member],
                                   [AwardData("一等奖", "unit", member_id=member)])
    page = ActivitiesPage(AppContext(db))
    qtbot.addWidget(page)
    target = tmp_path / "活动.xlsx"
    finish(qtbot, page.io.export_file(str(target)))
    first = [c.value for row in openpyxl.load_workbook(target).worksheets[0].iter_rows() for c in row]
    assert "篮球赛" in first
    honours = tmp_path / "荣誉榜.xlsx"
    finish(qtbot, page.io.export_honours(str(honours)))
    assert "一等奖" in [c.value for row in openpyxl.load_workbook(honours).active.iter_rows() for c in row]


def test_saving_the_rejected_rows_into_a_missing_folder_says_so(qtbot, db, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a, **k: shown.append(text))
    page = TrainingPage(AppContext(db))
    qtbot.addWidget(page)
    finish(qtbot, page.io.import_file(str(workbook(tmp_path / "培训台账.xlsx", "110105198001010965"))))
    qtbot.waitUntil(lambda: hasattr(page.io, "report_dialog"), timeout=5000)
    page.io.report_dialog.save_rejected(str(tmp_path / "没有这个文件夹" / "被拒绝的行.xlsx"))
    assert len(shown) == 1 and "没有这个文件夹" in shown[0]


def test_relief_export_into_a_missing_folder_says_so(qtbot, db, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from unionoffice.gui.relief import relief_io
    from unionoffice.gui.relief.visits_tab import VisitsTab

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a, **k: shown.append(text))
    monkeypatch.setattr(relief_io, "_save_path", lambda *_a: tmp_path / "没有这个文件夹" / "慰问.xlsx")
    tab = VisitsTab(AppContext(db))
    qtbot.addWidget(tab)
    relief_io.export_visits(tab)
    assert len(shown) == 1 and "没有这个文件夹" in shown[0]
