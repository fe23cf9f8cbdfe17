"""Deck files into the database: the quiz syncs them before building a queue."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from quizmath.decks.model import Deck
from quizmath.store.database import Store
from quizmath.store.queries import CardSpec, DeckSpec, sync_decks


def deck_specs(decks: Iterable[Deck], template_topics: Mapping[str, str]) -> list[DeckSpec]:
    """Decks as store input; a template card takes its topic from the template registry."""
    specs = []
    for deck in decks:
        cards = [CardSpec("template", t, template_topics[t]) for t in deck.template_ids] + [
            CardSpec("concept", c.id, c.topic, c.question, c.answer) for c in deck.concepts
        ]
        specs.append(DeckSpec(deck.id, deck.title, deck.description, cards))
    return specs


def sync(store: Store, decks: Iterable[Deck], template_topics: Mapping[str, str]) -> None:
    """Make the database's decks and cards match ``decks`` in one transaction."""
    specs = deck_specs(decks, template_topics)
    with store.writing() as session:
        sync_decks(session, specs)


__all__ = ["deck_specs", "sync"]
