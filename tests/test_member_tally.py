"""The member tally (store/models/member_tally.py): kept exact by triggers through every way members
are written, read by the members page's side panel (services/panel_counts.py). Run on both engines."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from roster_helpers import add, an_id
from sql_capture import query_plan, statements_run
from unionoffice.domain.choices import MembershipEventKind
from unionoffice.io.roster_export import export_members
from unionoffice.services import members as svc
from unionoffice.services import panel_counts
from unionoffice.services.member_query import ALL, MemberFilter
from unionoffice.services.office import add_group
from unionoffice.services.panel_counts import panel_composition
from unionoffice.services import roster_import
from unionoffice.services.roster_import import apply_import, plan_import
from unionoffice.services.roster_stats import composition
from unionoffice.store.database import DatabaseError, open_database
from unionoffice.store.models import Group, Member
from unionoffice.store.models.member_tally import MemberBirthTally, MemberTally


def tally(session) -> tuple[dict, dict]:
    session.flush()
    cells = {(t.status, t.sex, t.education, t.political_status, bool(t.migrant_worker), t.group_id): t.members
             for t in session.scalars(select(MemberTally))}
    births = {(b.status, b.birth_date): b.members for b in session.scalars(select(MemberBirthTally))}
    return cells, births


def recount(session) -> tuple[dict, dict]:
    """What the tally must hold: the members outside the recycle bin, counted afresh."""
    session.flush()
    m = Member
    live = m.deleted_at.is_(None)
    cells = {
        (status, sex or "", education or "", political or "", bool(migrant), group_id or 0): n
        for status, sex, education, political, migrant, group_id, n in session.execute(
            select(m.status, m.sex, m.education, m.political_status, m.migrant_worker, m.group_id, func.count())
            .where(live).group_by(m.status, m.sex, m.education, m.political_status, m.migrant_worker, m.group_id))
    }
    merged: dict = {}
    for key, n in cells.items():  # NULL and '' are one cell in the tally
        merged[key] = merged.get(key, 0) + n
    births = {(status, born): n for status, born, n in session.execute(
        select(m.status, m.birth_date, func.count()).where(live, m.birth_date.is_not(None)).group_by(m.status, m.birth_date))}
    return merged, births


def _office(session) -> list[int]:
    groups = [add_group(session, name).id for name in ("一车间", "二车间")]
    ids = []
    for i in range(12):
        ids.append(add(session, f"王{i}", id_number=an_id(dt.date(1960 + 3 * i, 3, 5), female=i % 3 == 0, seed=i),
                       group_id=groups[i % 2] if i % 5 else None, education=("bachelor", "college", None)[i % 3],
                       political_status=("masses", "cpc_member", None)[i % 3], migrant_worker=i % 4 == 0,
                       phone=f"1380000{i:04d}"))
    return ids


def test_added_members_are_counted(session):
    _office(session)
    assert tally(session) == recount(session)
    assert sum(tally(session)[0].values()) == 12


def test_edits_move_members_between_cells(session):
    ids = _office(session)
    member = session.get(Member, ids[1])
    member.education, member.birth_date, member.group_id = "postgraduate", dt.date(2001, 1, 1), None
    session.get(Member, ids[2]).migrant_worker = True
    assert tally(session) == recount(session)


def test_status_changes_are_counted_under_the_new_status(session):
    ids = _office(session)
    svc.change_status(session, ids[0], MembershipEventKind.TRANSFER_OUT, dt.date(2025, 5, 1), destination="外单位")
    svc.change_status(session, ids[3], MembershipEventKind.RETAIN, dt.date(2025, 6, 1))
    cells, _births = tally(session)
    assert tally(session) == recount(session)
    assert sum(n for key, n in cells.items() if key[0] == "transferred_out") == 1


def test_the_recycle_bin_takes_members_out_and_gives_them_back(session):
    ids = _office(session)
    svc.delete_member(session, ids[4])
    svc.delete_member(session, ids[5])
    assert sum(tally(session)[0].values()) == 10
    assert tally(session) == recount(session)
    svc.restore_member(session, ids[4])
    svc.purge_member(session, ids[5])
    assert tally(session) == recount(session)
    assert sum(tally(session)[0].values()) == 11


def test_an_emptied_cell_is_deleted(session):
    (only,) = [add(session, "独一", id_type="passport", id_number="E1", education="postgraduate", birth_date=dt.date(1999, 9, 9))]
    svc.delete_member(session, only)
    assert tally(session) == ({}, {})


def test_a_deleted_group_leaves_its_members_without_one(session):
    _office(session)
    group = session.scalar(select(Group).where(Group.name == "一车间"))
    session.delete(group)
    assert tally(session) == recount(session)


def test_an_import_and_a_reimport_keep_the_tally_exact(session, tmp_path):
    _office(session)
    path = tmp_path / "roster.xlsx"
    export_members(session, MemberFilter(status=ALL), path)
    for member in session.scalars(select(Member)):
        session.delete(member)
    assert tally(session) == ({}, {})
    apply_import(session, plan_import(session, path))
    assert tally(session) == recount(session)
    assert sum(tally(session)[0].values()) == 12
    book = load_workbook(path)
    sheet = book.active
    header = next(row for row in sheet.iter_rows() if any(c.value == "学历" for c in row))
    column = next(c.column for c in header if c.value == "学历")
    for row in sheet.iter_rows(min_row=header[0].row + 1):
        if row[0].value is not None:
            sheet.cell(row[0].row, column, "研究生")
    book.save(path)
    apply_import(session, plan_import(session, path, update_existing=True))
    assert tally(session) == recount(session)
    assert composition(session, MemberFilter()).by_education == {"postgraduate": 12}


def test_the_panel_reads_the_same_figures_as_a_count(session, monkeypatch):
    _office(session)
    svc.change_status(session, session.scalar(select(Member.id)), MembershipEventKind.RETAIN, dt.date(2025, 6, 1))
    session.flush()
    filters = [MemberFilter(), MemberFilter(status=ALL), MemberFilter(status="retained"), MemberFilter(text="王"),
               MemberFilter(text="138"), MemberFilter(text="wang"), MemberFilter(text="1"),
               MemberFilter(text="1", status=ALL), MemberFilter(sex="female"), MemberFilter(text="13800000003")]
    for member_filter in filters:
        assert panel_composition(session, member_filter) == composition(session, member_filter), member_filter
    monkeypatch.setattr(panel_counts, "NARROW_SEARCH", 1)  # every search is broad now
    for member_filter in filters:
        assert panel_composition(session, member_filter) == composition(session, member_filter), member_filter


def test_a_search_most_members_match_counts_those_who_do_not(session, monkeypatch):
    _office(session)
    add(session, "李四", id_type="passport", id_number="E9", phone="02155512345", education="postgraduate")
    monkeypatch.setattr(panel_counts, "NARROW_SEARCH", 1)
    subtracted = []
    real = panel_counts.member_figures
    monkeypatch.setattr(panel_counts, "member_figures", lambda *a: subtracted.append(a) or real(*a))
    comp = panel_composition(session, MemberFilter(text="138"))
    assert len(subtracted) == 1 and "IS NOT" in str(subtracted[0][2][-1])
    assert comp == composition(session, MemberFilter(text="138"))
    assert comp.total == 12 and "postgraduate" not in comp.by_education


def test_the_panel_counts_the_whole_roll_without_reading_the_members(session):
    from sqlalchemy import event

    _office(session)
    statements = []
    connection = session.connection()
    def remember(conn, cursor, statement, *args):  # noqa: ANN001
        statements.append(statement)

    event.listen(connection, "before_cursor_execute", remember)
    try:
        panel_composition(session, MemberFilter())
    finally:
        event.remove(connection, "before_cursor_execute", remember)
    assert statements and not any("FROM members" in s for s in statements)


@pytest.mark.sqlite_only  # a SQLite file's schema guard
def test_a_file_with_the_tally_triggers_opens_and_a_changed_trigger_is_refused(tmp_path):
    path = tmp_path / "office.sqlite3"
    open_database(path).close()
    open_database(path).close()  # its own triggers pass the guard
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TRIGGER member_tally_insert")
        conn.execute("CREATE TRIGGER member_tally_insert AFTER INSERT ON members BEGIN "
                     "UPDATE members SET notes = 'x'; END")
    with pytest.raises(DatabaseError, match="member_tally_insert"):
        open_database(path)


def _schema_12_office(engine) -> None:  # noqa: ANN001
    from sqlalchemy.orm import Session

    from unionoffice.store import migrate

    migrate.upgrade_to(engine, 12)
    with Session(engine) as session, session.begin():
        _office(session)
        svc.delete_member(session, session.scalar(select(Member.id)))


def _check_upgraded(engine) -> None:  # noqa: ANN001
    from sqlalchemy.orm import Session

    with Session(engine) as session:
        assert tally(session) == recount(session)
        assert sum(tally(session)[0].values()) == 11
        assert session.scalar(select(func.count(Member.id))) == 12  # nobody lost


@pytest.mark.sqlite_only
def test_a_schema_12_file_upgrades_with_its_members_counted(tmp_path):
    from sqlalchemy import create_engine

    path = tmp_path / "v12.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    _schema_12_office(engine)
    engine.dispose()
    db = open_database(path)
    try:
        _check_upgraded(db.engine)
    finally:
        db.close()


@pytest.mark.sqlite_only  # builds its own server database
def test_a_schema_12_server_upgrades_with_its_members_counted():
    from sqlalchemy import create_engine

    from tests.pg_cluster import session_cluster
    from unionoffice.store.server import _driver_url, open_server_engine

    url = session_cluster().new_database()
    engine = create_engine(_driver_url(url))
    _schema_12_office(engine)
    engine.dispose()
    engine, _version, upgraded_from = open_server_engine(url)
    try:
        assert upgraded_from == 12
        _check_upgraded(engine)
    finally:
        engine.dispose()


def test_a_moved_office_has_its_tally_made_by_the_targets_triggers_and_proved(db, tmp_path):
    """Moving an office (store/transfer.py) leaves the tally to the target's triggers; the proofs
    then compare it with the source's."""
    from unionoffice.store.transfer import copy_office

    source = open_database(tmp_path / "source.sqlite3")
    try:
        with source.session() as session:
            ids = _office(session)
            svc.delete_member(session, ids[0])
            svc.change_status(session, ids[1], MembershipEventKind.RETAIN, dt.date(2025, 6, 1))
        proofs = copy_office(source.engine, db.engine)
        assert {p.name for p in proofs} >= {"member_tally", "member_birth_tally"}
        with source.session() as session:
            expected = tally(session)
    finally:
        source.close()
    with db.session() as session:
        assert tally(session) == expected == recount(session)


