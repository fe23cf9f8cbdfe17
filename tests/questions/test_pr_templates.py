"""Probability templates: behaviour beyond the all-templates harness (exact keys, named mistakes,
decimal answers, the probability deck)."""

from __future__ import annotations

import math
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


def _z_of_solution(question) -> Fraction:  # type: ignore[no-untyped-def]
    params = question.params
    if question.template_id == "pr.z-test":
        se = Fraction(params["sigma"]) / int(params["n"] ** 0.5)
        return (params["mean"] - params["mu0"]) / se
    n, root = params["n"], int(params["n"] ** 0.5)
    if params["stat"] == "mean":
        return Fraction(params["bound"] - params["mu"]) / Fraction(params["sigma"], root)
    return Fraction(params["bound"] - n * params["mu"]) / (params["sigma"] * root)


@pytest.mark.parametrize("template_id", ["pr.z-test", "pr.clt-approximation"])
@pytest.mark.parametrize("level", [1, 2])
def test_z_scores_sit_on_the_grid_of_a_z_table(template_id: str, level: int) -> None:
    template = get_template(template_id)
    for seed in range(40):
        z = _z_of_solution(template.generate(seed, level))
        assert (z * 100).denominator == 1, (seed, z)
        assert 0 < abs(z) <= Fraction(11, 5)


@pytest.mark.parametrize("seed", range(10))
def test_p_value_from_four_decimal_z_table_is_accepted(seed: int) -> None:
    question = get_template("pr.z-test").generate(seed, 2)
    z = abs(_z_of_solution(question))
    table = round(0.5 * (1 + math.erf(float(z) / math.sqrt(2))), 4)
    assert check_answer(f"{2 * (1 - table):.4f}", question.spec).correct


@pytest.mark.parametrize(("template_id", "levels"), [("pr.binomial", 2), ("pr.poisson", 3)])
def test_counting_probabilities_are_never_negligible(template_id: str, levels: int) -> None:
    template = get_template(template_id)
    for level in range(1, levels + 1):
        for seed in range(30):
            value = float(sympy.sympify(template.generate(seed, level).answer))
            assert 0.02 <= value <= 0.98, (level, seed, value)


def test_poisson_window_mean_stays_small() -> None:
    template = get_template("pr.poisson")
    for seed in range(30):
        params = template.generate(seed, 3).params
        assert Fraction(params["rate"]) * params["span"] <= 6


def test_dependent_tables_use_the_denominators_of_independent_ones() -> None:
    template = get_template("pr.independence")
    for seed in range(40):
        question = template.generate(seed, 2)
        joint = [[Fraction(v) for v in row] for row in question.params["joint"]]
        px = sum(joint[0])
        rows, cols = [sum(r) for r in joint], [joint[0][c] + joint[1][c] for c in range(3)]
        independent = all(joint[r][c] == rows[r] * cols[c] for r in range(2) for c in range(3))
        assert (question.answer == "independent") == independent
        assert all(v > 0 for row in joint for v in row)
        grid = px.denominator * 6 * 5 * 4
        assert all((v * grid).denominator == 1 for row in joint for v in row), (seed, joint)


def test_variances_subtract_only_as_a_mistake_when_a_minus_sign_invites_it() -> None:
    template = get_template("pr.linear-combination")
    offered = 0
    for seed in range(30):
        question = template.generate(seed, 2)
        a, b = question.params["weights"]
        var_x, var_y = question.params["variances"]
        subtracting = [_fraction(m.answer) for m in question.mistakes if "subtract" in m.feedback]
        if a * b > 0:
            assert not subtracting, seed
        # Where it is offered it is a²Var(X) − b²Var(Y); it is dropped only on a tie.
        assert all(value == a * a * var_x - b * b * var_y for value in subtracting), seed
        offered += len(subtracting)
    assert offered


@pytest.mark.parametrize("template_id", ["pr.stationary", "pr.n-step"])
def test_two_state_chains_never_have_equal_rows(template_id: str) -> None:
    template = get_template(template_id)
    for seed in range(30):
        rows = template.generate(seed, 1).params["P"]
        assert rows[0] != rows[1], seed


@pytest.mark.parametrize("level", [1, 2, 3])
def test_joint_covariance_keeps_its_mistakes(level: int) -> None:
    template = get_template("pr.joint-covariance")
    for seed in range(30):
        assert len(template.generate(seed, level).mistakes) == 2, seed


def test_probability_prompts_show_no_ascii_powers_or_python_reprs() -> None:
    templates = [t for tid, t in all_templates().items() if tid.startswith("pr.")]
    for template in templates:
        for level in range(1, template.levels + 1):
            for seed in range(5):
                question = template.generate(seed, level)
                for text in (question.prompt, *question.solution):
                    where = f"{template.id} L{level} s{seed}: {text}"
                    assert "**" not in text and "Rational(" not in text, where
                    assert "··" not in text and "^{" not in text, where
