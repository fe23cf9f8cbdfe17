"""Load and validate deck files; a broken deck is reported as ``file:line: message`` and skipped.

No SymPy or NumPy here: ``quizmath status`` reads decks on its fast path. Template ids, and
the formulas of parametric cards, are validated only when the caller passes the known
template ids (the quiz and the catalog commands do, with SymPy loaded anyway).
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from quizmath.decks.model import (
    CardRef,
    ConceptCard,
    Deck,
    Param,
    ParametricCard,
    ParametricMistake,
)
from quizmath.decks.toml_source import TomlSource, toml_sources
from quizmath.errors import DeckError
from quizmath.questions.topics import TOPICS

DECKS_ENV = "QUIZMATH_DECKS"
"""Names a folder of the learner's own deck files, loaded after the bundled ones."""
_SLUG = re.compile(r"^[a-z0-9][a-z0-9.\-]*$")
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_CONCEPT_FIELDS = ("id", "topic", "question", "answer")
_PARAMETRIC_FIELDS = ("id", "topic", "title", "kind", "prompt", "answer")
_PARAMETRIC_KINDS = ("number", "expression")
_MISTAKE = ("answer", "feedback")
_AREAS = frozenset(slug.split(".")[0] for slug in TOPICS)
_MAX_VALUES = 10_000  # values one parameter may take
_LARGEST = 10**6  # no parameter value beyond ±10⁶: a power of two such values is already huge


@dataclass
class DeckLoad:
    decks: dict[str, Deck] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def bundled_deck_dir() -> Traversable:
    """The deck files installed with the package."""
    return files("quizmath.deck_files")


def user_deck_dir() -> Path | None:
    """The folder of the learner's own deck files, ``QUIZMATH_DECKS``, if set."""
    folder = os.environ.get(DECKS_ENV, "").strip()
    return Path(folder).expanduser() if folder else None


def load_decks(
    directory: Path | Traversable | None = None,
    *,
    known_templates: Collection[str] | None = None,
) -> DeckLoad:
    """Every ``*.toml`` deck in ``directory``, in file-name order; by default the bundled
    decks, then the learner's own (``QUIZMATH_DECKS``), named by their full path."""
    if directory is not None:
        sources, problems = toml_sources(directory)
    else:
        sources, problems = toml_sources(bundled_deck_dir())
        own = user_deck_dir()
        if own is not None:
            if own.is_dir():
                mine, unread = toml_sources(own)
                sources += [TomlSource(str(own / s.name), s.text) for s in mine]
                problems += [f"{own}/{problem}" for problem in unread]
            else:
                problems.append(f"{DECKS_ENV}={own}: not a folder of deck files")
    result = DeckLoad(problems=problems)
    card_owner: dict[str, str] = {}
    for source in sources:
        try:
            deck = parse_deck(source, known_templates)
            _claim_cards(deck, source, card_owner)
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
    if deck_id in _AREAS:  # its parametric cards would be named like the built-in templates
        raise source.error(source.line_of(deck_id), f"deck id {deck_id!r} is a topic area")
    templates = data.get("templates", [])
    if not isinstance(templates, list) or not all(isinstance(t, str) for t in templates):
        raise source.error(source.line_of("templates"), "'templates' must be a list of ids")
    _check_templates(source, templates, known_templates)
    concepts = _tables(source, data, "concepts")
    parametric = _tables(source, data, "parametric")
    deck = Deck(
        id=deck_id,
        title=data["title"].strip(),
        description=str(data.get("description", "")).strip(),
        templates=tuple(templates),
        concepts=tuple(_concept(source, index, raw) for index, raw in enumerate(concepts)),
        path=source.name,
        parametric=tuple(
            _parametric(source, index, raw, deck_id) for index, raw in enumerate(parametric)
        ),
    )
    if known_templates is not None:
        _check_parametric(deck, known_templates)
    return deck


