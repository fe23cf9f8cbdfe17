"""Split scores and mutual information: decimal keys a learner can reach, unit mistakes named."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy

from quizmath.checking import check_answer
from quizmath.questions.registry import get_template


def _entropy_bits(counts: list[int]) -> float:
    total = sum(counts)
    return -sum(c / total * math.log2(c / total) for c in counts if c)


@pytest.mark.parametrize(
    ("template_id", "level"),
    [
        ("it.information-gain", 1),
        ("it.information-gain", 2),
        ("it.mutual-information", 1),
        ("it.mutual-information", 2),
        ("it.gini", 2),
    ],
)
def test_decimal_keys_accept_four_places_with_a_slip(template_id: str, level: int) -> None:
    template = get_template(template_id)
    for seed in range(25):
        question = template.generate(seed, level)
        assert "4 decimal places" in question.prompt
        value = float(sympy.sympify(question.answer))
        assert value >= 0.1, (seed, value)
        for typed in (value, value - 1e-4, value + 1e-4):
            verdict = check_answer(f"{typed:.4f}", question.spec, question.mistakes)
            assert verdict.correct, (seed, typed, verdict.reason)


def test_information_gain_matches_a_direct_count() -> None:
    question = get_template("it.information-gain").generate(11, 1)
    children = question.params["children"]
    parent = [sum(column) for column in zip(*children, strict=True)]
    n = sum(parent)
    gain = _entropy_bits(parent) - sum(sum(c) / n * _entropy_bits(c) for c in children)
    assert float(sympy.sympify(question.answer)) == pytest.approx(gain, rel=1e-12)
    nats = check_answer(f"{gain * math.log(2):.5f}", question.spec, question.mistakes)
    assert nats.mistake is not None and "nats" in nats.mistake.feedback


def test_mutual_information_is_the_entropy_identity_in_bits() -> None:
    for seed in range(10):
        question = get_template("it.mutual-information").generate(seed, 2)
        joint = np.array(
            [[float(sympy.Rational(v)) for v in row] for row in question.params["joint"]]
        )

        def h(p: np.ndarray) -> float:
            return float(-np.sum(p * np.log2(p)))

        identity = h(joint.sum(axis=1)) + h(joint.sum(axis=0)) - h(joint.ravel())
        assert "bits" in question.prompt
        assert float(sympy.sympify(question.answer)) == pytest.approx(identity, rel=1e-12)
