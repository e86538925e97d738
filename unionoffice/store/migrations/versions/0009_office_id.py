"""office id: a random identity of the office's database, written into every backup's manifest

Backup rotation deletes only archives that carry this id, never another office's backups or
files merely named like one. Existing databases get an id of their own on upgrade.

Revision ID: 0009
Revises: 0008
"""
from alembic import op


revision = '0009'
down_revision = '0008'  # re-chained when the branches were merged
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "INSERT OR IGNORE INTO settings (key, value) VALUES ('office_id', lower(hex(randomblob(16))))"
    )


def downgrade() -> None:
    op.execute("DELETE FROM settings WHERE key = 'office_id'")
