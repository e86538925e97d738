"""Import and export of both ledgers (.xlsx, two sheets), the honours list, sign-in sheets, the CLI."""

from __future__ import annotations

import datetime as dt
import random

import openpyxl
import pytest
from sqlalchemy import func, select

from tests.ledger_helpers import add_group, add_member
from unionoffice.cli import main as cli_main
from unionoffice.domain.idcard import make_id_number
from unionoffice.services import activities, trainings
from unionoffice.services.activities import ActivityData, AwardData
from unionoffice.services.ledger_export import export_activities, export_honours, export_trainings
from unionoffice.services.ledger_import import import_activities, import_trainings
from unionoffice.services.trainings import TrainingData, TrainingResult
from unionoffice.store.database import open_database
from unionoffice.store.models.ledgers import Activity, TrainingAttendee, TrainingSession

RNG = random.Random(7)


def ids(count: int) -> list[str]:
    return [make_id_number(RNG, dt.date(1980 + i, 1 + i % 12, 1 + i % 28), i % 2 == 0) for i in range(count)]


@pytest.fixture
def people(db):
    numbers = ids(3)
    with db.session() as session:
        group = add_group(session, "安全环保部")
        for name, number in zip(("王芳", "李强", "张丽"), numbers):
            add_member(session, name, "female" if name != "李强" else "male", group, number, phone="13800000000")
    return numbers


def last_years_ledger(path, numbers, bad_id: str | None = None):
    """A clerk's workbook: a title row, Chinese headers, sessions on sheet 1 and attendees on sheet 2."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "培训台账"
    ws.append(["2025年职工培训台账"])
    ws.append(["序号", "培训名称", "培训类别", "培训日期", "学时", "授课人"])
    ws.append([1, "安全生产培训", "安全培训", dt.date(2025, 4, 10), 4, "李安全"])
    ws.append([2, "焊工技能提升", "技术/技能培训", "2025.6.3", "2.5", "王师傅"])
    people = wb.create_sheet("参训人员")
    people.append(["培训序号", "姓名", "身份证号", "成绩", "是否合格", "证书编号"])
    people.append([1, "王芳", numbers[0], 95, "是", "AQ-2025-001"])
    people.append([1, "李强", numbers[1], 58, "否", None])
    people.append([2, "张丽", bad_id or numbers[2], None, None, None])
    wb.save(path)
    return path


def test_last_years_training_ledger_is_imported(db, people, tmp_path):
    path = last_years_ledger(tmp_path / "2025年培训台账.xlsx", people)
    with db.session() as session:
        result = import_trainings(session, path)
    assert (result.rejected, result.imported_records, result.imported_attendees) == (0, 2, 3)
    with db.session() as session:
        sessions = session.execute(select(TrainingSession.title, TrainingSession.kind, TrainingSession.start_date,
                                          TrainingSession.hours_tenths).order_by(TrainingSession.start_date)).all()
        assert sessions == [("安全生产培训", "safety", dt.date(2025, 4, 10), 40), ("焊工技能提升", "technical", dt.date(2025, 6, 3), 25)]
        results = session.execute(select(TrainingAttendee.score_tenths, TrainingAttendee.passed, TrainingAttendee.certificate_no)
                                  .order_by(TrainingAttendee.id)).all()
        assert results == [(950, True, "AQ-2025-001"), (580, False, ""), (None, None, "")]


def test_a_wrong_id_number_rejects_its_row_and_imports_nothing(db, people, tmp_path):
    bad = people[2][:-1] + ("0" if people[2][-1] != "0" else "1")
    path = last_years_ledger(tmp_path / "ledger.xlsx", people, bad_id=bad)
    with db.session() as session:
        result = import_trainings(session, path)
    assert result.rejected == 2  # the attendee row and its session
    assert any(line.startswith("参训人员 第4行 身份证号") for line in result.error_lines())
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(TrainingSession)) == 0


def test_skip_invalid_imports_the_good_session(db, people, tmp_path):
    path = last_years_ledger(tmp_path / "ledger.xlsx", people, bad_id="110105199001011234")
    with db.session() as session:
        result = import_trainings(session, path, skip_invalid=True)
    assert (result.imported_records, result.imported_attendees) == (1, 2)


def test_importing_the_same_ledger_twice_is_refused(db, people, tmp_path):
    path = last_years_ledger(tmp_path / "ledger.xlsx", people)
    with db.session() as session:
        import_trainings(session, path)
    with db.session() as session:
        again = import_trainings(session, path)
    assert again.rejected == 5 and again.imported_records == 0  # both sessions and their three attendee rows
    assert "已登记" in again.error_lines()[0]


def test_cli_import_exit_codes(db_path, people, tmp_path, db):
    db.close()
    good = last_years_ledger(tmp_path / "good.xlsx", people)
    bad = last_years_ledger(tmp_path / "bad.xlsx", people, bad_id="110105199001011234")
    assert cli_main(["import-trainings", str(bad), "--db", str(db_path)]) == 1
    assert cli_main(["import-trainings", str(good), "--db", str(db_path)]) == 0
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook")
    assert cli_main(["import-trainings", str(broken), "--db", str(db_path)]) == 2


def test_activities_export_imports_back_into_another_office(db, people, tmp_path):
    with db.session() as session:
        from unionoffice.store.models import Member

        member_ids = list(session.scalars(select(Member.id).order_by(Member.id)))
        activities.create_activity(session, ActivityData(title="三八节活动", kind="festival", start_date=dt.date(2026, 3, 8),
                                                         place="活动中心", cost_fen=123456, outsider_count=5), member_ids[:2])
    path = tmp_path / "activities.xlsx"
    with db.session() as session:
        export_activities(session, path)
    other = open_database(tmp_path / "other.sqlite3")
    try:
        with other.session() as session:
            for name, number in zip(("王芳", "李强", "张丽"), people):
                add_member(session, name, id_number=number)
            result = import_activities(session, path)
        assert (result.rejected, result.imported_records, result.imported_attendees) == (0, 1, 2)
        with other.session() as session:
            activity = session.scalars(select(Activity)).one()
            assert (activity.title, activity.cost_fen, activity.outsider_count, activity.place) == ("三八节活动", 123456, 5, "活动中心")
    finally:
        other.close()


def test_training_export_writes_ids_as_text_on_the_second_sheet(db, people, tmp_path):
    with db.session() as session:
        from unionoffice.store.models import Member

        member = session.scalar(select(Member.id).where(Member.id_number == people[0]))
        trainings.create_training(session, TrainingData(title="安全培训", kind="safety", start_date=dt.date(2026, 5, 1), hours_tenths=15),
                                  [TrainingResult(member, score_tenths=905, passed=True, certificate_no="C-1")])
        path = export_trainings(session, tmp_path / "training.xlsx")
    wb = openpyxl.load_workbook(path)
    sheet = wb.worksheets[1]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert people[0] in [v for row in values for v in row]
    assert any(v == 90.5 and not isinstance(v, str) for row in values for v in row)  # a number: AVERAGE works


def test_honours_list_export_names_the_winner(db, people, tmp_path):
    with db.session() as session:
        from unionoffice.store.models import Member

        member = session.scalar(select(Member.id).where(Member.id_number == people[0]))
        activities.create_activity(session, ActivityData(title="技能比武", kind="competition", start_date=dt.date(2026, 5, 1)),
                                   [member], [AwardData("技术能手", "city", member_id=member)])
        path = export_honours(session, tmp_path / "honours.xlsx")
    cells = [c.value for row in openpyxl.load_workbook(path).active.iter_rows() for c in row]
    assert "王芳" in cells and "技术能手" in cells and "市级" in cells
