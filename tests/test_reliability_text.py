"""Hostile spreadsheets and text: limits before reading, clean text in, exports that never fail."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from reliability_support import ROOT, cli_env, count, person, roster
from roster_helpers import add

from unionoffice.domain.money import AmountError, parse_amount
from unionoffice.domain.text_rules import TextTooLong, clean_text, xml_safe
from unionoffice.io.sheets import SheetError
from unionoffice.io.sheets.columns import Column, Kind
from unionoffice.io.sheets.parse import parse_cells
from unionoffice.io.sheets.reader import open_workbook
from unionoffice.store.models import Member

HOSTILE = "\x00张\x1b[2J\u202e三\u200b\x07"


def _bomb(path: Path, far_cell: str = "XFD1048576") -> Path:
    """A tiny .xlsx whose single far cell would make the reader allocate a dense grid up to it."""
    wb = Workbook()
    wb.active.append(["姓名", "性别"])
    wb.active.append(["张三", "男"])
    plain = path.with_name("plain.xlsx")
    wb.save(plain)
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'r="B2"', f'r="{far_cell}"'.encode())
                data = re.sub(rb'<dimension ref="[^"]*"/>', f'<dimension ref="A1:{far_cell}"/>'.encode(), data)
            out.writestr(info, data)
    return path


def test_a_tiny_xlsx_claiming_cell_xfd1048576_is_refused_before_reading(tmp_path):
    bomb = _bomb(tmp_path / "炸弹.xlsx")
    assert bomb.stat().st_size < 8000
    with pytest.raises(SheetError, match="300,000 行"):
        open_workbook(bomb)


def test_the_bomb_through_the_command_gives_one_line_and_does_not_abort(tmp_path):
    bomb = _bomb(tmp_path / "炸弹.xlsx")
    # A memory ceiling, so that a regression fails the test instead of the machine.
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30));"
            "from unionoffice.cli import main; sys.exit(main(sys.argv[1:]))")
    result = subprocess.run([sys.executable, "-c", code, "import-members", str(bomb), "--db", str(tmp_path / "x.sqlite3")],
                            capture_output=True, text=True, timeout=120, env=cli_env())
    assert result.returncode == 2, result.stderr
    assert "300,000" in result.stderr and "Traceback" not in result.stderr


def test_too_many_columns_are_refused_naming_the_limit(tmp_path):
    with pytest.raises(SheetError, match="1,000"):
        open_workbook(_bomb(tmp_path / "宽.xlsx", far_cell="AMA2"))


def test_control_bidi_and_zero_width_characters_are_removed_from_imported_cells():
    columns = [Column("name", "Name", synonyms=("姓名",), required=True), Column("notes", "Notes", synonyms=("备注",))]
    parsed = parse_cells([["姓名", "备注"], [HOSTILE, "第一行\r\n第二行\x0b"]], columns)
    row = parsed.rows[0]
    assert row.values["name"] == "张[2J三"
    assert "\x00" not in row.values["notes"] and "\x0b" not in row.values["notes"]


def test_an_absurdly_long_cell_is_refused_naming_row_and_field():
    columns = [Column("name", "Name", synonyms=("姓名",), required=True), Column("notes", "Notes", synonyms=("备注",))]
    parsed = parse_cells([["姓名", "备注"], ["张三", "长" * 40_000]], columns)
    assert "40000" in " ".join(parsed.rows[0].error_text().split())


def test_a_long_cell_in_an_import_is_a_row_error_and_nothing_is_stored(tmp_path, db_path):
    from unionoffice.cli import main

    source = roster(tmp_path / "名单.xlsx", [person(1, notes="长" * 5000)])
    assert main(["import-members", str(source), "--db", str(db_path)]) == 1
    assert count(db_path) == 0


@pytest.mark.parametrize("value", ["1E+26", "1e308", 1e308, "9" * 40])
def test_huge_amounts_are_refused_with_a_message(value):
    with pytest.raises(AmountError, match="过大"):
        parse_amount(value)


def test_a_huge_amount_in_a_sheet_is_a_row_and_field_error():
    columns = [Column("name", "Name", synonyms=("姓名",), required=True),
               Column("amount", "Amount", synonyms=("金额",), kind=Kind.MONEY)]
    parsed = parse_cells([["姓名", "金额"], ["张三", 1e308], ["李四", "1E+26"]], columns)
    assert all(row.errors for row in parsed.rows)


def test_the_member_form_path_stores_clean_text(session):
    member_id = add(session, name="张三", notes="备注\x00\u202e里\u200b有\x1b怪字符")
    session.flush()
    stored = session.get(Member, member_id)
    assert stored.notes == "备注里有怪字符"


def test_a_text_beyond_its_field_length_is_refused(db):
    with pytest.raises(TextTooLong, match="notes"):
        with db.session() as s:
            add(s, name="张三", notes="长" * 30_000)
    with db.session() as s:
        assert s.query(Member).count() == 0


def test_exports_never_fail_on_stored_control_characters(tmp_path, db_path):
    from unionoffice.cli import main
    from unionoffice.store.database import open_database

    db = open_database(db_path)
    with db.session() as s:
        member_id = add(s, name="张三")
    db.close()
    with sqlite3.connect(db_path) as conn:  # as an older version or a script could have stored it
        conn.execute("UPDATE members SET name = ?, post = ? WHERE id = ?", ("张\x00三\x1b", "岗\x07位", member_id))
    out = tmp_path / "导出.xlsx"
    assert main(["export-members", str(out), "--db", str(db_path), "--all-fields"]) == 0
    cells = [c.value for row in load_workbook(out).active.iter_rows() for c in row]
    assert "张三" in cells


def test_text_rules_keep_ordinary_text_and_line_breaks_where_allowed():
    assert clean_text("王小明 ABC-1") == "王小明 ABC-1"
    assert clean_text("甲\n乙", multiline=True) == "甲\n乙"
    assert clean_text("甲\n乙") == "甲 乙"
    assert xml_safe("a\x00b\x1fc") == "abc"


def test_a_sheet_spanning_too_many_cells_is_refused(tmp_path):
    with pytest.raises(SheetError, match="10,000,000"):
        open_workbook(_bomb(tmp_path / "大.xlsx", far_cell="ADT20000"))
