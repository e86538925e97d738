"""Migration 0006 from a schema-5 office holding members of the older generic 民主党派."""

from __future__ import annotations

import sqlite3

from sqlalchemy import create_engine

from unionoffice.domain.choices import PoliticalStatus
from unionoffice.services.member_query import ANY_DEMOCRATIC_PARTY, MemberFilter, Sort, SortKey, count_members, fetch_rows
from unionoffice.services.roster_stats import composition
from unionoffice.store import migrate
from unionoffice.store.database import open_database, read_schema_version, table_counts
from unionoffice.store.models import Member

ROWS = [  # name, ethnicity, political status, pinyin keys as the old program stored them
    ("曾小明", "汉", "democratic_party", "cxm", "cengxiaoming"),
    ("单田", "汉族", "cpc_member", "dt", "dantian"),
    ("程阿", "维吾尔", "democratic_party", "ca", "chenga"),
    ("陈紫", "火星", "masses", "cz", "chenzi"),
]


def _schema5_office(path):
    engine = create_engine(f"sqlite:///{path}")
    migrate.upgrade_to(engine, 5)
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO groups (id, name, position, retired, created_at) VALUES (1, '一车间', 0, 0, '2025-01-01')")
        for i, (name, ethnicity, political, initials, full) in enumerate(ROWS, start=1):
            conn.exec_driver_sql(
                "INSERT INTO members (id, name, ethnicity, id_type, political_status, skill_level, post, phone, "
                "hukou_place, native_place, migrant_worker, join_date, card_no, notes, pinyin_initials, pinyin_full, "
                "status, created_at, updated_at, group_id) VALUES (?, ?, ?, 'resident_id', ?, '', '', '', '', '', 0, "
                "'2020-01-01', '', '', ?, ?, 'active', '2025-01-01', '2025-01-01', 1)",
                (i, name, ethnicity, political, initials, full))
            conn.exec_driver_sql("INSERT INTO membership_events (member_id, kind, date, reason, destination, created_at) "
                                 "VALUES (?, 'join', '2020-01-01', '', '', '2025-01-01')", (i,))
    engine.dispose()


def test_upgrade_keeps_every_member_and_the_generic_democratic_party(tmp_path):
    path = tmp_path / "v5.sqlite3"
    _schema5_office(path)
    assert read_schema_version(path) == 5
    db = open_database(path)
    try:
        assert table_counts(db.engine)["members"] == 4
        with db.session() as session:
            members = {m.name: m for m in session.query(Member)}
            assert members["曾小明"].political_status == "democratic_party"
            assert PoliticalStatus(members["程阿"].political_status).label() == "民主党派（未细分）"
            comp = composition(session, MemberFilter())
            assert comp.democratic_party_members == 2 and comp.by_political_status["democratic_party"] == 2
            assert count_members(session, MemberFilter(political_status=ANY_DEMOCRATIC_PARTY)) == 2
    finally:
        db.close()


def test_upgrade_recomputes_the_pinyin_keys_and_fills_the_sort_key(tmp_path):
    path = tmp_path / "v5.sqlite3"
    _schema5_office(path)
    db = open_database(path)
    try:
        with db.session() as session:
            members = {m.name: m for m in session.query(Member)}
            assert (members["曾小明"].pinyin_initials, members["曾小明"].pinyin_full) == ("zxm", "zengxiaoming")
            assert members["单田"].pinyin_full == "shantian"
            names = [r.name for r in fetch_rows(session, MemberFilter(), Sort(SortKey.NAME))]
            assert names == ["陈紫", "程阿", "单田", "曾小明"]
    finally:
        db.close()


def test_upgrade_writes_short_ethnicities_in_full_and_leaves_unknown_ones_alone(tmp_path):
    path = tmp_path / "v5.sqlite3"
    _schema5_office(path)
    open_database(path).close()
    with sqlite3.connect(path) as conn:
        ethnic = dict(conn.execute("SELECT name, ethnicity FROM members"))
    assert ethnic == {"曾小明": "汉族", "单田": "汉族", "程阿": "维吾尔族", "陈紫": "火星"}
