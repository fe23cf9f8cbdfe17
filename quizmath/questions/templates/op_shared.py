"""Helpers shared by the optimization and information-theory templates.

Polynomials travel in ``params`` as rows of exact coefficients and exponents, and the finite
differences let oracles recompute gradients and Hessians without any symbolic algebra.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import sympy

from quizmath.questions.params import exact_param, float_param
from quizmath.questions.render import Math, latex_math, unicode_math

MIN_GAP = 0.01
"""Relative gap (ten times the default decimal tolerance) a known mistake keeps from the key and
from other mistakes; pass ten times a tighter ``rel_tol`` instead, so that small but checkable
slips (a step of 0.01 on θ ≈ 3) stay recognised."""


def seq(values: Sequence[Any]) -> sympy.Tuple:
    """A sequence shown as ``(a, b, c)`` in prompts and solutions."""
    return sympy.Tuple(*[sympy.sympify(v) for v in values])


def poly_terms(expr: sympy.Expr, symbols: Sequence[sympy.Symbol]) -> list[list[Any]]:
    """A polynomial as JSON rows ``[exact coefficient, exponent of each symbol...]``."""
    poly = sympy.Poly(expr, *symbols)
    return [[exact_param(coef), *map(int, powers)] for powers, coef in poly.terms()]


Terms = dict[tuple[int, ...], int]
"""A polynomial with integer coefficients as {exponents: coefficient}, cheap to work with."""


def terms_expr(terms: Terms, symbols: Sequence[sympy.Symbol]) -> sympy.Expr:
    """The polynomial as a SymPy expression, for display."""
    return sympy.Add(
        *(c * sympy.Mul(*(s**e for s, e in zip(symbols, powers, strict=True)))
          for powers, c in terms.items() if c)
    )  # fmt: skip


def terms_partial(terms: Terms, index: int) -> Terms:
    """∂/∂(variable ``index``) of the polynomial."""
    result: Terms = {}
    for powers, c in terms.items():
        if powers[index]:
            lowered = powers[:index] + (powers[index] - 1,) + powers[index + 1 :]
            result[lowered] = result.get(lowered, 0) + c * powers[index]
    return result


def terms_value(terms: Terms, point: Sequence[Any]) -> Any:
    """The polynomial at ``point`` in exact arithmetic (ints or SymPy rationals)."""
    total: Any = 0
    for powers, c in terms.items():
        product: Any = c
        for value, e in zip(point, powers, strict=True):
            product = product * value**e
        total += product
    return total


def terms_rows(terms: Terms) -> list[list[Any]]:
    """The JSON rows that ``poly_function`` reads."""
    return [[exact_param(c), *powers] for powers, c in terms.items() if c]


def poly_function(terms: Sequence[Sequence[Any]]) -> Callable[[np.ndarray], float]:
    """The polynomial written by ``poly_terms`` as a NumPy function of a point."""
    coefficients = float_param([row[0] for row in terms])
    powers = np.array([row[1:] for row in terms], dtype=float)

    def f(point: np.ndarray) -> float:
        return float(np.sum(coefficients * np.prod(np.asarray(point) ** powers, axis=1)))

    return f


def decimal(value: sympy.Rational) -> str:
    """A terminating fraction such as 1/20 written as ``0.05``."""
    return format(float(value), "g")


def approx(value: Any, places: int = 4) -> str:
    """A value rounded for a solution's last line (``≈ 0.8123``)."""
    return f"{float(sympy.N(value)):.{places}f}".replace("-", "−")


def par(value: Any) -> Math | sympy.Basic:
    """A value to multiply by in a solution line: parenthesized when it is negative."""
    value = sympy.sympify(value)
    if value.is_number and value.is_negative:
        return Math(f"({unicode_math(value)})", rf"\left({latex_math(value)}\right)")
    return value


def grp(value: Any) -> Math | sympy.Basic:
    """A value to divide by: parenthesized unless it is a nonnegative integer or a symbol."""
    value = sympy.sympify(value)
    if (value.is_Integer and value >= 0) or value.is_Symbol:
        return value
    return Math(f"({unicode_math(value)})", rf"\left({latex_math(value)}\right)")


def gradient(f: Callable[[np.ndarray], float], point: npt.ArrayLike, h: float = 1e-2) -> np.ndarray:
    """Five-point central differences: exact up to rounding for polynomials of degree ≤ 4."""
    x = np.asarray(point, dtype=float)
    grad = np.zeros_like(x)
    for i in range(x.size):
        e = np.zeros_like(x)
        e[i] = h
        grad[i] = (-f(x + 2 * e) + 8 * f(x + e) - 8 * f(x - e) + f(x - 2 * e)) / (12 * h)
    return grad


def hessian(f: Callable[[np.ndarray], float], point: npt.ArrayLike, h: float = 1e-2) -> np.ndarray:
    """Second differences of ``f``: the mixed entries differentiate the five-point gradient."""
    x = np.asarray(point, dtype=float)
    n = x.size
    hess = np.zeros((n, n))
    for j in range(n):
        e = np.zeros(n)
        e[j] = h
        hess[:, j] = (
            -gradient(f, x + 2 * e, h)
            + 8 * gradient(f, x + e, h)
            - 8 * gradient(f, x - e, h)
            + gradient(f, x - 2 * e, h)
        ) / (12 * h)
    return (hess + hess.T) / 2


__all__ = [
    "MIN_GAP",
    "Terms",
    "approx",
    "decimal",
    "gradient",
    "grp",
    "hessian",
    "par",
    "poly_function",
    "poly_terms",
    "terms_expr",
    "terms_partial",
    "terms_rows",
    "terms_value",
    "seq",
]
