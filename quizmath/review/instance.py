"""The question a learner sees for a card: seeded by who, which card and which review.

The seed depends on the number of reviews the learner has made of the card, so a resumed
session shows the same instance and the next review shows new numbers.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from quizmath.review.cards import StudyCard

if TYPE_CHECKING:
    from quizmath.questions.model import Question


@dataclass(frozen=True)
class Instance:
    """A card ready to ask: a generated question, or a concept card's text."""

    card: StudyCard
    review_number: int
    seed: int
    level: int | None = None
    question: Question | None = None


def instance_seed(learner: str, kind: str, ref: str, review_number: int) -> int:
    """A 32-bit seed that is stable across machines and Python versions."""
    key = "\x1f".join((learner, kind, ref, str(review_number))).encode()
    return int.from_bytes(hashlib.blake2b(key, digest_size=4).digest(), "big")


def template_level(levels: int, streak: int) -> int:
    """Harder as it is mastered: one level per two correct answers in a row, back to 1 on a miss."""
    return min(levels, 1 + streak // 2)


def mock_seed(learner: str, kind: str, ref: str, attempt: int) -> int:
    """The seed of a timed-practice attempt, apart from every review seed of the card.

    A mock attempt leaves the card's review count alone, so with the review seed the next
    review would repeat the numbers just seen in the mock.
    """
    return instance_seed(learner, f"mock-{kind}", ref, attempt)


def make_instance(card: StudyCard, learner: str, *, mock_attempt: int | None = None) -> Instance:
    """Generate the instance the learner is due to see for ``card``.

    ``mock_attempt`` (the learner's earlier mock attempts at the card) asks for a practice
    instance instead, at the card's usual level.
    """
    number = card.state.reps if card.state else 0
    if mock_attempt is None:
        seed = instance_seed(learner, card.kind, card.ref, number)
    else:
        seed = mock_seed(learner, card.kind, card.ref, mock_attempt)
    if card.is_concept:
        return Instance(card, number, seed)
    from quizmath.questions.registry import get_template

    template = get_template(card.ref)
    level = template_level(template.levels, card.state.streak if card.state else 0)
    return Instance(card, number, seed, level, template.generate(seed, level))


__all__ = ["Instance", "instance_seed", "make_instance", "mock_seed", "template_level"]
