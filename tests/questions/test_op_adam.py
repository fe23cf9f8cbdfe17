"""Adam's bias correction as the templates teach it: the first step has length α."""

from __future__ import annotations

import math
from fractions import Fraction

import sympy

from quizmath.checking import check_answer
from quizmath.questions.registry import get_template


def test_the_first_adam_step_has_length_alpha() -> None:
    template = get_template("op.adam-step")
    for seed in range(20):
        question = template.generate(seed, 1)
        alpha = Fraction(question.params["alpha"])
        theta0 = question.params["theta0"]
        step = Fraction(str(sympy.sympify(question.answer))) - theta0
        assert abs(step) == alpha
        assert (step < 0) == (question.params["gradients"][0] > 0)


def test_skipping_bias_correction_is_named_in_the_feedback() -> None:
    question = get_template("op.adam-step").generate(3, 1)
    alpha = float(Fraction(question.params["alpha"]))
    g = question.params["gradients"][0]
    uncorrected = question.params["theta0"] - alpha * math.sqrt(10) * math.copysign(1, g)
    verdict = check_answer(f"{uncorrected:.6f}", question.spec, question.mistakes)
    assert not verdict.correct
    assert verdict.mistake is not None and "bias correction" in verdict.mistake.feedback


def test_the_two_step_key_accepts_four_decimals() -> None:
    question = get_template("op.adam-step").generate(4, 2)
    value = float(sympy.sympify(question.answer))
    assert check_answer(f"{value:.4f}", question.spec, question.mistakes).correct
