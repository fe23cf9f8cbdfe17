"""The rules of a study session's order and limits, independent of the database.

Cards in (re)learning steps come first because their short steps expire; then reviews, the
least likely to be recalled first; then new cards with their topics interleaved, since
alternating topics makes each one harder to answer on autopilot; last, learning steps that
expire within ``LEARN_AHEAD``. A review is due for the whole study day it falls on; a
learning step only once it has expired.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar

from quizmath.scheduling.day import day_bounds

LEARN_AHEAD = timedelta(minutes=20)
"""(Re)learning cards due this soon are shown once nothing else is left, as Anki does."""

DEFAULT_NEW_PER_DAY = 10

T = TypeVar("T")


@dataclass(frozen=True)
class Window:
    """The moment a queue is built for and the end of its study day."""

    now: datetime
    day_end: datetime

    @classmethod
    def at(cls, now: datetime) -> Window:
        """The window of a queue built at ``now``."""
        return cls(now=now, day_end=day_bounds(now)[1])

    @property
    def ahead(self) -> datetime:
        return self.now + LEARN_AHEAD


def interleave(cards: Iterable[T], key: Callable[[T], Hashable], count: int) -> list[T]:
    """The first ``count`` cards of a round-robin over the groups of ``key`` (topics).

    Groups take turns in the order they first appear, each keeping its own order. Reading
    stops as soon as the answer is settled (``count`` groups seen), so ``cards`` may be a
    lazy stream over a large collection.
    """
    groups: dict[Hashable, list[T]] = {}
    if count <= 0:
        return []
    for card in cards:
        group = groups.setdefault(key(card), [])
        if len(group) < count:
            group.append(card)
        if len(groups) >= count:
            break
    ordered: list[T] = []
    columns = list(groups.values())
    for index in range(max((len(column) for column in columns), default=0)):
        ordered.extend(column[index] for column in columns if index < len(column))
    return ordered[:count]


def new_allowance(limit: int, introduced_today: int) -> int:
    """How many new cards today may still bring."""
    return max(0, limit - introduced_today)


__all__ = ["DEFAULT_NEW_PER_DAY", "LEARN_AHEAD", "Window", "interleave", "new_allowance"]
