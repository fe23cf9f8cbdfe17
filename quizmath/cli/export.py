"""``quizmath export anki`` and ``quizmath export csv``: decks as notes Anki imports."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from quizmath.export.notes import ExportNote
    from quizmath.export.select import Selection

Writer = Callable[[list["ExportNote"], "Selection", Path], int]


def _selection_options(command: Callable[..., Any]) -> Callable[..., Any]:
    options = (
        click.option(
            "--deck",
            "deck_ids",
            multiple=True,
            metavar="D",
            help="Export this deck; repeat for more (default: every deck).",
        ),
        click.option(
            "--topic",
            "topics",
            multiple=True,
            metavar="T",
            help="Only cards of this topic slug (la.eigen) or area (la); repeatable.",
        ),
        click.option(
            "--variants",
            type=int,
            default=3,
            show_default=True,
            metavar="K",
            help="Notes per template, each with its own seed; levels cycle through them.",
        ),
        click.option(
            "--seed",
            type=click.IntRange(min=0),
            default=0,
            show_default=True,
            metavar="S",
            help="Base seed the instance seeds are derived from.",
        ),
    )
    for option in reversed(options):
        command = option(command)
    return command


@click.group()
def export() -> None:
    """Export decks to Anki, as a package or in Anki's text-import format.

    Notes keep stable ids: importing a newer export updates the notes already in Anki
    instead of adding copies.

    \b
    Example:
        quizmath export anki quizmath.apkg
        quizmath export csv quizmath.txt --deck core
    """


@export.command("anki")
@click.argument("out", metavar="OUT.apkg", type=click.Path(path_type=Path))
@_selection_options
@click.option(
    "--timestamp",
    type=click.IntRange(min=1),
    envvar="SOURCE_DATE_EPOCH",
    metavar="SECONDS",
    help="Time stamped on the notes, in seconds since 1970 "
    "(default: when the decks or quizmath last changed).",
)
def anki(
    out: Path,
    deck_ids: tuple[str, ...],
    topics: tuple[str, ...],
    variants: int,
    seed: int,
    timestamp: int | None,
) -> None:
    """Write decks as an Anki package (.apkg).

    Each template becomes K notes with their own numbers; concept cards are exported as
    written. Math is rendered by Anki's MathJax. Notes go to subdecks
    QuizMath::<deck>::<topic>, tagged with the topic and deck. Unchanged decks give a
    byte-identical file; a newer export updates the notes already in Anki.

    \b
    Example:
        quizmath export anki quizmath.apkg
        quizmath export anki core.apkg --deck core --variants 5 --seed 7
        quizmath export anki la.apkg --topic la --topic pr.bayes
    """
    from quizmath.decks.loader import bundled_deck_dir
    from quizmath.export.apkg import write_apkg
    from quizmath.export.notes import deck_descriptions
    from quizmath.export.timestamp import source_timestamp

    def write(notes: list[ExportNote], selection: Selection, path: Path) -> int:
        decks = {pick.deck.id: pick.deck for pick in selection.picks}.values()
        stamp = timestamp or source_timestamp(bundled_deck_dir(), decks)
        descriptions = deck_descriptions(selection.picks)
        return write_apkg(notes, path, timestamp=stamp, descriptions=descriptions)

    _export(out, deck_ids, topics, variants, seed, write)


@export.command("csv")
@click.argument("out", metavar="OUT.txt", type=click.Path(path_type=Path))
@_selection_options
def csv(
    out: Path, deck_ids: tuple[str, ...], topics: tuple[str, ...], variants: int, seed: int
) -> None:
    """Write decks in Anki's text-import format.

    Tab-separated HTML fields, one note per line. The header lines name the QuizMath note
    type and the deck, tags and GUID columns, so Anki needs no column mapping once the note
    type exists (import one .apkg first).

    \b
    Example:
        quizmath export csv quizmath.txt
        quizmath export csv core.txt --deck core --variants 2
    """
    from quizmath.export.text import write_text

    _export(out, deck_ids, topics, variants, seed, lambda notes, _, path: write_text(notes, path))


def _export(
    out: Path,
    deck_ids: Sequence[str],
    topics: Sequence[str],
    variants: int,
    seed: int,
    write: Writer,
) -> None:
    from quizmath.decks.loader import load_decks
    from quizmath.export.output import check_output
    from quizmath.export.select import select_picks
    from quizmath.questions.registry import all_templates

    check_output(out)
    # Not validated against the registry: a deck still loads when one of its templates is
    # missing, and only that template is skipped.
    loaded = load_decks()
    selection = select_picks(
        loaded.decks,
        all_templates(),
        deck_ids=deck_ids,
        topics=topics,
        variants=variants,
        seed=seed,
    )
    for problem in loaded.problems:
        click.echo(f"warning: {problem}", err=True)
    for deck_id, template_id in selection.unknown_templates:
        click.echo(
            f"warning: deck {deck_id} lists unknown template {template_id!r}; skipped", err=True
        )
    notes = _build_notes(selection)
    size = write(notes, selection, out)
    decks = len({note.deck for note in notes})
    click.echo(f"Exported {len(notes)} notes in {decks} decks to {out} ({_file_size(size)}).")


def _build_notes(selection: Selection) -> list[ExportNote]:
    """Generate every note, with a progress bar when someone is watching stderr."""
    from quizmath.export.notes import build_note

    if not sys.stderr.isatty():
        return [build_note(pick) for pick in selection.picks]
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("Building notes"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        return [build_note(pick) for pick in progress.track(selection.picks)]


def _file_size(size: int) -> str:
    if size < 1000:
        return f"{size} B"
    if size < 1_000_000:
        return f"{size / 1000:.1f} kB"
    return f"{size / 1_000_000:.1f} MB"


__all__ = ["export"]
