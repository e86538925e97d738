"""Migration 0008 from a schema-5 database with data in it: nothing lost, funding sources mapped."""

from __future__ import annotations

import sqlite3

from sqlalchemy import create_engine

from unionoffice.store import migrate
from unionoffice.store.database import open_database, read_schema_version


def _schema_5_office(path) -> None:
    engine = create_engine(f"sqlite:///{path}")
    migrate.upgrade_to(engine, 5)
    engine.dispose()
    with sqlite3.connect(path) as conn:
        now = "2026-01-01 00:00:00"
        conn.execute("INSERT INTO members (id, name, ethnicity, id_type, skill_level, post, phone, hukou_place, native_place,"
                     " migrant_worker, card_no, notes, pinyin_initials, pinyin_full, status, created_at, updated_at)"
                     " VALUES (1, '张三', '', 'resident_id', '', '', '', '', '', 0, '', '', 'zs', 'zhangsan', 'active', ?, ?)",
                     (now, now))
        for activity_id, funding, description in ((1, "工会经费", ""), (2, "行政拨款", "趣味运动会"), (3, "上级工会补助", ""),
                                                  (4, "厂长特批", "年终联欢"), (5, "", "")):
            conn.execute("INSERT INTO activities (id, title, kind, start_date, place, organiser, organiser_name, description,"
                         " cost_fen, funding_source, outsider_count, created_at, updated_at)"
                         " VALUES (?, ?, 'festival', '2026-03-08', '', 'own', '', ?, 10000, ?, 0, ?, ?)",
                         (activity_id, f"活动{activity_id}", description, funding, now, now))
        conn.execute("INSERT INTO training_sessions (id, title, kind, start_date, hours_tenths, trainer, organiser, place,"
                     " description, created_at, updated_at) VALUES (1, '安全培训', 'safety', '2026-04-01', 40, '', '', '', '', ?, ?)",
                     (now, now))
        conn.execute("INSERT INTO relief_occasions (id, code, name, position, retired) VALUES (1, 'hospital', '住院慰问', 1, 0)")
        conn.execute("INSERT INTO relief_visits (id, date, member_id, family_name, family_relation, occasion_id, cash_fen, goods,"
                     " goods_value_fen, funding_source, visitors, notes, in_accounts, over_limit_reason, created_at, updated_at)"
                     " VALUES (1, '2026-02-01', 1, '', '', 1, 50000, '', 0, 'higher_union', '', '', 0, '', ?, ?)", (now, now))


def test_schema_5_database_upgrades_with_every_row_kept_and_funding_mapped(tmp_path):
    path = tmp_path / "v5.sqlite3"
    _schema_5_office(path)
    assert read_schema_version(path) == 5
    db = open_database(path)
    db.close()
    assert read_schema_version(path) == migrate.head_version()
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT id, funding_source, description FROM activities ORDER BY id").fetchall()
        assert rows == [(1, "own_funds", ""), (2, "administration", "趣味运动会"), (3, "higher_union", ""),
                        (4, "other", "年终联欢\n原经费来源：厂长特批"), (5, "", "")]
        assert conn.execute("SELECT cost_fen, funding_source, hours_tenths FROM training_sessions").fetchall() == [(0, "", 40)]
        assert conn.execute("SELECT funding_source, cash_fen FROM relief_visits").fetchall() == [("higher_union", 50000)]
        assert conn.execute("SELECT name FROM members").fetchall() == [("张三",)]
        for table in ("dues_bases", "dues_exemptions", "dues_payments", "dues_payment_months", "dues_paid_years", "expenses"):
            assert conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone() == (0,)


def _schema_12_office_with_dues(path) -> None:
    _schema_5_office(path)
    engine = create_engine(f"sqlite:///{path}")
    migrate.upgrade_to(engine, 12)
    engine.dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO dues_bases (member_id, year, base_fen, source, updated_at)"
                     " VALUES (1, 2025, 600000, 'entered', '2026-01-01 00:00:00')")
        conn.execute("INSERT INTO dues_paid_years (member_id, year, months_mask, paid_fen) VALUES (1, 2025, 4095, 36000)")


def test_migration_0013_keeps_the_dues_rows_and_one_years_figures_read_only_covering_indexes(tmp_path):
    path = tmp_path / "v12.sqlite3"
    _schema_12_office_with_dues(path)
    assert read_schema_version(path) == 12
    open_database(path).close()
    assert read_schema_version(path) == migrate.head_version()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT member_id, year, base_fen FROM dues_bases").fetchall() == [(1, 2025, 600000)]
        assert conn.execute("SELECT months_mask, paid_fen FROM dues_paid_years").fetchall() == [(4095, 36000)]
        # The queries of services/dues_fast.py for one year and over several years.
        plans = {sql: " ".join(row[-1] for row in conn.execute("EXPLAIN QUERY PLAN " + sql)) for sql in (
            "SELECT member_id, base_fen FROM dues_bases WHERE year = 2025 AND base_fen > 0",
            "SELECT member_id, months_mask, paid_fen FROM dues_paid_years WHERE year = 2025",
            "SELECT member_id, SUM(months_mask) FROM dues_paid_years WHERE +year BETWEEN 2022 AND 2026 GROUP BY member_id",
            "SELECT member_id, MIN(date) FROM membership_events GROUP BY member_id HAVING COUNT(*) = 1")}
        for sql, plan in plans.items():
            assert "COVERING INDEX" in plan and "TEMP B-TREE" not in plan, (sql, plan)
