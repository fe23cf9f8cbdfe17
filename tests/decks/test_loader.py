"""Deck files load, and every kind of broken deck is reported as file:line and skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizmath.decks.loader import load_decks
from quizmath.decks.model import CardRef

GOOD = """id = "good"
title = "Good"
templates = ["ca.sigmoid-chain"]

[[concepts]]
id = "good.one"
topic = "ca.chain-rule"
question = "Q?"
answer = "A."
"""


def _write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


def test_a_good_deck_loads_with_its_cards(tmp_path: Path) -> None:
    _write(tmp_path, "good.toml", GOOD)
    loaded = load_decks(tmp_path, known_templates={"ca.sigmoid-chain"})
    assert loaded.problems == []
    deck = loaded.decks["good"]
    assert deck.title == "Good"
    assert deck.card_refs() == [
        CardRef("template", "ca.sigmoid-chain"),
        CardRef("concept", "good.one"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (GOOD.replace('"ca.sigmoid-chain"', '"ca.nope"'), "bad.toml:3: unknown template 'ca.nope'"),
        (GOOD.replace('title = "Good"', 'title = "Good'), "bad.toml:2: TOML syntax error"),
        (GOOD.replace('question = "Q?"\n', ""), "bad.toml:5: concept card is missing 'question'"),
        (GOOD.replace('"ca.chain-rule"', '"ca.nowhere"'), "bad.toml:7: unknown topic 'ca.nowhere'"),
        (GOOD.replace('id = "good"\n', ""), "bad.toml:1: missing or empty 'id'"),
        (
            GOOD + '\n[[concepts]]\nid = "good.one"\ntopic = "ca.chain-rule"\n'
            'question = "Q2"\nanswer = "A2"\n',
            "bad.toml:12: duplicate card id 'good.one'",
        ),
        (
            GOOD.replace('["ca.sigmoid-chain"]', '["ca.sigmoid-chain", "ca.sigmoid-chain"]'),
            "bad.toml:3: template 'ca.sigmoid-chain' is listed twice",
        ),
    ],
)
def test_a_broken_deck_is_reported_and_skipped(tmp_path: Path, text: str, expected: str) -> None:
    _write(tmp_path, "bad.toml", text)
    _write(tmp_path, "other.toml", GOOD.replace('"good', '"other'))
    loaded = load_decks(tmp_path, known_templates={"ca.sigmoid-chain"})
    assert list(loaded.decks) == ["other"]
    assert len(loaded.problems) == 1
    assert loaded.problems[0].startswith(expected), loaded.problems[0]


def test_card_ids_are_unique_across_decks(tmp_path: Path) -> None:
    _write(tmp_path, "a.toml", GOOD)
    _write(tmp_path, "b.toml", GOOD.replace('id = "good"', 'id = "second"'))
    loaded = load_decks(tmp_path)
    assert list(loaded.decks) == ["good"]
    assert loaded.problems == ["b.toml:6: duplicate card id 'good.one' (also in a.toml)"]


def test_an_unreadable_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "binary.toml").write_bytes(b"\xff\xfe\x00garbage")
    assert load_decks(tmp_path).problems[0].startswith("binary.toml:1:")


def test_every_bundled_deck_loads_without_problems() -> None:
    from quizmath.questions.registry import all_templates

    loaded = load_decks(known_templates=all_templates())
    assert loaded.problems == []
    assert "core" in loaded.decks
