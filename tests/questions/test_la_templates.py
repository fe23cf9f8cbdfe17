"""Linear-algebra templates: the rules for 2×2 eigenvalue mistakes, and the shared helpers that
keep keys integral and mistakes distinct."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

from quizmath.questions.model import Question
from quizmath.questions.registry import get_template
from quizmath.questions.templates.la_tools import (
    distinct_mistakes,
    rational_svd_matrices,
    unimodular,
)

SWAPPED = "Trace and determinant swapped"
DIAGONAL = "The diagonal entries"


def _mistake(question: Question, prefix: str) -> str | None:
    found = [m.answer for m in question.mistakes if m.feedback.startswith(prefix)]
    return found[0] if found else None


def _as_set(text: str) -> list[float]:
    return sorted(float(sympy.sympify(v)) for v in text.strip("{}").split(","))


@pytest.mark.parametrize("level", [1, 2])
def test_eigen_2x2_swaps_trace_and_determinant_only_when_the_roots_are_real(level: int) -> None:
    template = get_template("la.eigen-2x2")
    for seed in range(40):
        question = template.generate(seed, level)
        a = np.array(question.params["A"], dtype=float)
        trace, det = round(np.trace(a)), round(np.linalg.det(a))
        disc = det * det - 4 * trace
        swapped = _mistake(question, SWAPPED)
        if disc < 0:
            assert swapped is None, f"seed {seed}: complex roots offered as a mistake"
            continue
        roots = sorted([(det - disc**0.5) / 2, (det + disc**0.5) / 2])
        key = _as_set(question.answer)
        if np.allclose(roots, key):
            assert swapped is None, f"seed {seed}: the swapped roots equal the key"
        else:
            assert swapped is not None, f"seed {seed}: missing the swapped mistake"
            assert np.allclose(_as_set(swapped), roots), f"seed {seed}: {swapped} vs {roots}"


def test_eigen_2x2_offers_the_diagonal_only_when_it_differs_from_the_eigenvalues() -> None:
    template = get_template("la.eigen-2x2")
    for seed in range(60):
        question = template.generate(seed, 1 + seed % 3)
        a = np.array(question.params["A"], dtype=float)
        diagonal = sorted(np.diag(a))
        differs = not np.allclose(diagonal, _as_set(question.answer))
        assert (_mistake(question, DIAGONAL) is not None) == differs, f"seed {seed}"


def test_eigen_2x2_keys_are_integer_eigenvalues() -> None:
    template = get_template("la.eigen-2x2")
    for seed in range(30):
        question = template.generate(seed, 1 + seed % 3)
        values = np.linalg.eigvals(np.array(question.params["A"], dtype=float))
        assert np.allclose(values.imag, 0) and np.allclose(values.real, np.round(values.real))


def test_distinct_mistakes_compares_values_not_spellings() -> None:
    key = [sympy.sqrt(8), sympy.Rational(1, 2)]
    kept = distinct_mistakes(
        "vector",
        key,
        [
            ([2 * sympy.sqrt(2), sympy.Rational(2, 4)], "equal to the key"),
            None,
            ([sympy.Integer(1), sympy.Integer(2)], "first"),
            ([sympy.Rational(2, 2), sympy.Integer(2)], "same as the first"),
        ],
    )
    assert kept == [([1, 2], "first")]


def test_distinct_mistakes_treats_sets_as_unordered() -> None:
    kept = distinct_mistakes("set", [1, 3], [([3, 1], "same set"), ([1, 1, 3], "other")])
    assert [feedback for _, feedback in kept] == ["other"]


def test_unimodular_matrices_have_integer_inverses() -> None:
    rng = np.random.default_rng(7)
    for _ in range(20):
        p = unimodular(rng, 3, 2)
        assert abs(p.det()) == 1
        assert all(v.is_integer for v in p.inv())


def test_rational_svd_matrices_have_the_listed_singular_values() -> None:
    matrices = rational_svd_matrices()
    assert len(matrices) >= 50
    for (a, b, c, d), high, low in matrices[::7]:
        sigma = np.linalg.svd(np.array([[a, b], [c, d]], dtype=float), compute_uv=False)
        assert np.allclose(sigma, [high, low])
