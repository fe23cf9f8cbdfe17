"""A card as the study service sees it: identity, topic, and the learner's state (if any)."""

from __future__ import annotations

from dataclasses import dataclass

from fsrs import State

from quizmath.scheduling.state import CardState
from quizmath.store.models import CardRow, CardStateRow


@dataclass(frozen=True)
class StudyCard:
    """One card of a learner's queue; ``state`` is None while the card is new to them."""

    card_id: int
    kind: str
    ref: str
    topic: str
    question: str | None = None
    answer: str | None = None
    state: CardState | None = None

    @property
    def is_new(self) -> bool:
        return self.state is None

    @property
    def is_concept(self) -> bool:
        return self.kind == "concept"

    @classmethod
    def from_rows(cls, card: CardRow, state: CardStateRow | None = None) -> StudyCard:
        return cls(
            card_id=card.id,
            kind=card.kind,
            ref=card.ref,
            topic=card.topic,
            question=card.question,
            answer=card.answer,
            state=state_from_row(state) if state is not None else None,
        )


def state_from_row(row: CardStateRow) -> CardState:
    return CardState(
        state=State(row.state),
        step=row.step,
        stability=row.stability,
        difficulty=row.difficulty,
        due=row.due,
        last_review=row.last_review,
        reps=row.reps,
        lapses=row.lapses,
        streak=row.streak,
    )


def state_to_row(learner_id: int, card_id: int, state: CardState) -> CardStateRow:
    return CardStateRow(
        learner_id=learner_id,
        card_id=card_id,
        state=int(state.state),
        step=state.step,
        stability=state.stability,
        difficulty=state.difficulty,
        due=state.due,
        last_review=state.last_review,
        reps=state.reps,
        lapses=state.lapses,
        streak=state.streak,
    )


__all__ = ["StudyCard", "state_from_row", "state_to_row"]
