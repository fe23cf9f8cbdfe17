"""One learner's ``StatsReport`` straight from the store, summed by the database.

It gives what ``build_report`` gives for the same review log (a test holds the two
together) without turning each review into an object, so a year of a heavy learner's
reviews costs a few indexed queries.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from statistics import median

from quizmath.scheduling.day import day_start, study_day
from quizmath.stats.history import current_streak, longest_streak
from quizmath.stats.performance import TopicPerformance, WeekRetention
from quizmath.stats.query import (
    Span,
    day_tallies,
    due_per_span,
    first_review,
    mistake_counts,
    spans_with_reviews,
    topic_summary,
)
from quizmath.stats.report import FORECAST_DAYS, StatsReport, build_report
from quizmath.store.sqlread import Reader, ReadSource, learner_id

MATURE_DAYS = 21.0
"""A card is mature when the interval it was scheduled for before a review is this long."""

_LIMIT = 5  # entries in the "most missed" and "most made" lists
_EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)


def stats_report(source: ReadSource, learner: str, now: datetime, window_days: int) -> StatsReport:
    """Statistics over the last ``window_days`` study days; streaks look at every day."""
    today = study_day(now)
    first = today - timedelta(days=window_days - 1)
    days = [first + timedelta(days=offset) for offset in range(window_days)]
    since, until = day_start(first), day_start(today + timedelta(days=1))
    with source.sql_reader() as reader:
        found = learner_id(reader, learner)
        if found is None:
            return build_report(learner, [], set(), [], today, window_days)
        tallies = day_tallies(reader, found, [_day_span(day) for day in days], MATURE_DAYS)
        summary = topic_summary(reader, found, since, until)
        mistakes = mistake_counts(reader, found, since, until)
        studied = _study_days(reader, found, today)
        forecast_spans = [(_EARLIEST, until)] + [
            _day_span(today + timedelta(days=offset)) for offset in range(1, FORECAST_DAYS)
        ]
        due = due_per_span(reader, found, forecast_spans)
    counts = [n for n, _, _ in tallies]
    weeks: dict[date, list[int]] = {}
    for day, (_, mature, right) in zip(days, tallies, strict=True):
        week = weeks.setdefault(day - timedelta(days=day.weekday()), [0, 0])
        week[0] += mature
        week[1] += right
    topics = _topic_rows(summary)
    missed = [(t.topic, t.reviews - t.correct) for t in topics if t.reviews > t.correct]
    return StatsReport(
        learner=learner,
        today=today,
        calendar=list(zip(days, counts, strict=True)),
        current_streak=current_streak(studied, today),
        longest_streak=longest_streak(studied),
        retention=[WeekRetention(monday, n, right) for monday, (n, right) in weeks.items() if n],
        forecast=[(today + timedelta(days=d), n) for d, n in enumerate(due)],
        topics=topics,
        missed_topics=sorted(missed, key=lambda item: (-item[1], item[0]))[:_LIMIT],
        mistakes=sorted(mistakes, key=lambda item: (-item[1], item[0]))[:_LIMIT],
        total_reviews=sum(counts),
    )


def _day_span(day: date) -> Span:
    return day_start(day), day_start(day + timedelta(days=1))


def _study_days(reader: Reader, learner: int, today: date) -> set[date]:
    """Every study day with a scheduled review, from the first one to today."""
    earliest = first_review(reader, learner)
    if earliest is None:
        return set()
    start = min(study_day(earliest), today)
    days = [start + timedelta(days=offset) for offset in range((today - start).days + 1)]
    flags = spans_with_reviews(reader, learner, [_day_span(day) for day in days])
    return {day for day, studied in zip(days, flags, strict=True) if studied}


def _topic_rows(summary: list[tuple[str, int, int, list[int]]]) -> list[TopicPerformance]:
    """Accuracy and median answer time per topic, weakest accuracy first."""
    rows = [
        TopicPerformance(topic, n, right, float(median(times)) if times else None)
        for topic, n, right, times in summary
    ]
    return sorted(rows, key=lambda row: (row.accuracy, -row.reviews, row.topic))


__all__ = ["MATURE_DAYS", "stats_report"]
