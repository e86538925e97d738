"""hardship files by the national rules: 低保标准, 刚性支出, reviews, monthly income, 档案表 fields

Revision ID: 0007
Revises: 0006

Existing files keep everything: the old categories are renamed (低保 → 深度困难, 低保边缘 → 相对困难),
and a file's last review date becomes its first recorded review.
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'  # re-chained when the branches were merged
branch_labels = None
depends_on = None

_FILE_COLUMNS = [
    ('category_reason', sa.Text(), ''),
    ('hardship_costs_fen', sa.Integer(), '0'),
    ('hardship_offsets_fen', sa.Integer(), '0'),
    ('excl_several_homes', sa.Boolean(), '0'),
    ('excl_business', sa.Boolean(), '0'),
    ('excl_private_school', sa.Boolean(), '0'),
    ('excl_vehicle', sa.Boolean(), '0'),
    ('exclusion_reason', sa.Text(), ''),
    ('staff_no', sa.String(length=30), ''),
    ('other_income_fen', sa.Integer(), '0'),
    ('hukou_division', sa.String(length=12), ''),
    ('zero_employment', sa.Boolean(), '0'),
]
_FILE_NULLABLE = [
    ('work_status', sa.String(length=5)),
    ('model_worker', sa.String(length=5)),
    ('industry', sa.String(length=5)),
    ('work_started_on', sa.Date()),
    ('key_group', sa.String(length=5)),
]
_FAMILY_NULLABLE = [
    ('political_status', sa.String(length=5)),
    ('identity', sa.String(length=5)),
    ('medical_cover', sa.String(length=5)),
]


def upgrade() -> None:
    op.create_table('subsistence_standards',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('effective_on', sa.Date(), nullable=False),
    sa.Column('monthly_fen', sa.Integer(), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subsistence_standards')),
    sa.UniqueConstraint('effective_on', name=op.f('uq_subsistence_standards_effective_on'))
    )
    op.create_table('hardship_rigid_costs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('file_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('description', sa.String(length=200), nullable=False),
    sa.Column('amount_fen', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['file_id'], ['hardship_files.id'], name=op.f('fk_hardship_rigid_costs_file_id_hardship_files'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hardship_rigid_costs'))
    )
    op.create_index('ix_hardship_rigid_costs_file', 'hardship_rigid_costs', ['file_id'], unique=False)
    op.create_table('hardship_reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('file_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('reviewer', sa.String(length=50), nullable=False),
    sa.Column('findings', sa.Text(), nullable=False),
    sa.Column('household_annual_income_fen', sa.Integer(), nullable=True),
    sa.Column('household_size', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['file_id'], ['hardship_files.id'], name=op.f('fk_hardship_reviews_file_id_hardship_files'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hardship_reviews'))
    )
    op.create_index('ix_hardship_reviews_file_date', 'hardship_reviews', ['file_id', 'date'], unique=False)
    op.create_table('hardship_monthly_incomes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('file_id', sa.Integer(), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('household_income_fen', sa.Integer(), nullable=False),
    sa.Column('household_size', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['file_id'], ['hardship_files.id'], name=op.f('fk_hardship_monthly_incomes_file_id_hardship_files'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hardship_monthly_incomes')),
    sa.UniqueConstraint('file_id', 'month', name='uq_hardship_monthly_incomes_file_month')
    )
    for name, type_, default in _FILE_COLUMNS:
        op.add_column('hardship_files', sa.Column(name, type_, nullable=False, server_default=default))
    for name, type_ in _FILE_NULLABLE:
        op.add_column('hardship_files', sa.Column(name, type_, nullable=True))
    for name, type_ in _FAMILY_NULLABLE:
        op.add_column('hardship_family_members', sa.Column(name, type_, nullable=True))
    op.add_column('relief_occasions', sa.Column('for_filed_families', sa.Boolean(), nullable=False, server_default='0'))
    op.execute("UPDATE hardship_files SET category = 'deep' WHERE category = 'subsistence'")
    op.execute("UPDATE hardship_files SET category = 'relative' WHERE category = 'near_subsistence'")
    op.execute(
        "INSERT INTO hardship_reviews (file_id, date, reviewer, findings, created_at) "
        "SELECT id, reviewed_on, '', '', CURRENT_TIMESTAMP FROM hardship_files WHERE reviewed_on IS NOT NULL"
    )


def downgrade() -> None:
    op.execute("UPDATE hardship_files SET category = 'subsistence' WHERE category = 'deep'")
    op.execute("UPDATE hardship_files SET category = 'near_subsistence' WHERE category = 'relative'")
    with op.batch_alter_table('relief_occasions') as batch:
        batch.drop_column('for_filed_families')
    with op.batch_alter_table('hardship_family_members') as batch:
        for name, _type in _FAMILY_NULLABLE:
            batch.drop_column(name)
    with op.batch_alter_table('hardship_files') as batch:
        for name, *_rest in _FILE_COLUMNS + _FILE_NULLABLE:
            batch.drop_column(name)
    op.drop_table('hardship_monthly_incomes')
    op.drop_index('ix_hardship_reviews_file_date', table_name='hardship_reviews')
    op.drop_table('hardship_reviews')
    op.drop_index('ix_hardship_rigid_costs_file', table_name='hardship_rigid_costs')
    op.drop_table('hardship_rigid_costs')
    op.drop_table('subsistence_standards')
