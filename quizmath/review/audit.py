"""Does every stored card state equal what replaying its review log gives? (``db check``)"""

from __future__ import annotations

from dataclasses import fields

from fsrs import Rating

from quizmath.review.cards import state_from_row
from quizmath.scheduling.replay import LoggedReview, replay
from quizmath.scheduling.scheduler import Scheduler
from quizmath.store.database import Store
from quizmath.store.models import CardStateRow, ReviewRow
from quizmath.store.queries import card_histories, get_card, orphan_reviews


def audit_reviews(
    store: Store, scheduler: Scheduler, *, learner_id: int | None = None
) -> list[str]:
    """One line per disagreement between the review log and the stored card states."""
    problems: list[str] = []
    with store.reading() as session:
        for row, reviews in card_histories(session, learner_id):
            difference = _difference(row, reviews, scheduler)
            if difference:
                card = get_card(session, row.card_id)
                problems.append(
                    f"learner {row.learner_id}, {card.kind} card {card.ref}: {difference}"
                )
        orphans = orphan_reviews(session)
    if orphans:
        problems.append(f"{orphans} reviews belong to cards without a stored state")
    return problems


def _difference(row: CardStateRow, reviews: list[ReviewRow], scheduler: Scheduler) -> str | None:
    rebuilt = replay(
        (LoggedReview(Rating(r.rating), r.correct, r.reviewed_at, r.seed) for r in reviews),
        scheduler,
    )
    if rebuilt is None:
        return "a stored state but no reviews"
    stored = state_from_row(row)
    for field in fields(stored):
        kept, replayed = getattr(stored, field.name), getattr(rebuilt, field.name)
        if kept != replayed:
            return f"{field.name} is {kept} but the review log gives {replayed}"
    return None


__all__ = ["audit_reviews"]