def test_a_bulk_writer_pauses_the_triggers_and_recounts_once(session):
    from sqlalchemy import update

    from unionoffice.store.tally import tally_paused

    ids = _office(session)
    before = tally(session)
    with tally_paused(session):
        session.execute(update(Member).where(Member.id.in_(ids[:6])).values(education="postgraduate"))
        session.execute(update(Member).where(Member.id == ids[6]).values(deleted_at=dt.datetime(2026, 1, 1)))
        assert tally(session) == before  # idle while paused
        with tally_paused(session):  # an inner writer leaves the recount to the outer one
            add(session, "新人", id_type="passport", id_number="E7")
        assert tally(session) == before
    assert tally(session) == recount(session)
    assert sum(tally(session)[0].values()) == 12


def test_a_failed_bulk_write_does_not_leave_the_triggers_paused(session):
    from unionoffice.store.tally import is_paused, tally_paused

    _office(session)
    with pytest.raises(ValueError):
        with tally_paused(session):
            add(session, "半途", id_type="passport", id_number="E8")
            raise ValueError("the writer failed")
    assert not is_paused(session)
    add(session, "之后", id_type="passport", id_number="E9")
    assert tally(session) == recount(session)


def test_inside_a_paused_write_the_panel_counts_the_members_themselves(session):
    from unionoffice.store.tally import tally_paused

    _office(session)
    with tally_paused(session):
        add(session, "新人", id_type="passport", id_number="E7")
        assert panel_composition(session, MemberFilter()).total == 13
        assert panel_counts.tally_count(session, MemberFilter()) is None  # the table counts them instead
    assert panel_counts.tally_count(session, MemberFilter()) == 13


