"""How many reviews fall due on each of the coming days."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta


def due_forecast(due_days: Iterable[date], today: date, days: int = 30) -> list[tuple[date, int]]:
    """Reviews due per day for ``days`` days from today; anything overdue counts on today."""
    counts = Counter(max(day, today) for day in due_days)
    return [(today + timedelta(d), counts.get(today + timedelta(d), 0)) for d in range(days)]


__all__ = ["due_forecast"]
