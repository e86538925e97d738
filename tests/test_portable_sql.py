"""The member search's SQL on each engine: GLOB/instr on SQLite exactly as before (an index serves
them), LIKE/strpos on PostgreSQL with LIKE's own characters escaped."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from unionoffice.store.models import Member
from unionoffice.store.portable_sql import contains, like_prefix, starts_with


def _sql(condition, dialect) -> tuple[str, dict]:
    compiled = select(Member.id).where(condition).compile(dialect=dialect)
    return str(compiled).split("WHERE ", 1)[1], compiled.params


def test_sqlite_gets_a_plain_glob_and_instr():
    assert _sql(starts_with(Member.pinyin_initials, "zs"), sqlite.dialect()) == (
        "members.pinyin_initials GLOB ?", {"starts_with_1": "zs*"})
    assert _sql(contains(Member.name, "张"), sqlite.dialect())[0] == "instr(members.name, ?) > 0"


def test_postgresql_gets_like_and_strpos():
    text, params = _sql(starts_with(Member.pinyin_initials, "zs"), postgresql.dialect())
    assert text == "members.pinyin_initials LIKE %(starts_with_1)s::VARCHAR" and params == {"starts_with_1": "zs%"}
    assert _sql(contains(Member.name, "张"), postgresql.dialect())[0].startswith("strpos(members.name, ")


def test_like_characters_are_literal():
    assert like_prefix("a_b%c\\") == "a\\_b\\%c\\\\%"


def test_each_search_takes_its_own_word_from_a_cached_statement(db):
    from unionoffice.services.member_query import MemberFilter, count_members
    from tests.roster_helpers import add

    with db.session() as session:
        add(session, "张三")
        add(session, "李四")
        assert count_members(session, MemberFilter(text="zs")) == 1
        assert count_members(session, MemberFilter(text="ls")) == 1
        assert count_members(session, MemberFilter(text="ww")) == 0


def test_a_server_answers_a_prefix_search_from_its_pattern_index(server_db):
    from sqlalchemy import select as select_

    from unionoffice.services.member_query import MemberFilter, filter_conditions

    with server_db.engine.begin() as conn:  # 5,000 members with varied keys, then the planner's statistics
        conn.exec_driver_sql(
            "INSERT INTO members (name, ethnicity, id_type, skill_level, post, phone, hukou_place, native_place, "
            "migrant_worker, card_no, notes, pinyin_initials, pinyin_full, name_sort_key, status, created_at, updated_at) "
            "SELECT 'm' || n, '', 'resident_id', '', '', '139' || n, '', '', false, 'c' || n, '', md5(n::text), "
            "md5((n * 7)::text), md5((n * 3)::text), 'active', now(), now() FROM generate_series(1, 5000) AS n")
        conn.exec_driver_sql("ANALYZE members")
    query = select_(Member.name, Member.notes).where(*filter_conditions(MemberFilter(text="abc")))
    with server_db.engine.connect() as conn:
        sql = str(query.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
        plan = " ".join(row[0] for row in conn.exec_driver_sql("EXPLAIN " + sql))
    assert "ix_members_pinyin_initials_prefix" in plan and "ix_members_pinyin_full_prefix" in plan, plan
