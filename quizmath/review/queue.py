"""Today's queue for one learner: due cards first, then new ones within the daily limit.

The queue is read from the database before every card, so answers from another terminal,
cards coming back after a lapse and the daily new-card limit are always current. Counting
and ordering happen in SQL; only the cards about to be shown become objects, which keeps a
collection of 100,000 cards as quick as a small one.
"""

from __future__ import annotations

from collections.abc import Collection
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime
from operator import itemgetter

from sqlalchemy.orm import Session

from quizmath.review.cards import StudyCard
from quizmath.scheduling.day import day_bounds
from quizmath.scheduling.queue import DEFAULT_NEW_PER_DAY, Window, interleave, new_allowance
from quizmath.store.queries import (
    CardFilter,
    cards_by_id,
    count_reviews,
    due_counts,
    find_learner,
    learning_due,
    reviews_due,
)
from quizmath.store.sqlread import SqlAlchemyReader, new_card_stream


@dataclass(frozen=True)
class QueueOptions:
    """What narrows a session: the card filter, today's new-card limit, a card cap."""

    card_filter: CardFilter = field(default_factory=CardFilter)
    new_per_day: int = DEFAULT_NEW_PER_DAY
    max_cards: int | None = None


@dataclass(frozen=True)
class Queue:
    """The first cards in study order and how many the session holds in all.

    Study order: learning steps that have expired, reviews (lowest recall first), new cards
    (topics interleaved), then learning steps coming up within the learn-ahead window.
    """

    cards: list[StudyCard]
    total: int

    def __len__(self) -> int:
        return self.total


def build_queue(
    session: Session,
    learner: str,
    now: datetime,
    options: QueueOptions,
    *,
    exclude: Collection[int] = (),
    limit: int | None = None,
) -> Queue:
    """The learner's queue at ``now``, with its first ``limit`` cards (all when None).

    ``exclude`` holds cards skipped in this session.
    """
    window = Window.at(now)
    card_filter = options.card_filter
    row = find_learner(session, learner)
    cap = options.max_cards
    want = _smallest(limit, cap)
    due: list[StudyCard] = []
    ahead: list[StudyCard] = []
    total_due = introduced = 0
    if row is not None:
        counts = due_counts(
            session, row.id, window.ahead, window.day_end, card_filter, exclude=exclude
        )
        learning = [
            StudyCard.from_rows(card, state)
            for card, state in learning_due(
                session, row.id, window.ahead, card_filter, exclude=exclude, limit=want
            )
        ]
        due = [card for card in learning if card.state and card.state.due <= now]
        ahead = learning[len(due) :]
        if want is None or len(due) < want:
            due += [
                StudyCard.from_rows(card, state)
                for card, state in reviews_due(
                    session,
                    row.id,
                    now,
                    window.day_end,
                    card_filter,
                    exclude=exclude,
                    limit=None if want is None else want - len(due),
                )
            ]
        total_due = counts.reviews + counts.learning
        introduced = count_reviews(session, row.id, day_bounds(now)[0], first_only=True)
    allowance = new_allowance(options.new_per_day, introduced)
    new: list[StudyCard] = []
    if allowance:
        reader = SqlAlchemyReader(session)
        stream = new_card_stream(reader, row.id if row else None, card_filter, exclude=exclude)
        with closing(stream):
            picked = interleave(stream, itemgetter(1), allowance)
        cards = cards_by_id(session, [card_id for card_id, _ in picked])
        new = [StudyCard.from_rows(card) for card in cards]
    total = _smallest(total_due + len(new), cap) or 0
    ordered = due + new + ahead
    return Queue(ordered[: _smallest(want, total)], total)


def _smallest(*limits: int | None) -> int | None:
    present = [value for value in limits if value is not None]
    return min(present) if present else None


__all__ = ["Queue", "QueueOptions", "build_queue"]
