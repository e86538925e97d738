"""Rights cases: re-importing a file adds nothing twice, and 处理过程 reads back unchanged."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from sqlalchemy import func, select

from relief_fixtures import add_member
from unionoffice.services import relief_io
from unionoffice.services import rights
from unionoffice.services.relief import ReliefError
from unionoffice.store.models.relief_rights import RightsCase, RightsCaseStep


def _cases(db, tmp_path):
    with db.session() as session:
        member = add_member(session, "刘工")
        case = rights.receive_case(session, rights.CaseInput(dt.date(2026, 5, 25), "visit", "wages", "欠薪三个月",
                                                             member_id=member.id))
        rights.add_step(session, case.id, dt.date(2026, 5, 25), "受理登记")
        rights.add_step(session, case.id, dt.date(2026, 6, 2), "与人事部门协调；约谈主管")
        rights.receive_case(session, rights.CaseInput(dt.date(2026, 5, 26), "phone", "contract", "未签合同",
                                                      complainant="外包工赵某"))
        relief_io.export_cases(session, tmp_path / "cases.xlsx")
    return tmp_path / "cases.xlsx"


def _count(db) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(RightsCase))


def test_importing_the_exported_cases_again_adds_nothing(db, tmp_path):
    path = _cases(db, tmp_path)
    with db.session() as session:
        outcome = relief_io.import_cases(session, path, skip_invalid=True)
    assert outcome.imported == 0 and len(outcome.rejected) == 2
    assert "已登记" in outcome.rejected[0].error_text()
    assert _count(db) == 2


def test_a_case_that_differs_in_its_text_is_not_a_duplicate(db, tmp_path):
    path = _cases(db, tmp_path)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    summary_col = [c.value for c in sheet[1]].index("反映问题") + 1
    sheet.cell(2, summary_col).value = "欠薪四个月"
    book.save(path)
    with db.session() as session:
        outcome = relief_io.import_cases(session, path, skip_invalid=True)
    assert outcome.imported == 1 and _count(db) == 3


def test_a_copied_case_row_in_one_file_is_rejected_naming_the_first(db, tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["受理日期", "反映人", "反映渠道", "类别", "反映问题"])
    for _ in range(2):
        book.active.append(["2026-03-01", "外包工赵某", "来电", "劳动合同", "未签合同"])
    book.save(tmp_path / "two.xlsx")
    with db.session() as session:
        outcome = relief_io.import_cases(session, tmp_path / "two.xlsx", skip_invalid=True)
    assert outcome.imported == 1 and "第2行" in outcome.rejected[0].error_text()


def test_the_handling_column_reads_back_with_its_own_dates(db, tmp_path):
    path = _cases(db, tmp_path)
    with db.session() as session:
        session.execute(RightsCaseStep.__table__.delete())
        session.execute(RightsCase.__table__.delete())
    with db.session() as session:
        assert relief_io.import_cases(session, path).imported == 2
    with db.session() as session:
        steps = session.execute(select(RightsCaseStep.date, RightsCaseStep.action).order_by(RightsCaseStep.id)).all()
    assert steps == [(dt.date(2026, 5, 25), "受理登记"), (dt.date(2026, 6, 2), "与人事部门协调；约谈主管")]


def test_handling_text_without_dates_is_one_step_on_the_received_day():
    assert rights.parse_handling("电话回访，已解决", dt.date(2026, 1, 5)) == [(dt.date(2026, 1, 5), "电话回访，已解决")]


def test_a_handling_step_before_the_received_day_is_refused():
    with pytest.raises(ReliefError):
        rights.parse_handling("2025-12-31 提前处理", dt.date(2026, 1, 5))
