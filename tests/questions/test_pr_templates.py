"""Probability templates: behaviour beyond the all-templates harness (exact keys, named mistakes,
decimal answers, the probability deck)."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy

from quizmath.checking import check_answer
from quizmath.decks.loader import load_decks
from quizmath.questions.registry import all_templates, get_template


def _fraction(text: str) -> Fraction:
    value = sympy.Rational(sympy.sympify(text))
    return Fraction(value.p, value.q)


@pytest.mark.parametrize("seed", range(30))
def test_bayes_test_key_is_bayes_rule_with_the_false_positives(seed: int) -> None:
    question = get_template("pr.bayes-test").generate(seed, 1)
    prev, sens, spec = (
        Fraction(question.params[k]) for k in ("prevalence", "sensitivity", "specificity")
    )
    true_pos, false_pos = sens * prev, (1 - spec) * (1 - prev)
    assert _fraction(question.answer) == true_pos / (true_pos + false_pos)
    wrong = {_fraction(m.answer): m.feedback for m in question.mistakes}
    assert "sensitivity" in wrong[sens]
    assert "false positives" in wrong[true_pos]


def test_bayes_test_second_level_asks_negative_or_two_positives() -> None:
    template = get_template("pr.bayes-test")
    events = {template.generate(seed, 2).params["event"] for seed in range(20)}
    assert events == {"negative", "two-positives"}


@pytest.mark.parametrize("seed", range(5))
def test_bayes_test_accepts_four_significant_digits_and_refuses_one_percent_off(
    seed: int,
) -> None:
    question = get_template("pr.bayes-test").generate(seed, 1)
    value = float(_fraction(question.answer))
    assert check_answer(f"{value:.4g}", question.spec).correct
    assert not check_answer(f"{value * 1.01:.4g}", question.spec).correct


@pytest.mark.parametrize("level", [1, 2])
def test_stationary_key_is_a_fixed_point_of_the_chain(level: int) -> None:
    template = get_template("pr.stationary")
    for seed in range(15):
        question = template.generate(seed, level)
        matrix = [[Fraction(v) for v in row] for row in question.params["P"]]
        pi = [_fraction(v) for v in question.answer.strip("[]").split(",")]
        assert sum(pi) == 1
        moved = [sum(pi[i] * matrix[i][j] for i in range(len(pi))) for j in range(len(pi))]
        assert moved == pi


def test_sample_variance_always_names_the_other_divisor() -> None:
    template = get_template("pr.sample-variance")
    for seed in range(20):
        question = template.generate(seed, 1)
        data = question.params["data"]
        n, mean = len(data), Fraction(sum(data), len(data))
        squares = sum((x - mean) ** 2 for x in data)
        other = squares / (n if question.params["ddof"] else n - 1)
        assert _fraction(question.mistakes[0].answer) == other
        assert "n − 1" in question.mistakes[0].feedback


@pytest.mark.parametrize("level", [1, 2])
def test_unbiased_estimator_has_exactly_one_unbiased_option(level: int) -> None:
    template = get_template("pr.unbiased-estimator")
    for seed in range(20):
        params = template.generate(seed, level).params
        n = params["n"]
        if params["target"] == "mean":
            factors = [sum(Fraction(w) for w in option["weights"]) for option in params["options"]]
        else:
            factors = [
                Fraction(n - 1 if option["centre"] == "mean" else n, option["divisor"])
                for option in params["options"]
            ]
        assert factors.count(1) == 1


def test_probability_deck_lists_every_pr_template_with_concept_cards() -> None:
    templates = all_templates()
    result = load_decks(known_templates=templates)
    deck = result.decks["probability"]
    assert deck.title == "Probability and statistics"
    assert sorted(deck.templates) == sorted(t for t in templates if t.startswith("pr."))
    assert len(deck.concepts) >= 12
    assert all(card.topic.startswith("pr.") for card in deck.concepts)
    assert not [p for p in result.problems if p.startswith("probability.toml")]
