"""Times and durations as people read them: local clock times, "in 3 h", "2 min 5 s"."""

from __future__ import annotations

from datetime import datetime, timedelta


def duration_text(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s" if minutes else f"{rest} s"


def next_review_text(next_due: datetime | None, now: datetime) -> str:
    """When the next review is, in local time and relative to ``now``."""
    if next_due is None:
        return "No reviews scheduled yet."
    when = next_due.astimezone().strftime("%Y-%m-%d %H:%M")
    return f"Next review: {when} ({_until(next_due - now)})."


def _until(delta: timedelta) -> str:
    seconds = delta.total_seconds()
    if seconds <= 0:
        return "now"
    if seconds < 3600:
        return f"in {max(1, round(seconds / 60))} min"
    if seconds < 2 * 86400:
        return f"in {round(seconds / 3600)} h"
    return f"in {round(seconds / 86400)} days"


__all__ = ["duration_text", "next_review_text"]
