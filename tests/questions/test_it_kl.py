"""The starter deck's KL template: instance shape, units, and how typed answers are judged."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
import sympy

from quizmath.checking import check_answer
from quizmath.questions.registry import get_template

TEMPLATE = get_template("it.kl-discrete")


def _kl(p: list[Fraction], q: list[Fraction]) -> float:
    return sum(float(a) * math.log(a / b) for a, b in zip(p, q, strict=True))


def _distributions(question) -> tuple[list[Fraction], list[Fraction]]:
    return (
        [Fraction(v) for v in question.params["p"]],
        [Fraction(v) for v in question.params["q"]],
    )


@pytest.mark.parametrize(("level", "sizes"), [(1, {2, 3}), (2, {3, 4})])
def test_instances_are_small_positive_distinct_distributions(level: int, sizes: set[int]) -> None:
    for seed in range(30):
        p, q = _distributions(TEMPLATE.generate(seed, level))
        assert len(p) == len(q) and len(p) in sizes
        assert sum(p) == 1 and sum(q) == 1
        assert min(p) > 0 and min(q) > 0
        assert max(v.denominator for v in p + q) <= 12
        assert p != q


def test_the_key_is_in_nats_and_a_rounded_decimal_is_accepted() -> None:
    question = TEMPLATE.generate(7, 1)
    p, q = _distributions(question)
    value = _kl(p, q)
    assert "nats" in question.prompt
    assert float(sympy.sympify(question.answer)) == pytest.approx(value, rel=1e-12)
    verdict = check_answer(f"{value:.4f}", question.spec, question.mistakes)
    assert verdict.correct, verdict.reason
    too_few = check_answer(f"{value:.2f}", question.spec, question.mistakes)
    assert not too_few.correct and "4 decimal places" in too_few.reason


@pytest.mark.parametrize("level", [1, 2])
def test_keys_are_large_enough_for_four_decimals_worked_by_hand(level: int) -> None:
    """KL sums terms of both signs: a key of at least 0.1 keeps 4 decimals meaningful."""
    for seed in range(30):
        question = TEMPLATE.generate(seed, level)
        value = _kl(*_distributions(question))
        assert value >= 0.1, (seed, value)
        slipped = check_answer(f"{value + 1e-4:.4f}", question.spec, question.mistakes)
        assert slipped.correct, (seed, slipped.reason)
        assert not check_answer(f"{value * 1.01:.4f}", question.spec).correct


def test_reverse_direction_and_bits_are_recognised_mistakes() -> None:
    for seed in range(10):
        question = TEMPLATE.generate(seed, 2)
        p, q = _distributions(question)
        forward, reverse = _kl(p, q), _kl(q, p)
        bits = check_answer(f"{forward / math.log(2):.6f}", question.spec, question.mistakes)
        assert not bits.correct and bits.mistake is not None and "bits" in bits.mistake.feedback
        if abs(reverse - forward) > 0.01 * forward:
            swapped = check_answer(f"{reverse:.6f}", question.spec, question.mistakes)
            assert swapped.mistake is not None and "KL(Q‖P)" in swapped.mistake.feedback
