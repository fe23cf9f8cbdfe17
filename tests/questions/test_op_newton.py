"""Newton's method instances stay hand-sized, and the key is a Newton step, not a GD step."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy

from quizmath.checking import check_answer
from quizmath.questions.registry import get_template

TEMPLATE = get_template("op.newton-1d")


def _coefficients(question) -> dict[int, int]:
    return {int(k): int(c) for c, k in question.params["f"]}


def _step(coefficients: dict[int, int], x: Fraction) -> Fraction:
    slope = sum(k * c * x ** (k - 1) for k, c in coefficients.items())
    curvature = sum(k * (k - 1) * c * x ** (k - 2) for k, c in coefficients.items() if k >= 2)
    assert curvature > 0
    return x - slope / curvature


@pytest.mark.parametrize("level", [1, 2])
def test_instances_are_quartics_with_a_minimum(level: int) -> None:
    for seed in range(40):
        question = TEMPLATE.generate(seed, level)
        assert _coefficients(question).get(4) == 1, question.prompt
        assert "minimization" in question.prompt


def test_two_step_instances_pass_through_a_half_integer() -> None:
    for seed in range(40):
        question = TEMPLATE.generate(seed, 2)
        coefficients = _coefficients(question)
        x1 = _step(coefficients, Fraction(question.params["x0"]))
        x2 = _step(coefficients, x1)
        assert x1.denominator <= 2, (seed, x1)
        assert x2.denominator <= 100 and Fraction(str(sympy.sympify(question.answer))) == x2


def test_stopping_after_one_step_is_named() -> None:
    question = TEMPLATE.generate(5, 2)
    x1 = _step(_coefficients(question), Fraction(question.params["x0"]))
    verdict = check_answer(str(x1), question.spec, question.mistakes)
    assert not verdict.correct
    assert verdict.mistake is not None and "second Newton step" in verdict.mistake.feedback
