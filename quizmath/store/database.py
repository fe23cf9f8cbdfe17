"""Opening a database and running short transactions against it.

Every driver failure (a corrupt or foreign file, a lock held too long, a lost server) leaves
this module as a one-line ``StoreError``, never a traceback.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from quizmath import clock
from quizmath.errors import StoreError
from quizmath.store.engine import IMMEDIATE, database_url, describe, make_engine, sqlite_path
from quizmath.store.migrate import Upgrade, current_revision, upgrade
from quizmath.store.sqlread import SqlAlchemyReader


@dataclass
class Store:
    """An open database: where it is and how to read or write it."""

    url: str
    engine: Engine

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for a server database."""
        return sqlite_path(self.url)

    @property
    def name(self) -> str:
        """How to name the database in messages without leaking a password."""
        return str(self.path) if self.path else self.engine.url.render_as_string()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for queries; nothing it does is committed."""
        with self._translated(), Session(self.engine) as session:
            yield session

    @contextmanager
    def sql_reader(self) -> Iterator[SqlAlchemyReader]:
        """A reader for the plain-SQL queries of ``quizmath.store.sqlread``."""
        with self._translated(), self.engine.connect() as connection:
            yield SqlAlchemyReader(connection)

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """One transaction holding the write lock from its start, committed on success."""
        engine = self.engine.execution_options(**{IMMEDIATE: True})
        with self._translated(), Session(engine) as session, session.begin():
            yield session

    def revision(self) -> str | None:
        """The schema revision the database is at."""
        with self._translated(), self.engine.connect() as connection:
            return current_revision(connection)

    def upgrade(self, now: datetime | None = None) -> Upgrade:
        """Migrate to the newest schema, backing up a SQLite file that holds data."""
        with self._translated():
            return upgrade(self.engine, now=now or clock.now())

    def integrity_problems(self) -> list[str]:
        """What SQLite's integrity check reports; empty when all is well (or not SQLite)."""
        if self.engine.dialect.name != "sqlite":
            return []
        with self._translated(), self.engine.connect() as connection:
            rows = connection.execute(text("PRAGMA integrity_check")).scalars().all()
        return [] if list(rows) == ["ok"] else [str(row) for row in rows]

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except SQLAlchemyError as error:
            raise StoreError(f"database {self.name}: {describe(error)}") from None


def open_store(db: str | None, *, migrate: bool = True, now: datetime | None = None) -> Store:
    """Open ``db`` (a path, a SQLAlchemy URL, or None for the default file).

    With ``migrate`` (every command but ``quizmath db``) the schema is brought to the newest
    revision first, so no command ever runs against an old schema.
    """
    url = database_url(db)
    store = Store(url, make_engine(url))
    if migrate:
        try:
            store.upgrade(now)
        except BaseException:
            store.close()
            raise
    return store


__all__ = ["Store", "open_store"]
