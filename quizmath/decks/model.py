"""Decks as data: the templates a deck draws on, its parametric cards and its concept cards."""

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
class Param:
    """A parameter of a parametric card and the values it is drawn from, uniformly."""

    name: str
    values: tuple[int | float, ...]


@dataclass(frozen=True)
class ParametricMistake:
    """A known wrong answer (a formula of the parameters) and the feedback it earns."""

    answer: str
    feedback: str


@dataclass(frozen=True)
class ParametricCard:
    """A question template written as data: parameters, constraints, and formulas of them.

    Every formula (``answer``, ``constraints``, the ``{...}`` placeholders of the texts) is
    kept as text here, so loading a deck needs no SymPy; ``quizmath.questions.declarative``
    reads them with the answer parser when the card becomes a template.
    """

    id: str
    topic: str
    title: str
    kind: Literal["number", "expression"]
    prompt: str
    answer: str
    params: tuple[Param, ...]
    where: str
    """``file:line`` of the card's table, for errors found when its formulas are read."""
    variables: tuple[str, ...] = ()
    constraints: tuple[str, ...] = ()
    solution: tuple[str, ...] = ()
    hints: tuple[str, ...] = ()
    mistakes: tuple[ParametricMistake, ...] = ()
    harder: tuple[tuple[Param, ...], ...] = ()
    """Levels 2, 3, ...: each redraws some parameters from other values (larger, less round)."""

    def params_at(self, level: int) -> tuple[Param, ...]:
        """The parameters of ``level``: level 1's, with the level's own in their place."""
        if level == 1:
            return self.params
        replaced = {param.name: param for param in self.harder[level - 2]}
        return tuple(replaced.get(param.name, param) for param in self.params)


@dataclass(frozen=True)
class Deck:
    id: str
    title: str
    description: str
    templates: tuple[str, ...]
    concepts: tuple[ConceptCard, ...]
    path: str
    parametric: tuple[ParametricCard, ...] = ()

    @property
    def template_ids(self) -> tuple[str, ...]:
        """The templates the deck draws on: those it lists, then its own parametric cards."""
        return self.templates + tuple(card.id for card in self.parametric)

    def card_refs(self) -> list[CardRef]:
        """The deck's cards: one per template (its level grows with mastery), one per concept."""
        return [CardRef("template", t) for t in self.template_ids] + [
            CardRef("concept", c.id) for c in self.concepts
        ]


__all__ = [
    "CardKind",
    "CardRef",
    "ConceptCard",
    "Deck",
    "Param",
    "ParametricCard",
    "ParametricMistake",
]
