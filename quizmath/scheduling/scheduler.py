"""FSRS through the ``fsrs`` package, with fuzz that a replay of the review log reproduces.

``fsrs`` draws interval fuzz from the global random generator, so a card's state could never be
rebuilt from its reviews. Here fuzz comes from the review's own seed instead: the same reviews
always give the same schedule, and different cards still spread out.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import fsrs
from fsrs import Rating, State
from fsrs.scheduler import FUZZ_RANGES

from quizmath.clock import require_aware
from quizmath.scheduling.state import CardState

_FUZZ_SALT = 0x5EED_F022


@dataclass(frozen=True)
class SchedulerConfig:
    """FSRS settings; the defaults are py-fsrs's (retention 0.9, steps 1 min, 10 min / 10 min)."""

    desired_retention: float = 0.9
    learning_steps: tuple[timedelta, ...] = (timedelta(minutes=1), timedelta(minutes=10))
    relearning_steps: tuple[timedelta, ...] = (timedelta(minutes=10),)
    maximum_interval: int = 36500
    fuzz: bool = True


class Scheduler:
    """Pure scheduling: a state, a rating and a time in; the next state out."""

    def __init__(self, config: SchedulerConfig | None = None) -> None:
        self.config = config or SchedulerConfig()
        self._fsrs = fsrs.Scheduler(
            desired_retention=self.config.desired_retention,
            learning_steps=self.config.learning_steps,
            relearning_steps=self.config.relearning_steps,
            maximum_interval=self.config.maximum_interval,
            enable_fuzzing=False,
        )

    def review(
        self,
        before: CardState | None,
        rating: Rating,
        at: datetime,
        *,
        correct: bool,
        seed: int,
    ) -> CardState:
        """The state after answering at ``at``; ``before`` is None for a new card.

        ``seed`` (the review's instance seed) fixes the interval fuzz.
        """
        at = require_aware(at).astimezone(UTC)
        start = before if before is not None else CardState.new(at)
        card, _ = self._fsrs.review_card(start.to_fsrs(), rating, at)
        if self.config.fuzz and card.state == State.Review:
            days = (card.due - at).days
            card.due = at + timedelta(days=self._fuzzed_days(days, seed))
        lapsed = start.state == State.Review and rating == Rating.Again
        return start.with_fsrs(
            card,
            reps=start.reps + 1,
            lapses=start.lapses + int(lapsed),
            streak=start.streak + 1 if correct else 0,
        )

    def retrievability(self, state: CardState, at: datetime) -> float:
        """The predicted chance of recall at ``at`` (0 for a card never reviewed)."""
        return self._fsrs.get_card_retrievability(state.to_fsrs(), require_aware(at))

    def _fuzzed_days(self, days: int, seed: int) -> int:
        """The fuzz range of py-fsrs, sampled from ``seed`` instead of global randomness."""
        if days < 2.5:
            return days
        delta = 1.0 + sum(
            band["factor"] * max(min(float(days), band["end"]) - band["start"], 0.0)
            for band in FUZZ_RANGES
        )
        high = min(round(days + delta), self.config.maximum_interval)
        low = min(max(2, round(days - delta)), high)
        draw = random.Random(seed ^ _FUZZ_SALT).random()
        return low + int(draw * (high - low + 1))


__all__ = ["Rating", "Scheduler", "SchedulerConfig", "State"]
