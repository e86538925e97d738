"""roster: indexes for prefix search (pinyin, phone, card number) and sorting

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 10:52:26.875929
"""
from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

INDEXES = {
    'ix_members_birth_date': 'birth_date',
    'ix_members_card_no': 'card_no',
    'ix_members_join_date': 'join_date',
    'ix_members_phone': 'phone',
    'ix_members_pinyin_full': 'pinyin_full',
    'ix_members_name_search': ('name', 'status', 'deleted_at'),
}


def upgrade() -> None:
    for name, columns in INDEXES.items():
        op.create_index(name, 'members', list(columns) if isinstance(columns, tuple) else [columns], unique=False)


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, table_name='members')
