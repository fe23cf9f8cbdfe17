"""Alembic environment: migrate the connection (or URL) handed over in the configuration.

quizmath builds the configuration in code (``quizmath.store.migrate.alembic_config``); there
is no ini file, so the same scripts run from a checkout and from an installed wheel.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from quizmath.store.models import Base


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite cannot ALTER most things: batch mode rebuilds the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        run_migrations(connection)
        return
    engine = create_engine(context.config.get_main_option("sqlalchemy.url") or "")
    try:
        with engine.connect() as fresh:
            run_migrations(fresh)
    finally:
        engine.dispose()


run()
