"""Adam and RMSprop as the templates teach them: bias correction, step length, precision."""

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


def test_the_two_step_key_takes_four_decimals_and_a_slip_in_the_last_one() -> None:
    for seed in range(10):
        question = get_template("op.adam-step").generate(seed, 2)
        assert "4 decimal places" in question.prompt and "step t" in question.prompt
        value = float(sympy.sympify(question.answer))
        for typed in (value, value + 1e-4, value - 1e-4):
            verdict = check_answer(f"{typed:.4f}", question.spec, question.mistakes)
            assert verdict.correct, (seed, typed, verdict.reason)
        assert not check_answer(f"{value + 0.01:.4f}", question.spec).correct
        if abs(round(value, 3) - value) > 1e-9:  # a key such as 11/5 may be typed as 2.2
            assert not check_answer(f"{value:.3f}", question.spec).correct


def test_rmsprop_keeps_small_step_mistakes_apart_from_the_key() -> None:
    """With α = 0.01 the whole step is ~0.03, yet wrongly debiasing it is still recognised."""
    template = get_template("op.rmsprop-step")
    seen = 0
    for seed in range(60):
        question = template.generate(seed, 1)
        if question.params["alpha"] != "1/100":
            continue
        seen += 1
        feedback = [m.feedback for m in question.mistakes]
        assert any("no bias correction" in text for text in feedback), seed
        no_step = check_answer(f"{question.params['theta0']:.4f}", question.spec)
        assert not no_step.correct, seed
    assert seen >= 5
