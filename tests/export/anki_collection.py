"""Driving the official ``anki`` package: a fresh collection, imports, and what it then holds."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from anki.collection import (
    Collection,
    ImportAnkiPackageOptions,
    ImportAnkiPackageRequest,
    ImportCsvRequest,
)
from anki.import_export_pb2 import ImportResponse

from quizmath.export.note_model import FIELD_NAMES, MODEL_NAME


@dataclass(frozen=True)
class AnkiNote:
    """A note as Anki stores it after an import."""

    guid: str
    notetype: str
    deck: str
    fields: tuple[str, ...]
    tags: frozenset[str]
    cards: int


def import_apkg(collection: Collection, path: Path) -> ImportResponse.Log:
    """Import with Anki's default options (update a note only from a newer one)."""
    request = ImportAnkiPackageRequest(package_path=str(path), options=ImportAnkiPackageOptions())
    return collection.import_anki_package(request).log


def import_text(collection: Collection, path: Path) -> ImportResponse.Log:
    """Import with the metadata Anki itself reads from the file's header lines."""
    metadata = collection.get_csv_metadata(str(path), None)
    return collection.import_csv(ImportCsvRequest(path=str(path), metadata=metadata)).log


def add_quizmath_notetype(collection: Collection) -> None:
    """The note type a learner has once any quizmath package was imported."""
    models = collection.models
    notetype = models.new(MODEL_NAME)
    for name in FIELD_NAMES:
        models.add_field(notetype, models.new_field(name))
    card = models.new_template("Question")
    card["qfmt"] = "{{Question}}"
    card["afmt"] = "{{FrontSide}}<hr id=answer>{{Answer}}"
    models.add_template(notetype, card)
    models.add(notetype)


def notes_by_guid(collection: Collection) -> dict[str, AnkiNote]:
    notes = {}
    for note_id in collection.find_notes(""):
        note = collection.get_note(note_id)
        cards = note.cards()
        notes[note.guid] = AnkiNote(
            guid=note.guid,
            notetype=note.note_type()["name"],
            deck=collection.decks.name(cards[0].did),
            fields=tuple(note.fields),
            tags=frozenset(note.tags),
            cards=len(cards),
        )
    return notes


def deck_names(collection: Collection) -> set[str]:
    return {entry.name for entry in collection.decks.all_names_and_ids()}
