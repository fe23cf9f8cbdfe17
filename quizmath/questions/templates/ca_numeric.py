"""Numerical differentiation for the calculus oracles, so no oracle re-runs a SymPy derivative.

First derivatives use the complex step Im f(x + ih)/h, exact to rounding for the analytic
functions templates use; second derivatives take a five-point central difference of that.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeAlias

import numpy as np

Scalar = Callable[[complex], complex]
Field = Callable[[np.ndarray], complex]
Map = Callable[[np.ndarray], np.ndarray]
Point: TypeAlias = Sequence[float] | np.ndarray

TINY = 1e-20
STEP = 1e-3


def complex_step(f: Scalar, x: float) -> float:
    """f′(x) of an analytic f (it must accept complex input)."""
    return float(np.imag(f(x + 1j * TINY)) / TINY)


def five_point(f: Callable[[float], float], x: float, h: float = STEP) -> float:
    """f′(x) by the fourth-order central difference, for real-only f (ReLU) or nested steps."""
    return float((f(x - 2 * h) - 8 * f(x - h) + 8 * f(x + h) - f(x + 2 * h)) / (12 * h))


def second_derivative(f: Scalar, x: float) -> float:
    """f″(x): a five-point difference of the complex-step derivative."""
    return five_point(lambda t: complex_step(f, t), x)


def _along(point: Point, axis: int, t: complex) -> np.ndarray:
    moved = np.array(point, dtype=complex)
    moved[axis] += t
    return moved


def _on_axis(f: Field, point: Point, axis: int) -> Scalar:
    """f restricted to the line through ``point`` along ``axis``, as a function of the offset."""

    def restricted(t: complex) -> complex:
        return f(_along(point, axis, t))

    return restricted


def gradient(f: Field, point: Point) -> np.ndarray:
    """∇f(point) by one complex step per coordinate."""
    return np.array([complex_step(_on_axis(f, point, i), 0.0) for i in range(len(point))])


def jacobian(F: Map, point: Point) -> np.ndarray:
    """The m×n Jacobian of F: Rⁿ → Rᵐ at point; column j is the complex step along axis j."""
    columns = [
        np.imag(np.asarray(F(_along(point, j, 1j * TINY)))) / TINY for j in range(len(point))
    ]
    return np.column_stack(columns)


def hessian(f: Field, point: Point) -> np.ndarray:
    """H[i, j] = ∂/∂x_j of the complex-step ∂f/∂x_i, by a five-point difference."""
    n = len(point)

    def entry(i: int, j: int) -> float:
        def partial_i(s: float) -> float:
            return complex_step(_on_axis(f, np.real(_along(point, j, s)), i), 0.0)

        return five_point(partial_i, 0.0)

    return np.array([[entry(i, j) for j in range(n)] for i in range(n)])


def two_sided_limit(g: Callable[[float], float], c: float, h: float = 1e-2) -> float:
    """lim_{x→c} g(x) from symmetric samples, Richardson-extrapolated to cancel the h² term."""

    def symmetric(step: float) -> float:
        return (g(c + step) + g(c - step)) / 2

    return (4 * symmetric(h / 2) - symmetric(h)) / 3


def series_coefficient(f: Scalar, n: int, radius: float = 0.2, points: int = 64) -> float:
    """The coefficient of xⁿ in f's Maclaurin series, by Cauchy's integral on |z| = radius."""
    z = radius * np.exp(2j * np.pi * np.arange(points) / points)
    values = np.array([f(w) for w in z])
    return float(np.real(np.mean(values * z ** (-n))))


__all__ = [
    "complex_step",
    "five_point",
    "gradient",
    "hessian",
    "jacobian",
    "second_derivative",
    "series_coefficient",
    "two_sided_limit",
]
