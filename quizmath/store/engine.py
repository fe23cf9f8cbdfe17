"""From ``--db`` / ``QUIZMATH_DB`` to a configured SQLAlchemy engine.

SQLite gets WAL mode, a busy timeout and foreign keys on every connection, and write
transactions start with ``BEGIN IMMEDIATE`` so two processes queue for the write lock instead
of failing with "database is locked" when a read turns into a write.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import ConnectionPoolEntry

from quizmath.errors import StoreError
from quizmath.store.settings import BUSY_TIMEOUT_SECONDS, default_database_path, local_path

IMMEDIATE = "quizmath_immediate"
"""Execution option that makes a SQLite transaction take the write lock when it begins."""


def database_url(db: str | None) -> str:
    """A SQLAlchemy URL for ``db``: any value containing ``://`` is a URL, anything else a path."""
    path = local_path(db)
    return f"sqlite:///{path}" if path is not None else str(db)


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def make_engine(url: str) -> Engine:
    """An engine for ``url``; a SQLite file's folder is created so a first run just works."""
    path = sqlite_path(url)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"cannot create the folder for {path}: {error.strerror}") from None
    try:
        if make_url(url).get_backend_name() == "sqlite":
            engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_SECONDS})
            _configure_sqlite(engine)
        else:
            engine = create_engine(url, pool_pre_ping=True)
    except (ArgumentError, ImportError) as error:
        raise StoreError(f"cannot use database {url!r}: {error}") from None
    return engine


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: sqlite3.Connection, record: ConnectionPoolEntry) -> None:
        # The driver's own implicit BEGIN is switched off: the "begin" hook below issues it.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
            cursor.execute("PRAGMA foreign_keys = ON")
            if sqlite_path(str(engine.url)) is not None:
                cursor.execute("PRAGMA journal_mode = WAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get(IMMEDIATE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def describe(error: BaseException) -> str:
    """A driver error as one line, without SQL text or parameters."""
    original: Any = getattr(error, "orig", None) or error
    text = str(original).strip().splitlines()
    return text[0] if text else type(original).__name__


__all__ = [
    "BUSY_TIMEOUT_SECONDS",
    "IMMEDIATE",
    "database_url",
    "default_database_path",
    "describe",
    "make_engine",
    "sqlite_path",
]
