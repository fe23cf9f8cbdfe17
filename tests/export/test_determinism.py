"""Same inputs, same bytes; identities from what a note is; a bad path fails before any work."""

from __future__ import annotations

import dataclasses
import os
import zipfile
from pathlib import Path

import pytest

from quizmath.decks.model import Deck
from quizmath.errors import ExportError
from quizmath.export.apkg import write_apkg
from quizmath.export.guid import concept_guid, deck_id, template_guid
from quizmath.export.notes import ExportNote, build_note, deck_descriptions
from quizmath.export.select import TemplatePick, select_picks
from quizmath.export.text import write_text
from quizmath.export.timestamp import source_timestamp
from quizmath.questions.registry import Template

STAMP = 1_700_000_000


def _notes(decks: dict[str, Deck], templates: dict[str, Template]) -> list[ExportNote]:
    return [build_note(p) for p in select_picks(decks, templates, variants=2).picks]


def test_two_exports_of_the_same_inputs_are_byte_identical(
    tmp_path: Path, small_decks: dict[str, Deck], templates: dict[str, Template]
) -> None:
    picks = select_picks(small_decks, templates, variants=2).picks
    for run in ("a", "b"):
        notes = [build_note(pick) for pick in picks]
        write_apkg(
            notes, tmp_path / f"{run}.apkg", timestamp=STAMP, descriptions=deck_descriptions(picks)
        )
        write_text(notes, tmp_path / f"{run}.txt")
    assert (tmp_path / "a.apkg").read_bytes() == (tmp_path / "b.apkg").read_bytes()
    assert (tmp_path / "a.txt").read_bytes() == (tmp_path / "b.txt").read_bytes()
    with zipfile.ZipFile(tmp_path / "a.apkg") as archive:
        assert archive.namelist() == ["collection.anki2", "media"]
        assert all(entry.date_time == (1980, 1, 1, 0, 0, 0) for entry in archive.infolist())


def test_the_timestamp_changes_the_package(
    tmp_path: Path, small_decks: dict[str, Deck], templates: dict[str, Template]
) -> None:
    notes = _notes(small_decks, templates)
    write_apkg(notes, tmp_path / "a.apkg", timestamp=STAMP)
    write_apkg(notes, tmp_path / "b.apkg", timestamp=STAMP + 1)
    assert (tmp_path / "a.apkg").read_bytes() != (tmp_path / "b.apkg").read_bytes()


def test_guids_come_from_identity_not_text(
    small_decks: dict[str, Deck], templates: dict[str, Template]
) -> None:
    pick = select_picks(small_decks, templates, deck_ids=["beta"], variants=1).picks[0]
    assert isinstance(pick, TemplatePick)
    note = build_note(pick)
    assert note.guid == template_guid("ca.sigmoid-chain", pick.seed)
    retitled = dataclasses.replace(pick.template, title="Another title")
    assert build_note(dataclasses.replace(pick, template=retitled)).guid == note.guid
    assert template_guid("ca.sigmoid-chain", pick.seed + 1) != note.guid
    assert concept_guid("alpha.tricky") == concept_guid("alpha.tricky")
    assert concept_guid("alpha.tricky") != concept_guid("alpha.other")


def test_deck_ids_are_a_stable_hash_of_the_name() -> None:
    name = "QuizMath::Core::The chain rule"
    assert deck_id(name) == deck_id(name)
    assert deck_id(name) != deck_id("QuizMath::Core::Entropy")
    assert 1 << 30 <= deck_id(name) < 1 << 31


def test_the_source_timestamp_is_the_latest_change_of_decks_or_code(tmp_path: Path) -> None:
    deck_file = tmp_path / "mine.toml"
    deck_file.write_text('id = "mine"\n', encoding="utf-8")
    deck = Deck("mine", "Mine", "", (), (), "mine.toml")
    os.utime(deck_file, (0, 0))
    stamp = source_timestamp(tmp_path, [deck])
    assert stamp == source_timestamp(tmp_path, [deck])
    assert stamp > 1_600_000_000  # quizmath's own modules are newer than that
    later = stamp + 3600
    os.utime(deck_file, (later, later))
    assert source_timestamp(tmp_path, [deck]) == later


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("missing/out.apkg", "is not a directory"),
        ("a-file/out.apkg", "is not a directory"),
        (".", "it is a directory"),
    ],
)
def test_an_unwritable_path_is_a_user_error_and_leaves_nothing(
    tmp_path: Path, where: str, message: str
) -> None:
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    note = ExportNote("g", "QuizMath::A::B", ("q", "a", "", "t", "s"), ("t",))
    for write in (
        lambda path: write_apkg([note], path, timestamp=STAMP),
        lambda path: write_text([note], path),
    ):
        with pytest.raises(ExportError, match=message):
            write(tmp_path / where)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]