def _tables(source: TomlSource, data: dict[str, Any], key: str) -> list[Any]:
    tables = data.get(key, [])
    if not isinstance(tables, list):
        raise source.error(1, f"{key!r} must be an array of tables ([[{key}]])")
    return tables


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


def _parametric(source: TomlSource, index: int, raw: Any, deck_id: str) -> ParametricCard:
    """A parametric card's structure; its formulas are read when it becomes a template."""
    line = source.table_line("parametric", index)
    if not isinstance(raw, dict):
        raise source.error(line, "a parametric card must be a table")
    for key in _PARAMETRIC_FIELDS:
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise source.error(line, f"parametric card is missing {key!r}")
    card_id = raw["id"]
    if not _SLUG.match(card_id) or not card_id.startswith(f"{deck_id}."):
        raise source.error(
            line, f"parametric card id {card_id!r} must be a slug starting with {deck_id + '.'!r}"
        )
    if raw["topic"] not in TOPICS:
        raise source.error(source.line_of(raw["topic"], line), f"unknown topic {raw['topic']!r}")
    if raw["kind"] not in _PARAMETRIC_KINDS:
        raise source.error(line, f"kind must be one of {', '.join(_PARAMETRIC_KINDS)}")
    variables = _texts(source, raw, "variables", line)
    if raw["kind"] == "expression" and not variables:
        raise source.error(line, "an expression card needs its 'variables', such as [\"x\"]")
    if raw["kind"] == "number" and variables:
        raise source.error(line, "a number card has no 'variables'")
    params = _params(source, raw.get("params"), line)
    names = [name for name in [*variables, *(param.name for param in params)]]
    for name in names:
        if not _NAME.match(name) or names.count(name) > 1:
            raise source.error(line, f"{name!r} is not a distinct name like a, n or x_0")
    return ParametricCard(
        id=card_id,
        topic=raw["topic"],
        title=raw["title"].strip(),
        kind=raw["kind"],
        prompt=raw["prompt"].strip(),
        answer=raw["answer"].strip(),
        params=params,
        where=f"{source.name}:{line}",
        variables=tuple(variables),
        constraints=tuple(_texts(source, raw, "constraints", line)),
        solution=tuple(_solution(source, raw, line)),
        hints=tuple(_texts(source, raw, "hints", line)),
        mistakes=tuple(_mistakes(source, raw.get("mistakes", []), line)),
        harder=tuple(_harder(source, raw.get("harder", []), params, line)),
    )


def _params(source: TomlSource, raw: Any, line: int) -> tuple[Param, ...]:
    """``name = [low, high]`` (whole numbers, both included) or ``name = {choices = [...]}``."""
    if not isinstance(raw, dict) or not raw:
        raise source.error(line, "a parametric card needs 'params', such as {a = [1, 9]}")
    params = []
    for name, spec in raw.items():
        if isinstance(spec, dict) and set(spec) == {"choices"}:
            values = spec["choices"]
            if not isinstance(values, list) or not values or not all(map(_is_number, values)):
                raise source.error(
                    line,
                    f"{name}: 'choices' must be a list of numbers from -{_LARGEST} to {_LARGEST}",
                )
            if len(set(values)) != len(values) or len(values) > _MAX_VALUES:
                raise source.error(line, f"{name}: choices must differ, {_MAX_VALUES} at most")
            params.append(Param(name, tuple(values)))
            continue
        bounds_ok = isinstance(spec, list) and len(spec) == 2 and all(type(v) is int for v in spec)
        if (
            not bounds_ok
            or not all(map(_is_number, spec))
            or not 0 <= spec[1] - spec[0] < _MAX_VALUES
        ):
            raise source.error(
                line,
                f"{name}: give [low, high] (whole numbers from -{_LARGEST} to {_LARGEST}, "
                f"low <= high, {_MAX_VALUES} values at most) or {{choices = [...]}}",
            )
        params.append(Param(name, tuple(range(spec[0], spec[1] + 1))))
    return tuple(params)


