"""`export-hardship` / `import-hardship`: files with family members and 刚性支出 as .xlsx, round trip identical,
--dry-run, --skip-invalid, --errors-out and the exit codes."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from sqlalchemy import func, select

from relief_fixtures import add_member
from unionoffice.cli import main
from unionoffice.services import hardship, hardship_rules
from unionoffice.store.database import open_database
from unionoffice.store.models.relief_hardship import HardshipFamilyMember, HardshipFile

NAMES = ("李梅", "王芳", "赵刚")


def _office(path, with_files: bool):
    db = open_database(path)
    with db.session() as session:
        hardship_rules.set_standard(session, dt.date(2025, 1, 1), 1_000_00)
        members = [add_member(session, name) for name in NAMES]
        if with_files:
            hardship.open_file(session, hardship.HardshipFileInput(
                member_id=members[0].id, category="deep", main_cause="6", opened_on=dt.date(2025, 3, 1),
                secondary_causes=["3", "9"], household_size=3, household_annual_income_fen=3_000_000,
                other_income_fen=200_000, staff_no="GH-0012", work_status="2", model_worker="4", industry="13",
                work_started_on=dt.date(1998, 7, 1), hukou_division="110105", zero_employment=True, key_group="3",
                health="良好", housing="租房", reviewed_on=dt.date(2026, 2, 1), notes="备注一",
                rigid_costs=[hardship.RigidCostInput("medical", 480_000, "透析"), hardship.RigidCostInput("schooling", 120_000)],
                exclusions=["vehicle"], exclusion_reason="残疾人代步车",
                family=[hardship.FamilyMemberInput("王强", "配偶", "male", dt.date(1980, 2, 3), "", "瘫痪", 0, "", "3", "3", "2"),
                        hardship.FamilyMemberInput("王小雨", "子女", "female", None, "", "", 0, "示例中学", "2", "8", "2")]))
            closed = hardship.open_file(session, hardship.HardshipFileInput(
                member_id=members[1].id, category="accident", main_cause="8", opened_on=dt.date(2025, 5, 1),
                household_size=2, household_annual_income_fen=10_000_000, hardship_costs_fen=9_000_000,
                hardship_offsets_fen=500_000))
            hardship.close_file(session, closed.id, "out_of_hardship", dt.date(2026, 1, 10), "已就业")
            hardship.open_file(session, hardship.HardshipFileInput(
                member_id=members[2].id, category="relative", main_cause="2", opened_on=dt.date(2026, 1, 1),
                household_size=1, household_annual_income_fen=1_000_00 * 12, category_reason="刚失业，收入将下降"))
    db.close()


def _cells(path):
    book = openpyxl.load_workbook(path)
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in book.worksheets}


def test_an_export_imports_back_and_exports_identically(tmp_path, capsys):
    first, second = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    _office(first, with_files=True)
    _office(second, with_files=False)
    exported, again = tmp_path / "files.xlsx", tmp_path / "again.xlsx"
    assert main(["export-hardship", "--db", str(first), str(exported)]) == 0
    assert "3" in capsys.readouterr().out
    assert main(["import-hardship", "--db", str(second), str(exported)]) == 0, capsys.readouterr()
    assert main(["export-hardship", "--db", str(second), str(again)]) == 0
    sheets = _cells(exported)
    assert set(sheets) == {"困难职工档案", "家庭成员", "刚性支出"}
    assert len(sheets["家庭成员"]) == 3 and len(sheets["刚性支出"]) == 3
    assert _cells(again) == sheets
    db = open_database(second)
    with db.session() as session:
        closed = session.scalar(select(HardshipFile).where(HardshipFile.status == "out_of_hardship"))
        assert closed.closed_on == dt.date(2026, 1, 10) and closed.close_reason == "已就业"
        assert session.scalar(select(func.count(HardshipFamilyMember.id))) == 2
    db.close()


def _broken_export(tmp_path):
    first = tmp_path / "a.sqlite3"
    _office(first, with_files=True)
    exported = tmp_path / "files.xlsx"
    assert main(["export-hardship", "--db", str(first), str(exported)]) == 0
    book = openpyxl.load_workbook(exported)
    family = book["家庭成员"]
    header = [c.value for c in family[1]]
    family.cell(row=3, column=header.index("身份") + 1).value = "宇航员"  # 王小雨 of file 1
    book.save(exported)
    return exported


def test_a_bad_family_row_rejects_its_file_and_nothing_is_imported(tmp_path, capsys):
    exported = _broken_export(tmp_path)
    target = tmp_path / "b.sqlite3"
    _office(target, with_files=False)
    errors = tmp_path / "errors.xlsx"
    assert main(["import-hardship", "--db", str(target), str(exported), "--errors-out", str(errors)]) == 1
    err = capsys.readouterr().err
    assert "家庭成员" in err and "宇航员" in err
    assert errors.exists()
    db = open_database(target)
    with db.session() as session:
        assert session.scalar(select(func.count(HardshipFile.id))) == 0
    db.close()


def test_skip_invalid_imports_the_other_files(tmp_path, capsys):
    exported = _broken_export(tmp_path)
    target = tmp_path / "b.sqlite3"
    _office(target, with_files=False)
    assert main(["import-hardship", "--db", str(target), str(exported), "--skip-invalid"]) == 1
    db = open_database(target)
    with db.session() as session:
        assert session.scalar(select(func.count(HardshipFile.id))) == 2
    db.close()


def test_dry_run_writes_nothing(tmp_path, capsys):
    first, second = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    _office(first, with_files=True)
    _office(second, with_files=False)
    exported = tmp_path / "files.xlsx"
    main(["export-hardship", "--db", str(first), str(exported)])
    assert main(["import-hardship", "--db", str(second), str(exported), "--dry-run"]) == 0
    assert "Dry run" not in (err := capsys.readouterr().err) and err.strip()  # said in Chinese
    db = open_database(second)
    with db.session() as session:
        assert session.scalar(select(func.count(HardshipFile.id))) == 0
    db.close()


@pytest.mark.parametrize("name", ["missing.xlsx", "not-a-sheet.xlsx"])
def test_an_unusable_file_exits_2_with_one_line(tmp_path, capsys, name):
    target = tmp_path / "b.sqlite3"
    _office(target, with_files=False)
    path = tmp_path / name
    if name == "not-a-sheet.xlsx":
        path.write_text("这不是表格")
    assert main(["import-hardship", "--db", str(target), str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "Traceback" not in err[0]
