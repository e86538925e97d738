"""ledgers: an activity's photos and files can be kept in the database (a server office)

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


def upgrade() -> None:
    # NULL: the file lives in the attachments folder beside a local database file, as before.
    op.add_column('activity_attachments', sa.Column('content', sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('activity_attachments') as batch:
        batch.drop_column('content')
