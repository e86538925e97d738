"""dues ledger, expense ledger, one funding-source vocabulary, training cost

Revision ID: 0008
Revises: 0007

Funding sources typed freely on activities (工会经费, 行政拨款 …) become the shared codes; a value
that names no known source becomes "other" and its text is appended to the activity's
description, so nothing typed is lost.
"""
from alembic import op
import sqlalchemy as sa

from unionoffice.domain.funds import FundingSource


revision = '0008'
down_revision = '0007'  # re-chained when the branches were merged
branch_labels = None
depends_on = None

KEPT_NOTE = "原经费来源："


def _map_activity_funding(conn: sa.Connection) -> None:
    rows = conn.execute(sa.text("SELECT id, funding_source, description FROM activities WHERE funding_source != ''")).all()
    for activity_id, text, description in rows:
        found = FundingSource.from_text(text)
        if found is not None:
            code, description_after = found.value, description
        else:
            code = FundingSource.OTHER.value
            note = f"{KEPT_NOTE}{text}"
            description_after = f"{description}\n{note}" if description else note
        if code != text or description_after != description:
            conn.execute(sa.text("UPDATE activities SET funding_source = :code, description = :description WHERE id = :id"),
                         {"code": code, "description": description_after, "id": activity_id})


def upgrade() -> None:
    op.create_table('dues_bases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('base_fen', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_dues_bases_member_id_members'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dues_bases')),
    sa.UniqueConstraint('member_id', 'year', name='uq_dues_bases_member_year')
    )
    op.create_index('ix_dues_bases_year', 'dues_bases', ['year'], unique=False)
    op.create_table('dues_exemptions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('first_month', sa.Integer(), nullable=False),
    sa.Column('last_month', sa.Integer(), nullable=True),
    sa.Column('reason', sa.String(length=20), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_dues_exemptions_member_id_members'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dues_exemptions'))
    )
    op.create_index('ix_dues_exemptions_member', 'dues_exemptions', ['member_id'], unique=False)
    op.create_table('dues_payments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('paid_on', sa.Date(), nullable=False),
    sa.Column('first_month', sa.Integer(), nullable=False),
    sa.Column('last_month', sa.Integer(), nullable=False),
    sa.Column('amount_fen', sa.Integer(), nullable=False),
    sa.Column('method', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('receipt_no', sa.String(length=40), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_dues_payments_member_id_members')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dues_payments'))
    )
    op.create_index('ix_dues_payments_member', 'dues_payments', ['member_id'], unique=False)
    op.create_index('ix_dues_payments_paid_on', 'dues_payments', ['paid_on'], unique=False)
    op.create_table('dues_payment_months',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('payment_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('month', sa.Integer(), nullable=False),
    sa.Column('amount_fen', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_dues_payment_months_member_id_members')),
    sa.ForeignKeyConstraint(['payment_id'], ['dues_payments.id'], name=op.f('fk_dues_payment_months_payment_id_dues_payments'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dues_payment_months'))
    )
    op.create_index('ix_dues_payment_months_member_month', 'dues_payment_months', ['member_id', 'month', 'deleted', 'amount_fen'], unique=False)
    op.create_index('ix_dues_payment_months_month', 'dues_payment_months', ['month', 'deleted', 'member_id', 'amount_fen'], unique=False)
    op.create_index('ix_dues_payment_months_payment', 'dues_payment_months', ['payment_id'], unique=False)
    op.create_table('dues_paid_years',
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('months_mask', sa.Integer(), nullable=False),
    sa.Column('paid_fen', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_dues_paid_years_member_id_members'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('member_id', 'year', name=op.f('pk_dues_paid_years'))
    )
    op.create_table('expenses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('purpose', sa.String(length=200), nullable=False),
    sa.Column('amount_fen', sa.Integer(), nullable=False),
    sa.Column('funding_source', sa.String(length=100), nullable=False),
    sa.Column('handler', sa.String(length=50), nullable=False),
    sa.Column('voucher_no', sa.String(length=50), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_expenses'))
    )
    op.create_index('ix_expenses_date', 'expenses', ['date'], unique=False)
    with op.batch_alter_table('training_sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cost_fen', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('funding_source', sa.String(length=100), nullable=False, server_default=''))
    with op.batch_alter_table('training_sessions', schema=None) as batch_op:
        batch_op.alter_column('cost_fen', server_default=None)
        batch_op.alter_column('funding_source', server_default=None)
    _map_activity_funding(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table('training_sessions', schema=None) as batch_op:
        batch_op.drop_column('funding_source')
        batch_op.drop_column('cost_fen')
    op.drop_index('ix_expenses_date', table_name='expenses')
    op.drop_table('expenses')
    op.drop_table('dues_paid_years')
    op.drop_table('dues_payment_months')
    op.drop_table('dues_payments')
    op.drop_table('dues_exemptions')
    op.drop_table('dues_bases')
