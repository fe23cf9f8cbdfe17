"""Shared pieces of the linear-algebra templates: integer draws with exact inverses, prompt
notation for vectors, and the bookkeeping that keeps known mistakes distinct from the key.

Builders work in exact SymPy arithmetic; oracles read ``params`` back with ``floats`` alone, so
they stay independent of the SymPy code that made the key.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from fractions import Fraction
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


def _json_number(value: Any) -> int | str:
    """An exact rational as JSON data: an int, or a string such as ``"3/4"``."""
    number = sympy.Rational(value)
    return int(number) if number.q == 1 else f"{number.p}/{number.q}"


def json_matrix(matrix: sympy.Matrix) -> list[list[int | str]]:
    """A rational matrix as JSON rows."""
    return [[_json_number(v) for v in row] for row in matrix.tolist()]


def json_vector(values: Iterable[Any]) -> list[int | str]:
    return [_json_number(v) for v in values]


def floats(data: Any) -> np.ndarray:
    """JSON numbers (ints, floats or ``"p/q"`` strings, nested in lists) as a float array."""

    def convert(value: Any) -> Any:
        if isinstance(value, list):
            return [convert(v) for v in value]
        return float(Fraction(str(value)))

    return np.array(convert(data), dtype=float)


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


def _flat(kind: str, value: Any) -> tuple[tuple[int, ...], list[Any]] | str:
    """A value of answer ``kind`` as (shape, SymPy numbers); choices stay strings."""
    if kind == "choice":
        return str(value)
    if kind == "matrix":
        rows = value.tolist() if isinstance(value, sympy.MatrixBase) else value
        entries = [sympy.sympify(v) for row in rows for v in row]
        return (len(rows), len(entries) // max(len(rows), 1)), entries
    if kind in ("vector", "set"):
        entries = [sympy.sympify(v) for v in value]
        if kind == "set":
            entries.sort(key=lambda z: (round(complex(z).real, 9), round(complex(z).imag, 9)))
        return (len(entries),), entries
    return (), [sympy.sympify(value)]


def _equal(x: Any, y: Any) -> bool:
    if x.is_Rational and y.is_Rational:
        return bool(x == y)
    a, b = complex(x), complex(y)
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def _same(
    left: tuple[tuple[int, ...], list[Any]] | str, right: tuple[tuple[int, ...], list[Any]] | str
) -> bool:
    if isinstance(left, str) or isinstance(right, str):
        return left == right
    if left[0] != right[0]:
        return False
    return all(_equal(x, y) for x, y in zip(left[1], right[1], strict=True))


def distinct_mistakes(
    kind: str, key: Any, candidates: Sequence[tuple[Any, str] | None]
) -> list[tuple[Any, str]]:
    """The candidate mistakes that differ from the key and from each other, first one kept.

    A candidate is ``None`` when that mistake does not apply to the instance.
    """
    seen = [_flat(kind, key)]
    kept: list[tuple[Any, str]] = []
    for candidate in candidates:
        if candidate is None:
            continue
        flat = _flat(kind, candidate[0])
        if any(_same(flat, other) for other in seen):
            continue
        seen.append(flat)
        kept.append(candidate)
    return kept


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
    "distinct_mistakes",
    "dot",
    "floats",
    "is_square",
    "json_matrix",
    "json_vector",
    "ratio_text",
    "rational_svd_matrices",
    "show",
    "unimodular",
    "vec",
]
