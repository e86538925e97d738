"""server office: an activity's photos and files can be kept in the database; on PostgreSQL,
indexes that answer the member search's LIKE 'x%' (SQLite's GLOBs use the ordinary ones)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 14:20:00
"""
import sqlalchemy as sa
from alembic import op


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


# Kept here as written at this revision (not imported from the models, which may change later).
PREFIX_COLUMNS = ('pinyin_initials', 'pinyin_full', 'name_sort_key', 'id_number', 'phone', 'card_no')


def upgrade() -> None:
    # NULL: the file lives in the attachments folder beside a local database file, as before.
    op.add_column('activity_attachments', sa.Column('content', sa.LargeBinary(), nullable=True))
    if op.get_bind().dialect.name == 'postgresql':
        for column in PREFIX_COLUMNS:
            op.create_index(f'ix_members_{column}_prefix', 'members', [column],
                            postgresql_ops={column: 'varchar_pattern_ops'})


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        for column in PREFIX_COLUMNS:
            op.drop_index(f'ix_members_{column}_prefix', table_name='members')
    with op.batch_alter_table('activity_attachments') as batch:
        batch.drop_column('content')
