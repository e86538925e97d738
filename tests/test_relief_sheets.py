"""Spreadsheet import and export of visits, hardship lists and rights cases; the CLI commands."""

from __future__ import annotations

import datetime as dt

import openpyxl
from sqlalchemy import select

from relief_fixtures import add_member, occasion_id
from unionoffice.cli import main as cli_main
from unionoffice.io.relief_sheets import export_file_list
from unionoffice.services import relief_io
from unionoffice.services import hardship, relief, rights
from unionoffice.services.relief_queries import FileFilter, list_files
from unionoffice.store.models.relief import ReliefVisit
from unionoffice.store.models.relief_rights import RightsCase


def _round(session, count: int) -> None:
    people = [add_member(session, f"职工{i:02d}", group="生产一车间") for i in range(count)]
    entries = [relief.BatchEntry(m.id, 50000) for m in people]
    entries[0].cash_fen = 100050
    relief.create_batch(session, relief.BatchInput(
        "2026年春节送温暖", dt.date(2026, 1, 25), occasion_id(session, "spring_festival"), entries))


def test_a_hardship_list_exports_to_xlsx(session, tmp_path):
    member = add_member(session, "李梅")
    hardship.open_file(session, hardship.HardshipFileInput(member_id=member.id, category="subsistence", main_cause="9",
                                                           opened_on=dt.date(2024, 1, 1)))
    rows = list_files(session, FileFilter())
    assert export_file_list(tmp_path / "list.xlsx", rows, "从未帮扶") == 1
    values = [c.value for row in openpyxl.load_workbook(tmp_path / "list.xlsx").active.iter_rows() for c in row]
    assert "李梅" in values and "子女上学" in values


def test_visits_export_and_import_back_unchanged(db, tmp_path):
    with db.session() as session:
        _round(session, 3)
        relief_io.export_visits(session, tmp_path / "visits.xlsx")
        session.execute(ReliefVisit.__table__.delete())
    with db.session() as session:
        outcome = relief_io.import_visits(session, tmp_path / "visits.xlsx")
    assert (outcome.imported, outcome.rejected) == (3, [])
    with db.session() as session:
        assert sorted(v.cash_fen for v in session.scalars(select(ReliefVisit))) == [50000, 50000, 100050]


def _visit_sheet(path, rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["慰问日期", "姓名", "慰问事由", "慰问金", "经费来源"])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_an_import_with_a_bad_row_imports_nothing_and_names_row_and_field(db, tmp_path):
    with db.session() as session:
        add_member(session, "张三")
    path = _visit_sheet(tmp_path / "in.xlsx", [["2026-01-20", "张三", "春节送温暖", "1,500", "本级工会经费"],
                                               ["2026-01-21", "查无此人", "春节送温暖", "500", ""],
                                               ["2026-02-01", "张三", "住院慰问", "800", ""]])
    with db.session() as session:
        outcome = relief_io.import_visits(session, path)
    from unionoffice.io.sheets import error_lines

    lines = error_lines(outcome.rejected)
    assert outcome.imported == 0 and len(lines) == 2
    assert lines[0].startswith("第3行") and "查无此人" in lines[0]
    assert lines[1].startswith("第4行") and "500.00" in lines[1]
    with db.session() as session:
        assert session.scalar(select(ReliefVisit.id)) is None


def test_cli_import_visits_exit_codes(db_path, tmp_path, capsys):
    from unionoffice.store.database import open_database

    database = open_database(db_path)
    with database.session() as session:
        add_member(session, "张三")
    database.close()
    good = _visit_sheet(tmp_path / "good.xlsx", [["2026-01-20", "张三", "春节送温暖", "１５００", ""]])
    mixed = _visit_sheet(tmp_path / "mixed.xlsx", [["2026-01-20", "张三", "春节送温暖", "500", ""],
                                                  ["2026-01-20", "张三", "春节送温暖", "-5", ""]])
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a spreadsheet")
    assert cli_main(["import-visits", "--db", str(db_path), str(good)]) == 0
    assert cli_main(["import-visits", "--db", str(db_path), str(mixed)]) == 1
    assert cli_main(["import-visits", "--db", str(db_path), str(mixed), "--skip-invalid",
                     "--rejects", str(tmp_path / "rejects.xlsx")]) == 1
    assert cli_main(["import-visits", "--db", str(db_path), str(broken)]) == 2
    assert (tmp_path / "rejects.xlsx").exists()
    database = open_database(db_path)
    with database.session() as session:
        assert sorted(session.scalars(select(ReliefVisit.cash_fen))) == [50000, 150000]
    database.close()
    assert cli_main(["export-visits", "--db", str(db_path), str(tmp_path / "out.xlsx"), "--from", "2026-01-01"]) == 0
    assert "2" in capsys.readouterr().out


