"""Pieces the probability templates share: rationals as JSON, percentages, the normal CDF, and
dropping known mistakes that an instance happens to make coincide with its key."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import sympy

from quizmath.checking.spec import DEFAULT_REL_TOL

# A mistake closer than this many tolerances to the key (or to another mistake) is dropped, so a
# checker comparing decimals with ``rel_tol`` can never confuse the two.
_MARGIN = 4
_SUPERSCRIPTS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def frac(value: Any) -> str:
    """A rational as the JSON text ``"p/q"`` that oracles read back with ``fractions.Fraction``."""
    rational = sympy.Rational(value)
    return f"{rational.p}/{rational.q}"


def fracs(values: Sequence[Any]) -> list[str]:
    """Several rationals as JSON text."""
    return [frac(v) for v in values]


def read(text: Any) -> float:
    """Oracle side: a ``"p/q"`` string or number from ``params`` as a float."""
    return float(Fraction(text)) if isinstance(text, str) else float(text)


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


def superscript(n: int) -> str:
    """An integer exponent for prose: ``p⁴``, ``(3/5)⁶``."""
    return str(n).translate(_SUPERSCRIPTS)


def subscript(n: int) -> str:
    """An integer index for prose: ``x₃``, ``π₂``."""
    return str(n).translate(_SUBSCRIPTS)


def factor(value: Any) -> str:
    """A signed number as a factor in a worked product: ``3``, ``(−3)``."""
    text = str(value).replace("-", "−")
    return f"({text})" if text.startswith("−") else text


def data_text(values: Sequence[Any]) -> str:
    """A data list for a prompt, with true minus signs: ``3, −1, 4``."""
    return ", ".join(str(v).replace("-", "−") for v in values)


def _numbers(value: Any) -> list[float]:
    items = value if isinstance(value, list | tuple) else [value]
    return [float(sympy.N(v, 20)) for v in items]


def _apart(a: list[float], b: list[float], rel_tol: float) -> bool:
    if len(a) != len(b):
        return True
    return any(
        abs(x - y) > max(1e-9, _MARGIN * rel_tol * max(abs(x), abs(y)))
        for x, y in zip(a, b, strict=True)
    )


def clean_mistakes(
    key: Any, mistakes: Sequence[tuple[Any, str]], rel_tol: float = DEFAULT_REL_TOL
) -> list[tuple[Any, str]]:
    """Numeric or vector mistakes that differ from the key and from each earlier mistake."""
    kept: list[tuple[Any, str]] = []
    seen = [_numbers(key)]
    for wrong, feedback in mistakes:
        values = _numbers(wrong)
        if all(_apart(values, other, rel_tol) for other in seen):
            kept.append((wrong, feedback))
            seen.append(values)
    return kept


def clean_expression_mistakes(
    key: sympy.Expr,
    mistakes: Sequence[tuple[sympy.Expr, str]],
    domain: Mapping[str, tuple[float, float]],
) -> list[tuple[sympy.Expr, str]]:
    """Expression mistakes that differ from the key and each other at points of the domain."""
    # Off-diagonal points: each variable gets its own position in its interval, so formulas that
    # agree only when all variables are equal (a mean and a power mean) still differ.
    points = [
        {
            sympy.Symbol(name): sympy.Float(low + (high - low) * ((start + 0.29 * i) % 1.0))
            for i, (name, (low, high)) in enumerate(domain.items())
        }
        for start in (0.31, 0.77)
    ]

    def values(expr: sympy.Expr) -> list[float]:
        return [complex(expr.xreplace(point)).real for point in points]

    kept: list[tuple[sympy.Expr, str]] = []
    seen = [values(key)]
    for wrong, feedback in mistakes:
        at_points = values(wrong)
        if all(_apart(at_points, other, 1e-3) for other in seen):
            kept.append((wrong, feedback))
            seen.append(at_points)
    return kept


__all__ = [
    "clean_expression_mistakes",
    "clean_mistakes",
    "data_text",
    "decimal",
    "factor",
    "frac",
    "fracs",
    "normal_cdf",
    "percent",
    "read",
    "subscript",
    "superscript",
]
