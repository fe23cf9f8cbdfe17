"""What ``quizmath status`` reports, from indexed counts and the deck files alone.

Nothing here imports the question templates (and so SymPy or NumPy): new cards are counted by
comparing the deck files' card ids with the cards the learner has started.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from quizmath.decks.model import CardRef
from quizmath.review.queue import window_at
from quizmath.scheduling.day import day_bounds, day_start, study_day
from quizmath.scheduling.queue import DEFAULT_NEW_PER_DAY, new_allowance
from quizmath.store.database import Store
from quizmath.store.queries import (
    count_reviews,
    due_counts,
    find_learner,
    first_day_without_reviews,
    last_review_before,
    next_due,
    started_refs,
)

_MAX_BATCH = 512  # days per query, well inside every database's parameter limit


@dataclass(frozen=True)
class StatusReport:
    """``due_now`` is what a quiz started now would review; ``new_available`` what it would
    introduce (within today's new-card limit); ``streak`` counts study days in a row."""

    learner: str
    due_now: int
    due_later_today: int
    new_available: int
    reviewed_today: int
    streak: int
    next_due: datetime | None

    def to_json(self) -> dict[str, Any]:
        return {
            "learner": self.learner,
            "due_now": self.due_now,
            "due_later_today": self.due_later_today,
            "new_available": self.new_available,
            "reviewed_today": self.reviewed_today,
            "streak": self.streak,
            "next_due": self.next_due.isoformat() if self.next_due else None,
        }


def status_report(
    store: Store,
    learner: str,
    now: datetime,
    deck_cards: Iterable[CardRef],
    *,
    new_per_day: int = DEFAULT_NEW_PER_DAY,
) -> StatusReport:
    """The learner's day at ``now``; ``deck_cards`` are the cards of the installed decks."""
    refs = {(card.kind, card.ref) for card in deck_cards}
    window = window_at(now)
    start, _ = day_bounds(now)
    with store.reading() as session:
        row = find_learner(session, learner)
        if row is None:
            return StatusReport(learner, 0, 0, min(len(refs), new_per_day), 0, 0, None)
        counts = due_counts(session, row.id, window.ahead, window.day_end)
        unseen = len(refs - started_refs(session, row.id, refs))
        introduced = count_reviews(session, row.id, start, first_only=True)
        return StatusReport(
            learner=learner,
            due_now=counts.reviews + counts.learning,
            due_later_today=counts.learning_later,
            new_available=min(unseen, new_allowance(new_per_day, introduced)),
            reviewed_today=count_reviews(session, row.id, start),
            streak=study_streak(session, row.id, now),
            next_due=next_due(session, row.id, window.ahead, window.day_end),
        )


def study_streak(session: Session, learner_id: int, now: datetime) -> int:
    """Study days in a row ending today, or yesterday while today's session is still ahead.

    Days are checked in growing batches, one query per batch, so a streak of years costs a
    handful of queries.
    """
    latest = last_review_before(session, learner_id, day_bounds(now)[1])
    if latest is None or study_day(latest) < study_day(now) - timedelta(days=1):
        return 0
    newest = study_day(latest)
    streak, batch = 0, 32
    while True:
        days = [newest - timedelta(days=streak + offset) for offset in range(batch)]
        spans = [(day_start(day), day_start(day + timedelta(days=1))) for day in days]
        gap = first_day_without_reviews(session, learner_id, spans)
        if gap is not None:
            return streak + gap
        streak += batch
        batch = min(batch * 2, _MAX_BATCH)


__all__ = ["StatusReport", "status_report", "study_streak"]
