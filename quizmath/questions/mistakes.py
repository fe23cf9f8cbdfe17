"""Keep only the known mistakes that an instance can tell apart from its key and each other.

A typical error (a dropped factor of a) coincides with the key for some draws (a = 1), and two
errors can coincide with each other; the checker could neither reject nor name such a mistake,
so it is left out of that instance. One rule serves every answer kind.
"""

from __future__ import annotations

import cmath
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import sympy

from quizmath.checking.functions import elementary, sigmoid, softplus
from quizmath.checking.spec import DEFAULT_DOMAIN, AnswerKind

Candidate = tuple[Any, str]
"""A wrong value of the answer's kind and the feedback a learner gets for it."""

_PROBES = (0.137, 0.561, 0.829)  # where expressions are sampled, as fractions of each interval
_NOISE = 1e-9  # relative float noise below which two values count as equal when ``gap`` is 0

_FUNCTIONS: dict[type, Callable[[complex], complex]] = {
    sympy.exp: cmath.exp,
    sympy.log: cmath.log,
    sympy.sin: cmath.sin,
    sympy.cos: cmath.cos,
    sympy.tanh: cmath.tanh,
    sigmoid: lambda u: 1 / (1 + cmath.exp(-u)),
    softplus: lambda u: cmath.log(1 + cmath.exp(u)),
}

Entry = tuple[sympy.Rational | None, complex]
"""One number of a value: exactly when it is rational, and as a complex float."""
Fingerprint = tuple[tuple[int, ...], list[Entry]] | str


def distinct_mistakes(
    kind: AnswerKind,
    key: Any,
    candidates: Iterable[Candidate | None],
    *,
    variables: Sequence[str] = (),
    domain: Mapping[str, tuple[float, float]] | None = None,
    gap: float = 0.0,
) -> list[Candidate]:
    """The candidates whose value differs from the key and from every earlier kept candidate.

    A candidate is ``None`` where that mistake does not apply to the instance. Sets compare
    without order, matrices with their shape, expressions at points of ``domain`` (the checker's
    default interval for a variable it leaves out). ``gap`` is the relative distance a mistake
    must keep, a few times a decimal key's tolerance so that a decimal within tolerance of the
    key is never within tolerance of the mistake; with 0, rationals must differ and other values
    by more than float noise. A key rounded to three significant digits can be further off than
    that: templates whose mistakes come that close draw again with ``apart_when_rounded``.
    """
    if kind == "expression" and not variables:
        raise ValueError("an expression's mistakes are compared at points of its variables")
    points = _points(variables, domain or {})
    seen = [_fingerprint(kind, key, points)]
    kept: list[Candidate] = []
    for candidate in candidates:
        if candidate is None:
            continue
        mark = _fingerprint(kind, candidate[0], points)
        if all(_apart(mark, other, gap) for other in seen):
            seen.append(mark)
            kept.append(candidate)
    return kept


def _points(
    variables: Sequence[str], domain: Mapping[str, tuple[float, float]]
) -> list[dict[sympy.Symbol, float]]:
    """Sample points off the diagonal: formulas that agree only where all variables are equal
    (a mean and a power mean) still differ there."""
    points = []
    for k, fraction in enumerate(_PROBES):
        point = {}
        for m, name in enumerate(variables):
            low, high = domain.get(name, DEFAULT_DOMAIN)
            point[sympy.Symbol(name)] = low + ((fraction + 0.29 * m * (k + 1)) % 1.0) * (high - low)
        points.append(point)
    return points


def _fingerprint(
    kind: AnswerKind, value: Any, points: list[dict[sympy.Symbol, float]]
) -> Fingerprint:
    if kind == "choice":
        return str(value)
    if kind == "expression":
        expr = sympy.sympify(value)
        return (), [(None, _evaluate(expr, point)) for point in points]
    if kind == "matrix":
        matrix = value if isinstance(value, sympy.MatrixBase) else sympy.Matrix(value)
        return tuple(matrix.shape), [_entry(v) for v in matrix]
    if kind in ("vector", "set"):
        entries = [_entry(v) for v in value]
        if kind == "set":
            entries.sort(key=lambda e: (round(e[1].real, 9), round(e[1].imag, 9)))
        return (len(entries),), entries
    return (), [_entry(value)]


def _entry(value: Any) -> Entry:
    number = sympy.sympify(value)
    return (number if number.is_Rational else None), _evaluate(number, {})


def _apart(first: Fingerprint, second: Fingerprint, gap: float) -> bool:
    if isinstance(first, str) or isinstance(second, str):
        return first != second
    (shape_a, a), (shape_b, b) = first, second
    if shape_a != shape_b:
        return True
    return any(_differ(x, y, gap) for x, y in zip(a, b, strict=True))


def _differ(x: Entry, y: Entry, gap: float) -> bool:
    """Values that cannot be evaluated (NaN) are no evidence of a difference."""
    (exact_x, u), (exact_y, v) = x, y
    if gap == 0 and exact_x is not None and exact_y is not None:
        return bool(exact_x != exact_y)
    if gap:
        # Purely relative: the checker tells tiny exact keys (2⁻⁵⁰) apart exactly.
        return abs(u - v) > gap * max(abs(u), abs(v))
    return abs(u - v) > _NOISE * max(1.0, abs(u), abs(v))


def _evaluate(expr: sympy.Basic, env: Mapping[sympy.Symbol, float]) -> complex:
    """A fast complex value of the shapes templates build (``evalf`` is slow), NaN where the
    value is undefined."""
    try:
        return _walk(expr, env)
    except (ZeroDivisionError, OverflowError, ValueError, TypeError):
        return complex("nan")


def _walk(expr: sympy.Basic, env: Mapping[sympy.Symbol, float]) -> complex:
    if expr.is_Symbol:
        return complex(env[expr])
    if expr.is_Rational:
        return complex(expr.p / expr.q)
    if expr.is_Number or expr.is_NumberSymbol:
        return complex(float(expr))
    if expr.is_Add:
        return sum((_walk(arg, env) for arg in expr.args), 0j)
    if expr.is_Mul:
        product = 1 + 0j
        for arg in expr.args:
            product *= _walk(arg, env)
        return product
    if expr.is_Pow:
        return _walk(expr.base, env) ** _walk(expr.exp, env)
    function = _FUNCTIONS.get(type(expr))
    if function is not None:
        return function(_walk(expr.args[0], env))
    return complex(elementary(expr).evalf(15, subs=dict(env)))


def apart_when_rounded(value: Any, other: Any) -> bool:
    """Do two numbers differ by two units or more in the third significant digit of ``value``?

    A three-digit decimal of either then neither rounds like the other nor falls within the
    checker's 0.1% of it, so a rounded key is never taken for a mistake, nor the reverse.
    """
    value, other = float(value), float(other)
    if value == 0:
        return other != 0
    unit = 10.0 ** (math.floor(math.log10(abs(value))) - 2)
    return abs(value - other) >= 2 * unit


__all__ = ["apart_when_rounded", "Candidate", "distinct_mistakes"]
