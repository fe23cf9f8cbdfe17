"""Retention, per-topic accuracy and the mistakes most often made."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median

from quizmath.stats.facts import ReviewFact


@dataclass(frozen=True)
class WeekRetention:
    week_start: date
    mature_reviews: int
    retained: int

    @property
    def rate(self) -> float | None:
        return self.retained / self.mature_reviews if self.mature_reviews else None


@dataclass(frozen=True)
class TopicPerformance:
    topic: str
    reviews: int
    correct: int
    median_ms: float | None

    @property
    def accuracy(self) -> float:
        return self.correct / self.reviews if self.reviews else 0.0


def weekly_retention(facts: Sequence[ReviewFact]) -> list[WeekRetention]:
    """True retention per week (Monday start): the share of mature-card reviews answered right.

    Mock-exam attempts are left out: they test cards that were not due.
    """
    totals: dict[date, list[int]] = defaultdict(lambda: [0, 0])
    for fact in facts:
        if fact.mature and not fact.mock:
            week = fact.day - timedelta(days=fact.day.weekday())
            totals[week][0] += 1
            totals[week][1] += fact.correct
    return [WeekRetention(week, n, right) for week, (n, right) in sorted(totals.items())]


def topic_performance(facts: Sequence[ReviewFact]) -> list[TopicPerformance]:
    """Accuracy and median answer time per topic, weakest accuracy first."""
    by_topic: dict[str, list[ReviewFact]] = defaultdict(list)
    for fact in facts:
        by_topic[fact.topic].append(fact)
    rows = []
    for topic, group in by_topic.items():
        times = [f.response_ms for f in group if f.response_ms is not None]
        rows.append(
            TopicPerformance(
                topic,
                len(group),
                sum(f.correct for f in group),
                float(median(times)) if times else None,
            )
        )
    return sorted(rows, key=lambda row: (row.accuracy, -row.reviews, row.topic))


def most_missed_topics(facts: Sequence[ReviewFact], limit: int = 5) -> list[tuple[str, int]]:
    """Topics with the most wrong answers."""
    misses = Counter(f.topic for f in facts if not f.correct)
    return sorted(misses.items(), key=lambda item: (-item[1], item[0]))[:limit]


def most_made_mistakes(facts: Sequence[ReviewFact], limit: int = 5) -> list[tuple[str, int]]:
    """The known mistakes (by their feedback) matched most often."""
    made = Counter(f.mistake for f in facts if f.mistake)
    return sorted(made.items(), key=lambda item: (-item[1], item[0]))[:limit]


__all__ = [
    "TopicPerformance",
    "WeekRetention",
    "most_made_mistakes",
    "most_missed_topics",
    "topic_performance",
    "weekly_retention",
]
