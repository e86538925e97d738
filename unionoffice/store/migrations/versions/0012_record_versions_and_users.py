"""server office: a version and who changed it last on every record table; people with roles

Revision ID: 0012
Revises: 0010
Create Date: 2026-12-01 14:30:00
"""
import sqlalchemy as sa
from alembic import op


revision = '0012'
down_revision = '0011'  # re-chained when the branches were merged
branch_labels = None
depends_on = None

# Kept here as written at this revision (not imported from the models, which may change later).
RECORD_TABLES = [
    'members', 'activities', 'training_sessions', 'relief_visits', 'hardship_files', 'rights_cases',
    'dues_payments', 'expenses',
]


def upgrade() -> None:
    for table in RECORD_TABLES:
        # Existing rows start at version 1, changed by nobody known yet.
        op.add_column(table, sa.Column('version', sa.Integer(), nullable=False, server_default=sa.text('1')))
        op.add_column(table, sa.Column('changed_by', sa.String(length=100), nullable=False, server_default=''))
    op.create_table(
        'users',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=40), nullable=False),
        sa.Column('display_name', sa.String(length=40), nullable=False),
        sa.Column('role', sa.String(length=20), nullable=False),
        sa.Column('password_hash', sa.String(length=200), nullable=False),
        sa.Column('disabled', sa.Boolean(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
        sa.UniqueConstraint('name', name=op.f('uq_users_name')),
    )


def downgrade() -> None:
    op.drop_table('users')
    for table in reversed(RECORD_TABLES):
        with op.batch_alter_table(table) as batch:
            batch.drop_column('changed_by')
            batch.drop_column('version')
