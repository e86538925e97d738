"""activities and training: activity log, attendance, awards, attachments, training sessions, kinds lists

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 10:52:34.559037
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'  # re-chained after the roster's 0002 on the roster branch
branch_labels = None
depends_on = None

# The kinds lists; the clerk may rename, reorder, retire and add to them later.
ACTIVITY_KINDS = [
    ("sports_culture", "文体活动"), ("festival", "节日活动"), ("competition", "劳动竞赛/技能比武"),
    ("meeting", "会议"), ("study_visit", "参观学习"), ("volunteer", "志愿服务"), ("other", "其他"),
]
TRAINING_KINDS = [
    ("technical", "技术/技能培训"), ("safety", "安全培训"), ("political", "政治理论"),
    ("legal", "法律知识"), ("mental_health", "心理健康"), ("other", "其他"),
]


def upgrade() -> None:
    op.create_table('activities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('organiser', sa.String(length=20), nullable=False),
    sa.Column('organiser_name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('cost_fen', sa.Integer(), nullable=False),
    sa.Column('funding_source', sa.String(length=100), nullable=False),
    sa.Column('outsider_count', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activities'))
    )
    with op.batch_alter_table('activities', schema=None) as batch_op:
        batch_op.create_index('ix_activities_kind', ['kind'], unique=False)
        batch_op.create_index('ix_activities_start_date', ['start_date'], unique=False)

    kinds = op.create_table('ledger_kinds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ledger', sa.String(length=20), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('label', sa.String(length=60), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('retired', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ledger_kinds')),
    sa.UniqueConstraint('ledger', 'code', name='uq_ledger_kinds_ledger_code')
    )
    op.create_table('training_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('hours_tenths', sa.Integer(), nullable=False),
    sa.Column('trainer', sa.String(length=100), nullable=False),
    sa.Column('organiser', sa.String(length=200), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_sessions'))
    )
    with op.batch_alter_table('training_sessions', schema=None) as batch_op:
        batch_op.create_index('ix_training_sessions_kind', ['kind'], unique=False)
        batch_op.create_index('ix_training_sessions_start_date', ['start_date'], unique=False)

    op.create_table('activity_attachments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('stored_name', sa.String(length=255), nullable=False),
    sa.Column('original_name', sa.String(length=255), nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activities.id'], name=op.f('fk_activity_attachments_activity_id_activities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activity_attachments'))
    )
    with op.batch_alter_table('activity_attachments', schema=None) as batch_op:
        batch_op.create_index('ix_activity_attachments_activity', ['activity_id'], unique=False)

    op.create_table('activity_attendees',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activities.id'], name=op.f('fk_activity_attendees_activity_id_activities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_activity_attendees_member_id_members'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activity_attendees')),
    sa.UniqueConstraint('activity_id', 'member_id', name='uq_activity_attendees_activity_member')
    )
    with op.batch_alter_table('activity_attendees', schema=None) as batch_op:
        batch_op.create_index('ix_activity_attendees_member', ['member_id'], unique=False)

    op.create_table('activity_awards',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('level', sa.String(length=20), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('collective_name', sa.String(length=200), nullable=False),
    sa.Column('date', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['activity_id'], ['activities.id'], name=op.f('fk_activity_awards_activity_id_activities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_activity_awards_member_id_members'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activity_awards'))
    )
    with op.batch_alter_table('activity_awards', schema=None) as batch_op:
        batch_op.create_index('ix_activity_awards_activity', ['activity_id'], unique=False)

    op.create_table('training_attendees',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('attended', sa.Boolean(), nullable=False),
    sa.Column('score_tenths', sa.Integer(), nullable=True),
    sa.Column('passed', sa.Boolean(), nullable=True),
    sa.Column('certificate_name', sa.String(length=200), nullable=False),
    sa.Column('certificate_no', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_training_attendees_member_id_members'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['training_sessions.id'], name=op.f('fk_training_attendees_session_id_training_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_attendees')),
    sa.UniqueConstraint('session_id', 'member_id', name='uq_training_attendees_session_member')
    )
    with op.batch_alter_table('training_attendees', schema=None) as batch_op:
        batch_op.create_index('ix_training_attendees_member', ['member_id'], unique=False)

    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.create_index('ix_members_id_sex', ['id', 'sex'], unique=False)

    op.bulk_insert(kinds, [
        {"ledger": ledger, "code": code, "label": label, "position": position, "retired": False}
        for ledger, entries in (("activity", ACTIVITY_KINDS), ("training", TRAINING_KINDS))
        for position, (code, label) in enumerate(entries, start=1)
    ])


def downgrade() -> None:
    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.drop_index('ix_members_id_sex')

    with op.batch_alter_table('training_attendees', schema=None) as batch_op:
        batch_op.drop_index('ix_training_attendees_member')

    op.drop_table('training_attendees')
    with op.batch_alter_table('activity_awards', schema=None) as batch_op:
        batch_op.drop_index('ix_activity_awards_activity')

    op.drop_table('activity_awards')
    with op.batch_alter_table('activity_attendees', schema=None) as batch_op:
        batch_op.drop_index('ix_activity_attendees_member')

    op.drop_table('activity_attendees')
    with op.batch_alter_table('activity_attachments', schema=None) as batch_op:
        batch_op.drop_index('ix_activity_attachments_activity')

    op.drop_table('activity_attachments')
    with op.batch_alter_table('training_sessions', schema=None) as batch_op:
        batch_op.drop_index('ix_training_sessions_start_date')
        batch_op.drop_index('ix_training_sessions_kind')

    op.drop_table('training_sessions')
    op.drop_table('ledger_kinds')
    with op.batch_alter_table('activities', schema=None) as batch_op:
        batch_op.drop_index('ix_activities_start_date')
        batch_op.drop_index('ix_activities_kind')

    op.drop_table('activities')
