"""roster: a covering index for the composition panel's counts

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 11:40:00
"""
from alembic import op


revision = '0010'
down_revision = '0009'  # re-chained when the branches were merged
branch_labels = None
depends_on = None

# Kept here as written at this revision (not imported from the models, which may change later).
# deleted_at is not the first column: see store/models/roster.py.
COLUMNS = [
    'sex', 'education', 'political_status', 'migrant_worker', 'group_id', 'deleted_at', 'status', 'birth_date',
    'pinyin_initials', 'pinyin_full', 'id_number', 'phone', 'card_no',
]


def upgrade() -> None:
    op.create_index('ix_members_composition', 'members', COLUMNS, unique=False)


def downgrade() -> None:
    op.drop_index('ix_members_composition', table_name='members')
