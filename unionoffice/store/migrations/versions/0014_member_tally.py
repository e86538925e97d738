"""roster: members counted per composition cell and per birth date, kept by triggers

Revision ID: 0014
Revises: 0012
Create Date: 2026-12-01 17:20:00
"""
import sqlalchemy as sa
from alembic import op


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None

# The trigger text lives in store/member_tally_sql.py: the schema guard accepts exactly that text.
from unionoffice.store.member_tally_sql import CELL, postgresql_statements, recount_statements, sqlite_triggers  # noqa: E402


def upgrade() -> None:
    op.create_table(
        'member_tally',
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('sex', sa.String(length=10), nullable=False),
        sa.Column('education', sa.String(length=30), nullable=False),
        sa.Column('political_status', sa.String(length=30), nullable=False),
        sa.Column('migrant_worker', sa.Boolean(), nullable=False),
        sa.Column('group_id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('members', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(*CELL, name=op.f('pk_member_tally')),
    )
    op.create_table(
        'member_birth_tally',
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('birth_date', sa.Date(), nullable=False),
        sa.Column('members', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('status', 'birth_date', name=op.f('pk_member_birth_tally')),
    )
    op.create_table(
        'member_tally_pause',
        sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_member_tally_pause')),
    )
    dialect = op.get_bind().dialect.name
    for statement in recount_statements(dialect):
        op.execute(statement)
    for statement in (postgresql_statements() if dialect == "postgresql" else sqlite_triggers()):
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS member_tally_change ON members")
        op.execute("DROP FUNCTION IF EXISTS member_tally_change()")
        op.execute("DROP FUNCTION IF EXISTS member_tally_add(varchar, varchar, varchar, varchar, boolean, integer, date, integer)")
    else:
        for name in ("member_tally_insert", "member_tally_delete", "member_tally_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table('member_tally_pause')
    op.drop_table('member_birth_tally')
    op.drop_table('member_tally')
