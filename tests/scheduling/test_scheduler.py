"""The FSRS wrapper: ratings move cards as FSRS says, fuzz is reproducible, replay is exact."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Rating, State

from quizmath.scheduling.replay import LoggedReview, replay
from quizmath.scheduling.scheduler import Scheduler, SchedulerConfig
from quizmath.scheduling.state import CardState

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
SCHEDULER = Scheduler()


def _graduate(seed: int = 1) -> CardState:
    """A new card answered Good twice, ten minutes apart: it leaves the learning steps."""
    first = SCHEDULER.review(None, Rating.Good, START, correct=True, seed=seed)
    return SCHEDULER.review(first, Rating.Good, first.due, correct=True, seed=seed)


def test_a_new_card_walks_the_learning_steps() -> None:
    first = SCHEDULER.review(None, Rating.Good, START, correct=True, seed=1)
    assert (first.state, first.step, first.due) == (
        State.Learning,
        1,
        START + timedelta(minutes=10),
    )
    again = SCHEDULER.review(None, Rating.Again, START, correct=False, seed=1)
    assert (again.state, again.step, again.due) == (State.Learning, 0, START + timedelta(minutes=1))
    graduated = _graduate()
    assert graduated.state == State.Review and graduated.step is None
    assert graduated.due - graduated.last_review >= timedelta(days=1)
    assert (graduated.reps, graduated.lapses, graduated.streak) == (2, 0, 2)


def test_a_lapse_relearns_the_same_day_resets_the_streak_and_counts() -> None:
    card = _graduate()
    lapsed = SCHEDULER.review(card, Rating.Again, card.due, correct=False, seed=2)
    assert lapsed.state == State.Relearning
    assert lapsed.due == card.due + timedelta(minutes=10)
    assert (lapsed.reps, lapsed.lapses, lapsed.streak) == (3, 1, 0)


def test_right_answers_push_the_interval_out() -> None:
    card = _graduate()
    intervals = []
    for seed in range(6):
        at = card.due
        card = SCHEDULER.review(card, Rating.Good, at, correct=True, seed=seed)
        intervals.append((card.due - at).days)
    assert intervals == sorted(intervals) and intervals[-1] > 30


def test_fuzz_is_fixed_by_the_seed_and_stays_within_the_fsrs_range() -> None:
    card = _graduate()
    for _ in range(3):
        card = SCHEDULER.review(card, Rating.Good, card.due, correct=True, seed=0)
    at = card.due
    plain = Scheduler(SchedulerConfig(fuzz=False)).review(
        card, Rating.Good, at, correct=True, seed=0
    )
    days = {
        seed: (SCHEDULER.review(card, Rating.Good, at, correct=True, seed=seed).due - at).days
        for seed in range(200)
    }
    again = SCHEDULER.review(card, Rating.Good, at, correct=True, seed=5)
    assert (again.due - at).days == days[5]
    base = (plain.due - at).days
    assert len(set(days.values())) > 2
    assert all(abs(d - base) <= max(2, 0.15 * base) for d in days.values())


def test_a_hard_rating_grows_stability_less_than_good() -> None:
    card = _graduate()
    hard = SCHEDULER.review(card, Rating.Hard, card.due, correct=True, seed=1)
    good = SCHEDULER.review(card, Rating.Good, card.due, correct=True, seed=1)
    assert card.stability is not None and hard.stability is not None
    assert card.stability < hard.stability < (good.stability or 0)


def test_replaying_the_log_rebuilds_the_state_exactly() -> None:
    ratings = [Rating.Good, Rating.Good, Rating.Again, Rating.Good, Rating.Hard, Rating.Easy]
    state, log = None, []
    at = START
    for number, rating in enumerate(ratings):
        correct = rating != Rating.Again
        state = SCHEDULER.review(state, rating, at, correct=correct, seed=100 + number)
        log.append(LoggedReview(rating, correct, at, 100 + number))
        at = state.due
    assert replay(log, SCHEDULER) == state
    assert replay([], SCHEDULER) is None


def test_the_state_round_trips_through_json() -> None:
    card = _graduate()
    assert CardState.from_dict(card.to_dict()) == card


def test_naive_review_times_are_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        SCHEDULER.review(None, Rating.Good, datetime(2026, 3, 2, 9, 0), correct=True, seed=1)


def test_retrievability_falls_with_time() -> None:
    card = _graduate()
    soon = SCHEDULER.retrievability(card, card.due)
    late = SCHEDULER.retrievability(card, card.due + timedelta(days=30))
    assert 0.8 < soon < 1.0 and late < soon
