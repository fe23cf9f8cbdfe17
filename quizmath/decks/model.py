"""Decks as data: the templates a deck draws on and its self-graded concept cards."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

CardKind = Literal["template", "concept"]


@dataclass(frozen=True, order=True)
class CardRef:
    """What identifies a card everywhere (store, export, plans): a template id or a concept id."""

    kind: CardKind
    ref: str


@dataclass(frozen=True)
class ConceptCard:
    """A question with a model answer (text with MathJax ``\\( … \\)``), graded by the learner."""

    id: str
    topic: str
    question: str
    answer: str


@dataclass(frozen=True)
class Deck:
    id: str
    title: str
    description: str
    templates: tuple[str, ...]
    concepts: tuple[ConceptCard, ...]
    path: str

    def card_refs(self) -> list[CardRef]:
        """The deck's cards: one per template (its level grows with mastery), one per concept."""
        return [CardRef("template", t) for t in self.templates] + [
            CardRef("concept", c.id) for c in self.concepts
        ]


__all__ = ["CardKind", "CardRef", "ConceptCard", "Deck"]
