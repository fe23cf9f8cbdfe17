"""Parametric cards declared in deck files: read safely, drawn under their constraints, made
into templates, and every kind of mistake in one reported as file:line with its deck skipped.

The key = oracle, key accepted and mistakes recognised checks run on the bundled cards with
every other template, in ``test_templates.py``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quizmath.checking import check_answer
from quizmath.decks.loader import load_decks, parse_deck
from quizmath.decks.model import CardRef
from quizmath.decks.toml_source import TomlSource
from quizmath.errors import DeckError
from quizmath.questions.declarative import parametric_template
from quizmath.questions.registry import all_templates

DECK = """id = "mine"
title = "Mine"

[[parametric]]
id = "mine.scaled-square"
topic = "ca.derivatives"
title = "Derivative of a scaled square"
kind = "expression"
variables = ["x"]
params = { a = [2, 9], c = { choices = [0.5, 1.5, 2.5] } }
constraints = ["a != 4"]
prompt = "Differentiate f(x) = {a*(x - c)^2}, where c = {c}."
answer = "2*a*(x - c)"
solution = ["f′(x) = 2·{a}·(x − {c}) = {answer} ≈ {answer:3} at x = 0 only by accident."]
hints = ["The power rule, times {a}."]

[[parametric.mistakes]]
answer = "a*(x - c)"
feedback = "Bring the exponent 2 down: multiply by 2 to get {answer}."

