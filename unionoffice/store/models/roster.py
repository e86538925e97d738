"""Indexes that keep the roster's search and sort instant at 200,000 members.

Search uses prefix GLOBs on lower-case keys (``pinyin_initials GLOB 'zs*'``): unlike LIKE, a GLOB
prefix can use an ordinary (BINARY) index. Sorting by a column with an index lets SQLite walk the
index for ``ORDER BY … LIMIT`` instead of sorting every row.
"""

from __future__ import annotations

from sqlalchemy import Index

from unionoffice.store.models.core import Member

Index("ix_members_pinyin_full", Member.pinyin_full)
Index("ix_members_name_sort_key", Member.name_sort_key)
# Covers a search inside names (张 in 小张三 cannot use a prefix): SQLite scans this narrow index
# instead of the whole table.
Index("ix_members_name_search", Member.name, Member.status, Member.deleted_at)
Index("ix_members_phone", Member.phone)
Index("ix_members_card_no", Member.card_no)
Index("ix_members_birth_date", Member.birth_date)
Index("ix_members_join_date", Member.join_date)
# The composition panel's counts (services/roster_stats.composition): GROUP BY the leading
# columns in this order, with the status, birth date and search keys inside the index too, so
# counting any filter walks this one narrow index in order instead of the members' rows.
# deleted_at must not lead: every query has "deleted_at IS NULL", and SQLite would then take this
# index for the member search too, scanning it instead of using the search indexes.
COMPOSITION_INDEX_COLUMNS = (
    "sex", "education", "political_status", "migrant_worker", "group_id", "deleted_at", "status", "birth_date",
    "pinyin_initials", "pinyin_full", "id_number", "phone", "card_no",
)
Index("ix_members_composition", *(getattr(Member, name) for name in COMPOSITION_INDEX_COLUMNS))

# A server office: PostgreSQL answers the search's ``LIKE 'zs%'`` from an index only when the index
# uses the pattern operator class (the database's collation is not byte order); on SQLite the GLOBs
# above use the ordinary indexes, so these exist on PostgreSQL only (migration 0011).
# They join the models only where a server is compared with them (store/migrate.py): naming a
# postgresql_ option loads SQLAlchemy's whole PostgreSQL dialect, which every command paid for.
SEARCH_PREFIX_COLUMNS = ("pinyin_initials", "pinyin_full", "name_sort_key", "id_number", "phone", "card_no")


def add_server_search_indexes() -> None:
    """Put the PostgreSQL-only pattern indexes into the models (once)."""
    existing = {index.name for index in Member.__table__.indexes}
    for column in SEARCH_PREFIX_COLUMNS:
        if f"ix_members_{column}_prefix" not in existing:
            Index(f"ix_members_{column}_prefix", getattr(Member, column),
                  postgresql_ops={column: "varchar_pattern_ops"}).ddl_if(dialect="postgresql")