@pytest.mark.sqlite_only  # a backup of the office's file, restored over later changes
def test_a_restored_backup_brings_its_own_exact_tally(tmp_path):
    from unionoffice.services.backup import make_backup
    from unionoffice.services.backup_restore import restore_backup

    path = tmp_path / "office.sqlite3"
    db = open_database(path)
    with db.session() as session:
        ids = _office(session)
    db.close()
    stick = tmp_path / "stick"
    stick.mkdir()
    archive = make_backup(path, stick).path
    db = open_database(path)
    with db.session() as session:
        svc.delete_member(session, ids[0])
        add(session, "备份之后", id_type="passport", id_number="E5")
    db.close()
    restore_backup(archive, path)
    db = open_database(path)
    try:
        with db.session() as session:
            assert tally(session) == recount(session)
            assert sum(tally(session)[0].values()) == 12
    finally:
        db.close()


def _spy_recounts(monkeypatch) -> list[int]:
    from unionoffice.store import tally as tally_module

    calls: list[int] = []
    original = tally_module.recount
    monkeypatch.setattr(tally_module, "recount", lambda connection: (calls.append(1), original(connection))[1])
    return calls


def test_a_few_rows_into_a_larger_office_are_counted_by_the_triggers(session, tmp_path, monkeypatch):
    ids = _office(session)
    path = tmp_path / "roster.xlsx"
    export_members(session, MemberFilter(status=ALL), path)
    session.delete(session.get(Member, ids[0]))  # the file's first member is new again, the rest as recorded
    for i in range(20):  # an office of 31 members
        add(session, f"李{i}", id_number=an_id(dt.date(1970, 1, 1) + dt.timedelta(days=40 * i), seed=100 + i))
    session.flush()
    recounts = _spy_recounts(monkeypatch)
    plan = plan_import(session, path)
    assert plan.count(roster_import.Action.NEW) == 1
    apply_import(session, plan)
    assert recounts == []  # 1 row into 31: the triggers count it, no recount
    assert tally(session) == recount(session)
    assert sum(tally(session)[0].values()) == 32


