"""Export every deck with five variants per template: time taken and file sizes.

Run from the repository: ``python benchmarks/bench_export.py [--variants K]``. It measures the
bundled decks, then every registered template (one deck per area), which bounds what the deck
files can ask for. Generating the instances (SymPy) dominates; writing the files is cheap.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

from quizmath.decks.loader import bundled_deck_dir, load_decks
from quizmath.decks.model import Deck
from quizmath.export.apkg import write_apkg
from quizmath.export.notes import build_note, deck_descriptions
from quizmath.export.select import TemplatePick, select_picks
from quizmath.export.text import write_text
from quizmath.export.timestamp import source_timestamp
from quizmath.questions.registry import Template, all_templates
from quizmath.questions.topics import AREAS


def bench(label: str, decks: Mapping[str, Deck], templates: Mapping[str, Template], k: int) -> None:
    """Select, generate and write both formats once, printing each step's wall time."""
    started = time.perf_counter()
    selection = select_picks(decks, templates, variants=k)
    notes = [build_note(pick) for pick in selection.picks]
    built_at = time.perf_counter()
    with tempfile.TemporaryDirectory() as scratch:
        apkg, text = Path(scratch) / "quizmath.apkg", Path(scratch) / "quizmath.txt"
        stamp = source_timestamp(bundled_deck_dir(), decks.values())
        descriptions = deck_descriptions(selection.picks)
        apkg_size = write_apkg(notes, apkg, timestamp=stamp, descriptions=descriptions)
        written_at = time.perf_counter()
        text_size = write_text(notes, text)
        text_at = time.perf_counter()

    instances = sum(isinstance(pick, TemplatePick) for pick in selection.picks)
    print(f"== {label}")
    print(
        f"decks: {len(decks)}  templates: {instances // k}  variants: {k}  "
        f"notes: {len(notes)} ({instances} instances, {len(notes) - instances} concept cards)  "
        f"subdecks: {len({note.deck for note in notes})}"
    )
    if selection.unknown_templates:
        print(f"skipped unknown template ids: {len(selection.unknown_templates)}")
    per_instance = 1000 * (built_at - started) / max(instances, 1)
    print(f"select + generate: {built_at - started:8.3f} s  ({per_instance:.1f} ms per instance)")
    print(f"write .apkg:       {written_at - built_at:8.3f} s  {apkg_size / 1000:10.1f} kB")
    print(f"write text:        {text_at - written_at:8.3f} s  {text_size / 1000:10.1f} kB")
    print(f"anki export total: {written_at - started:8.3f} s")


def registry_decks(templates: Mapping[str, Template]) -> dict[str, Deck]:
    """One deck per area holding every registered template of that area."""
    decks = {}
    for area, title in AREAS.items():
        ids = tuple(t.id for t in templates.values() if t.topic.split(".")[0] == area)
        if ids:
            decks[area] = Deck(area, title, "", ids, (), f"{area}.toml")
    return decks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--variants", type=int, default=5)
    k = parser.parse_args().variants

    loaded_at = time.perf_counter()
    templates = all_templates()
    decks = load_decks().decks
    print(f"load templates and decks: {time.perf_counter() - loaded_at:.3f} s")
    bench("bundled deck files", decks, templates, k)
    bench("every registered template", registry_decks(templates), templates, k)


if __name__ == "__main__":
    main()
