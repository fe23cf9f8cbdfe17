"""One learner's statistics, assembled from review facts and due dates."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from quizmath.questions.topics import topic_title
from quizmath.stats.facts import ReviewFact
from quizmath.stats.forecast import due_forecast
from quizmath.stats.history import current_streak, longest_streak, reviews_per_day
from quizmath.stats.performance import (
    TopicPerformance,
    WeekRetention,
    most_made_mistakes,
    most_missed_topics,
    topic_performance,
    weekly_retention,
)

FORECAST_DAYS = 30


@dataclass(frozen=True)
class StatsReport:
    learner: str
    today: date
    calendar: list[tuple[date, int]]
    current_streak: int
    longest_streak: int
    retention: list[WeekRetention]
    forecast: list[tuple[date, int]]
    topics: list[TopicPerformance]
    missed_topics: list[tuple[str, int]]
    mistakes: list[tuple[str, int]]
    total_reviews: int

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``quizmath stats --json``."""
        return {
            "learner": self.learner,
            "today": self.today.isoformat(),
            "total_reviews": self.total_reviews,
            "streak": {"current": self.current_streak, "longest": self.longest_streak},
            "calendar": [{"day": d.isoformat(), "reviews": n} for d, n in self.calendar],
            "retention": [
                {
                    "week": w.week_start.isoformat(),
                    "mature_reviews": w.mature_reviews,
                    "retained": w.retained,
                    "rate": w.rate,
                }
                for w in self.retention
            ],
            "forecast": [{"day": d.isoformat(), "due": n} for d, n in self.forecast],
            "topics": [
                {
                    "topic": t.topic,
                    "title": topic_title(t.topic),
                    "reviews": t.reviews,
                    "correct": t.correct,
                    "accuracy": t.accuracy,
                    "median_ms": t.median_ms,
                }
                for t in self.topics
            ],
            "most_missed_topics": [{"topic": t, "misses": n} for t, n in self.missed_topics],
            "most_made_mistakes": [{"mistake": m, "count": n} for m, n in self.mistakes],
        }


def build_report(
    learner: str,
    facts: Sequence[ReviewFact],
    study_days: set[date],
    due_days: Sequence[date],
    today: date,
    window_days: int,
) -> StatsReport:
    """Statistics over the last ``window_days`` of ``facts``; streaks use every study day."""
    first = today - timedelta(days=window_days - 1)
    recent = [f for f in facts if f.day >= first]
    return StatsReport(
        learner=learner,
        today=today,
        calendar=reviews_per_day((f.day for f in recent), first, today),
        current_streak=current_streak(study_days, today),
        longest_streak=longest_streak(study_days),
        retention=weekly_retention(recent),
        forecast=due_forecast(due_days, today, FORECAST_DAYS),
        topics=topic_performance(recent),
        missed_topics=most_missed_topics(recent),
        mistakes=most_made_mistakes(recent),
        total_reviews=len(recent),
    )


__all__ = ["FORECAST_DAYS", "StatsReport", "build_report"]
