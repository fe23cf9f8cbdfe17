"""Rebuild a card's state from its review log: the log is the truth, the state a cache."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from fsrs import Rating

from quizmath.scheduling.scheduler import Scheduler
from quizmath.scheduling.state import CardState


@dataclass(frozen=True)
class LoggedReview:
    """What the scheduler needs from one logged review."""

    rating: Rating
    correct: bool
    at: datetime
    seed: int


def replay(reviews: Iterable[LoggedReview], scheduler: Scheduler) -> CardState | None:
    """The state that ``reviews`` (oldest first) lead to; None when there are none."""
    state: CardState | None = None
    for review in reviews:
        state = scheduler.review(
            state, review.rating, review.at, correct=review.correct, seed=review.seed
        )
    return state


__all__ = ["LoggedReview", "replay"]
