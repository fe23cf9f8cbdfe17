"""The numerical differentiation behind the calculus oracles is accurate where they rely on it."""

from __future__ import annotations

import math

import numpy as np
import pytest

from quizmath.questions.templates.ca_numeric import (
    complex_step,
    five_point,
    gradient,
    hessian,
    jacobian,
    second_derivative,
    series_coefficient,
    two_sided_limit,
)


def test_complex_step_is_exact_to_rounding() -> None:
    assert complex_step(lambda t: np.exp(3 * t), 0.7) == pytest.approx(3 * math.exp(2.1), 1e-14)


def test_five_point_differentiates_a_kinked_function_away_from_the_kink() -> None:
    assert five_point(lambda t: 2 * max(0.0, 3 * t - 1), 1.0) == pytest.approx(6.0, 1e-12)
    assert five_point(lambda t: 2 * max(0.0, 3 * t - 1), 0.0) == 0.0


def test_second_derivative() -> None:
    assert second_derivative(np.log, 2.0) == pytest.approx(-0.25, 1e-10)


def test_gradient_and_hessian_of_a_cubic() -> None:
    def f(p: np.ndarray) -> complex:
        x, y = p[0], p[1]
        return x**2 * y + 3 * y**3

    assert gradient(f, [1.0, 2.0]) == pytest.approx([4.0, 37.0], rel=1e-12)
    expected = np.array([[4.0, 2.0], [2.0, 36.0]])
    assert np.allclose(hessian(f, [1.0, 2.0]), expected, rtol=1e-10, atol=1e-10)


def test_jacobian_rows_are_outputs() -> None:
    def F(p: np.ndarray) -> np.ndarray:
        return np.array([p[0] * p[1], p[0] + 2 * p[1], p[1] ** 2])

    J = jacobian(F, [3.0, 5.0])
    assert J.shape == (3, 2)
    assert np.allclose(J, [[5.0, 3.0], [1.0, 2.0], [0.0, 10.0]], rtol=1e-12)


def test_two_sided_limit_of_a_second_order_quotient() -> None:
    value = two_sided_limit(lambda t: (1 - np.cos(3 * t)) / (2 * t**2), 0.0)
    assert value == pytest.approx(9 / 4, rel=1e-9)


@pytest.mark.parametrize(
    ("f", "n", "expected"),
    [
        (lambda z: np.exp(2 * z), 3, 8 / 6),
        (lambda z: np.log(1 - 3 * z), 2, -9 / 2),
        (lambda z: np.exp(z) / (1 - 2 * z), 2, 4 + 2 + 0.5),
    ],
)
def test_series_coefficient_by_cauchy_integral(f: object, n: int, expected: float) -> None:
    assert series_coefficient(f, n) == pytest.approx(expected, rel=1e-11)  # type: ignore[arg-type]