def test_many_rows_into_a_small_office_pause_the_triggers_for_one_recount(session, tmp_path, monkeypatch):
    _office(session)
    path = tmp_path / "roster.xlsx"
    export_members(session, MemberFilter(status=ALL), path)
    for member in session.scalars(select(Member)):
        session.delete(member)
    recounts = _spy_recounts(monkeypatch)
    apply_import(session, plan_import(session, path))
    assert recounts == [1]
    assert tally(session) == recount(session)


def _nearly_everyone_matches(session) -> None:
    """Mobile numbers all start with 1; a few members miss "1" on every field, on either side of
    the prefix's index range (empty, before, after)."""
    _office(session)
    add(session, "李一", id_type="passport", id_number="E1", phone="", education="postgraduate")
    add(session, "李二", id_type="passport", id_number="02", phone="021-55512345", migrant_worker=True)
    add(session, "李三", id_type="passport", id_number=None, phone="", card_no="9001", sex="female")
    add(session, "李四", id_type="passport", id_number="E4", phone="", card_no="1004")  # matches by card


def test_the_few_members_a_broad_search_misses_are_found_through_the_indexes(session, monkeypatch, db_engine):
    _nearly_everyone_matches(session)
    monkeypatch.setattr(panel_counts, "NARROW_SEARCH", 1)  # every search is broad now
    subtracted = []
    real = panel_counts.member_figures
    monkeypatch.setattr(panel_counts, "member_figures", lambda *a: subtracted.append(a) or real(*a))
    for text in ("1", "13", "1 13", "1380000"):
        subtracted.clear()
        comp = panel_composition(session, MemberFilter(text=text))
        assert comp == composition(session, MemberFilter(text=text)), text
        assert len(subtracted) == 1, text  # counted as the tally less the members who miss it
        through_indexes = "UNION ALL" in str(subtracted[0][2][-1])
        assert through_indexes == (db_engine == "sqlite"), text  # a server scans (its text order)
    assert panel_composition(session, MemberFilter(text="1")).total == 13
    monkeypatch.setattr(panel_counts, "FEW_MISSES", 1)  # too many misses: the scan again
    subtracted.clear()
    assert panel_composition(session, MemberFilter(text="1")) == composition(session, MemberFilter(text="1"))
    assert "UNION ALL" not in str(subtracted[0][2][-1])


def test_a_member_without_the_searched_field_is_a_miss(session, monkeypatch):
    """The ID numbers' prefix is the one fewest members miss; 李三 has no ID number at all."""
    _office(session)
    add(session, "李三", id_type="passport", id_number=None, phone="", card_no="", sex="female")
    add(session, "李二", id_type="passport", id_number="E2", phone="")
    monkeypatch.setattr(panel_counts, "NARROW_SEARCH", 1)
    comp = panel_composition(session, MemberFilter(text="110105"))
    assert comp == composition(session, MemberFilter(text="110105"))
    assert comp.total == 12 and comp.by_sex.get("female", 0) == 4


@pytest.mark.sqlite_only  # SQLite's query plans
def test_the_recount_scans_the_covering_index_not_the_table_in_status_order(session):
    from unionoffice.store.member_tally_sql import recount_statements

    _office(session)
    connection = session.connection()
    for statement in recount_statements("sqlite")[2:]:
        plan = query_plan(connection, statement[statement.index("SELECT"):])
        assert "COVERING INDEX ix_members_composition" in plan, plan


@pytest.mark.sqlite_only  # SQLite's query plans
def test_the_misses_are_looked_up_in_the_prefix_index_on_either_side(session, monkeypatch):
    _nearly_everyone_matches(session)
    monkeypatch.setattr(panel_counts, "NARROW_SEARCH", 1)
    connection = session.connection()
    with statements_run(connection) as statements:
        panel_composition(session, MemberFilter(text="1"))
    plan = query_plan(connection, *next((s, p) for s, p in statements if "UNION ALL SELECT members.id" in s))
    # (the ID numbers' prefix here: as few miss it as miss the phones', and it comes first)
    for side in ("id_number<?", "id_number>?", "id_number=?"):  # "=": IS NULL
        assert f"SEARCH members USING INDEX sqlite_autoindex_members_1 ({side})" in plan, plan
    assert "SCAN members" not in plan, plan
