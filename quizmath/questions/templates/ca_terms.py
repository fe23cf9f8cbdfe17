"""Functions of several variables as JSON terms, built once in SymPy and once in NumPy.

A term is [coefficient, powers, wrapper]: coefficient·Πxᵢ^pᵢ, or coefficient·e^(Πxᵢ^pᵢ) when
the wrapper is "exp". Templates draw terms; oracles evaluate the same terms without SymPy.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import sympy

from quizmath.questions.draw import nonzero

Term = list[Any]

NAMES = ("x", "y", "z")
SYMBOLS = tuple(sympy.Symbol(name) for name in NAMES)

QUADRATIC_2D = ([2, 0], [1, 1], [0, 2])
CUBIC_2D = ([3, 0], [2, 1], [1, 2], [0, 3], [2, 0], [1, 1], [0, 2], [1, 0], [0, 1])
CUBIC_3D = (
    [1, 1, 1],
    [2, 0, 1],
    [0, 1, 2],
    [1, 2, 0],
    [2, 1, 0],
    [0, 0, 3],
    [1, 0, 1],
    [0, 1, 1],
    [1, 0, 0],
)


def draw_terms(
    rng: np.random.Generator, monomials: Sequence[list[int]], count: int, largest: int = 4
) -> list[Term]:
    """``count`` distinct monomials with nonzero coefficients in [−largest, largest]."""
    chosen = rng.choice(len(monomials), size=count, replace=False)
    return [[nonzero(rng, -largest, largest), list(monomials[int(i)]), "id"] for i in chosen]


def symbolic(terms: Sequence[Term]) -> sympy.Expr:
    """The SymPy function the terms describe."""
    total = sympy.Integer(0)
    for coefficient, powers, wrapper in terms:
        monomial = _monomial(powers)
        total += coefficient * (sympy.exp(monomial) if wrapper == "exp" else monomial)
    return total


def _monomial(powers: Sequence[int]) -> sympy.Expr:
    return sympy.Mul(*(s**p for s, p in zip(SYMBOLS, powers, strict=False)))


def partial(terms: Sequence[Term], axis: int) -> sympy.Expr:
    """∂f/∂x_axis by the power rule on each term (sympy.diff is needlessly slow here)."""
    total = sympy.Integer(0)
    for coefficient, powers, wrapper in terms:
        if axis >= len(powers) or powers[axis] == 0:
            continue
        lowered = list(powers)
        lowered[axis] -= 1
        slope = powers[axis] * _monomial(lowered)
        if wrapper == "exp":
            slope *= sympy.exp(_monomial(powers))
        total += coefficient * slope
    return total


def lower(terms: Sequence[Term], axis: int) -> list[Term]:
    """The terms of ∂f/∂x_axis for a polynomial (every wrapper "id")."""
    result = []
    for coefficient, powers, _ in terms:
        if axis < len(powers) and powers[axis] > 0:
            lowered = list(powers)
            lowered[axis] -= 1
            result.append([coefficient * powers[axis], lowered, "id"])
    return result


def numeric(terms: Sequence[Term], point: Sequence[complex] | np.ndarray) -> complex:
    """The same function in NumPy, at a (possibly complex) point."""
    total = 0j
    for coefficient, powers, wrapper in terms:
        monomial = np.prod([complex(v) ** p for v, p in zip(point, powers, strict=False)])
        total += coefficient * (np.exp(monomial) if wrapper == "exp" else monomial)
    return complex(total)


def variables(count: int) -> tuple[sympy.Symbol, ...]:
    return SYMBOLS[:count]


__all__ = [
    "CUBIC_2D",
    "CUBIC_3D",
    "NAMES",
    "QUADRATIC_2D",
    "SYMBOLS",
    "Term",
    "draw_terms",
    "lower",
    "numeric",
    "partial",
    "symbolic",
    "variables",
]
