"""Shared pieces of the linear-algebra templates: integer draws with exact inverses, matrices
with whole singular values, and prompt notation for vectors and linear combinations."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

import numpy as np
import sympy

from quizmath.questions.render import Math, latex_math, unicode_math


def vec(values: Iterable[Any]) -> Math:
    """A vector written inline in a prompt or solution step, ``(1, −2, 3)``."""
    items = [sympy.sympify(v) for v in values]
    text = "(" + ", ".join(unicode_math(v) for v in items) + ")"
    latex = r"\left(" + ", ".join(latex_math(v) for v in items) + r"\right)"
    return Math(text, latex)


def show(value: Any) -> str:
    """A number as text with a true minus sign, for sentences built with f-strings."""
    return unicode_math(sympy.sympify(value))


def ratio_text(top: int, bottom: int) -> str:
    """``6/4 = 3/2``, or just ``5/3`` when the fraction is already in lowest terms."""
    value = sympy.Rational(top, bottom)
    done = value.q == bottom != 1 and bottom > 0
    return f"{show(top)}/{show(bottom)}" + ("" if done else f" = {show(value)}")


def combination(coefficients: Sequence[Any], names: Sequence[str]) -> str:
    """``2·row 1 − row 3``: a linear combination written the way a person would."""
    text = ""
    for coefficient, name in zip(coefficients, names, strict=True):
        c = sympy.sympify(coefficient)
        if c == 0:
            continue
        sign = "−" if c < 0 else "+"
        size = "" if abs(c) == 1 else f"{show(abs(c))}·"
        text += f" {sign} {size}{name}" if text else f"{'−' if c < 0 else ''}{size}{name}"
    return text or "0"


def unimodular(rng: np.random.Generator, n: int, bound: int = 1) -> sympy.Matrix:
    """An integer matrix with determinant ±1, so its inverse is an integer matrix too.

    A product of unit lower and unit upper triangular factors (entries in [−bound, bound]),
    with a random row order: anything built as ``P D P⁻¹`` from it keeps integer entries.
    """
    lower = sympy.eye(n)
    upper = sympy.eye(n)
    for i in range(n):
        for j in range(i):
            lower[i, j] = int(rng.integers(-bound, bound + 1))
            upper[j, i] = int(rng.integers(-bound, bound + 1))
    order = [int(i) for i in rng.permutation(n)]
    return (lower * upper).extract(order, list(range(n)))


@cache
def rational_svd_matrices() -> tuple[tuple[tuple[int, int, int, int], int, int], ...]:
    """2×2 integer matrices (entries in [−4, 4]) whose singular values are whole numbers.

    For a 2×2 matrix, σ₁ ± σ₂ = √(‖A‖F² ± 2|det A|); both roots are integers here, and σ₁ > σ₂
    > 0. Symmetric matrices and those with orthogonal rows or columns are left out: their
    singular values can be read off too easily.
    """
    found = []
    for a, b, c, d in itertools.product(range(-4, 5), repeat=4):
        frobenius, det = a * a + b * b + c * c + d * d, abs(a * d - b * c)
        if det == 0 or b == c or a * b + c * d == 0 or a * c + b * d == 0:
            continue
        if is_square(frobenius + 2 * det) and is_square(frobenius - 2 * det):
            plus, minus = math.isqrt(frobenius + 2 * det), math.isqrt(frobenius - 2 * det)
            if minus > 0 and (plus + minus) % 2 == 0:
                found.append(((a, b, c, d), (plus + minus) // 2, (plus - minus) // 2))
    return tuple(found)


def dot(a: Sequence[Any], b: Sequence[Any]) -> sympy.Expr:
    return sympy.Add(*(sympy.sympify(x) * y for x, y in zip(a, b, strict=True)))


def is_square(n: int) -> bool:
    return n >= 0 and math.isqrt(n) ** 2 == n


__all__ = [
    "combination",
    "dot",
    "is_square",
    "ratio_text",
    "rational_svd_matrices",
    "show",
    "unimodular",
    "vec",
]
