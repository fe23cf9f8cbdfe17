"""Study days: like Anki's, a day starts at 4 am local time, so a late session counts as today."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from quizmath.clock import require_aware

DAY_START = time(hour=4)


def study_day(at: datetime) -> date:
    """The study day ``at`` falls in (local time, shifted back by the 4 am start)."""
    local = require_aware(at).astimezone()
    return (local - timedelta(hours=DAY_START.hour, minutes=DAY_START.minute)).date()


def day_start(day: date) -> datetime:
    """When study day ``day`` begins, as an aware UTC instant."""
    return datetime.combine(day, DAY_START).astimezone().astimezone(UTC)


def day_bounds(at: datetime) -> tuple[datetime, datetime]:
    """The start of ``at``'s study day and the start of the next one (UTC)."""
    day = study_day(at)
    return day_start(day), day_start(day + timedelta(days=1))


__all__ = ["DAY_START", "day_bounds", "day_start", "study_day"]
