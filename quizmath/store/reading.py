"""The database as the read-only commands open it, as cheaply as it allows.

``status``, ``plan list|today|status`` and ``stats`` only read. A SQLite file already at the
newest schema is opened read-only with the stdlib ``sqlite3``, which keeps SQLAlchemy (the
larger part of such a command's start-up) out of the process; a URL, a missing file or an
older schema goes through the full store, which creates or migrates it first.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from quizmath.store.settings import BUSY_TIMEOUT_SECONDS, HEAD, local_path
from quizmath.store.sqlread import ReadSource, open_sqlite_at


@contextmanager
def read_source(db: str | None, now: datetime) -> Iterator[ReadSource]:
    """``db`` (a path, a SQLAlchemy URL, or None for the default file) opened for reading."""
    path = local_path(db)
    fast = None if path is None else open_sqlite_at(path, HEAD, timeout=BUSY_TIMEOUT_SECONDS)
    if fast is not None:
        try:
            yield fast
        finally:
            fast.close()
        return
    from quizmath.store.database import open_store

    store = open_store(db, now=now)
    try:
        yield store
    finally:
        store.close()


__all__ = ["read_source"]
