"""Checking an answer and writing the review: one transaction appends it and moves the card."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from fsrs import Rating

from quizmath.review.cards import state_from_row, state_to_row
from quizmath.review.instance import Instance
from quizmath.scheduling.rating import rating_for
from quizmath.scheduling.scheduler import Scheduler
from quizmath.scheduling.state import CardState
from quizmath.store.database import Store
from quizmath.store.models import ReviewRow
from quizmath.store.queries import append_review, ensure_learner, get_state

if TYPE_CHECKING:
    from quizmath.checking.spec import Verdict


@dataclass(frozen=True)
class Answer:
    """A finished attempt: what was typed, whether it was right, and the rating to record."""

    text: str | None
    correct: bool
    rating: Rating
    response_ms: int | None = None
    mistake: str | None = None


def check(instance: Instance, text: str) -> Verdict:
    """The checking engine's verdict on ``text`` for a generated question."""
    from quizmath.checking import check_answer

    question = instance.question
    if question is None:
        raise ValueError("concept cards are graded by the learner, not checked")
    return check_answer(text, question.spec, question.mistakes)


def answer_from_verdict(
    text: str, verdict: Verdict, *, helped: bool, response_ms: int | None = None
) -> Answer:
    """The default rating for a checked answer (a hint or a revealed solution makes it Hard)."""
    return Answer(
        text=text,
        correct=verdict.correct,
        rating=rating_for(verdict.correct, helped=helped),
        response_ms=response_ms,
        mistake=verdict.mistake.feedback if verdict.mistake else None,
    )


def self_graded(rating: Rating, *, response_ms: int | None = None) -> Answer:
    """A concept card's answer: the learner's own grade, where anything but Again is right."""
    return Answer(None, rating != Rating.Again, rating, response_ms)


def record_answer(
    store: Store,
    learner: str,
    instance: Instance,
    answer: Answer,
    at: datetime,
    scheduler: Scheduler,
) -> CardState:
    """Append the review and store the card's next state, committed together.

    The state is re-read under the write lock, so an answer given meanwhile in another
    terminal is built upon rather than overwritten.
    """
    with store.writing() as session:
        learner_row = ensure_learner(session, learner, at)
        row = get_state(session, learner_row.id, instance.card.card_id)
        before = state_from_row(row) if row is not None else None
        after = scheduler.review(
            before, answer.rating, at, correct=answer.correct, seed=instance.seed
        )
        reviewed_at = after.last_review or at  # the scheduler sets it to the review time
        review = _review_row(learner_row.id, instance, answer, reviewed_at, before, after)
        append_review(session, review, state_to_row(learner_row.id, instance.card.card_id, after))
    return after


def record_mock_answer(
    store: Store, learner: str, instance: Instance, answer: Answer, at: datetime
) -> None:
    """Log a timed-practice attempt (``mock``) and leave the card's schedule as it was.

    Whether the card was due or not, its state is untouched: the attempt answers a question
    drawn for practice, so it neither counts as the card's review nor moves its due date.
    """
    with store.writing() as session:
        learner_row = ensure_learner(session, learner, at)
        row = get_state(session, learner_row.id, instance.card.card_id)
        before = state_from_row(row) if row is not None else None
        after = before or CardState.new(at)
        review = _review_row(learner_row.id, instance, answer, at, before, after, mock=True)
        session.add(review)


def _review_row(
    learner_id: int,
    instance: Instance,
    answer: Answer,
    at: datetime,
    before: CardState | None,
    after: CardState,
    *,
    mock: bool = False,
) -> ReviewRow:
    """One entry of the review log: the answer, the instance it answered, the states around it."""
    return ReviewRow(
        learner_id=learner_id,
        card_id=instance.card.card_id,
        reviewed_at=at,
        rating=int(answer.rating),
        correct=answer.correct,
        answer=answer.text,
        seed=instance.seed,
        level=instance.level,
        response_ms=answer.response_ms,
        state_before=before.to_dict() if before else None,
        state_after=after.to_dict(),
        mock=mock,
        mistake=answer.mistake,
        topic=instance.card.topic,
        interval_days=_interval_days(before),
    )


def _interval_days(state: CardState | None) -> float | None:
    """The interval a card was scheduled for (due minus last review), in days."""
    if state is None or state.last_review is None:
        return None
    return (state.due - state.last_review).total_seconds() / 86400


__all__ = [
    "Answer",
    "answer_from_verdict",
    "check",
    "record_answer",
    "record_mock_answer",
    "self_graded",
]