def test_cli_import_visits_dry_run_writes_nothing(db_path, tmp_path, capsys):
    from unionoffice.store.database import open_database

    database = open_database(db_path)
    with database.session() as session:
        add_member(session, "张三")
    database.close()
    good = _visit_sheet(tmp_path / "good.xlsx", [["2026-01-20", "张三", "春节送温暖", "1500", ""]])
    assert cli_main(["import-visits", "--db", str(db_path), "--dry-run", str(good)]) == 0
    assert "未写入" in capsys.readouterr().err
    database = open_database(db_path)
    with database.session() as session:
        assert session.scalar(select(ReliefVisit.id)) is None
    database.close()
    assert cli_main(["import-visits", "--db", str(db_path), "--errors-out", str(tmp_path / "e.xlsx"), str(good)]) == 0


def test_cases_export_and_import_with_result_and_money(db, db_path, tmp_path):
    with db.session() as session:
        member = add_member(session, "刘工")
        case = rights.receive_case(session, rights.CaseInput(dt.date(2026, 4, 2), "visit", "wages", "欠薪", member_id=member.id))
        rights.add_step(session, case.id, dt.date(2026, 4, 3), "核实考勤")
        rights.close_case(session, case.id, "mediated", dt.date(2026, 4, 20), 1_234_567)
        relief_io.export_cases(session, tmp_path / "cases.xlsx")
        session.execute(RightsCase.__table__.delete())
    with db.session() as session:
        outcome = relief_io.import_cases(session, tmp_path / "cases.xlsx")
    assert (outcome.imported, outcome.rejected) == (1, [])
    with db.session() as session:
        case = session.scalars(select(RightsCase)).one()
        assert (case.member_id, case.result, case.money_recovered_fen, case.closed_on) == (
            member.id, "mediated", 1_234_567, dt.date(2026, 4, 20))
        assert "核实考勤" in case.steps[0].action


def test_cli_import_cases_rejects_a_closing_date_without_result(db_path, tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["受理日期", "反映人", "反映渠道", "类别", "反映问题", "办结日期"])
    book.active.append(["2026-03-01", "外包工赵某", "来电", "劳动合同", "未签合同", "2026-03-09"])
    book.save(tmp_path / "cases.xlsx")
    assert cli_main(["import-cases", "--db", str(db_path), str(tmp_path / "cases.xlsx")]) == 1



def test_importing_the_same_file_twice_does_not_pay_twice(db, tmp_path):
    with db.session() as session:
        add_member(session, "张三")
    path = _visit_sheet(tmp_path / "in.xlsx", [["2026-01-20", "张三", "春节送温暖", "500", ""]])
    with db.session() as session:
        assert relief_io.import_visits(session, path).imported == 1
    with db.session() as session:
        outcome = relief_io.import_visits(session, path)
    assert outcome.imported == 0 and "已登记" in outcome.rejected[0].error_text()


def test_a_copied_row_in_the_file_is_rejected(db, tmp_path):
    with db.session() as session:
        add_member(session, "张三")
    path = _visit_sheet(tmp_path / "in.xlsx", [["2026-01-20", "张三", "春节送温暖", "500", ""],
                                               ["2026-01-20", "张三", "春节送温暖", "500", ""]])
    with db.session() as session:
        outcome = relief_io.import_visits(session, path)
    assert [r.row_number for r in outcome.rejected] == [3] and "第2行" in outcome.rejected[0].error_text()


def test_a_row_may_name_the_member_by_id_number_and_the_occasion_in_short(db, tmp_path):
    with db.session() as session:
        member = add_member(session, "张三")
        member.id_number = "11010519491231002X"
    book = openpyxl.Workbook()
    book.active.append(["2026年慰问登记表"])
    book.active.append(["序号", "姓名", "身份证号", "慰问事由", "慰问金额", "日期"])
    book.active.append([1, None, "11010519491231002X", "春节", "１，５００", "2026.1.20"])
    book.active.append(["合计", None, None, None, 1500, None])
    book.save(tmp_path / "in.xlsx")
    with db.session() as session:
        outcome = relief_io.import_visits(session, tmp_path / "in.xlsx")
    assert (outcome.imported, outcome.rejected) == (1, [])
    with db.session() as session:
        stored = session.scalars(select(ReliefVisit)).one()
        assert (stored.member_id, stored.cash_fen, stored.date) == (member.id, 150000, dt.date(2026, 1, 20))
        assert stored.occasion_id == occasion_id(session, "spring_festival")
