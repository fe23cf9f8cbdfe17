"""What ``quizmath status`` reports, from indexed counts, the deck and plan files alone.

Nothing here imports the question templates (and so SymPy or NumPy), nor SQLAlchemy: the
counts are the plain-SQL queries of ``quizmath.store.sqlread``, run through whichever reader
the caller opened. New cards are those a quiz started now would introduce: under a plan, the
unstarted cards of its topics so far; otherwise the deck files' cards the learner has not
started.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from quizmath.decks.model import CardRef
from quizmath.scheduling.day import day_bounds, day_start, study_day
from quizmath.scheduling.queue import DEFAULT_NEW_PER_DAY, Window, new_allowance
from quizmath.store.sqlread import (
    Reader,
    ReadSource,
    count_new_cards,
    count_reviews,
    due_counts,
    enrollment,
    first_day_without_reviews,
    holds_deck_cards,
    last_review_before,
    learner_id,
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
    source: ReadSource,
    learner: str,
    now: datetime,
    deck_cards: Iterable[CardRef],
    *,
    new_per_day: int = DEFAULT_NEW_PER_DAY,
) -> StatusReport:
    """The learner's day at ``now``; ``deck_cards`` are the cards of the installed decks.

    ``source`` is a ``Store`` or a ``SqliteFile``: anything lending a plain-SQL reader.
    """
    refs = {(card.kind, card.ref) for card in deck_cards}
    start = day_bounds(now)[0]
    window = Window.at(now)
    with source.sql_reader() as reader:
        found = learner_id(reader, learner)
        if found is None:
            return StatusReport(learner, 0, 0, min(len(refs), new_per_day), 0, 0, None)
        counts = due_counts(reader, found, window.ahead, window.day_end)
        allowance = new_allowance(new_per_day, count_reviews(reader, found, start, first_only=True))
        return StatusReport(
            learner=learner,
            due_now=counts.reviews + counts.learning,
            due_later_today=counts.learning_later,
            new_available=_new_available(reader, found, now, refs, allowance),
            reviewed_today=count_reviews(reader, found, start),
            streak=study_streak(reader, found, now),
            next_due=next_due(reader, found, window.ahead, window.day_end),
        )


def _new_available(
    reader: Reader,
    learner: int,
    now: datetime,
    refs: AbstractSet[tuple[str, str]],
    allowance: int,
) -> int:
    """New cards a quiz started now would introduce: the plan's, when the learner follows one.

    The plan's topics are only known for cards the database holds; before the first quiz has
    loaded the decks, every unstarted deck card counts.
    """
    if not allowance:
        return 0
    chosen = enrollment(reader, learner)
    if chosen is not None and holds_deck_cards(reader):
        from quizmath.plans.focus import enrolled_quiz_filter

        card_filter = enrolled_quiz_filter(*chosen, study_day(now))
        if card_filter is not None:
            return count_new_cards(reader, learner, card_filter, limit=allowance)
    return min(len(refs - started_refs(reader, learner, refs)), allowance)


def study_streak(reader: Reader, learner: int, now: datetime) -> int:
    """Study days in a row ending today, or yesterday while today's session is still ahead.

    Days are checked in growing batches, one query per batch, so a streak of years costs a
    handful of queries.
    """
    latest = last_review_before(reader, learner, day_bounds(now)[1])
    if latest is None or study_day(latest) < study_day(now) - timedelta(days=1):
        return 0
    newest = study_day(latest)
    streak, batch = 0, 32
    while True:
        days = [newest - timedelta(days=streak + offset) for offset in range(batch)]
        spans = [(day_start(day), day_start(day + timedelta(days=1))) for day in days]
        gap = first_day_without_reviews(reader, learner, spans)
        if gap is not None:
            return streak + gap
        streak += batch
        batch = min(batch * 2, _MAX_BATCH)


__all__ = ["StatusReport", "status_report", "study_streak"]
