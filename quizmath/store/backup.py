"""Copy a live SQLite database with SQLite's online backup API (safe while others write)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from quizmath.errors import StoreError
from quizmath.store.engine import BUSY_TIMEOUT_SECONDS


def backup_path(path: Path, at: datetime) -> Path:
    """``<name>.bak-<UTC timestamp>`` next to ``path``, numbered if that name is taken."""
    stamp = at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    candidate = path.with_name(f"{path.name}.bak-{stamp}")
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.bak-{stamp}-{number}")
        number += 1
    return candidate


def backup_sqlite(path: Path, at: datetime, target: Path | None = None) -> Path:
    """Write a consistent copy of the database at ``path`` and return where it went."""
    if not path.is_file():
        raise StoreError(f"no database file at {path}")
    destination = target if target is not None else backup_path(path, at)
    if destination.exists():
        raise StoreError(f"{destination} already exists; choose another backup file")
    try:
        source = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS)
        try:
            copy = sqlite3.connect(destination)
            try:
                source.backup(copy)
            finally:
                copy.close()
        finally:
            source.close()
    except sqlite3.Error as error:
        destination.unlink(missing_ok=True)
        raise StoreError(f"cannot back up {path}: {error}") from None
    return destination


__all__ = ["backup_path", "backup_sqlite"]
