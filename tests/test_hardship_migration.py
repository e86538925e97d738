"""Migration 0007 from a schema-5 database with hardship files in it: nothing lost, categories renamed."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import create_engine, select, text

from unionoffice.services import hardship
from unionoffice.store import migrate
from unionoffice.store.database import open_database, table_counts
from unionoffice.store.models.hardship_rules import HardshipReview
from unionoffice.store.models.relief_hardship import HardshipFile


def _schema5_with_files(path):
    engine = create_engine(f"sqlite:///{path}")
    migrate.upgrade_to(engine, 5)
    with engine.begin() as conn:
        # Schema 5's members table, written as it was then (later schemas add columns the models know).
        conn.execute(text(
            "INSERT INTO members (id, name, sex, ethnicity, id_type, skill_level, post, phone, hukou_place, native_place, "
            "migrant_worker, card_no, notes, pinyin_initials, pinyin_full, status, created_at, updated_at) VALUES "
            "(1, '李梅', 'female', '', 'resident_id', '', '', '', '', '', 0, '', '', 'lm', 'limei', 'active', "
            "'2026-01-01', '2026-01-01')"))
        for file_id, category, reviewed in ((1, "subsistence", "2026-02-01"), (2, "near_subsistence", None), (3, "accident", None)):
            conn.execute(text(
                "INSERT INTO hardship_files (id, member_id, category, main_cause, health, disability, single_parent, housing, "
                "monthly_income_fen, household_size, household_annual_income_fen, medical_insurance, notes, status, "
                "opened_on, close_reason, reviewed_on, created_at, updated_at) VALUES (:id, 1, :category, '6', '良好', '', 0, "
                "'租房', 150000, 3, 3600000, '城镇职工医保', '备注', 'open', '2025-03-01', '', :reviewed, '2026-01-01', "
                "'2026-01-01')"), {"id": file_id, "category": category, "reviewed": reviewed})
        conn.execute(text("INSERT INTO hardship_family_members (file_id, position, name, relation, sex, id_number, health, "
                          "monthly_income_fen, work_or_school) VALUES (1, 0, '王强', '配偶', 'male', '', '瘫痪', 0, '')"))
        conn.execute(text("INSERT INTO hardship_causes (file_id, cause, position) VALUES (1, '9', 0)"))
        counts = {t: conn.execute(text(f'SELECT COUNT(*) FROM "{t}"')).scalar() for t in
                  ("members", "hardship_files", "hardship_family_members", "hardship_causes", "relief_occasions")}
    engine.dispose()
    return counts


def test_schema5_files_upgrade_with_nothing_lost(tmp_path):
    path = tmp_path / "v5.sqlite3"
    before = _schema5_with_files(path)
    db = open_database(path)
    try:
        assert db.upgraded_from == 5 and db.schema_version == migrate.head_version()
        after = table_counts(db.engine)
        for table, count in before.items():
            assert after[table] == count, table
        with db.session() as session:
            files = {f.id: f for f in session.scalars(select(HardshipFile))}
            assert {i: f.category for i, f in files.items()} == {1: "deep", 2: "relative", 3: "accident"}
            first = files[1]
            assert (first.health, first.housing, first.household_annual_income_fen, first.notes) == ("良好", "租房", 3_600_000, "备注")
            assert [p.name for p in first.family] == ["王强"] and [c.cause for c in first.secondary_causes] == ["9"]
            assert first.reviewed_on == dt.date(2026, 2, 1)
            assert [(r.file_id, r.date) for r in session.scalars(select(HardshipReview))] == [(1, dt.date(2026, 2, 1))]
            assert (first.category_reason, first.excl_vehicle, first.staff_no, first.other_income_fen) == ("", False, "", 0)
            # the upgraded file still opens in the form and saves (no 低保标准 set yet)
            hardship.update_file(session, first.id, hardship.file_input(first))
    finally:
        db.close()
