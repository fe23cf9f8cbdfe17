"""Small random draws that templates share: they keep instances well-posed and hand-computable."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

import numpy as np
import sympy

T = TypeVar("T")


def nonzero(rng: np.random.Generator, low: int, high: int) -> int:
    """An integer in [low, high] other than 0."""
    values = [v for v in range(low, high + 1) if v != 0]
    return int(values[int(rng.integers(len(values)))])


def pick(rng: np.random.Generator, options: Sequence[T]) -> T:
    """One of ``options``, uniformly."""
    return options[int(rng.integers(len(options)))]


def distinct(rng: np.random.Generator, low: int, high: int, count: int) -> list[int]:
    """``count`` different integers in [low, high], in random order."""
    return [int(v) for v in rng.choice(np.arange(low, high + 1), size=count, replace=False)]


def int_matrix(rng: np.random.Generator, rows: int, cols: int, low: int, high: int) -> sympy.Matrix:
    """A matrix of integers in [low, high]."""
    return sympy.Matrix(rng.integers(low, high + 1, size=(rows, cols)).tolist())


def probabilities(rng: np.random.Generator, size: int, denominator: int) -> list[sympy.Rational]:
    """``size`` positive probabilities with a common ``denominator`` that sum to 1.

    Every entry is at least 1/denominator, so no log or division meets a zero.
    """
    if denominator < size:
        raise ValueError("denominator must be at least size")
    cuts = sorted(distinct(rng, 1, denominator - 1, size - 1))
    counts = np.diff([0, *cuts, denominator])
    return [sympy.Rational(int(c), denominator) for c in counts]


__all__ = ["distinct", "int_matrix", "nonzero", "pick", "probabilities"]
