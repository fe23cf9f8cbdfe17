"""The plain records statistics are computed from, read out of the store in one query each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class ReviewFact:
    """One review as statistics see it; ``day`` is the study day (days start at 4 am)."""

    day: date
    topic: str
    correct: bool
    mature: bool
    response_ms: int | None
    mistake: str | None
    mock: bool = False


__all__ = ["ReviewFact"]
