"""The ``.apkg`` as Anki itself imports it: notes, cards, decks, tags, fields, updates."""

from __future__ import annotations

import dataclasses
import html
import re
from pathlib import Path

import numpy as np
from anki.collection import Collection

from quizmath.decks.loader import load_decks
from quizmath.decks.model import Deck
from quizmath.export.apkg import write_apkg
from quizmath.export.notes import ExportNote, build_note, deck_descriptions
from quizmath.export.select import Selection, TemplatePick, select_picks
from quizmath.questions.model import Draft
from quizmath.questions.registry import Template, all_templates
from tests.export.anki_collection import deck_names, import_apkg, notes_by_guid

STAMP = 1_700_000_000


def _export(selection: Selection, path: Path, stamp: int = STAMP) -> list[ExportNote]:
    notes = [build_note(pick) for pick in selection.picks]
    write_apkg(notes, path, timestamp=stamp, descriptions=deck_descriptions(selection.picks))
    return notes


def _plain(field: str) -> str:
    """Field HTML back to the text it came from."""
    return html.unescape(field.replace("<br>", "\n"))


def _core() -> tuple[dict[str, Deck], dict[str, Template]]:
    return load_decks().decks, all_templates()


def test_the_core_deck_imports_with_its_notes_decks_tags_and_fields(
    tmp_path: Path, collection: Collection
) -> None:
    decks, templates = _core()
    selection = select_picks(decks, templates, deck_ids=["core"], variants=2)
    core = decks["core"]
    known = [t for t in core.templates if t in templates]
    assert len(selection.picks) == 2 * len(known) + len(core.concepts)

    notes = _export(selection, tmp_path / "core.apkg")
    log = import_apkg(collection, tmp_path / "core.apkg")

    assert len(log.new) == len(notes)
    assert collection.note_count() == len(notes)
    assert collection.card_count() == len(notes)
    imported = notes_by_guid(collection)
    assert set(imported) == {note.guid for note in notes}
    assert {f"QuizMath::{core.title}", "QuizMath"} | {n.deck for n in notes} <= deck_names(
        collection
    )
    for note in notes:
        anki_note = imported[note.guid]
        assert anki_note.notetype == "QuizMath"
        assert anki_note.deck == note.deck
        assert anki_note.fields == note.fields
        assert anki_note.tags == set(note.tags)
        assert "core" in anki_note.tags
    by_source = {imported[n.guid].fields[4]: imported[n.guid].fields for n in notes}
    for pick in selection.picks:
        if not isinstance(pick, TemplatePick):
            continue
        question = pick.template.generate(pick.seed, pick.level)
        fields = by_source[f"{pick.template.id} · level {pick.level} · seed {pick.seed}"]
        assert _plain(fields[0]) == question.prompt_latex.strip()
        assert r"\(" in fields[0] and r"\)" in fields[0]
        if question.kind not in ("choice", "self"):
            assert _plain(fields[1]) == rf"\[{' '.join(question.answer_latex.split())}\]"
        steps = re.fullmatch(r'<ol class="qm-steps"><li>(.*)</li></ol>', fields[2])
        assert steps is not None
        assert [_plain(step) for step in steps[1].split("</li><li>")] == [
            step.strip() for step in question.solution_latex
        ]


def test_html_and_latex_survive_the_round_trip(
    tmp_path: Path,
    collection: Collection,
    small_decks: dict[str, Deck],
    templates: dict[str, Template],
) -> None:
    selection = select_picks(small_decks, templates, variants=1)
    notes = _export(selection, tmp_path / "small.apkg")
    import_apkg(collection, tmp_path / "small.apkg")
    imported = notes_by_guid(collection)

    tricky = imported[next(n.guid for n in notes if "alpha.tricky" in n.fields[4])]
    assert tricky.fields[0] == (
        r"Why is \(a &lt; b\) &amp; \(\{x : x &gt; 0\}\) open when \(\frac{1}{2} \le c\)?"
    )
    assert tricky.fields[1] == (
        r"First line with \(e^{x} &gt; 0\) &amp; &lt;b&gt;no tag&lt;/b&gt;."
        r"<br>Second line \[\sum_{i} p_i = 1\]"
    )
    assert tricky.deck == "QuizMath::Alpha & Co::Probability rules"
    assert tricky.tags == {"pr.rules", "alpha"}
    choice = imported[next(n.guid for n in notes if "test.choice" in n.fields[4])]
    assert choice.fields[0] == "Is f(x) = x² on x &lt; 0 &amp; x &gt; 0 convex?"
    assert choice.fields[1] == "convex"
    assert choice.fields[2] == '<ol class="qm-steps"><li>f″(x) = 2 &gt; 0 everywhere.</li></ol>'
    # The template both decks list is exported once, in the first deck, tagged with both.
    sigmoid = [n for n in imported.values() if "ca.sigmoid-chain" in n.fields[4]]
    assert len(sigmoid) == 1
    assert sigmoid[0].deck == "QuizMath::Alpha & Co::The chain rule"
    assert sigmoid[0].tags == {"ca.chain-rule", "alpha", "beta"}
    alpha = collection.decks.by_name("QuizMath::Alpha & Co")
    assert alpha is not None and alpha["desc"] == "Deck &lt;one&gt;"


def _reworded(template: Template) -> Template:
    def build(rng: np.random.Generator, level: int) -> Draft:
        draft = template.build(rng, level)
        return dataclasses.replace(draft, prompt=["Reworded: ", *draft.prompt])

    return dataclasses.replace(template, build=build)


def test_a_newer_export_with_changed_wording_updates_notes_and_adds_none(
    tmp_path: Path, collection: Collection, small_decks: dict[str, Deck]
) -> None:
    templates = all_templates()
    first = select_picks(small_decks, templates, deck_ids=["beta"], variants=3)
    before = _export(first, tmp_path / "v1.apkg")
    assert len(import_apkg(collection, tmp_path / "v1.apkg").new) == 3

    changed = {**templates, "ca.sigmoid-chain": _reworded(templates["ca.sigmoid-chain"])}
    second = select_picks(small_decks, changed, deck_ids=["beta"], variants=3)
    after = _export(second, tmp_path / "v2.apkg", stamp=STAMP + 60)
    assert [n.guid for n in after] == [n.guid for n in before]
    assert all(a.fields[0] != b.fields[0] for a, b in zip(after, before, strict=True))

    log = import_apkg(collection, tmp_path / "v2.apkg")
    assert (len(log.new), len(log.updated)) == (0, 3)
    assert collection.note_count() == 3
    imported = notes_by_guid(collection)
    for note in after:
        assert imported[note.guid].fields[0].startswith("Reworded: Differentiate")
        assert imported[note.guid].fields == note.fields


def test_another_export_into_the_same_collection_adds_its_own_notes(
    tmp_path: Path, collection: Collection, small_decks: dict[str, Deck]
) -> None:
    templates = all_templates()
    for seed, expected_new in ((0, 3), (1, 2)):
        selection = select_picks(small_decks, templates, deck_ids=["alpha"], variants=2, seed=seed)
        # Same stamp, so both files number their notes and cards alike; Anki must renumber.
        _export(selection, tmp_path / f"seed{seed}.apkg")
        log = import_apkg(collection, tmp_path / f"seed{seed}.apkg")
        assert len(log.new) == expected_new
    assert collection.note_count() == 5
