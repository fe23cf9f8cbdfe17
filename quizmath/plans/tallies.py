"""Per-topic counts a plan's progress is read from: cards, cards started, recall, accuracy.

Each is one grouped query over the topics a plan names, so a collection of 100,000 cards
costs a few queries, never a Python object per card.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import fsrs
from sqlalchemy import ColumnElement, Integer, case, cast, false, func, literal, select, text
from sqlalchemy.orm import Session

from quizmath.store.models import CardRow, CardStateRow, DeckCardRow, ReviewRow
from quizmath.store.types import UTCDateTime

_DECAY = -fsrs.Scheduler().parameters[20]
_FACTOR = 0.9 ** (1 / _DECAY) - 1


def retrievability(elapsed_days: float, stability: float | None) -> float:
    """FSRS's predicted chance of recall after ``elapsed_days`` (whole days count, as in FSRS)."""
    if not stability:
        return 0.0
    return (1 + _FACTOR * math.floor(max(0.0, elapsed_days)) / stability) ** _DECAY


@dataclass(frozen=True)
class TopicTally:
    """A topic's deck cards, how many the learner has started, and their summed recall now."""

    topic: str
    cards: int
    started: int
    recall: float = 0.0

    @property
    def unintroduced(self) -> int:
        return self.cards - self.started

    @property
    def mastery(self) -> float:
        """Mean recall over the topic's cards, counting a card never seen as 0."""
        return self.recall / self.cards if self.cards else 0.0


@dataclass(frozen=True)
class Accuracy:
    reviews: int
    correct: int


def topic_tallies(
    session: Session,
    learner_id: int | None,
    topics: Sequence[str],
    now: datetime | None = None,
) -> dict[str, TopicTally]:
    """A tally for each of ``topics`` (cards in some deck only); recall only when ``now``.

    The recall of every card is summed by the database where it has the arithmetic for it
    (PostgreSQL, SQLite built with its math functions), else here, card by card.
    """
    mine = CardStateRow.learner_id == learner_id if learner_id is not None else false()
    in_topics = (CardRow.topic.in_(list(topics)), CardRow.id.in_(select(DeckCardRow.card_id)))
    recall = _recall_sql(session, now) if now is not None else None
    sums = [func.sum(recall)] if recall is not None else []
    query = (
        select(CardRow.topic, func.count(), func.count(CardStateRow.card_id), *sums)
        .outerjoin(CardStateRow, (CardStateRow.card_id == CardRow.id) & mine)
        .where(*in_topics)
        .group_by(CardRow.topic)
    )
    found = {
        row[0]: (row[1], row[2], float(row[3] or 0) if recall is not None else 0.0)
        for row in session.execute(query)
    }
    if now is not None and recall is None and learner_id is not None:
        recalled = dict.fromkeys(found, 0.0)
        rows = session.execute(
            select(CardRow.topic, CardStateRow.stability, CardStateRow.last_review)
            .join(CardStateRow, CardStateRow.card_id == CardRow.id)
            .where(mine, *in_topics)
        )
        for topic, stability, last_review in rows:
            if last_review is not None:
                days = (now - last_review).total_seconds() / 86400
                recalled[topic] += retrievability(days, stability)
        found = {t: (n, started, recalled[t]) for t, (n, started, _) in found.items()}
    return {topic: TopicTally(topic, *found.get(topic, (0, 0, 0.0))) for topic in topics}


def _recall_sql(session: Session, now: datetime) -> ColumnElement[float] | None:
    """FSRS recall of a card state at ``now`` as SQL, or None where SQL cannot compute it."""
    dialect = session.get_bind().dialect.name
    moment = literal(now, UTCDateTime())
    days: ColumnElement[Any]
    if dialect == "postgresql":
        elapsed = func.extract("epoch", moment - CardStateRow.last_review) / 86400.0
        days = func.floor(case((elapsed < 0, 0.0), else_=elapsed))
    elif dialect == "sqlite" and session.scalar(
        text("SELECT sqlite_compileoption_used('ENABLE_MATH_FUNCTIONS')")
    ):
        elapsed = func.julianday(moment) - func.julianday(CardStateRow.last_review)
        # Whole days by truncation: SQLAlchemy swaps SQLite's floor() for a Python one.
        days = cast(case((elapsed < 0, 0.0), else_=elapsed), Integer)
    else:
        return None
    return func.power(1 + _FACTOR * days / CardStateRow.stability, _DECAY)


def topic_accuracy(
    session: Session, learner_id: int, topics: Sequence[str], since: datetime
) -> dict[str, Accuracy]:
    """Answers (mock ones included) and right answers per topic since ``since``."""
    query = (
        select(ReviewRow.topic, func.count(), func.sum(cast(ReviewRow.correct, Integer)))
        .where(
            ReviewRow.learner_id == learner_id,
            ReviewRow.reviewed_at >= since,
            ReviewRow.topic.in_(list(topics)),
        )
        .group_by(ReviewRow.topic)
    )
    rows = session.execute(query)
    return {topic: Accuracy(n, int(right or 0)) for topic, n, right in rows if topic is not None}


__all__ = ["Accuracy", "TopicTally", "retrievability", "topic_accuracy", "topic_tallies"]
