"""The one clock every command reads; ``QUIZMATH_NOW`` replaces it for tests and simulations."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from quizmath.errors import QuizmathError


def now() -> datetime:
    """The current time as an aware UTC datetime, or ``QUIZMATH_NOW`` when it is set."""
    override = os.environ.get("QUIZMATH_NOW")
    if not override:
        return datetime.now(UTC)
    return parse_instant(override, what="QUIZMATH_NOW")


def parse_instant(text: str, *, what: str = "time") -> datetime:
    """An ISO 8601 instant as aware UTC; a value without an offset is read as local time."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise QuizmathError(
            f"{what} must be an ISO 8601 time such as 2026-01-31T09:00:00Z, not {text!r}"
        ) from None
    if value.tzinfo is None:
        value = value.astimezone()
    return value.astimezone(UTC)


def require_aware(value: datetime) -> datetime:
    """Refuse naive datetimes so that no local-time ambiguity reaches the store or scheduler."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("naive datetime refused: pass a timezone-aware datetime")
    return value


__all__ = ["now", "parse_instant", "require_aware"]
