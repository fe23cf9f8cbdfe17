"""The text export as Anki's own CSV importer reads it: same notes, decks, tags and GUIDs."""

from __future__ import annotations

import csv
from pathlib import Path

from anki.collection import Collection

from quizmath.decks.loader import load_decks
from quizmath.decks.model import Deck
from quizmath.export.apkg import write_apkg
from quizmath.export.notes import ExportNote, build_note
from quizmath.export.select import select_picks
from quizmath.export.text import COLUMNS, write_text
from quizmath.questions.registry import Template, all_templates
from tests.export.anki_collection import (
    add_quizmath_notetype,
    import_apkg,
    import_text,
    notes_by_guid,
)


def _notes(
    decks: dict[str, Deck], templates: dict[str, Template], **options: object
) -> list[ExportNote]:
    return [build_note(pick) for pick in select_picks(decks, templates, **options).picks]


def test_the_file_starts_with_anki_header_lines(tmp_path: Path) -> None:
    notes = _notes(load_decks().decks, all_templates(), deck_ids=["core"], variants=1)
    write_text(notes, tmp_path / "core.txt")
    lines = (tmp_path / "core.txt").read_text(encoding="utf-8").split("\n")
    assert lines[:7] == [
        "#separator:tab",
        "#html:true",
        "#notetype:QuizMath",
        "#columns:Question\tAnswer\tSolution\tTopic\tSource\tDeck\tTags\tGUID",
        "#deck column:6",
        "#tags column:7",
        "#guid column:8",
    ]
    rows = list(csv.reader(lines[7:-1], delimiter="\t"))
    assert lines[-1] == ""
    assert [row[COLUMNS.index("GUID")] for row in rows] == [note.guid for note in notes]


def test_anki_imports_the_text_export_like_the_package(
    tmp_path: Path,
    collection: Collection,
    small_decks: dict[str, Deck],
    templates: dict[str, Template],
) -> None:
    notes = _notes(small_decks, templates, variants=2)
    write_text(notes, tmp_path / "small.txt")
    add_quizmath_notetype(collection)

    log = import_text(collection, tmp_path / "small.txt")

    assert len(log.new) == len(notes) == collection.note_count() == collection.card_count()
    imported = notes_by_guid(collection)
    assert set(imported) == {note.guid for note in notes}
    for note in notes:
        assert imported[note.guid].deck == note.deck
        assert imported[note.guid].tags == set(note.tags)
        assert imported[note.guid].fields == note.fields
        assert imported[note.guid].notetype == "QuizMath"


def test_a_text_export_updates_the_notes_a_package_created(
    tmp_path: Path, collection: Collection
) -> None:
    decks, templates = load_decks().decks, all_templates()
    notes = _notes(decks, templates, deck_ids=["core"], variants=2)
    write_apkg(notes, tmp_path / "core.apkg", timestamp=1_700_000_000)
    write_text(notes, tmp_path / "core.txt")
    import_apkg(collection, tmp_path / "core.apkg")

    log = import_text(collection, tmp_path / "core.txt")

    assert len(log.new) == 0
    assert len(log.updated) + len(log.duplicate) == len(notes)
    assert collection.note_count() == len(notes)
    assert set(notes_by_guid(collection)) == {note.guid for note in notes}


def test_a_question_starting_with_a_hash_is_not_read_as_a_comment(
    tmp_path: Path, collection: Collection
) -> None:
    note = ExportNote("guid#1", "QuizMath::T::U", ("#1 first", "a", "", "t", "s"), ("x",))
    write_text([note], tmp_path / "hash.txt")
    add_quizmath_notetype(collection)
    import_text(collection, tmp_path / "hash.txt")
    assert notes_by_guid(collection)["guid#1"].fields[0] == "&#35;1 first"
