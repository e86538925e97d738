"""The roster import on real-world values, each rejection reason, update-or-refuse, round trip, CLI."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from roster_helpers import add, an_id
from unionoffice.domain.idcard import check_digit
from unionoffice.io.roster_export import export_members
from unionoffice.io.roster_sheet import COLUMNS
from unionoffice.services import members as svc
from unionoffice.services.member_query import ALL, MemberFilter
from unionoffice.services.roster_import import Action, apply_import, plan_import
from unionoffice.store.models import AuditEntry, Group, Member, MembershipEvent

ROOT = Path(__file__).resolve().parent.parent
HEADER = ["序号", "姓 名", "性别", "身份证\n号码", "出生年月", "所在部门", "入会时间", "联系电话", "文化程度", "政治面貌",
          "是否农民工会员", "会员状态"]
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def workbook(path: Path, rows: list[list], title: bool = True) -> Path:
    wb = Workbook()
    ws = wb.active
    if title:
        ws.append(["示例公司工会会员花名册"])
        ws.append([])
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def person(n: int, **overrides) -> list:
    birth = dt.date(1980 + n % 20, 1 + n % 12, 1 + n % 28)
    values = {
        "no": n, "name": f"测试{n}", "sex": "男", "id": an_id(birth, seed=n), "birth": None, "group": "一车间",
        "join": dt.date(2015, 5, 1), "phone": f"139{n:08d}", "education": "本科", "political": "群众",
        "migrant": "否", "status": "在册",
    }
    values.update(overrides)
    return list(values.values())


def plan_of(session, path, **kwargs):
    plan = plan_import(session, path, **kwargs)
    return plan, {r.row.row_number: r for r in plan.rows}


def errors(planned) -> str:
    return planned.row.error_text()


def test_values_as_real_spreadsheets_hold_them(session, tmp_path):
    number = an_id(dt.date(1991, 3, 5), female=True, seed=3)
    spaced = f"{number[:6]} {number[6:14]} {number[14:]}".translate(FULLWIDTH)
    rows = [
        person(1, join=dt.date(2019, 3, 5)),  # a date cell
        person(2, join=43529),  # Excel serial number for 2019-03-05
        person(3, name="张  三", sex="女", id=spaced, birth="1991.03", join="2019.3.5", phone=13912345678),
        person(4, join="2019年3月5日", phone="139-1234-5679"),
        person(5, join="2019/03/05", education="大学本科", political="党员", migrant="是"),
        [None] * len(HEADER),  # a blank row
        ["合计", "5人"],
    ]
    plan, by_row = plan_of(session, workbook(tmp_path / "messy.xlsx", rows))
    assert [r.action for r in plan.rows] == [Action.NEW] * 5, [errors(r) for r in plan.rows]
    apply_import(session, plan)
    members = {m.name: m for m in session.scalars(select(Member))}
    assert {m.join_date for m in members.values()} == {dt.date(2019, 3, 5)}
    zhang = members["张三"]
    assert (zhang.id_number, zhang.birth_date, zhang.sex, zhang.phone) == (number, dt.date(1991, 3, 5), "female", "13912345678")
    assert members["测试4"].phone == "13912345679"
    assert (members["测试5"].education, members["测试5"].political_status, members["测试5"].migrant_worker) == (
        "bachelor", "cpc_member", True)
    assert session.scalar(select(Group.name)) == "一车间"
    assert plan.parsed.skipped_rows == [10]


def test_a_15_digit_number_is_converted_with_a_notice(session, tmp_path):
    plan, by_row = plan_of(session, workbook(tmp_path / "old.xlsx", [person(1, id="110105491231002", sex="女")]))
    assert by_row[4].action == Action.NEW
    assert "11010519491231002X" in by_row[4].row.notices[0].message


@pytest.mark.parametrize(
    "overrides, expected",
    [
        ({"id": an_id(seed=1)[:17] + ("0" if an_id(seed=1)[17] != "0" else "1")}, "身份证号码：校验位错误"),
        ({"id": 1.10105199003051e17}, "身份证号被存成了数字，末几位已丢失"),
        ({"sex": "女"}, "性别：与身份证号不符"),
        ({"birth": dt.date(1979, 1, 1)}, "出生年月：与身份证号不符"),
        ({"join": "2019-02-30"}, "入会时间："),
        ({"join": dt.date(1970, 1, 1)}, "入会时间：早于出生日期"),
        ({"phone": "1391234567"}, "联系电话：手机号应为11位"),
        ({"education": "幼儿园"}, "文化程度："),
        ({"name": None}, "姓名：必填"),
    ],
)
def test_each_rejection_reason_names_row_and_field(session, tmp_path, overrides, expected):
    plan, by_row = plan_of(session, workbook(tmp_path / "bad.xlsx", [person(1, **overrides)]))
    assert by_row[4].action == Action.ERROR
    assert expected in errors(by_row[4])
    assert plan.parsed.rows[0].row_number == 4


def test_duplicates_in_the_file_are_rejected(session, tmp_path):
    plan, by_row = plan_of(session, workbook(tmp_path / "dup.xlsx", [person(1), person(2), person(1, name="别名")]))
    assert [r.action for r in plan.rows] == [Action.NEW, Action.NEW, Action.ERROR]
    assert "文件内重复（与第4行相同）" in errors(by_row[6])


def test_existing_members_are_updated_only_when_chosen(session, tmp_path):
    number = an_id(seed=1, birth=dt.date(1981, 2, 2))
    member_id = add(session, "老名字", id_number=number, phone="13800138000")
    path = workbook(tmp_path / "upd.xlsx", [person(1, id=number, name="新名字")])
    plan, by_row = plan_of(session, path)
    assert by_row[4].action == Action.ERROR and "老名字" in errors(by_row[4])
    plan, by_row = plan_of(session, path, update_existing=True)
    assert by_row[4].action == Action.UPDATE
    apply_import(session, plan)
    member = session.get(Member, member_id)
    assert (member.name, member.phone, member.pinyin_initials) == ("新名字", "13900000001", "xmz")
    assert session.scalar(select(func.count(Member.id))) == 1


def test_an_id_in_the_recycle_bin_is_refused(session, tmp_path):
    number = an_id(seed=1, birth=dt.date(1981, 2, 2))
    svc.delete_member(session, add(session, "删掉的", id_number=number))
    plan, by_row = plan_of(session, workbook(tmp_path / "bin.xlsx", [person(1, id=number)]), update_existing=True)
    assert by_row[4].action == Action.ERROR and "回收站" in errors(by_row[4])


def test_an_imported_status_becomes_an_event(session, tmp_path):
    plan, _rows = plan_of(session, workbook(tmp_path / "st.xlsx", [person(1, status="转出")]))
    apply_import(session, plan)
    member = session.scalar(select(Member))
    assert member.status == "transferred_out"
    assert [e.kind for e in member.events] == ["join", "transfer_out"]


def test_import_is_audited_once_with_the_counts(session, tmp_path):
    plan, _rows = plan_of(session, workbook(tmp_path / "a.xlsx", [person(1), person(2)]))
    apply_import(session, plan, source_name="a.xlsx")
    entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "import"))
    assert entry.summary == "从a.xlsx导入会员：新增 2 人，更新 0 人"


def test_export_imports_back_unchanged(db, tmp_path):
    from unionoffice.demo import DemoSize, generate

    generate(db, DemoSize.SMALL, seed=3)
    path = tmp_path / "roster.xlsx"
    fields = ("name", "sex", "birth_date", "ethnicity", "political_status", "education", "id_number", "join_date",
              "card_no", "status", "migrant_worker", "phone", "notes", "skill_level", "employment", "post",
              "hukou_type", "hukou_place", "native_place", "id_type")
    with db.session() as session:
        count = export_members(session, MemberFilter(status=ALL), path, all_fields=True)
        before = sorted((tuple(getattr(m, f) for f in fields), m.group.name) for m in session.scalars(select(Member)))
    from unionoffice.store.database import open_database

    target = open_database(tmp_path / "copy.sqlite3")
    with target.session() as session:
        plan = plan_import(session, path)
        assert plan.count(Action.ERROR) == 0
        apply_import(session, plan)
        after = sorted((tuple(getattr(m, f) for f in fields), m.group.name) for m in session.scalars(select(Member)))
    target.close()
    assert count == 300 and after == before


def test_export_cells_are_text_dates_and_never_formulas(session, tmp_path):
    add(session, "=HYPERLINK(\"x\")", id_number=an_id(seed=4), phone="01012345678", notes="+1 @home")
    path = tmp_path / "x.xlsx"
    export_members(session, MemberFilter(), path)
    ws = load_workbook(path).active
    header = [c.value for c in ws[1]]
    row = {h: c for h, c in zip(header, ws[2])}
    assert row["姓名"].data_type == "s" and row["姓名"].value.startswith("=")
    titles = {c.key: c.title for c in COLUMNS}
    assert row[titles["id_number"]].data_type == "s" and row[titles["phone"]].value == "01012345678"
    assert isinstance(row["入会日期"].value, dt.datetime)
    assert ws.freeze_panes == "A2" and ws.print_title_rows in ("1:1", "$1:$1")


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "unionoffice", *args], capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(ROOT), "UNIONOFFICE_LANG": "zh_CN", "PATH": "/usr/bin:/bin"})


def test_cli_exit_codes_and_lines(tmp_path):
    db = tmp_path / "cli.sqlite3"
    good = workbook(tmp_path / "good.xlsx", [person(1), person(2)])
    bad = workbook(tmp_path / "bad.xlsx", [person(3), person(4, sex="女")])
    result = _cli("import-members", str(bad), "--db", str(db), "--errors-out", str(tmp_path / "rejects.xlsx"))
    assert result.returncode == 1
    assert "第5行 性别：与身份证号不符" in result.stdout and "未导入任何数据" in result.stdout
    assert (tmp_path / "rejects.xlsx").exists()
    assert _cli("import-members", str(good), "--db", str(db), "--dry-run").returncode == 0
    assert _cli("import-members", str(good), "--db", str(db)).returncode == 0
    assert _cli("import-members", str(bad), "--db", str(db), "--skip-invalid").returncode == 1
    assert _cli("import-members", str(tmp_path / "missing.xlsx"), "--db", str(db)).returncode == 2
    out = tmp_path / "out.xlsx"
    result = _cli("export-members", str(out), "--db", str(db), "--group", "一车间")
    assert result.returncode == 0 and "3 名会员" in result.stdout
    assert _cli("export-members", str(out), "--db", str(db), "--group", "不存在").returncode == 2


def test_rejected_rows_file_imports_again_after_fixing(session, tmp_path):
    path = workbook(tmp_path / "bad.xlsx", [person(1), person(2, sex="女")])
    plan, _rows = plan_of(session, path)
    from unionoffice.io.sheets import write_rejected_rows

    rejects = write_rejected_rows(plan.parsed, tmp_path / "rejects.xlsx", [r.row for r in plan.rejected])
    wb = load_workbook(rejects)
    ws = wb.active
    header = [c.value for c in ws[1]]
    assert header[-1] == "错误原因" and "与身份证号不符" in ws.cell(2, len(header)).value
    ws.cell(2, header.index("性别") + 1).value = "男"
    wb.save(rejects)
    again, by_row = plan_of(session, rejects)
    assert [r.action for r in again.rows] == [Action.NEW]


def test_a_failure_during_import_leaves_nothing_half_imported(db, tmp_path, monkeypatch):
    import unionoffice.services.roster_rows as roster_rows

    path = workbook(tmp_path / "a.xlsx", [person(1, group="新部门"), person(2)])
    calls = []

    def failing_keys(name):
        calls.append(name)
        if len(calls) == 2:
            raise OSError("disk full")
        return "x", "x", "x"

    monkeypatch.setattr(roster_rows, "name_column_values", failing_keys)
    with pytest.raises(OSError):
        with db.session() as session:
            apply_import(session, plan_import(session, path))
    with db.session() as session:
        assert session.scalar(select(func.count(Member.id))) == 0
        assert session.scalar(select(func.count(Group.id))) == 0
        assert session.scalar(select(func.count(AuditEntry.id))) == 0


@pytest.mark.parametrize("name", ["sheets-messy.xls", "sheets-messy.ods"])
def test_xls_from_wps_and_ods_import_with_the_same_checks(session, name):
    plan, by_row = plan_of(session, ROOT / "tests" / "data" / name)
    assert (plan.count(Action.NEW), plan.count(Action.ERROR)) == (2, 4)
    assert "身份证号被存成了数字，末几位已丢失" in errors(by_row[5])
    assert "文件内重复（与第4行相同）" in errors(by_row[9])
    apply_import(session, plan)
    assert session.scalar(select(func.count(Member.id))) == 2


def test_reimporting_the_same_roster_with_updates_changes_nothing(session, tmp_path):
    add(session, "张三", id_number=an_id(seed=1), phone="13800138000")
    add(session, "李四", id_number=an_id(seed=2))
    path = tmp_path / "same.xlsx"
    export_members(session, MemberFilter(), path)
    plan = plan_import(session, path, update_existing=True)
    assert (plan.count(Action.UPDATE), plan.count(Action.UNCHANGED)) == (0, 2)
    assert apply_import(session, plan).updated == 0
    assert session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action == "update")) == 0
