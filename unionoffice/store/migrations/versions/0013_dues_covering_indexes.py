"""dues lists read their compact rows from covering indexes: wage bases and paid-year summaries in
member order (lists over several years add up per member) and in year order (one year's figures),
and membership events per member with their kind (the arrears list and the summary's dues figures
scan these for every member of the office); the year index on wage bases gives way to the covering one

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01 17:10:00
"""
from alembic import op


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_dues_bases_member_year_base', 'dues_bases', ['member_id', 'year', 'base_fen'])
    op.drop_index('ix_dues_bases_year', table_name='dues_bases')
    op.create_index('ix_dues_bases_year_member_base', 'dues_bases', ['year', 'member_id', 'base_fen'])
    op.create_index('ix_dues_paid_years_member_cover', 'dues_paid_years',
                    ['member_id', 'year', 'months_mask', 'paid_fen'])
    op.create_index('ix_dues_paid_years_year_cover', 'dues_paid_years',
                    ['year', 'member_id', 'months_mask', 'paid_fen'])
    op.create_index('ix_membership_events_member_kind_date', 'membership_events', ['member_id', 'kind', 'date'])


def downgrade() -> None:
    op.drop_index('ix_membership_events_member_kind_date', table_name='membership_events')
    op.drop_index('ix_dues_paid_years_year_cover', table_name='dues_paid_years')
    op.drop_index('ix_dues_paid_years_member_cover', table_name='dues_paid_years')
    op.drop_index('ix_dues_bases_year_member_base', table_name='dues_bases')
    op.create_index('ix_dues_bases_year', 'dues_bases', ['year'])
    op.drop_index('ix_dues_bases_member_year_base', table_name='dues_bases')
