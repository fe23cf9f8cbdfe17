"""One sitting of study: the next card, the answers given, the time spent, the closing summary.

The session keeps only what the database cannot know (cards skipped this sitting, the
counts and the stopwatch); everything else is read fresh before each card.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from quizmath.clock import now as clock_now
from quizmath.errors import TemplateError
from quizmath.review.instance import Instance, make_instance
from quizmath.review.queue import Queue, QueueOptions, build_queue
from quizmath.review.record import Answer, record_answer
from quizmath.scheduling.day import day_bounds
from quizmath.scheduling.queue import Window
from quizmath.scheduling.scheduler import Scheduler
from quizmath.scheduling.state import CardState
from quizmath.store.database import Store
from quizmath.store.queries import count_due_before, find_learner, next_due


@dataclass(frozen=True)
class Next:
    """The card to ask now, with its place in the session ("3 of 12").

    ``tag`` names the kind of sitting when it is not the daily quiz (``mock``), and
    ``seconds_left`` the time a timed sitting still has.
    """

    instance: Instance
    position: int
    total: int
    tag: str | None = None
    seconds_left: float | None = None


@dataclass(frozen=True)
class Summary:
    """The closing numbers; ``waiting`` counts cards still available now (skipped ones too)."""

    answered: int
    right: int
    seconds: float
    waiting: int
    due_tomorrow: int
    next_due: datetime | None


@dataclass
class StudySession:
    """Serves cards in queue order and records answers as they come.

    ``minutes`` stops the session from starting a new card once that much time has passed;
    ``clock`` gives review times (``QUIZMATH_NOW`` in simulations), ``timer`` elapsed time.
    """

    store: Store
    learner: str
    options: QueueOptions = field(default_factory=QueueOptions)
    scheduler: Scheduler = field(default_factory=Scheduler)
    minutes: float | None = None
    clock: Callable[[], datetime] = clock_now
    timer: Callable[[], float] = time.monotonic
    answered: int = 0
    right: int = 0
    skipped: set[int] = field(default_factory=set)
    skipped_new: int = 0
    problems: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._started = self.timer()

    @property
    def seconds(self) -> float:
        return self.timer() - self._started

    def queue(self) -> Queue:
        """What is left for this session right now."""
        remaining = None
        if self.options.max_cards is not None:
            remaining = max(0, self.options.max_cards - self.answered)
        # A skipped new card still takes one of today's new-card slots in this session.
        new_per_day = max(0, self.options.new_per_day - self.skipped_new)
        options = replace(self.options, max_cards=remaining, new_per_day=new_per_day)
        with self.store.reading() as session:
            return build_queue(
                session, self.learner, self.clock(), options, exclude=self.skipped, limit=1
            )

    def next(self) -> Next | None:
        """The next card's instance, or None when the queue is empty or time is up.

        A card whose template no longer exists is set aside with a note in ``problems``.
        """
        while self.minutes is None or self.seconds < self.minutes * 60:
            queue = self.queue()
            if not queue.cards:
                return None
            card = queue.cards[0]
            try:
                instance = make_instance(card, self.learner)
            except TemplateError as error:
                self.problems.append(f"{card.ref} skipped: {error}")
                self.skipped.add(card.card_id)
                continue
            done = self.answered + len(self.skipped)
            return Next(instance, done + 1, done + len(queue))
        return None

    def skip(self, instance: Instance) -> None:
        """Leave the card for another session; it keeps its instance until answered."""
        self.skipped.add(instance.card.card_id)
        self.skipped_new += int(instance.card.is_new)

    def record(self, instance: Instance, answer: Answer) -> CardState:
        """Commit the answer at once and count it."""
        state = record_answer(
            self.store, self.learner, instance, answer, self.clock(), self.scheduler
        )
        self.answered += 1
        self.right += int(answer.correct)
        return state

    def summary(self) -> Summary:
        now = self.clock()
        window = Window.at(now)
        tomorrow_end = day_bounds(now)[1] + timedelta(days=1)
        options = replace(self.options, max_cards=None)
        with self.store.reading() as session:
            waiting = build_queue(session, self.learner, now, options, limit=0).total
            row = find_learner(session, self.learner)
            due_tomorrow = count_due_before(session, row.id, tomorrow_end) if row else 0
            upcoming = next_due(session, row.id, window.ahead, window.day_end) if row else None
        return Summary(self.answered, self.right, self.seconds, waiting, due_tomorrow, upcoming)


__all__ = ["Next", "StudySession", "Summary"]
