"""Facts about the database that both ways of opening it need, without importing SQLAlchemy."""

from __future__ import annotations

from pathlib import Path

import platformdirs

HEAD = "0002"
"""The newest revision in ``alembic/versions``; a test keeps the two in step."""

BUSY_TIMEOUT_SECONDS = 10.0


def default_database_path() -> Path:
    """The one SQLite file used when neither ``--db`` nor ``QUIZMATH_DB`` is given."""
    return Path(platformdirs.user_data_dir("quizmath")) / "quizmath.db"


def local_path(db: str | None) -> Path | None:
    """The SQLite file ``db`` names (None: the default file), or None when ``db`` is a URL."""
    if db and "://" in db:
        return None
    return (Path(db).expanduser() if db else default_database_path()).resolve()


__all__ = ["BUSY_TIMEOUT_SECONDS", "HEAD", "default_database_path", "local_path"]
