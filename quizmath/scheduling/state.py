"""A learner's scheduling state of one card, as plain data that the store and the log share."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import TypedDict

from fsrs import Card, State


class CardStateDict(TypedDict):
    """The JSON form kept in the review log (state before and after each review)."""

    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: str
    last_review: str | None
    reps: int
    lapses: int
    streak: int


@dataclass(frozen=True)
class CardState:
    """FSRS memory state plus the counters quizmath keeps: reviews, lapses, correct streak."""

    state: State
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None
    reps: int = 0
    lapses: int = 0
    streak: int = 0

    @property
    def learning(self) -> bool:
        """In (re)learning steps, due minutes apart rather than days."""
        return self.state != State.Review

    def to_fsrs(self) -> Card:
        return Card(
            card_id=0,
            state=self.state,
            step=self.step,
            stability=self.stability,
            difficulty=self.difficulty,
            due=self.due,
            last_review=self.last_review,
        )

    def with_fsrs(self, card: Card, *, reps: int, lapses: int, streak: int) -> CardState:
        return replace(
            self,
            state=card.state,
            step=card.step,
            stability=card.stability,
            difficulty=card.difficulty,
            due=card.due,
            last_review=card.last_review,
            reps=reps,
            lapses=lapses,
            streak=streak,
        )

    def to_dict(self) -> CardStateDict:
        return {
            "state": int(self.state),
            "step": self.step,
            "stability": self.stability,
            "difficulty": self.difficulty,
            "due": self.due.isoformat(),
            "last_review": self.last_review.isoformat() if self.last_review else None,
            "reps": self.reps,
            "lapses": self.lapses,
            "streak": self.streak,
        }

    @classmethod
    def from_dict(cls, data: CardStateDict) -> CardState:
        return cls(
            state=State(int(data["state"])),
            step=data["step"],
            stability=data["stability"],
            difficulty=data["difficulty"],
            due=datetime.fromisoformat(data["due"]),
            last_review=(
                datetime.fromisoformat(data["last_review"]) if data["last_review"] else None
            ),
            reps=int(data["reps"]),
            lapses=int(data["lapses"]),
            streak=int(data["streak"]),
        )

    @classmethod
    def new(cls, at: datetime) -> CardState:
        """A card never reviewed: FSRS starts it in the first learning step."""
        return cls(State.Learning, 0, None, None, at, None)


__all__ = ["CardState", "CardStateDict"]
