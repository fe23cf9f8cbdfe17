"""Helpers shared by the applied-ML templates.

Prompts show given numbers as people write them (0.25, not 1/4), and keys are evaluated fast
in floating point for the "≈" lines of solutions.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal, localcontext
from typing import Any

import sympy

from quizmath.checking.functions import elementary, sigmoid
from quizmath.questions.render import Math, Part, latex_math, unicode_math

SIG4 = "exactly or to 4 significant digits"
MAX_DECIMALS = 6  # a terminating fraction with more decimals reads better as a fraction

MIN_GAP = 3e-3
"""Relative gap a known mistake keeps from the key and from other mistakes, in some entry: three
times the default decimal tolerance. A decimal within that tolerance of the key's entry (the key
to 4 significant digits, say) is then more than twice as far from the mistake's entry, never
within the mistake's tolerance, and a number is never taken for the mistake. It does not cover
the key rounded to 3 significant digits, which the checker also accepts although it can be 0.5%
off, so nearer a mistake within 1%. Templates that draw mistakes so close rule them out with
``apart_when_rounded`` (quizmath.questions.mistakes); tests/questions/test_rounded_keys.py scans
every template for a rounded key taken for a mistake."""


def _terminates(value: sympy.Rational) -> bool:
    q = int(value.q)
    for prime in (2, 5):
        while q % prime == 0:
            q //= prime
    return q == 1


def _decimal_string(value: sympy.Rational) -> str:
    with localcontext() as context:
        context.prec = 40
        text = format((Decimal(int(value.p)) / Decimal(int(value.q))).normalize(), "f")
    return text


def _pair(value: Any, exact: bool = False) -> tuple[str, str]:
    """Unicode and LaTeX forms of one number, with decimals for terminating fractions."""
    number = sympy.sympify(value)
    if (
        not exact
        and isinstance(number, sympy.Rational)
        and not number.is_Integer
        and _terminates(number)
    ):
        text = _decimal_string(number)
        if len(text.partition(".")[2]) <= MAX_DECIMALS:
            return text.replace("-", "−"), text
    return unicode_math(number), latex_math(number)


def num(value: Any) -> Part:
    """A given number for a prompt: 0.25 rather than 1/4 when the decimal is exact and short."""
    text, latex = _pair(value)
    return Math(text, latex)


def vec(values: Sequence[Any], exact: bool = False) -> Math:
    """A tuple of numbers, ``(1, −2, 0.5)``; ``exact`` keeps fractions as fractions."""
    pairs = [_pair(v, exact) for v in values]
    return Math(
        "(" + ", ".join(t for t, _ in pairs) + ")",
        r"\left(" + ", ".join(latex for _, latex in pairs) + r"\right)",
    )


def assign(name: str, latex_name: str, value: Any) -> Math:
    """``w₁ = −2`` in both forms."""
    text, latex = _pair(value)
    return Math(f"{name} = {text}", f"{latex_name} = {latex}")


def mat(rows: Sequence[Sequence[Any]]) -> Math:
    """A matrix given in a prompt, row by row."""
    pairs = [[_pair(v) for v in row] for row in rows]
    text = "[" + ", ".join("[" + ", ".join(t for t, _ in row) + "]" for row in pairs) + "]"
    body = r" \\ ".join(" & ".join(latex for _, latex in row) for row in pairs)
    return Math(text, r"\begin{bmatrix}" + body + r"\end{bmatrix}")


def to_float(value: Any) -> float:
    """A SymPy scalar (sigmoid allowed) as a float, walking the tree with ``math``.

    Much faster than ``evalf`` on the sums of exponentials these templates produce; anything
    unusual falls back to SymPy.
    """
    return _evaluate(sympy.sympify(value))


def approx(value: Any, digits: int = 4) -> sympy.Float:
    """``value`` rounded to ``digits`` significant digits, for the "≈" line of a solution."""
    return sympy.Float(f"{to_float(value):.{digits - 1}e}", digits)


def near_integer(value: Any, rel: float = 2e-3) -> bool:
    """True when a non-integer ``value`` is within ``rel`` of a nonzero integer.

    Such a key invites typing the integer, which an exact key rejects: templates redraw instead.
    """
    number = to_float(value)
    nearest = round(number)
    return nearest != 0 and number != nearest and abs(number - nearest) <= rel * abs(number)


def _evaluate(expr: sympy.Basic) -> float:
    if expr.is_Number:
        return float(expr)
    args = [_evaluate(a) for a in expr.args] if expr.args else []
    if expr.is_Add:
        return math.fsum(args)
    if expr.is_Mul:
        return math.prod(args)
    if expr.is_Pow:
        return float(args[0] ** args[1])
    if isinstance(expr, sympy.exp):
        return math.exp(args[0])
    if isinstance(expr, sympy.log):
        return math.log(args[0])
    if isinstance(expr, sigmoid):
        return 1.0 / (1.0 + math.exp(-args[0]))
    return float(sympy.N(elementary(expr), 20))


__all__ = [
    "MAX_DECIMALS",
    "MIN_GAP",
    "SIG4",
    "approx",
    "assign",
    "mat",
    "near_integer",
    "num",
    "to_float",
    "vec",
]
