"""Pieces the probability templates share: percentages, the normal CDF, numbers in prose, and
how far a known mistake keeps from the key."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import sympy

from quizmath.checking.spec import DEFAULT_REL_TOL
from quizmath.questions.notation import minus

MARGIN = 4
"""A known mistake keeps this many tolerances from the key and from other mistakes, in some entry:
a decimal within ``rel_tol`` of the key's entry is then more than three tolerances from the
mistake's, never within the mistake's tolerance, and a number is never taken for the mistake.
It does not cover the key rounded to 3 significant digits, which the checker also accepts under
the default tolerance although it can be 0.5% off, so nearer a mistake within 1%. Templates
that draw mistakes so close rule them out with ``apart_when_rounded``
(quizmath.questions.mistakes); tests/questions/test_rounded_keys.py scans every template for a
rounded key taken for a mistake."""
MIN_GAP = MARGIN * DEFAULT_REL_TOL
"""The relative gap a mistake keeps where the key has the default tolerance."""
NORMAL_TOL = 5e-3
"""Tolerance of keys read off a normal table: Φ to 4 decimals, whose last digit may be off."""


def percent(value: Any) -> str:
    """A probability as a percentage for prompts: 19/20 → ``95%``, 1/200 → ``0.5%``."""
    scaled = sympy.Rational(value) * 100
    return f"{scaled.p}%" if scaled.q == 1 else f"{float(scaled):g}%"


def decimal(value: Any, digits: int = 10) -> sympy.Float:
    """A key that is genuinely decimal (a normal-CDF value), with ``digits`` significant digits."""
    return sympy.Float(sympy.N(value, digits + 5), digits)


def normal_cdf(z: Any) -> sympy.Expr:
    """Φ(z) as an exact SymPy expression (evaluate it with ``decimal``)."""
    return (1 + sympy.erf(sympy.sympify(z) / sympy.sqrt(2))) / 2


def phi(z: float) -> float:
    """Φ(z) in floating point from ``math.erf``, for oracles and the "≈" lines of solutions."""
    return 0.5 * (1 + math.erf(z / math.sqrt(2)))


def factor(value: Any) -> str:
    """A signed number as a factor in a worked product: ``3``, ``(−3)``."""
    text = minus(str(value))
    return f"({text})" if text.startswith("−") else text


def data_text(values: Sequence[Any]) -> str:
    """A data list for a prompt, with true minus signs: ``3, −1, 4``."""
    return minus(", ".join(str(v) for v in values))


__all__ = [
    "MARGIN",
    "MIN_GAP",
    "NORMAL_TOL",
    "data_text",
    "decimal",
    "factor",
    "normal_cdf",
    "percent",
    "phi",
]
