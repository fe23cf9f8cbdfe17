"""Helpers shared by the optimization and information-theory templates.

Known mistakes only help when the checker can tell them from the key, so ``distinct_mistakes``
drops a wrong value that lands too close to the key or to an earlier mistake. The finite
differences let oracles recompute gradients and Hessians without any symbolic algebra.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from quizmath.questions.render import Math, latex_math, unicode_math

MIN_GAP = 0.01
"""Relative gap (ten times the default decimal tolerance) a mistake keeps from the key."""


def _floats(value: Any) -> list[float]:
    items = value if isinstance(value, list | tuple) else [value]
    return [float(sympy.N(item)) for item in items]


def _apart(a: list[float], b: list[float], gap: float) -> bool:
    if len(a) != len(b):
        return True
    return any(abs(x - y) > max(1e-6, gap * max(abs(x), abs(y))) for x, y in zip(a, b, strict=True))


def distinct_mistakes(
    key: Any, candidates: Iterable[tuple[Any, str]], gap: float = MIN_GAP
) -> list[tuple[Any, str]]:
    """The candidates (scalars or vectors) that differ clearly from the key and each other.

    ``gap`` is the relative distance to keep; pass ten times a tighter ``rel_tol`` than the
    default so that small but checkable slips (a step of 0.01 on θ ≈ 3) stay recognised.
    """
    kept: list[tuple[Any, str]] = []
    seen = [_floats(key)]
    for wrong, feedback in candidates:
        values = _floats(wrong)
        if all(_apart(values, other, gap) for other in seen):
            kept.append((wrong, feedback))
            seen.append(values)
    return kept


def fraction_text(value: sympy.Rational | int) -> str:
    """A rational as JSON-friendly text (``"-3/4"``) that ``Fraction`` reads back exactly."""
    return str(sympy.Rational(value))


def to_float(text: str | int | float) -> float:
    """A parameter written by ``fraction_text`` (or a plain number) as a float."""
    return float(Fraction(str(text)))


def seq(values: Sequence[Any]) -> sympy.Tuple:
    """A sequence shown as ``(a, b, c)`` in prompts and solutions."""
    return sympy.Tuple(*[sympy.sympify(v) for v in values])


def poly_terms(expr: sympy.Expr, symbols: Sequence[sympy.Symbol]) -> list[list[Any]]:
    """A polynomial as JSON rows ``[coefficient text, exponent of each symbol...]``."""
    poly = sympy.Poly(expr, *symbols)
    return [[fraction_text(coef), *map(int, powers)] for powers, coef in poly.terms()]


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
    return [[str(c), *powers] for powers, c in terms.items() if c]


def poly_function(terms: Sequence[Sequence[Any]]) -> Callable[[np.ndarray], float]:
    """The polynomial written by ``poly_terms`` as a NumPy function of a point."""
    coefficients = np.array([to_float(row[0]) for row in terms])
    powers = np.array([row[1:] for row in terms], dtype=float)

    def f(point: np.ndarray) -> float:
        return float(np.sum(coefficients * np.prod(np.asarray(point) ** powers, axis=1)))

    return f


def subscript(n: int) -> str:
    """``12`` as ``₁₂`` for indices in prompt text."""
    return str(n).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


def superscript(n: int) -> str:
    """``12`` as ``¹²`` for powers in prompt text."""
    return str(n).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))


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


def gradient(
    f: Callable[[np.ndarray], float], point: Sequence[float], h: float = 1e-2
) -> np.ndarray:
    """Five-point central differences: exact up to rounding for polynomials of degree ≤ 4."""
    x = np.asarray(point, dtype=float)
    grad = np.zeros_like(x)
    for i in range(x.size):
        e = np.zeros_like(x)
        e[i] = h
        grad[i] = (-f(x + 2 * e) + 8 * f(x + e) - 8 * f(x - e) + f(x - 2 * e)) / (12 * h)
    return grad


def hessian(
    f: Callable[[np.ndarray], float], point: Sequence[float], h: float = 1e-2
) -> np.ndarray:
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
    "distinct_mistakes",
    "fraction_text",
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
    "subscript",
    "superscript",
    "to_float",
]
