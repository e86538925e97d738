"""`export-dues` / `import-dues` round trip, refused rows with their row and field, `dues-arrears`."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3

import openpyxl
import pytest

from tests.dues_helpers import small_office
from unionoffice.cli import main
from unionoffice.services import dues, dues_payments
from unionoffice.store.database import open_database


@pytest.fixture
def office_db(tmp_path):
    path = tmp_path / "office.sqlite3"
    db = open_database(path)
    with db.session() as session:
        o = small_office(session)
        dues.add_exemption(session, dues.ExemptionInput(o["wang"], 202604, None, "retired", "2026年4月退休"))
        dues_payments.record_payment(session, dues_payments.PaymentInput(o["zhang"], 202601, 202603, 6000, dt.date(2026, 3, 20), "cash",
                                                       receipt_no="No.001"))
        dues_payments.record_payment(session, dues_payments.PaymentInput(o["li"], 202601, 202601, 3000, dt.date(2026, 1, 25), reason="补缴"))
        dues_payments.record_payment(session, dues_payments.PaymentInput(o["wang"], 202601, 202603, 9186, dt.date(2026, 3, 25)))
    db.close()
    return path


def _cells(path):
    workbook = openpyxl.load_workbook(path)
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in workbook.worksheets}


def _empty_copy(source, target):
    shutil.copy(source, target)
    with sqlite3.connect(target) as conn:
        for table in ("dues_payment_months", "dues_payments", "dues_exemptions", "dues_bases"):
            conn.execute(f"DELETE FROM {table}")


def test_export_then_import_into_an_empty_ledger_exports_the_same(office_db, tmp_path, capsys):
    first, second, copy = tmp_path / "a.xlsx", tmp_path / "b.xlsx", tmp_path / "copy.sqlite3"
    assert main(["export-dues", "--db", str(office_db), str(first)]) == 0
    _empty_copy(office_db, copy)
    assert main(["import-dues", "--db", str(copy), str(first)]) == 0
    assert main(["export-dues", "--db", str(copy), str(second)]) == 0
    a, b = _cells(first), _cells(second)
    assert a == b
    assert len(a["会费缴纳"]) > 3  # caption/header and three payments


def test_importing_the_same_file_twice_refuses_every_payment(office_db, tmp_path, capsys):
    path = tmp_path / "a.xlsx"
    main(["export-dues", "--db", str(office_db), str(path)])
    capsys.readouterr()
    assert main(["import-dues", "--db", str(office_db), str(path)]) == 1
    assert "已" in capsys.readouterr().err


def _sheet_with(tmp_path, rows, name="dues.xlsx"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "身份证号", "起始月份", "截止月份", "实缴金额", "缴费日期", "多缴原因"])
    for row in rows:
        ws.append(row)
    path = tmp_path / name
    wb.save(path)
    return path


def _count(db_path, table):
    with sqlite3.connect(db_path) as conn:
        return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


@pytest.mark.parametrize("row, field", [
    (["张三", "UNKNOWN", "2026-04", "2026-04", "20", "2026-04-20", ""], "身份证号"),
    (["张三", None, "2026-13", "2026-13", "20", "2026-04-20", ""], "起始月份"),
    (["张三", None, "2026-04", "2026-04", "25", "2026-04-20", ""], "多缴原因"),
    (["张三", None, "2026-04", "2027-02", "20", "2026-04-20", ""], "截止月份"),
])
def test_bad_rows_are_refused_with_row_and_field_and_nothing_written(office_db, tmp_path, capsys, row, field):
    from tests.roster_helpers import an_id
    if row[1] is None:
        row[1] = an_id(seed=1)
    elif row[1] == "UNKNOWN":
        row[1] = an_id(seed=99)
    good = ["李四", an_id(seed=2), "2026-02", "2026-02", "27.75", "2026-02-20", ""]
    path = _sheet_with(tmp_path, [good, row])
    before = _count(office_db, "dues_payments")
    assert main(["import-dues", "--db", str(office_db), str(path), "--from", "2026-01", "--to", "2026-12"]) == 1
    err = capsys.readouterr().err
    assert "第3行" in err and field in err
    assert _count(office_db, "dues_payments") == before


def test_skip_invalid_imports_the_good_rows_and_writes_the_rejects(office_db, tmp_path, capsys):
    from tests.roster_helpers import an_id
    good = ["李四", an_id(seed=2), "2026-02", "2026-02", "27.75", "2026-02-20", ""]
    bad = ["张三", an_id(seed=1), "2026-04", "2026-04", "25", "2026-04-20", ""]
    path = _sheet_with(tmp_path, [good, bad])
    rejects = tmp_path / "rejects.xlsx"
    before = _count(office_db, "dues_payments")
    assert main(["import-dues", "--db", str(office_db), str(path), "--skip-invalid", "--errors-out", str(rejects)]) == 1
    assert _count(office_db, "dues_payments") == before + 1
    assert rejects.exists()


def test_dry_run_writes_nothing(office_db, tmp_path, capsys):
    from tests.roster_helpers import an_id
    path = _sheet_with(tmp_path, [["李四", an_id(seed=2), "2026-02", "2026-02", "27.75", "2026-02-20", ""]])
    before = _count(office_db, "dues_payments")
    assert main(["import-dues", "--db", str(office_db), str(path), "--dry-run"]) == 0
    assert _count(office_db, "dues_payments") == before


def test_negative_base_from_payroll_is_refused(office_db, tmp_path, capsys):
    from tests.roster_helpers import an_id
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "身份证号", "应发工资"])
    wb.active.append(["张三", an_id(seed=1), 4500])
    wb.active.append(["李四", an_id(seed=2), -1])
    path = tmp_path / "payroll.xlsx"
    wb.save(path)
    assert main(["import-dues-bases", "--db", str(office_db), str(path), "--year", "2027"]) == 1
    assert "第3行" in capsys.readouterr().err
    assert _count(office_db, "dues_bases") == 4
    wb.active.delete_rows(3)
    wb.save(path)
    assert main(["import-dues-bases", "--db", str(office_db), str(path), "--year", "2027"]) == 0
    with sqlite3.connect(office_db) as conn:
        assert conn.execute("SELECT base_fen, source FROM dues_bases WHERE year = 2027").fetchall() == [(450000, "payroll")]


def test_arrears_list_and_its_dry_run(office_db, tmp_path, capsys):
    out = tmp_path / "arrears.xlsx"
    assert main(["dues-arrears", "--db", str(office_db), str(out), "--from", "2026-01", "--to", "2026-12", "--dry-run"]) == 0
    assert not out.exists()
    assert main(["dues-arrears", "--db", str(office_db), str(out), "--from", "2026-01", "--to", "2026-12"]) == 0
    names = [row[0] for row in _cells(out)["欠缴名单"] if row[0] not in (None, "姓名")]
    # 张三 paid Jan–Mar (9 unpaid after), 李四 January (11), 赵六 nothing (12); 王五 exempt from April.
    assert sorted(names) == ["张三", "李四", "赵六"]


def test_an_unreadable_file_exits_2(office_db, tmp_path, capsys):
    path = tmp_path / "not.xlsx"
    path.write_text("nonsense")
    assert main(["import-dues", "--db", str(office_db), str(path)]) == 2
