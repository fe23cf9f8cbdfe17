"""Writing notes in Anki's text-import format: tab-separated HTML fields behind header lines.

The headers tell Anki the separator, that fields are HTML, the note type, and which columns
hold the deck, the tags and the GUID, so an import needs no manual mapping and, through the
GUIDs, updates the notes an earlier export created.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from quizmath.export.note_model import FIELD_NAMES, MODEL_NAME
from quizmath.export.notes import ExportNote
from quizmath.export.output import write_atomically

COLUMNS = (*FIELD_NAMES, "Deck", "Tags", "GUID")


def header_lines() -> list[str]:
    """The ``#key:value`` lines Anki reads before the rows (column numbers are 1-based)."""
    return [
        "#separator:tab",
        "#html:true",
        f"#notetype:{MODEL_NAME}",
        "#columns:" + "\t".join(COLUMNS),
        f"#deck column:{COLUMNS.index('Deck') + 1}",
        f"#tags column:{COLUMNS.index('Tags') + 1}",
        f"#guid column:{COLUMNS.index('GUID') + 1}",
    ]


def write_text(notes: Sequence[ExportNote], path: Path) -> int:
    """Write ``notes`` to ``path`` in Anki's text format; returns the file size in bytes."""

    def write(staged: Path) -> None:
        with staged.open("w", encoding="utf-8", newline="") as handle:
            handle.writelines(f"{line}\n" for line in header_lines())
            rows = csv.writer(handle, delimiter="\t", lineterminator="\n")
            rows.writerows(_row(note) for note in notes)

    return write_atomically(path, write)


def _row(note: ExportNote) -> list[str]:
    question, *rest = note.fields
    # Anki skips a line starting with "#" as a comment; the entity is the same HTML.
    if question.startswith("#"):
        question = "&#35;" + question[1:]
    return [question, *rest, note.deck, " ".join(note.tags), note.guid]


__all__ = ["COLUMNS", "header_lines", "write_text"]
