"""Heatmap counts, streaks, retention, forecast and weak spots on hand-built logs."""

from __future__ import annotations

from datetime import date

from quizmath.stats.facts import ReviewFact
from quizmath.stats.forecast import due_forecast
from quizmath.stats.history import current_streak, longest_streak, reviews_per_day
from quizmath.stats.performance import (
    most_made_mistakes,
    most_missed_topics,
    topic_performance,
    weekly_retention,
)

D = date


def fact(
    day: date,
    topic: str = "la.eigen",
    correct: bool = True,
    mature: bool = False,
    ms: int | None = 1000,
    mistake: str | None = None,
    mock: bool = False,
) -> ReviewFact:
    return ReviewFact(day, topic, correct, mature, ms, mistake, mock)


def test_reviews_per_day_fills_empty_days() -> None:
    days = [D(2026, 3, 1), D(2026, 3, 1), D(2026, 3, 3)]
    assert reviews_per_day(days, D(2026, 3, 1), D(2026, 3, 4)) == [
        (D(2026, 3, 1), 2),
        (D(2026, 3, 2), 0),
        (D(2026, 3, 3), 1),
        (D(2026, 3, 4), 0),
    ]


def test_streaks() -> None:
    studied = {D(2026, 3, d) for d in (1, 2, 3, 5, 6, 10, 11, 12, 13)}
    assert longest_streak(studied) == 4
    assert current_streak(studied, D(2026, 3, 13)) == 4
    assert current_streak(studied, D(2026, 3, 14)) == 4  # today not studied yet
    assert current_streak(studied, D(2026, 3, 15)) == 0
    assert current_streak(studied, D(2026, 3, 6)) == 2
    assert longest_streak(set()) == 0


def test_weekly_retention_counts_mature_non_mock_reviews_per_monday_week() -> None:
    facts = [
        fact(D(2026, 3, 2), mature=True),  # Monday
        fact(D(2026, 3, 4), mature=True, correct=False),
        fact(D(2026, 3, 8), mature=True),  # Sunday, same week
        fact(D(2026, 3, 8), mature=False, correct=False),  # young: ignored
        fact(D(2026, 3, 8), mature=True, correct=False, mock=True),  # mock: ignored
        fact(D(2026, 3, 9), mature=True, correct=False),  # next week
    ]
    weeks = weekly_retention(facts)
    assert [(w.week_start, w.mature_reviews, w.retained) for w in weeks] == [
        (D(2026, 3, 2), 3, 2),
        (D(2026, 3, 9), 1, 0),
    ]
    assert weeks[0].rate == 2 / 3


def test_due_forecast_puts_overdue_on_today() -> None:
    today = D(2026, 3, 10)
    due = [D(2026, 3, 1), D(2026, 3, 10), D(2026, 3, 12), D(2026, 3, 12), D(2026, 5, 1)]
    forecast = due_forecast(due, today, days=4)
    assert forecast == [
        (D(2026, 3, 10), 2),
        (D(2026, 3, 11), 0),
        (D(2026, 3, 12), 2),
        (D(2026, 3, 13), 0),
    ]


def test_topic_performance_and_weak_spots() -> None:
    facts = [
        fact(D(2026, 3, 1), "it.kl", correct=False, ms=9000, mistake="KL(Q‖P)"),
        fact(D(2026, 3, 1), "it.kl", correct=False, ms=7000, mistake="log base 2"),
        fact(D(2026, 3, 2), "it.kl", correct=True, ms=5000),
        fact(D(2026, 3, 2), "it.kl", correct=False, ms=None, mistake="KL(Q‖P)"),
        fact(D(2026, 3, 2), "la.eigen", correct=True, ms=2000),
        fact(D(2026, 3, 3), "la.eigen", correct=False, ms=4000),
    ]
    rows = topic_performance(facts)
    assert [(r.topic, r.reviews, r.correct, r.median_ms) for r in rows] == [
        ("it.kl", 4, 1, 7000.0),
        ("la.eigen", 2, 1, 3000.0),
    ]
    assert rows[0].accuracy == 0.25
    assert most_missed_topics(facts) == [("it.kl", 3), ("la.eigen", 1)]
    assert most_made_mistakes(facts) == [("KL(Q‖P)", 2), ("log base 2", 1)]
