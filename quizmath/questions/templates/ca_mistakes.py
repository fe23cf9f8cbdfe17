"""Keep only the known mistakes that an instance can tell apart from its key and each other.

A typical error (a dropped factor of a) coincides with the key for some draws (a = 1); the
checker could neither reject nor name it there, so such a mistake is left out of that instance.
"""

from __future__ import annotations

import cmath
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import sympy

from quizmath.checking.functions import elementary, sigmoid, softplus

_PROBES = (0.137, 0.561, 0.829)  # fractions of each variable's interval

_FUNCTIONS: dict[type, Callable[[complex], complex]] = {
    sympy.exp: cmath.exp,
    sympy.log: cmath.log,
    sympy.sin: cmath.sin,
    sympy.cos: cmath.cos,
    sympy.tanh: cmath.tanh,
    sympy.sqrt: cmath.sqrt,
    sigmoid: lambda u: 1 / (1 + cmath.exp(-u)),
    softplus: lambda u: cmath.log(1 + cmath.exp(u)),
}


def _evaluate(expr: sympy.Basic, env: Mapping[sympy.Symbol, float]) -> complex:
    """A fast complex evaluation of the expression shapes templates build (evalf is slow)."""
    if expr.is_Symbol:
        return complex(env[expr])
    if expr.is_Rational:
        return complex(expr.p / expr.q)
    if expr.is_Number or expr.is_NumberSymbol:
        return complex(float(expr))
    if expr.is_Add:
        return sum((_evaluate(arg, env) for arg in expr.args), 0j)
    if expr.is_Mul:
        product = 1 + 0j
        for arg in expr.args:
            product *= _evaluate(arg, env)
        return product
    if expr.is_Pow:
        return _evaluate(expr.base, env) ** _evaluate(expr.exp, env)
    function = _FUNCTIONS.get(type(expr))
    if function is not None:
        return function(_evaluate(expr.args[0], env))
    return complex(elementary(expr).evalf(15, subs=dict(env)))


def _scalar(value: Any, subs: Mapping[sympy.Symbol, float] | None = None) -> complex:
    try:
        return _evaluate(sympy.sympify(value), subs or {})
    except (ZeroDivisionError, OverflowError, ValueError):
        return complex("nan")


def _fingerprint(
    value: Any, variables: Sequence[str], domain: Mapping[str, tuple[float, float]]
) -> tuple[Any, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, sympy.MatrixBase):
        return (value.shape, *(_scalar(v) for v in value))
    if isinstance(value, list | tuple):
        return (len(value), *(_scalar(v) for v in value))
    if not variables:
        return (_scalar(value),)
    symbols = [sympy.Symbol(name) for name in variables]
    samples = []
    for k, fraction in enumerate(_PROBES):
        subs = {}
        for m, (name, symbol) in enumerate(zip(variables, symbols, strict=True)):
            low, high = domain.get(name, (-3.0, 3.0))
            shifted = (fraction + 0.29 * m * (k + 1)) % 1.0
            subs[symbol] = low + shifted * (high - low)
        samples.append(_scalar(value, subs))
    return tuple(samples)


def _same(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    if len(a) != len(b):
        return False
    for u, v in zip(a, b, strict=True):
        if isinstance(u, complex) and isinstance(v, complex):
            if abs(u - v) > 1e-9 * max(1.0, abs(u), abs(v)):
                return False
        elif u != v:
            return False
    return True


def distinct_mistakes(
    key: Any,
    candidates: Sequence[tuple[Any, str]],
    variables: Sequence[str] = (),
    domain: Mapping[str, tuple[float, float]] | None = None,
) -> list[tuple[Any, str]]:
    """The candidates whose value differs from the key and from every earlier kept candidate."""
    domain = domain or {}
    seen = [_fingerprint(key, variables, domain)]
    kept = []
    for wrong, feedback in candidates:
        mark = _fingerprint(wrong, variables, domain)
        if not any(_same(mark, earlier) for earlier in seen):
            seen.append(mark)
            kept.append((wrong, feedback))
    return kept


__all__ = ["distinct_mistakes"]
