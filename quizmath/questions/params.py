"""Exact numbers in a question's ``params``, and reading them back in an oracle.

Builders store rationals exactly (JSON has no fractions, so ``"3/4"`` is text); oracles read
them as floats without SymPy, which keeps them independent of the code that made the key.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any, overload

import numpy as np
import sympy

Exact = int | str | list["Exact"]
"""JSON form of an exact rational: an int, or text ``"p/q"``; nested in lists for arrays."""


def exact_param(value: Any) -> Exact:
    """A rational (int, Fraction, SymPy Rational), or a sequence or Matrix of them, as JSON."""
    if isinstance(value, sympy.MatrixBase):
        return [exact_param(row) for row in value.tolist()]
    if isinstance(value, Sequence) and not isinstance(value, str):
        return [exact_param(v) for v in value]
    if isinstance(value, float | sympy.Float):
        raise TypeError(f"{value!r} is not exact: store a rational")
    number = sympy.Rational(value)
    return int(number) if number.q == 1 else f"{number.p}/{number.q}"


@overload
def float_param(data: list[Any]) -> np.ndarray: ...
@overload
def float_param(data: str | int | float) -> float: ...
def float_param(data: Any) -> float | np.ndarray:
    """A number from ``params`` (``"p/q"`` text, int or float) as a float; lists, nested or
    not, as a float array."""
    if isinstance(data, list | tuple):
        return np.array([float_param(v) for v in data], dtype=float)
    return float(Fraction(data)) if isinstance(data, str) else float(data)


__all__ = ["Exact", "exact_param", "float_param"]
