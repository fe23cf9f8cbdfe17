"""Timed practice (``quiz --mock``): a mixed set drawn across topics and scored per topic.

Every attempt is logged as a mock review and no card's schedule moves, due or not: a mock is
an exam over whatever the topics hold, not a review of the cards it happens to draw. Due
cards therefore stay due for the daily quiz, and retention never counts mock attempts.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from quizmath.clock import now as clock_now
from quizmath.errors import TemplateError
from quizmath.review.cards import StudyCard
from quizmath.review.instance import Instance, instance_seed, make_instance
from quizmath.review.record import Answer, record_mock_answer
from quizmath.review.session import Next
from quizmath.store.database import Store
from quizmath.store.queries import (
    CardFilter,
    cards_with_states,
    find_learner,
    mock_attempts,
    practice_cards,
)

DEFAULT_MOCK_SIZE = 20
DEFAULT_MOCK_MINUTES = 30.0


@dataclass(frozen=True)
class TopicScore:
    topic: str
    answered: int
    right: int

    @property
    def accuracy(self) -> float:
        return self.right / self.answered if self.answered else 0.0


@dataclass(frozen=True)
class MockScore:
    """The closing numbers: per topic (weakest first), and cards left when time ran out."""

    topics: list[TopicScore]
    answered: int
    right: int
    skipped: int
    unanswered: int
    seconds: float


def draw(candidates: Sequence[tuple[int, str]], size: int, rng: random.Random) -> list[int]:
    """``size`` card ids from (card id, topic) pairs, topics taking turns in a shuffled order.

    Each turn gives a random card of the topic not drawn yet, so a set covers as many topics
    as it can before any topic comes up twice.
    """
    by_topic: dict[str, list[int]] = {}
    for card_id, topic in candidates:
        by_topic.setdefault(topic, []).append(card_id)
    topics = sorted(by_topic)
    rng.shuffle(topics)
    for topic in topics:
        rng.shuffle(by_topic[topic])
    chosen: list[int] = []
    for turn in range(max((len(ids) for ids in by_topic.values()), default=0)):
        chosen += [by_topic[topic][turn] for topic in topics if turn < len(by_topic[topic])]
        if len(chosen) >= size:
            break
    return chosen[:size]


@dataclass
class MockSession:
    """Serves a drawn set in order until it is done or ``minutes`` have passed."""

    store: Store
    learner: str
    cards: list[StudyCard]
    attempts: dict[int, int]
    minutes: float = DEFAULT_MOCK_MINUTES
    clock: Callable[[], datetime] = clock_now
    timer: Callable[[], float] = time.monotonic
    answered: int = 0
    right: int = 0
    skipped: int = 0
    problems: list[str] = field(default_factory=list)
    _position: int = field(default=0, init=False)
    _tally: dict[str, list[int]] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        self._started = self.timer()

    @classmethod
    def start(
        cls,
        store: Store,
        learner: str,
        card_filter: CardFilter,
        *,
        size: int = DEFAULT_MOCK_SIZE,
        minutes: float = DEFAULT_MOCK_MINUTES,
        clock: Callable[[], datetime] = clock_now,
        timer: Callable[[], float] = time.monotonic,
    ) -> MockSession:
        """Draw the set: the same learner and moment always draw the same cards."""
        rng = random.Random(instance_seed(learner, "mock-draw", clock().isoformat(), 0))
        with store.reading() as session:
            row = find_learner(session, learner)
            learner_id = row.id if row else None
            chosen = draw(practice_cards(session, card_filter), size, rng)
            cards = [
                StudyCard.from_rows(card, state)
                for card, state in cards_with_states(session, learner_id, chosen)
            ]
            attempts = mock_attempts(session, learner_id, chosen) if learner_id else {}
        return cls(store, learner, cards, attempts, minutes=minutes, clock=clock, timer=timer)

    @property
    def seconds(self) -> float:
        return self.timer() - self._started

    @property
    def seconds_left(self) -> float:
        return max(0.0, self.minutes * 60 - self.seconds)

    def next(self) -> Next | None:
        """The next card of the set, or None when the set is done or the time is up."""
        while self._position < len(self.cards) and self.seconds_left > 0:
            card = self.cards[self._position]
            try:
                instance = make_instance(
                    card, self.learner, mock_attempt=self.attempts.get(card.card_id, 0)
                )
            except TemplateError as error:
                self.problems.append(f"{card.ref} skipped: {error}")
                self.cards.pop(self._position)
                continue
            return Next(instance, self._position + 1, len(self.cards), "mock", self.seconds_left)
        return None

    def skip(self, instance: Instance) -> None:
        self.skipped += 1
        self._position += 1

    def record(self, instance: Instance, answer: Answer) -> None:
        """Log the attempt at once; the card's schedule stays as it was."""
        record_mock_answer(self.store, self.learner, instance, answer, self.clock())
        self.answered += 1
        self.right += int(answer.correct)
        tally = self._tally.setdefault(instance.card.topic, [0, 0])
        tally[0] += 1
        tally[1] += int(answer.correct)
        self._position += 1

    def score(self) -> MockScore:
        topics = [TopicScore(topic, n, right) for topic, (n, right) in self._tally.items()]
        topics.sort(key=lambda t: (t.accuracy, t.topic))
        return MockScore(
            topics,
            self.answered,
            self.right,
            self.skipped,
            len(self.cards) - self._position,
            self.seconds,
        )


__all__ = [
    "DEFAULT_MOCK_MINUTES",
    "DEFAULT_MOCK_SIZE",
    "MockScore",
    "MockSession",
    "TopicScore",
    "draw",
]
