"""office id: a random identity of the office's database, written into every backup's manifest

Backup rotation deletes only archives that carry this id, never another office's backups or
files merely named like one. Existing databases get an id of their own on upgrade.

Revision ID: 0009
Revises: 0008
"""
import uuid

import sqlalchemy as sa
from alembic import op


revision = '0009'
down_revision = '0008'  # re-chained when the branches were merged
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Made in Python, not with SQLite's randomblob(), so the same migration runs on a PostgreSQL server.
    bind = op.get_bind()
    if bind.execute(sa.text("SELECT 1 FROM settings WHERE key = 'office_id'")).first() is None:
        bind.execute(sa.text("INSERT INTO settings (key, value) VALUES ('office_id', :value)"),
                     {"value": uuid.uuid4().hex})


def downgrade() -> None:
    op.execute("DELETE FROM settings WHERE key = 'office_id'")
