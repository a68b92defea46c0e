"""Alembic environment: always run by cedre_desk.storage.migrate on a connection it gives."""

from __future__ import annotations

from alembic import context

from cedre_desk.storage.models import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,  # SQLite alters tables by rebuilding them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
