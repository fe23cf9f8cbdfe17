"""Turning picks into export notes: fields as HTML, the subdeck, tags and the stable GUID.

An ``ExportNote`` is plain data shared by the ``.apkg`` and the text writers, so both formats
carry the same notes with the same GUIDs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from quizmath.export.fields import display_math_html, steps_html, text_html
from quizmath.export.guid import concept_guid, template_guid
from quizmath.export.select import ConceptPick, Pick, TemplatePick
from quizmath.questions.topics import TOPICS, topic_title

ROOT_DECK = "QuizMath"
ROOT_DESCRIPTION = "The mathematics of machine learning, exported from quizmath."

# Answer kinds whose key is words, not a formula.
_TEXT_ANSWERS = ("choice", "self")


@dataclass(frozen=True)
class ExportNote:
    """One Anki note: ``fields`` follow ``note_model.FIELD_NAMES``."""

    guid: str
    deck: str
    fields: tuple[str, str, str, str, str]
    tags: tuple[str, ...]


def deck_name(deck_title: str, topic: str) -> str:
    """``QuizMath::<deck title>::<topic title>``."""
    return "::".join((ROOT_DECK, _deck_part(deck_title), _deck_part(topic_title(topic))))


def build_note(pick: Pick) -> ExportNote:
    """The note for ``pick``; a template instance is generated here, the slow part of an export."""
    if isinstance(pick, TemplatePick):
        return _template_note(pick)
    return _concept_note(pick)


def deck_descriptions(picks: Iterable[Pick]) -> dict[str, str]:
    """Descriptions of the parent decks (the root and one per quizmath deck), as HTML."""
    descriptions = {ROOT_DECK: ROOT_DESCRIPTION}
    for pick in picks:
        name = f"{ROOT_DECK}::{_deck_part(pick.deck.title)}"
        descriptions.setdefault(name, text_html(pick.deck.description))
    return descriptions


def _template_note(pick: TemplatePick) -> ExportNote:
    question = pick.template.generate(pick.seed, pick.level)
    if question.kind in _TEXT_ANSWERS:
        answer = text_html(question.answer_latex)
    else:
        answer = display_math_html(question.answer_latex)
    source = f"{question.template_id} · level {question.level} · seed {question.seed}"
    return ExportNote(
        guid=template_guid(question.template_id, question.seed),
        deck=deck_name(pick.deck.title, pick.topic),
        fields=(
            text_html(question.prompt_latex),
            answer,
            steps_html(question.solution_latex),
            text_html(_topic_label(pick.topic)),
            text_html(source),
        ),
        tags=_tags(pick),
    )


def _concept_note(pick: ConceptPick) -> ExportNote:
    card = pick.card
    return ExportNote(
        guid=concept_guid(card.id),
        deck=deck_name(pick.deck.title, card.topic),
        fields=(
            text_html(card.question),
            text_html(card.answer),
            "",
            text_html(_topic_label(card.topic)),
            text_html(f"concept card {card.id}"),
        ),
        tags=_tags(pick),
    )


def _topic_label(slug: str) -> str:
    topic = TOPICS.get(slug)
    return f"{topic.area} · {topic.title}" if topic else slug


def _tags(pick: Pick) -> tuple[str, ...]:
    """The topic slug and every chosen deck's id: slugs, so never a space Anki would split on."""
    return (pick.topic, *pick.deck_ids)


def _deck_part(title: str) -> str:
    """A title as one level of a deck name: ``::`` inside it would nest a further subdeck."""
    return title.replace("::", ":").strip()


__all__ = ["ROOT_DECK", "ExportNote", "build_note", "deck_descriptions", "deck_name"]
