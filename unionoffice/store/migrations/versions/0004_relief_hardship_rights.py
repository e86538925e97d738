"""relief visits, hardship files, rights cases

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 10:53:01.849014
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    
    op.create_table('relief_occasions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('limit_fen', sa.Integer(), nullable=True),
    sa.Column('retired', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_relief_occasions')),
    sa.UniqueConstraint('code', name=op.f('uq_relief_occasions_code')),
    sa.UniqueConstraint('name', name=op.f('uq_relief_occasions_name'))
    )
    op.create_table('relief_batches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=100), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('occasion_id', sa.Integer(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['occasion_id'], ['relief_occasions.id'], name=op.f('fk_relief_batches_occasion_id_relief_occasions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_relief_batches'))
    )
    op.create_table('hardship_files',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=30), nullable=False),
    sa.Column('main_cause', sa.String(length=5), nullable=False),
    sa.Column('health', sa.String(length=100), nullable=False),
    sa.Column('disability', sa.String(length=50), nullable=False),
    sa.Column('marital_status', sa.String(length=20), nullable=True),
    sa.Column('single_parent', sa.Boolean(), nullable=False),
    sa.Column('housing', sa.String(length=100), nullable=False),
    sa.Column('monthly_income_fen', sa.Integer(), nullable=False),
    sa.Column('household_size', sa.Integer(), nullable=False),
    sa.Column('household_annual_income_fen', sa.Integer(), nullable=False),
    sa.Column('medical_insurance', sa.String(length=100), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('opened_on', sa.Date(), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('close_reason', sa.Text(), nullable=False),
    sa.Column('reviewed_on', sa.Date(), nullable=True),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_hardship_files_member_id_members')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hardship_files'))
    )
    with op.batch_alter_table('hardship_files', schema=None) as batch_op:
        batch_op.create_index('ix_hardship_files_member', ['member_id'], unique=False)
        batch_op.create_index('ix_hardship_files_status', ['status'], unique=False)

    op.create_table('relief_visits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('family_name', sa.String(length=50), nullable=False),
    sa.Column('family_relation', sa.String(length=20), nullable=False),
    sa.Column('occasion_id', sa.Integer(), nullable=False),
    sa.Column('cash_fen', sa.Integer(), nullable=False),
    sa.Column('goods', sa.String(length=200), nullable=False),
    sa.Column('goods_value_fen', sa.Integer(), nullable=False),
    sa.Column('funding_source', sa.String(length=20), nullable=False),
    sa.Column('visitors', sa.String(length=200), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('in_accounts', sa.Boolean(), nullable=False),
    sa.Column('over_limit_reason', sa.Text(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['relief_batches.id'], name=op.f('fk_relief_visits_batch_id_relief_batches'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_relief_visits_member_id_members')),
    sa.ForeignKeyConstraint(['occasion_id'], ['relief_occasions.id'], name=op.f('fk_relief_visits_occasion_id_relief_occasions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_relief_visits'))
    )
    with op.batch_alter_table('relief_visits', schema=None) as batch_op:
        batch_op.create_index('ix_relief_visits_batch', ['batch_id'], unique=False)
        batch_op.create_index('ix_relief_visits_date', ['date'], unique=False)
        batch_op.create_index('ix_relief_visits_member', ['member_id'], unique=False)

    op.create_table('rights_cases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('complainant', sa.String(length=50), nullable=False),
    sa.Column('contact', sa.String(length=50), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('result', sa.String(length=20), nullable=True),
    sa.Column('money_recovered_fen', sa.Integer(), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_rights_cases_member_id_members'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rights_cases'))
    )
    with op.batch_alter_table('rights_cases', schema=None) as batch_op:
        batch_op.create_index('ix_rights_cases_received', ['received_on'], unique=False)

    op.create_table('hardship_causes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('file_id', sa.Integer(), nullable=False),
    sa.Column('cause', sa.String(length=5), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['file_id'], ['hardship_files.id'], name=op.f('fk_hardship_causes_file_id_hardship_files'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hardship_causes'))
    )
    op.create_table('hardship_family_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('file_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('relation', sa.String(length=20), nullable=False),
    sa.Column('sex', sa.String(length=10), nullable=True),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('id_number', sa.String(length=30), nullable=False),
    sa.Column('health', sa.String(length=100), nullable=False),
    sa.Column('monthly_income_fen', sa.Integer(), nullable=False),
    sa.Column('work_or_school', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['file_id'], ['hardship_files.id'], name=op.f('fk_hardship_family_members_file_id_hardship_files'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hardship_family_members'))
    )
    op.create_table('hardship_status_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('file_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['file_id'], ['hardship_files.id'], name=op.f('fk_hardship_status_changes_file_id_hardship_files'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hardship_status_changes'))
    )
    op.create_table('rights_case_steps',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('action', sa.Text(), nullable=False),
    sa.Column('handler', sa.String(length=50), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['rights_cases.id'], name=op.f('fk_rights_case_steps_case_id_rights_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rights_case_steps'))
    )



def downgrade() -> None:
    
    op.drop_table('rights_case_steps')
    op.drop_table('hardship_status_changes')
    op.drop_table('hardship_family_members')
    op.drop_table('hardship_causes')
    with op.batch_alter_table('rights_cases', schema=None) as batch_op:
        batch_op.drop_index('ix_rights_cases_received')

    op.drop_table('rights_cases')
    with op.batch_alter_table('relief_visits', schema=None) as batch_op:
        batch_op.drop_index('ix_relief_visits_member')
        batch_op.drop_index('ix_relief_visits_date')
        batch_op.drop_index('ix_relief_visits_batch')

    op.drop_table('relief_visits')
    with op.batch_alter_table('hardship_files', schema=None) as batch_op:
        batch_op.drop_index('ix_hardship_files_status')
        batch_op.drop_index('ix_hardship_files_member')

    op.drop_table('hardship_files')
    op.drop_table('relief_batches')
    op.drop_table('relief_occasions')

