"""`fill-template` and `check-template` from the command line: exit 0 clean, 1 problems, 2 unusable."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from tests.roster_helpers import add, an_id
from tests.upload_support import hidden_code_sheet_template, merged_title_template, small_office
from unionoffice.cli import main
from unionoffice.io.upload.writer import PROBLEM_SHEET


@pytest.fixture
def office(db, db_path):
    with db.session() as session:
        small_office(session)
    db.close()
    return db_path


def test_fill_clean_template_exits_0_and_lists_the_mapping(tmp_path, office, capsys):
    template = merged_title_template(tmp_path / "模板.xlsx")
    out = tmp_path / "上报.xlsx"
    assert main(["fill-template", str(template), "--out", str(out), "--db", str(office)]) == 0
    text = capsys.readouterr().out
    assert "D列 公民身份号码 ← 身份证号" in text or "公民身份号码" in text
    assert "职工编号" in text and "留空" in text
    assert "已将3名会员写入" in text
    assert openpyxl.load_workbook(out).active.cell(row=4, column=2).value in {"张三", "李四", "王五"}


def test_problems_exit_1_and_write_nothing_without_allow_problems(tmp_path, office, capsys):
    from unionoffice.store.database import open_database

    db = open_database(office)
    with db.session() as session:
        add(session, "钱七", id_number=an_id(dt.date(1991, 7, 7), seed=11))
    db.close()
    template = merged_title_template(tmp_path / "模板.xlsx")
    out = tmp_path / "上报.xlsx"
    assert main(["fill-template", str(template), "--out", str(out), "--db", str(office)]) == 1
    text = capsys.readouterr().out
    assert "钱七" in text and "民族" in text and "未写出文件" in text
    assert not out.exists()
    assert main(["fill-template", str(template), "--out", str(out), "--db", str(office), "--allow-problems"]) == 1
    assert PROBLEM_SHEET in openpyxl.load_workbook(out).sheetnames


def test_unreadable_template_exits_2(tmp_path, office, capsys):
    bad = tmp_path / "模板.xlsx"
    bad.write_text("not a workbook")
    assert main(["fill-template", str(bad), "--out", str(tmp_path / "o.xlsx"), "--db", str(office)]) == 2
    assert "无法读取" in capsys.readouterr().err


def test_output_onto_the_database_is_refused(tmp_path, office, capsys):
    template = merged_title_template(tmp_path / "模板.xlsx")
    before = office.read_bytes()
    target = office.with_suffix(".xlsx")
    office.replace(target)  # a database file that happens to be named .xlsx
    assert main(["fill-template", str(template), "--out", str(target), "--db", str(target)]) == 2
    assert "数据库" in capsys.readouterr().err
    assert target.read_bytes() == before


def test_group_and_as_of_choose_the_members(tmp_path, office, capsys):
    template = hidden_code_sheet_template(tmp_path / "模板.xlsx")
    out = tmp_path / "上报.xlsx"
    assert main(["fill-template", str(template), "--out", str(out), "--db", str(office), "--group", "办公室",
                 "--as-of", "2026-01-01"]) == 0
    names = [r[1] for r in openpyxl.load_workbook(out).active.iter_rows(min_row=3, values_only=True) if r[1]]
    assert names == ["李四"]
    assert main(["fill-template", str(template), "--out", str(out), "--db", str(office), "--group", "没有"]) == 2


def test_saved_profile_is_used_next_time(tmp_path, office, capsys):
    template = merged_title_template(tmp_path / "模板.xlsx")
    out = tmp_path / "上报.xlsx"
    assert main(["fill-template", str(template), "--out", str(out), "--db", str(office), "--save-profile", "省总"]) == 0
    profile = office.parent / "upload-profiles" / "省总.json"
    profile.write_text(profile.read_text(encoding="utf-8").replace('"phone"', "null"), encoding="utf-8")
    assert main(["fill-template", str(template), "--out", str(out), "--db", str(office), "--profile", "省总"]) == 0
    assert all(r[7] is None for r in openpyxl.load_workbook(out).active.iter_rows(min_row=4, values_only=True))
    assert main(["fill-template", str(template), "--out", str(out), "--db", str(office), "--profile", "无此方案"]) == 2


def test_check_template_exit_codes(tmp_path, office, capsys):
    template = merged_title_template(tmp_path / "模板.xlsx")
    out = tmp_path / "上报.xlsx"
    main(["fill-template", str(template), "--out", str(out), "--db", str(office)])
    assert main(["check-template", str(out)]) == 0
    wb = openpyxl.load_workbook(out)
    wb.active.cell(row=4, column=3, value="男")
    wb.save(out)
    capsys.readouterr()
    assert main(["check-template", str(out)]) == 1
    assert "“男”不在该列的下拉列表中" in capsys.readouterr().out
    assert main(["check-template", str(tmp_path / "没有.xlsx")]) == 2
