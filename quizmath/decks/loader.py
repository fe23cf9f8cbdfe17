"""Load and validate deck files; a broken deck is reported as ``file:line: message`` and skipped.

No SymPy or NumPy here: ``quizmath status`` reads decks on its fast path. Template ids are
validated only when the caller passes the known ids (the quiz and the catalog commands do).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from quizmath.decks.model import CardRef, ConceptCard, Deck
from quizmath.decks.toml_source import TomlSource, toml_sources
from quizmath.errors import DeckError
from quizmath.questions.topics import TOPICS

_SLUG = re.compile(r"^[a-z0-9][a-z0-9.\-]*$")
_CONCEPT_FIELDS = ("id", "topic", "question", "answer")


@dataclass
class DeckLoad:
    decks: dict[str, Deck] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def bundled_deck_dir() -> Traversable:
    """The deck files installed with the package."""
    return files("quizmath.deck_files")


def load_decks(
    directory: Path | Traversable | None = None,
    *,
    known_templates: Collection[str] | None = None,
) -> DeckLoad:
    """Every ``*.toml`` deck in ``directory`` (default: the bundled decks), in file-name order."""
    folder = bundled_deck_dir() if directory is None else directory
    sources, problems = toml_sources(folder)
    result = DeckLoad(problems=problems)
    concept_owner: dict[str, str] = {}
    for source in sources:
        try:
            deck = parse_deck(source, known_templates)
            _claim_concepts(deck, source, concept_owner)
            if deck.id in result.decks:
                raise source.error(
                    1, f"deck id {deck.id!r} is already used by {result.decks[deck.id].path}"
                )
        except DeckError as problem:
            result.problems.append(str(problem))
            continue
        result.decks[deck.id] = deck
    return result


def parse_deck(source: TomlSource, known_templates: Collection[str] | None = None) -> Deck:
    """One deck from its TOML text, or a ``DeckError`` naming the file and line."""
    data = source.parse()
    for key in ("id", "title"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise source.error(1, f"missing or empty {key!r}")
    deck_id = data["id"]
    if not _SLUG.match(deck_id):
        raise source.error(source.line_of(deck_id), f"deck id {deck_id!r} is not a lowercase slug")
    templates = data.get("templates", [])
    if not isinstance(templates, list) or not all(isinstance(t, str) for t in templates):
        raise source.error(source.line_of("templates"), "'templates' must be a list of ids")
    _check_templates(source, templates, known_templates)
    concepts = data.get("concepts", [])
    if not isinstance(concepts, list):
        raise source.error(1, "'concepts' must be an array of tables ([[concepts]])")
    return Deck(
        id=deck_id,
        title=data["title"].strip(),
        description=str(data.get("description", "")).strip(),
        templates=tuple(templates),
        concepts=tuple(_concept(source, index, raw) for index, raw in enumerate(concepts)),
        path=source.name,
    )


def _check_templates(
    source: TomlSource, templates: list[str], known: Collection[str] | None
) -> None:
    seen: set[str] = set()
    for template_id in templates:
        if template_id in seen:
            raise source.error(
                source.line_of(template_id), f"template {template_id!r} is listed twice"
            )
        seen.add(template_id)
        if known is not None and template_id not in known:
            raise source.error(source.line_of(template_id), f"unknown template {template_id!r}")


def _concept(source: TomlSource, index: int, raw: Any) -> ConceptCard:
    line = source.table_line("concepts", index)
    if not isinstance(raw, dict):
        raise source.error(line, "a concept card must be a table")
    for key in _CONCEPT_FIELDS:
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise source.error(line, f"concept card is missing {key!r}")
    if not _SLUG.match(raw["id"]):
        raise source.error(line, f"concept id {raw['id']!r} is not a lowercase slug")
    if raw["topic"] not in TOPICS:
        raise source.error(source.line_of(raw["topic"], line), f"unknown topic {raw['topic']!r}")
    return ConceptCard(raw["id"], raw["topic"], raw["question"].strip(), raw["answer"].strip())


def _claim_concepts(deck: Deck, source: TomlSource, owner: dict[str, str]) -> None:
    """Concept ids are global (they identify cards and Anki notes): refuse a second use."""
    local: set[str] = set()
    for card in deck.concepts:
        if card.id in local or card.id in owner:
            where = source.name if card.id in local else owner[card.id]
            line = source.line_of(card.id, source.line_of(card.id) + (card.id in local))
            raise source.error(line, f"duplicate concept id {card.id!r} (also in {where})")
        local.add(card.id)
    owner.update(dict.fromkeys(local, source.name))


def all_card_refs(decks: Iterable[Deck]) -> list[CardRef]:
    """Every card of ``decks`` once, in deck order."""
    seen: dict[CardRef, None] = {}
    for deck in decks:
        for ref in deck.card_refs():
            seen.setdefault(ref, None)
    return list(seen)


__all__ = ["DeckLoad", "all_card_refs", "bundled_deck_dir", "load_decks", "parse_deck"]
