"""Alembic environment: runs on the connection `timeline.store.db` hands over,
or, from the `alembic` command line, on `sqlalchemy.url` / $TIMELINE_DB."""
from __future__ import annotations

from alembic import context
from sqlalchemy import engine_from_config, pool

from timeline.store.models import Base

config = context.config
target_metadata = Base.metadata


def _configure(connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=connection.dialect.name == "sqlite",
                      compare_type=True)


def run_migrations_offline() -> None:
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata,
                      literal_binds=True, dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:          # called from timeline.store.db: reuse its transaction
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    import os
    url = os.environ.get("TIMELINE_DB") or config.get_main_option("sqlalchemy.url")
    if not url:
        from timeline.store.db import default_url
        url = default_url()
    connectable = engine_from_config({"sqlalchemy.url": url}, prefix="sqlalchemy.",
                                     poolclass=pool.NullPool)
    with connectable.connect() as conn:
        _configure(conn)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
