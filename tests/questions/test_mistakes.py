"""Known mistakes that equal the key or an earlier mistake are dropped, for every answer kind."""

from __future__ import annotations

import pytest
import sympy

from quizmath.checking.functions import sigmoid
from quizmath.questions.mistakes import distinct_mistakes

x = sympy.Symbol("x")


def _kept(kept: list[tuple[object, str]]) -> list[str]:
    return [feedback for _, feedback in kept]


def test_numbers_compare_by_value_not_spelling() -> None:
    kept = distinct_mistakes(
        "number",
        sympy.log(2) / 2,
        [
            (sympy.log(4) / 4, "equal to the key"),
            (sympy.log(2), "double"),
            (2 * sympy.log(2) / 2, "equal to the previous one"),
            None,
            (-sympy.log(2) / 2, "sign"),
        ],
    )
    assert _kept(kept) == ["double", "sign"]


def test_the_kept_pairs_are_returned_unchanged() -> None:
    wrong = [sympy.Integer(1), sympy.Integer(2)]
    kept = distinct_mistakes("vector", [sympy.sqrt(8), sympy.Rational(1, 2)], [(wrong, "first")])
    assert kept == [(wrong, "first")]


def test_vectors_compare_entry_by_entry() -> None:
    key = [sympy.sqrt(8), sympy.Rational(1, 2)]
    kept = distinct_mistakes(
        "vector",
        key,
        [
            ([2 * sympy.sqrt(2), sympy.Rational(2, 4)], "equal to the key"),
            (key[::-1], "swapped"),
            ([key[0], key[1], 0], "longer"),
        ],
    )
    assert _kept(kept) == ["swapped", "longer"]


def test_sets_are_unordered_but_keep_multiplicity() -> None:
    kept = distinct_mistakes("set", [1, 3], [([3, 1], "same set"), ([1, 1, 3], "repeated")])
    assert _kept(kept) == ["repeated"]


def test_matrices_compare_values_and_shape() -> None:
    key = sympy.Matrix([[1, 2], [3, 4]])
    kept = distinct_mistakes(
        "matrix",
        key,
        [
            (key.T, "transpose"),
            ([[1, 2], [3, 4]], "equal, as rows"),
            (key[:, 0], "one column"),
        ],
    )
    assert _kept(kept) == ["transpose", "one column"]


def test_choices_compare_as_text() -> None:
    kept = distinct_mistakes("choice", "b", [("a", "other"), ("b", "the key"), ("a", "again")])
    assert _kept(kept) == ["other"]


def test_expressions_compare_at_points_of_the_domain() -> None:
    key = 2 * sigmoid(x) * (1 - sigmoid(x))
    kept = distinct_mistakes(
        "expression",
        key,
        [
            (sigmoid(x) * (1 - sigmoid(x)) * 2, "same as the key"),
            (sigmoid(x) * (1 - sigmoid(x)), "dropped factor"),
            (sympy.exp(-x) / (1 + sympy.exp(-x)) ** 2, "same as the previous one"),
            (-key, "sign"),
        ],
        variables=("x",),
    )
    assert _kept(kept) == ["dropped factor", "sign"]


def test_expressions_equal_on_the_domain_are_the_same_mistake() -> None:
    candidates = [(sympy.sqrt(x**2), "|x| is x for positive x")]
    assert distinct_mistakes("expression", x, candidates, variables=("x",)) == candidates
    positive = {"x": (0.5, 3.0)}
    assert distinct_mistakes("expression", x, candidates, variables=("x",), domain=positive) == []


def test_expressions_that_agree_only_where_variables_are_equal_differ() -> None:
    y = sympy.Symbol("y")
    kept = distinct_mistakes(
        "expression", (x + y) / 2, [(sympy.sqrt(x * y), "geometric mean")], variables=("x", "y"),
        domain={"x": (1.0, 4.0), "y": (1.0, 4.0)},
    )  # fmt: skip
    assert _kept(kept) == ["geometric mean"]


def test_an_expression_needs_its_variables() -> None:
    with pytest.raises(ValueError, match="variables"):
        distinct_mistakes("expression", x, [(2 * x, "double")])


def test_a_gap_drops_mistakes_a_rounded_answer_could_be_taken_for() -> None:
    kept = distinct_mistakes(
        "number",
        sympy.Rational(1, 2),
        [
            (sympy.Float(0.5001), "too close to the key"),
            (sympy.Rational(3, 4), "kept"),
            (sympy.Rational(3, 4) + sympy.Rational(1, 10**6), "too close to a kept mistake"),
            (sympy.exp(-1), "kept too"),
            (sympy.Rational(1, 2**50), "tiny but kept"),
        ],
        gap=3e-3,
    )
    assert _kept(kept) == ["kept", "kept too", "tiny but kept"]


def test_without_a_gap_rationals_compare_exactly_and_decimals_up_to_float_noise() -> None:
    tiny = sympy.Rational(1, 10**12)
    kept = distinct_mistakes(
        "number",
        sympy.Integer(0),
        [(tiny, "tiny"), (tiny + sympy.Float(1e-20), "float noise on it")],
    )
    assert _kept(kept) == ["tiny"]
    same = distinct_mistakes("number", sympy.Rational(1, 2), [(sympy.Float(0.5), "0.5")])
    assert same == []


def test_an_undefined_mistake_is_dropped() -> None:
    assert distinct_mistakes("number", sympy.Integer(1), [(sympy.zoo, "1/0")]) == []
