"""Alembic environment: always handed an open connection by unionoffice.store.migrate."""

from alembic import context

from unionoffice.store import models  # noqa: F401  (registers every table)
from unionoffice.store.base import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode rebuilds the table
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
