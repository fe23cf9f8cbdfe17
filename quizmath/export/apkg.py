"""Writing notes as an Anki package (``.apkg``) with genanki, byte for byte reproducibly.

genanki stamps notes, cards and the zip entries with the time; here the caller's timestamp is
used for the notes and the zip entries carry a fixed date, so equal inputs give equal files.
Anki updates an existing note only from a newer one, so the timestamp should grow whenever
the exported content changes (see ``timestamp.source_timestamp``).
"""

from __future__ import annotations

import itertools
import sqlite3
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

import genanki

from quizmath.export.guid import deck_id
from quizmath.export.note_model import note_model
from quizmath.export.notes import ExportNote
from quizmath.export.output import write_atomically

_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def write_apkg(
    notes: Sequence[ExportNote],
    path: Path,
    *,
    timestamp: int,
    descriptions: Mapping[str, str] | None = None,
) -> int:
    """Write ``notes`` to ``path`` as an ``.apkg``; returns the file size in bytes.

    ``descriptions`` maps deck names (parents included) to their HTML descriptions.
    """
    package = genanki.Package(_decks(notes, descriptions or {}))
    # Built in memory and serialized: the same bytes as a file, without a disk sync per statement.
    connection = sqlite3.connect(":memory:")
    try:
        package.write_to_db(connection.cursor(), timestamp, itertools.count(timestamp * 1000))
        connection.commit()
        collection = connection.serialize()
    finally:
        connection.close()
    return write_atomically(path, lambda staged: _zip(collection, staged))


def _decks(notes: Sequence[ExportNote], descriptions: Mapping[str, str]) -> list[genanki.Deck]:
    """One genanki deck per deck name, parents first, in the order the notes name them."""
    model = note_model()
    decks: dict[str, genanki.Deck] = {}
    for note in notes:
        parts = note.deck.split("::")
        for depth in range(1, len(parts) + 1):
            name = "::".join(parts[:depth])
            if name not in decks:
                decks[name] = genanki.Deck(deck_id(name), name, descriptions.get(name, ""))
        decks[note.deck].add_note(
            genanki.Note(
                model=model, fields=list(note.fields), tags=list(note.tags), guid=note.guid
            )
        )
    return list(decks.values())


def _zip(collection: bytes, target: Path) -> None:
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in (("collection.anki2", collection), ("media", b"{}")):
            entry = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, data)


__all__ = ["write_apkg"]
