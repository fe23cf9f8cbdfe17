"""Choosing what to export: which decks, which topics, and which instances of each template.

A template becomes ``variants`` notes whose seeds come from the base seed and the template id,
so the same request always yields the same instances; levels cycle so the variants span them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from quizmath.decks.model import CardRef, ConceptCard, Deck
from quizmath.errors import ExportError
from quizmath.questions.topics import AREAS, TOPICS

if TYPE_CHECKING:
    from quizmath.questions.registry import Template

# Starting seeds stay below 10⁹: short enough to read off a card and pass to `quizmath preview`.
_SEED_SPAN = 1_000_000_000


@dataclass(frozen=True)
class TemplatePick:
    """One instance of a template, placed in the first selected deck that lists the template."""

    template: Template
    seed: int
    level: int
    deck: Deck
    deck_ids: tuple[str, ...]

    @property
    def topic(self) -> str:
        return self.template.topic


@dataclass(frozen=True)
class ConceptPick:
    """A concept card as written in its deck file."""

    card: ConceptCard
    deck: Deck
    deck_ids: tuple[str, ...]

    @property
    def topic(self) -> str:
        return self.card.topic


Pick = TemplatePick | ConceptPick


@dataclass(frozen=True)
class Selection:
    """The notes to build, and the template ids the chosen decks list but nobody registered."""

    picks: tuple[Pick, ...]
    unknown_templates: tuple[tuple[str, str], ...]  # (deck id, template id)


def variant_seeds(base_seed: int, template_id: str, count: int) -> list[int]:
    """``count`` consecutive seeds from a hash of (base seed, template id).

    Asking for more variants keeps the first ones, so a larger export adds notes to an
    earlier one instead of replacing them.
    """
    digest = hashlib.sha256(f"{base_seed}:{template_id}".encode()).digest()
    start = int.from_bytes(digest[:8], "big") % _SEED_SPAN
    return [start + index for index in range(count)]


def select_picks(
    decks: Mapping[str, Deck],
    templates: Mapping[str, Template],
    *,
    deck_ids: Sequence[str] = (),
    topics: Sequence[str] = (),
    variants: int = 3,
    seed: int = 0,
) -> Selection:
    """The notes for ``deck_ids`` (default: every deck) restricted to ``topics`` (slugs or areas).

    A card listed by several chosen decks is exported once, in the first of them, and tagged
    with all of them.
    """
    if variants < 1:
        raise ExportError(f"variants must be at least 1, not {variants}")
    chosen = _chosen_decks(decks, deck_ids)
    wanted = _topic_filter(topics)
    owners: dict[CardRef, list[str]] = {}
    for deck in chosen:
        for ref in deck.card_refs():
            owners.setdefault(ref, []).append(deck.id)
    picks: list[Pick] = []
    unknown: list[tuple[str, str]] = []
    for deck in chosen:
        for template_id in deck.template_ids:
            ref = CardRef("template", template_id)
            if template_id not in templates:
                unknown.append((deck.id, template_id))
                continue
            template = templates[template_id]
            if owners[ref][0] != deck.id or not wanted(template.topic):
                continue
            for index, instance_seed in enumerate(variant_seeds(seed, template_id, variants)):
                level = 1 + index % template.levels
                picks.append(TemplatePick(template, instance_seed, level, deck, tuple(owners[ref])))
        for card in deck.concepts:
            ref = CardRef("concept", card.id)
            if owners[ref][0] == deck.id and wanted(card.topic):
                picks.append(ConceptPick(card, deck, tuple(owners[ref])))
    if not picks:
        raise ExportError(_nothing_message(deck_ids, topics))
    return Selection(tuple(picks), tuple(unknown))


def _chosen_decks(decks: Mapping[str, Deck], deck_ids: Sequence[str]) -> list[Deck]:
    if not deck_ids:
        return list(decks.values())
    for deck_id in deck_ids:
        if deck_id not in decks:
            known = ", ".join(decks) or "none"
            raise ExportError(f"unknown deck {deck_id!r} (decks: {known})")
    return [decks[deck_id] for deck_id in dict.fromkeys(deck_ids)]


def _topic_filter(topics: Sequence[str]) -> _TopicFilter:
    for topic in topics:
        if topic not in TOPICS and topic not in AREAS:
            raise ExportError(
                f"unknown topic {topic!r}; use a slug such as la.eigen or an area such as la"
            )
    return _TopicFilter(frozenset(topics))


@dataclass(frozen=True)
class _TopicFilter:
    """Matches a topic slug by itself or by its area; an empty filter matches everything."""

    wanted: frozenset[str]

    def __call__(self, topic: str) -> bool:
        return not self.wanted or topic in self.wanted or topic.split(".", 1)[0] in self.wanted


def _nothing_message(deck_ids: Sequence[str], topics: Sequence[str]) -> str:
    where = f"deck {', '.join(deck_ids)}" if deck_ids else "any deck"
    on = f" on {', '.join(topics)}" if topics else ""
    return f"nothing to export: no cards{on} in {where}"


__all__ = [
    "ConceptPick",
    "Pick",
    "Selection",
    "TemplatePick",
    "select_picks",
    "variant_seeds",
]