[[parametric.harder]]
params = { a = [11, 29] }
"""


def _deck(text: str, name: str = "mine.toml"):
    return parse_deck(TomlSource(name, text))


def _card(text: str = DECK):
    (card,) = _deck(text).parametric
    return card


def test_a_parametric_card_becomes_a_one_level_template() -> None:
    deck = _deck(DECK)
    assert deck.card_refs() == [CardRef("template", "mine.scaled-square")]
    made = parametric_template(deck.parametric[0])
    assert (made.id, made.topic, made.levels) == ("mine.scaled-square", "ca.derivatives", 2)
    seen = set()
    for seed in range(40):
        level = 1 + seed % 2
        question = made.generate(seed, level)
        assert question == made.generate(seed, level)
        a, c = question.params["a"], question.params["c"]
        assert a != 4 and (2 <= a <= 9 if level == 1 else 11 <= a <= 29) and c in (0.5, 1.5, 2.5)
        assert f"where c = {c}." in question.prompt  # a lone parameter shows as written
        assert check_answer(f"2*{a}*x - 2*{a}*{c}", question.spec).correct
        verdict = check_answer(f"{a}*(x - {c})", question.spec, question.mistakes)
        assert (
            verdict.mistake is not None and "Bring the exponent 2 down" in verdict.mistake.feedback
        )
        assert question.solution[0].startswith(f"f′(x) = 2·{a}·(x − {c}) = ")
        assert made.oracle(question.params)(x=1.25) == pytest.approx(2 * a * (1.25 - c))
        seen.add((a, c))
    assert len(seen) >= 15


def test_a_number_card_has_an_exact_key_and_a_decimal_placeholder() -> None:
    text = (
        DECK.replace('kind = "expression"', 'kind = "number"')
        .replace('variables = ["x"]\n', "")
        .replace('answer = "2*a*(x - c)"', 'answer = "a*c/3"')
        .replace('answer = "a*(x - c)"', 'answer = "a*c"')
        .replace("{a*(x - c)^2}", "{a}·(x − {c})²")
    )
    made = parametric_template(_card(text))
    question = made.generate(5, 2)
    a, c = question.params["a"], question.params["c"]
    assert a >= 11 and check_answer(str(a * c / 3), question.spec).correct
    assert made.oracle(question.params) == pytest.approx(a * c / 3)
    assert f"≈ {a * c / 3:.3g} at x" in question.solution[0]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('answer = "2*a*(x - c)"', 'answer = "2*a*(x - "'), "mine.toml:4: answer '2*a*(x -'"),
        (('answer = "2*a*(x - c)"', 'answer = "2*a*z"'), "mine.toml:4: answer '2*a*z'"),
        (
            ('answer = "2*a*(x - c)"', "answer = \"__import__('os').system('touch pwned')\""),
            "mine.toml:4: answer",
        ),
        (('"a != 4"', '"a > 20"'), "mine.toml:4: mine.scaled-square: no parameters met"),
        (('"a != 4"', '"a + 4"'), "mine.toml:4: constraint 'a + 4' compares nothing"),
        (
            ('answer = "2*a*(x - c)"', 'answer = "x^((a + 999990)^(a + 999990)) + (a + 999990)!"'),
            "mine.toml:4: mine.scaled-square: no parameters met the constraints with every",
        ),
        (("{a*(x - c)^2}", "{a*(x - c)^2"), "mine.toml:4: unbalanced brace"),
        (("c = {", "answer = {"), "mine.toml:4: 'answer' names the key"),
    ],
)
def test_a_broken_formula_is_reported_at_the_card(
    change: tuple[str, str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    text = DECK.replace(*change)
    if change[1].startswith("answer = {"):  # rename the parameter c to answer everywhere
        text = re.sub(r"\bc\b", "answer", DECK)
    with pytest.raises(DeckError) as raised:
        parametric_template(_card(text))
    assert str(raised.value).startswith(message), raised.value
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('solution = ["', 'notes = ["'), "mine.toml:4: a parametric card needs its worked"),
        (('id = "mine.scaled-square"', 'id = "other.square"'), "mine.toml:4: parametric card id"),
        (("a = [2, 9]", "a = [9, 2]"), "mine.toml:4: a: give [low, high]"),
        (("a = [2, 9]", "a = [2, 9.5]"), "mine.toml:4: a: give [low, high]"),
        (("a = [2, 9]", "a = [1000000000, 1000000009]"), "mine.toml:4: a: give [low, high]"),
        (("[0.5, 1.5, 2.5]", "[0.5, 1e300]"), "mine.toml:4: c: 'choices' must be a list"),
        (("choices = [0.5, 1.5, 2.5]", "choices = []"), "mine.toml:4: c: 'choices' must be"),
        (('variables = ["x"]', 'variables = ["a"]'), "mine.toml:4: 'a' is not a distinct name"),
        (('kind = "expression"', 'kind = "number"'), "mine.toml:4: a number card has no"),
        (('kind = "expression"', 'kind = "vector"'), "mine.toml:4: kind must be one of"),
        (("params = { a = [11", "params = { z = [11"), "mine.toml:4: a harder level redraws"),
        (('id = "mine"', 'id = "la"'), "mine.toml:1: deck id 'la' is a topic area"),
    ],
)
def test_a_broken_card_structure_is_reported_without_sympy(
    change: tuple[str, str], message: str
) -> None:
    with pytest.raises(DeckError) as raised:
        _deck(DECK.replace(*change))
    assert str(raised.value).startswith(message), raised.value


def test_the_loader_with_known_templates_skips_a_deck_whose_card_is_broken(
    tmp_path: Path,
) -> None:
    (tmp_path / "mine.toml").write_text(DECK.replace("2*a*(x - c)", "2*a*(x -"), "utf-8")
    loaded = load_decks(tmp_path, known_templates=all_templates())
    assert loaded.decks == {}
    assert loaded.problems[0].startswith("mine.toml:4: answer '2*a*(x -'"), loaded.problems
    assert list(load_decks(tmp_path).decks) == ["mine"]  # the structure alone is fine


def test_the_bundled_parametric_cards_are_templates_of_their_decks() -> None:
    templates = all_templates()
    loaded = load_decks(known_templates=templates)
    assert loaded.problems == []
    cards = [card for deck in loaded.decks.values() for card in deck.parametric]
    assert {card.id for card in cards} >= {
        "calculus.power-of-binomial",
        "probability.first-success",
    }
    for card in cards:  # read and checked now, as the registry only reads them when used
        checked = parametric_template(card)
        assert templates[card.id].topic == checked.topic == card.topic
        assert templates[card.id].levels == checked.levels >= 2
        for seed in range(3):
            level = 1 + seed % checked.levels
            assert templates[card.id].generate(seed, level) == checked.generate(seed, level)


def test_the_readme_example_is_a_working_card() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```toml\n(\[\[parametric\]\].*?)```", readme, re.S)
    assert example is not None
    text = 'id = "calculus"\ntitle = "Calculus"\n\n' + example[1]
    made = parametric_template(_card(text))
    assert made.levels == 2
    for level in (1, 2):
        question = made.generate(0, level)
        assert check_answer(question.answer, question.spec).correct
        assert question.mistakes and question.solution[0].startswith("Chain rule: f′(x) = ")
