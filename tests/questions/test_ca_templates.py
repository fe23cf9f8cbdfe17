"""Calculus templates: mistakes that coincide with the key are dropped, and every case occurs."""

from __future__ import annotations

import sympy

from quizmath.checking.functions import sigmoid
from quizmath.questions.registry import get_template
from quizmath.questions.templates.ca_mistakes import distinct_mistakes

x = sympy.Symbol("x")


def test_distinct_mistakes_drops_values_equal_to_the_key_or_an_earlier_mistake() -> None:
    key = 2 * sigmoid(x) * (1 - sigmoid(x))
    kept = distinct_mistakes(
        key,
        [
            (sigmoid(x) * (1 - sigmoid(x)) * 2, "same as the key"),
            (sigmoid(x) * (1 - sigmoid(x)), "dropped factor"),
            (sympy.exp(-x) / (1 + sympy.exp(-x)) ** 2, "same as the previous one"),
            (-key, "sign"),
        ],
        ("x",),
    )
    assert [feedback for _, feedback in kept] == ["dropped factor", "sign"]


def test_distinct_mistakes_compares_matrices_and_vectors_by_value() -> None:
    key = sympy.Matrix([[1, 2], [3, 4]])
    kept = distinct_mistakes(
        key,
        [(key.T, "transpose"), (sympy.Matrix([[1, 2], [3, 4]]), "equal"), (key[:, 0], "shape")],
    )
    assert [feedback for _, feedback in kept] == ["transpose", "shape"]
    assert distinct_mistakes([1, 2], [([sympy.Rational(2, 2), 2], "equal")]) == []


def test_sigmoid_chain_with_inner_slope_one_keeps_only_the_sign_mistake() -> None:
    question = get_template("ca.sigmoid-chain").generate(16, 1)
    assert question.answer == "(1 - sigmoid(x + 1))*sigmoid(x + 1)"
    assert [m.answer for m in question.mistakes] == ["-(1 - sigmoid(x + 1))*sigmoid(x + 1)"]


def test_critical_points_of_every_class_occur() -> None:
    template = get_template("ca.critical-point")
    seen = {template.generate(seed, 2).answer for seed in range(40)}
    assert seen == {"local minimum", "local maximum", "saddle point", "inconclusive"}


def test_relu_questions_include_inactive_units() -> None:
    template = get_template("ca.relu-slope")
    solutions = [" ".join(template.generate(seed, 1).solution) for seed in range(20)]
    assert any("inactive" in text for text in solutions)
    assert any("active (slope 1)" in text for text in solutions)


def test_reverse_mode_relu_network_sometimes_blocks_the_gradient() -> None:
    template = get_template("ca.reverse-mode")
    answers = [template.generate(seed, 3).answer for seed in range(30)]
    assert any(answer.startswith("[0, 0, ") for answer in answers)
    assert any(not answer.startswith("[0, 0, ") for answer in answers)
