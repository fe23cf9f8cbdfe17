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

from quizmath.store.sqlread import Reader, from_db, listed

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
    reader: Reader,
    learner_id: int | None,
    topics: Sequence[str],
    now: datetime | None = None,
) -> dict[str, TopicTally]:
    """A tally for each of ``topics`` (cards in some deck only); recall only when ``now``.

    The recall of every card is summed by the database where it has the arithmetic for it
    (PostgreSQL, SQLite built with its math functions), else here, card by card.
    """
    if not topics:
        return {}
    params: dict[str, Any] = {"learner": learner_id}
    in_topics = (
        f"cards.topic IN ({listed(params, 't', topics)}) "
        "AND cards.id IN (SELECT deck_cards.card_id FROM deck_cards)"
    )
    recall = _recall_sql(reader, params, now) if now is not None else None
    sql = (
        "SELECT cards.topic, count(*), count(card_states.card_id)"
        + (f", sum({recall})" if recall is not None else "")
        + " FROM cards LEFT JOIN card_states ON card_states.card_id = cards.id "
        f"AND card_states.learner_id = :learner WHERE {in_topics} GROUP BY cards.topic"
    )
    found = {
        row[0]: (int(row[1]), int(row[2]), float(row[3] or 0) if recall is not None else 0.0)
        for row in reader.rows(sql, params)
    }
    if now is not None and recall is None and learner_id is not None:
        recalled = dict.fromkeys(found, 0.0)
        rows = reader.rows(
            "SELECT cards.topic, card_states.stability, card_states.last_review FROM cards "
            "JOIN card_states ON card_states.card_id = cards.id "
            f"WHERE card_states.learner_id = :learner AND {in_topics}",
            params,
        )
        for topic, stability, last_review in rows:
            if last_review is not None:
                days = (now - from_db(last_review)).total_seconds() / 86400
                recalled[topic] += retrievability(days, stability)
        found = {t: (n, started, recalled[t]) for t, (n, started, _) in found.items()}
    return {topic: TopicTally(topic, *found.get(topic, (0, 0, 0.0))) for topic in topics}


def _recall_sql(reader: Reader, params: dict[str, Any], now: datetime) -> str | None:
    """FSRS recall of a card state at ``now`` as SQL, or None where SQL cannot compute it.

    Whole days elapsed, as in ``retrievability``; a missing or zero stability gives NULL,
    which the sum leaves out, as ``retrievability`` counts it 0.
    """
    params.update(now=reader.instant(now), factor=_FACTOR, decay=_DECAY)
    if reader.dialect == "postgresql":
        elapsed = "extract(epoch FROM CAST(:now AS timestamp) - card_states.last_review) / 86400.0"
        days = f"floor(greatest({elapsed}, 0.0))"
    elif reader.dialect == "sqlite" and _sqlite_has_math(reader):
        elapsed = "julianday(:now) - julianday(card_states.last_review)"
        days = f"CAST(CASE WHEN {elapsed} < 0 THEN 0.0 ELSE {elapsed} END AS INTEGER)"
    else:
        return None
    return f"power(1 + :factor * {days} / NULLIF(card_states.stability, 0), :decay)"


def _sqlite_has_math(reader: Reader) -> bool:
    found = reader.rows("SELECT sqlite_compileoption_used('ENABLE_MATH_FUNCTIONS')", {})
    return bool(found[0][0])


def topic_accuracy(
    reader: Reader, learner_id: int, topics: Sequence[str], since: datetime
) -> dict[str, Accuracy]:
    """Answers (mock ones included) and right answers per topic since ``since``."""
    if not topics:
        return {}
    params: dict[str, Any] = {"learner": learner_id, "since": reader.instant(since)}
    sql = (
        "SELECT topic, count(*), sum(CASE WHEN correct THEN 1 ELSE 0 END) FROM reviews "
        "WHERE learner_id = :learner AND reviewed_at >= :since "
        f"AND topic IN ({listed(params, 't', topics)}) GROUP BY topic"
    )
    rows = reader.rows(sql, params)
    return {topic: Accuracy(n, int(right or 0)) for topic, n, right in rows if topic is not None}


__all__ = ["Accuracy", "TopicTally", "retrievability", "topic_accuracy", "topic_tallies"]
