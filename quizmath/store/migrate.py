"""Bring a database to the newest schema with Alembic, backing a SQLite file up first.

The migration scripts ship inside the package (``quizmath.migrations``), so an installed
wheel migrates without the source checkout. Alembic itself is imported only when a migration
is pending: a database already at ``HEAD`` costs one small query to confirm.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text

from quizmath.errors import StoreError
from quizmath.store.backup import backup_sqlite
from quizmath.store.engine import IMMEDIATE, sqlite_path
from quizmath.store.settings import HEAD

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine

VERSION_TABLE = "alembic_version"


@dataclass(frozen=True)
class Upgrade:
    """What ``upgrade`` did: the revision before (None for an empty database) and after."""

    before: str | None
    after: str
    backup: Path | None

    @property
    def changed(self) -> bool:
        return self.before != self.after


def migrations_location() -> Path:
    """The folder of ``env.py`` and ``versions/``, wherever the package is installed."""
    location = Path(str(files("quizmath.migrations")))
    if not (location / "env.py").is_file():
        raise StoreError(f"the migration scripts are missing from {location}; reinstall quizmath")
    return location


def alembic_config(url: str | None = None, connection: Connection | None = None) -> Config:
    """An Alembic configuration built in code (no ini file); ``env.py`` reads both options."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_location()))
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def current_revision(connection: Connection) -> str | None:
    """The revision recorded in the database, or None before the first migration."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    return connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()


def holds_data(connection: Connection) -> bool:
    """Whether the database has any table at all: an empty file needs no backup."""
    return bool(inspect(connection).get_table_names())


def upgrade(engine: Engine, *, now: datetime) -> Upgrade:
    """Migrate to ``HEAD`` under the write lock, so two first runs cannot both migrate."""
    with engine.connect() as connection:
        connection.execution_options(**{IMMEDIATE: True})
        with connection.begin():
            before = current_revision(connection)
            if before == HEAD:
                return Upgrade(before, HEAD, None)
            _require_known(before)
            backup = None
            path = sqlite_path(str(engine.url))
            if path is not None and holds_data(connection):
                backup = backup_sqlite(path, now)
            from alembic import command

            command.upgrade(alembic_config(connection=connection), "head")
            return Upgrade(before, HEAD, backup)


def _require_known(revision: str | None) -> None:
    """Refuse a database written by a newer quizmath instead of corrupting it."""
    if revision is None:
        return
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    scripts = ScriptDirectory.from_config(alembic_config())
    try:
        scripts.get_revision(revision)
    except CommandError:
        raise StoreError(
            f"the database is at schema revision {revision!r}, which this quizmath does not "
            "know; upgrade quizmath"
        ) from None


__all__ = [
    "HEAD",
    "Upgrade",
    "alembic_config",
    "current_revision",
    "holds_data",
    "migrations_location",
    "upgrade",
]
