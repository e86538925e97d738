"""members: a name sort key, pinyin keys as names are read, ethnicity names per GB/T 3304;
training sessions: their exam's full marks

Every member gets ``name_sort_key`` (surname, then given name, character by character) and
recomputed pinyin search keys (曾 zeng, 单 shan …; a character without a reading is no initial).
Ethnicity written in short form (汉, 维吾尔) becomes the GB/T 3304 name (汉族, 维吾尔族); anything
else is left exactly as it was. 政治面貌 codes need no change: the older generic 民主党派 keeps its
code (``democratic_party``) and is shown as 民主党派（未细分）, counted with the eight parties.
A training session may set its exam's full marks (``full_marks``; empty: 100).

Revision ID: 0006
Revises: 0005
"""
from alembic import op
import sqlalchemy as sa

from unionoffice.domain.pinyin import name_columns
from unionoffice.domain.vocabulary import normalize_ethnicity


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

BATCH = 2000


def upgrade() -> None:
    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name_sort_key', sa.String(length=400), nullable=False, server_default=''))
    op.create_index('ix_members_name_sort_key', 'members', ['name_sort_key'], unique=False)
    with op.batch_alter_table('training_sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('full_marks', sa.Integer(), nullable=True))
    connection = op.get_bind()
    members = sa.table('members', sa.column('id', sa.Integer), sa.column('name', sa.String),
                       sa.column('ethnicity', sa.String), sa.column('pinyin_initials', sa.String),
                       sa.column('pinyin_full', sa.String), sa.column('name_sort_key', sa.String))
    update = (
        members.update().where(members.c.id == sa.bindparam('member_id'))
        .values(pinyin_initials=sa.bindparam('initials'), pinyin_full=sa.bindparam('full'),
                name_sort_key=sa.bindparam('sort'), ethnicity=sa.bindparam('ethnic'))
    )
    rows = connection.execute(sa.select(members.c.id, members.c.name, members.c.ethnicity)).all()
    for start in range(0, len(rows), BATCH):
        batch = []
        for member_id, name, ethnicity in rows[start:start + BATCH]:
            keys = name_columns(name or "")
            batch.append({'member_id': member_id, 'initials': keys['pinyin_initials'], 'full': keys['pinyin_full'],
                          'sort': keys['name_sort_key'], 'ethnic': normalize_ethnicity(ethnicity) or ethnicity})
        connection.execute(update, batch)


def downgrade() -> None:
    with op.batch_alter_table('training_sessions', schema=None) as batch_op:
        batch_op.drop_column('full_marks')
    op.drop_index('ix_members_name_sort_key', table_name='members')
    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.drop_column('name_sort_key')
