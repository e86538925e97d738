"""Re-importing the office's own roster: unchanged members are 无变化, changes show old → new,
a status contradicting the recorded history is a conflict the clerk decides, and the bulk writer
leaves the database exactly as the former per-row writer did."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select, text

from roster_reference import apply_per_row
from test_roster_import import _cli, person, workbook
from unionoffice.domain.choices import MembershipEventKind
from unionoffice.services import members as svc
from unionoffice.services.roster_import import Action, apply_import, plan_import
from unionoffice.services.roster_report import change_lines, write_report
from unionoffice.store.database import open_database
from unionoffice.store.models import AuditEntry, Member, MembershipEvent

TODAY = dt.date.today()


def _imported(session, path):
    plan = plan_import(session, path)
    assert plan.count(Action.ERROR) == 0, [r.row.error_text() for r in plan.rejected]
    apply_import(session, plan)
    return plan


def _member(session, name: str) -> Member:
    return session.scalar(select(Member).where(Member.name == name))


def test_unchanged_members_are_no_change_with_or_without_update(session, tmp_path):
    path = workbook(tmp_path / "roster.xlsx", [person(1), person(2), person(3)])
    _imported(session, path)
    for update in (False, True):
        plan = plan_import(session, path, update_existing=update)
        assert [r.action for r in plan.rows] == [Action.UNCHANGED] * 3
        assert plan.importable and not plan.accepted
    audits = session.scalar(select(func.count(AuditEntry.id)))
    assert apply_import(session, plan_import(session, path)).updated == 0
    assert session.scalar(select(func.count(AuditEntry.id))) == audits + 1  # the import itself, nothing else


def test_cli_reimport_of_an_unchanged_roster_exits_0(tmp_path):
    db = tmp_path / "cli.sqlite3"
    path = workbook(tmp_path / "roster.xlsx", [person(1), person(2)])
    assert _cli("import-members", str(path), "--db", str(db)).returncode == 0
    again = _cli("import-members", str(path), "--db", str(db))
    assert again.returncode == 0, again.stdout + again.stderr
    assert "新增 0，更新 0，无变化 2，错误 0" in again.stdout


def test_changed_fields_are_listed_old_to_new(session, tmp_path):
    _imported(session, workbook(tmp_path / "roster.xlsx", [person(1), person(2)]))
    changed = workbook(tmp_path / "changed.xlsx", [person(1, phone="13800000009", group="二车间"), person(2)])
    plan = plan_import(session, changed, update_existing=True)
    first = plan.rows[0]
    assert [r.action for r in plan.rows] == [Action.UPDATE, Action.UNCHANGED]
    assert first.change_lines() == ["所在部门：一车间 → 二车间", "联系电话：13900000001 → 13800000009"]
    assert change_lines(plan) == ["第4行 测试1：所在部门：一车间 → 二车间；联系电话：13900000001 → 13800000009"]
    apply_import(session, plan, source_name="changed.xlsx")
    member = _member(session, "测试1")
    assert (member.phone, member.group.name) == ("13800000009", "二车间")


def test_without_update_a_changed_member_is_refused_naming_the_changes(session, tmp_path):
    _imported(session, workbook(tmp_path / "roster.xlsx", [person(1)]))
    plan = plan_import(session, workbook(tmp_path / "changed.xlsx", [person(1, phone="13800000009")]))
    assert plan.rows[0].action == Action.ERROR
    assert "联系电话：13900000001 → 13800000009" in plan.rows[0].row.error_text()


def test_an_update_is_audited_once_with_the_changed_rows(session, tmp_path):
    _imported(session, workbook(tmp_path / "roster.xlsx", [person(1), person(2)]))
    changed = workbook(tmp_path / "changed.xlsx", [person(1, phone="13800000009"), person(2, name="改名")])
    apply_import(session, plan_import(session, changed, update_existing=True), source_name="changed.xlsx")
    entries = list(session.scalars(select(AuditEntry).where(AuditEntry.entity == "members")
                                   .order_by(AuditEntry.id.desc())))
    assert entries[0].action == "import" and entries[0].summary == "从changed.xlsx导入会员：新增 0 人，更新 2 人"
    rows = json.loads(entries[0].after)["changed"]
    assert [(r["row"], r["before"], r["after"]) for r in rows] == [
        (4, {"phone": "13900000001"}, {"phone": "13800000009"}), (5, {"name": "测试2"}, {"name": "改名"})]
    assert not [e for e in entries if e.action == "update"]
    assert _member(session, "改名").pinyin_initials == "gm"


def test_cli_prints_the_changes_and_saves_them_in_the_workbook(tmp_path):
    db = tmp_path / "cli.sqlite3"
    assert _cli("import-members", str(workbook(tmp_path / "a.xlsx", [person(1), person(2)])), "--db", str(db)).returncode == 0
    changed = workbook(tmp_path / "b.xlsx", [person(1, phone="13800000009"), person(2, sex="女")])
    report = tmp_path / "report.xlsx"
    result = _cli("import-members", str(changed), "--db", str(db), "--update-existing", "--skip-invalid",
                  "--errors-out", str(report))
    assert result.returncode == 1  # row 5 is rejected (sex against the ID number)
    assert "第4行 测试1：联系电话：13900000001 → 13800000009" in result.stdout
    book = load_workbook(report)
    assert book.sheetnames[-1] == "变更"
    sheet = book["变更"]
    assert [c.value for c in sheet[1]] == ["行号", "姓名", "身份证号", "字段", "原值", "新值", "处理"]
    assert [c.value for c in sheet[2]][:6] == ["4", "测试1", person(1)[3], "联系电话", "13900000001", "13800000009"]
    assert "与身份证号不符" in book.worksheets[0].cell(2, book.worksheets[0].max_column).value


def _transferred_out(session, tmp_path, name="测试1"):
    path = workbook(tmp_path / "roster.xlsx", [person(1), person(2)])
    _imported(session, path)
    member = _member(session, name)
    svc.change_status(session, member.id, MembershipEventKind.TRANSFER_OUT, TODAY - dt.timedelta(days=30),
                      destination="市总工会")
    return path, member.id


def test_a_status_conflict_is_listed_and_left_as_recorded(session, tmp_path):
    path, member_id = _transferred_out(session, tmp_path)
    plan = plan_import(session, path)  # the file still says 在册
    first = plan.rows[0]
    assert first.action == Action.UNCHANGED and plan.conflicts == [first]
    since = f"{TODAY - dt.timedelta(days=30):%Y-%m-%d}"
    assert first.change_lines() == [f"会员状态：记录为“转出”（{since}起），文件为“在册”，保留记录的状态"]
    apply_import(session, plan)
    member = session.get(Member, member_id)
    assert member.status == "transferred_out"
    assert [e.kind for e in member.events] == ["join", "transfer_out"]


def test_apply_status_sets_the_files_status(session, tmp_path):
    path, member_id = _transferred_out(session, tmp_path)
    plan = plan_import(session, path, apply_status=True)
    assert plan.accepted == plan.conflicts
    assert apply_import(session, plan).statuses_set == 1
    member = session.get(Member, member_id)
    assert member.status == "active"
    assert [(e.kind, e.date) for e in member.events][-1] == ("transfer_in", TODAY)


def test_cli_leaves_the_status_unless_apply_status(tmp_path):
    db_path = tmp_path / "cli.sqlite3"
    path = workbook(tmp_path / "roster.xlsx", [person(1), person(2)])
    assert _cli("import-members", str(path), "--db", str(db_path)).returncode == 0
    db = open_database(db_path)
    with db.session() as session:
        member = _member(session, "测试1")
        svc.change_status(session, member.id, MembershipEventKind.TRANSFER_OUT, TODAY - dt.timedelta(days=30),
                          destination="市总工会")
    db.close()
    result = _cli("import-members", str(path), "--db", str(db_path))
    assert result.returncode == 0
    assert "第4行 测试1：会员状态：记录为“转出”" in result.stdout and "--apply-status" in result.stdout

    def status() -> tuple[str, int]:
        database = open_database(db_path)
        with database.session() as session:
            found = (_member(session, "测试1").status, session.scalar(select(func.count(MembershipEvent.id))))
        database.close()
        return found

    assert status() == ("transferred_out", 3)
    assert _cli("import-members", str(path), "--db", str(db_path), "--apply-status").returncode == 0
    assert status() == ("active", 4)


def test_report_lists_a_conflict_with_both_values(session, tmp_path):
    path, _member_id = _transferred_out(session, tmp_path)
    report = write_report(plan_import(session, path), tmp_path / "report.xlsx")
    rows = [[c.value for c in row] for row in load_workbook(report)["变更"].iter_rows(min_row=2)]
    assert rows == [["4", "测试1", person(1)[3], "会员状态",
                     f"转出（{TODAY - dt.timedelta(days=30):%Y-%m-%d}起）", "在册", "保留记录的状态"]]


MEMBER_COLUMNS = ("id, name, sex, ethnicity, birth_date, id_type, id_number, political_status, education, skill_level, "
                  "employment, group_id, post, phone, hukou_type, hukou_place, native_place, migrant_worker, join_date, "
                  "card_no, notes, pinyin_initials, pinyin_full, status, deleted_at")


def _content(session) -> dict[str, list]:
    return {
        "members": session.execute(text(f"SELECT {MEMBER_COLUMNS} FROM members ORDER BY id")).all(),
        "events": session.execute(text("SELECT id, member_id, kind, date, reason, destination FROM membership_events "
                                       "ORDER BY id")).all(),
        "groups": session.execute(text("SELECT id, name, position, retired FROM groups ORDER BY id")).all(),
    }


def _seed(database, tmp_path) -> None:
    base = workbook(tmp_path / "base.xlsx", [person(n) for n in range(1, 7)])
    with database.session() as session:
        _imported(session, base)
        svc.change_status(session, _member(session, "测试3").id, MembershipEventKind.TRANSFER_OUT,
                          TODAY - dt.timedelta(days=30), destination="市总工会")


def test_bulk_writer_gives_the_same_database_as_the_per_row_writer(tmp_path):
    mixed = workbook(tmp_path / "mixed.xlsx", [
        person(1),  # unchanged
        person(2, name="新名字", phone="13700000002", group="三车间"),  # changed, in a new group
        person(3),  # says 在册: a status conflict (transferred out last month)
        person(4, join=dt.date(2016, 6, 1), status="保留"),  # join date moved, status changed
        person(5, group=None, education="大专"),  # group cleared
        person(7), person(8, group="四车间", status="转出"),  # new members
        person(9, sex="女"),  # rejected
    ])
    results = []
    for name, write in (("bulk", "bulk"), ("per_row", "per_row")):
        database = open_database(tmp_path / f"{name}.sqlite3")
        _seed(database, tmp_path)
        with database.session() as session:
            plan = plan_import(session, mixed, update_existing=True, apply_status=True)
            assert [r.action for r in plan.rows] == [Action.UNCHANGED, Action.UPDATE, Action.UNCHANGED, Action.UPDATE,
                                                     Action.UPDATE, Action.NEW, Action.NEW, Action.ERROR]
            if write == "bulk":
                apply_import(session, plan, today=TODAY)
            else:
                apply_per_row(session, plan, TODAY)
        with database.session() as session:
            results.append(_content(session))
        database.close()
    bulk, per_row = results
    assert bulk == per_row
    assert len(bulk["members"]) == 8 and len(bulk["events"]) > 9


def _indexes(session) -> list[tuple[str, str]]:
    return session.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                                "AND tbl_name IN ('members', 'membership_events') ORDER BY name")).all()


@pytest.mark.sqlite_only  # SQLite's own index rebuild
def test_a_large_import_rebuilds_the_indexes_it_dropped(db, tmp_path, monkeypatch):
    import unionoffice.services.roster_write as roster_write

    monkeypatch.setattr(roster_write, "REBUILD_INDEXES_FROM", 5)
    path = workbook(tmp_path / "many.xlsx", [person(n) for n in range(1, 13)])
    dropped = []
    real_drop = roster_write.RebuiltIndexes.drop

    def drop(self):
        real_drop(self)
        dropped.extend(name for name, _sql in self.dropped)

    monkeypatch.setattr(roster_write.RebuiltIndexes, "drop", drop)
    with db.session() as session:
        before = _indexes(session)
        assert len(before) > 4
        _imported(session, path)
    # Those led by the ids new rows get in order are kept up (each entry goes at their end).
    kept = {"ix_members_id_sex", "ix_membership_events_member_date", "ix_membership_events_member_kind_date"}
    assert set(dropped) == {name for name, _sql in before} - kept
    with db.session() as session:
        assert _indexes(session) == before
        assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        assert session.scalar(select(Member.id).where(Member.name == "测试7")) == 7


@pytest.mark.sqlite_only  # SQLite's own index rebuild
def test_a_failed_large_import_keeps_the_indexes(db, tmp_path, monkeypatch):
    import unionoffice.services.roster_rows as roster_rows
    import unionoffice.services.roster_writer as roster_writer
    import unionoffice.services.roster_write as roster_write

    monkeypatch.setattr(roster_write, "REBUILD_INDEXES_FROM", 5)
    monkeypatch.setattr(roster_writer, "WRITE_BATCH", 4)
    real = roster_rows.name_column_values
    calls = []

    def failing(name):
        calls.append(name)
        if len(calls) == 10:  # after two batches were written
            raise OSError("disk full")
        return real(name)

    monkeypatch.setattr(roster_rows, "name_column_values", failing)
    path = workbook(tmp_path / "many.xlsx", [person(n) for n in range(1, 13)])
    with db.session() as session:
        before = _indexes(session)
    with pytest.raises(OSError):
        with db.session() as session:
            apply_import(session, plan_import(session, path))
    with db.session() as session:
        assert _indexes(session) == before
        assert session.scalar(select(func.count(Member.id))) == 0
