"""Reviews per day and study streaks: the calendar heatmap's numbers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta


def reviews_per_day(days: Iterable[date], first: date, last: date) -> list[tuple[date, int]]:
    """Every day from ``first`` to ``last`` with its number of reviews (zero days included)."""
    counts = Counter(days)
    span = (last - first).days
    return [(first + timedelta(d), counts.get(first + timedelta(d), 0)) for d in range(span + 1)]


def current_streak(study_days: set[date], today: date) -> int:
    """Consecutive study days ending today, or ending yesterday when today has no review yet."""
    day = today if today in study_days else today - timedelta(days=1)
    streak = 0
    while day in study_days:
        streak += 1
        day -= timedelta(days=1)
    return streak


def longest_streak(study_days: set[date]) -> int:
    """The longest run of consecutive study days ever."""
    best = 0
    for day in study_days:
        if day - timedelta(days=1) in study_days:
            continue  # not the start of a run
        length = 1
        while day + timedelta(days=length) in study_days:
            length += 1
        best = max(best, length)
    return best


__all__ = ["current_streak", "longest_streak", "reviews_per_day"]