def _harder(
    source: TomlSource, raw: Any, params: tuple[Param, ...], line: int
) -> list[tuple[Param, ...]]:
    """``[[parametric.harder]]`` tables, one per level after the first, each with ``params``."""
    if not isinstance(raw, list):
        raise source.error(line, "'harder' must be an array of tables ([[parametric.harder]])")
    names = {param.name for param in params}
    levels = []
    for entry in raw:
        if not isinstance(entry, dict) or set(entry) != {"params"}:
            raise source.error(line, "a harder level is a table with 'params' alone")
        replaced = _params(source, entry["params"], line)
        unknown = [param.name for param in replaced if param.name not in names]
        if unknown:
            raise source.error(line, f"a harder level redraws unknown parameter {unknown[0]!r}")
        levels.append(replaced)
    return levels


def _solution(source: TomlSource, raw: dict[str, Any], line: int) -> list[str]:
    """A wrong answer is always followed by the worked solution, so a card must have one."""
    steps = _texts(source, raw, "solution", line)
    if not steps:
        raise source.error(line, "a parametric card needs its worked 'solution' (a list of steps)")
    return steps


def _filled(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _is_number(value: Any) -> bool:
    return type(value) in (int, float) and math.isfinite(value) and abs(value) <= _LARGEST


def _texts(source: TomlSource, raw: dict[str, Any], key: str, line: int) -> list[str]:
    texts = raw.get(key, [])
    if not isinstance(texts, list) or not all(map(_filled, texts)):
        raise source.error(line, f"{key!r} must be a list of non-empty strings")
    return [text.strip() for text in texts]


def _mistakes(source: TomlSource, raw: Any, line: int) -> list[ParametricMistake]:
    if not isinstance(raw, list):
        raise source.error(line, "'mistakes' must be an array of tables ([[parametric.mistakes]])")
    mistakes = []
    for entry in raw:
        answer, feedback = (entry.get(key) if isinstance(entry, dict) else None for key in _MISTAKE)
        if not (_filled(answer) and _filled(feedback)):
            raise source.error(line, "a mistake needs an 'answer' and its 'feedback'")
        mistakes.append(ParametricMistake(str(answer).strip(), str(feedback).strip()))
    return mistakes


def _check_parametric(deck: Deck, known: Collection[str]) -> None:
    """A parametric card the registry could not make a template of is a broken deck."""
    for card in deck.parametric:
        if card.id not in known:
            from quizmath.questions.declarative import parametric_template

            parametric_template(card)  # raises the DeckError that kept it out
            raise DeckError(f"{card.where}: {card.id!r} is not a registered template")


def _claim_cards(deck: Deck, source: TomlSource, owner: dict[str, str]) -> None:
    """Concept and parametric card ids are global (they identify cards and Anki notes):
    refuse a second use."""
    local: set[str] = set()
    for card_id in [card.id for card in deck.concepts] + [card.id for card in deck.parametric]:
        if card_id in local or card_id in owner:
            where = source.name if card_id in local else owner[card_id]
            line = source.line_of(card_id, source.line_of(card_id) + (card_id in local))
            raise source.error(line, f"duplicate card id {card_id!r} (also in {where})")
        local.add(card_id)
    owner.update(dict.fromkeys(local, source.name))


def all_card_refs(decks: Iterable[Deck]) -> list[CardRef]:
    """Every card of ``decks`` once, in deck order."""
    seen: dict[CardRef, None] = {}
    for deck in decks:
        for ref in deck.card_refs():
            seen.setdefault(ref, None)
    return list(seen)


__all__ = [
    "DECKS_ENV",
    "DeckLoad",
    "all_card_refs",
    "bundled_deck_dir",
    "load_decks",
    "parse_deck",
    "user_deck_dir",
]
