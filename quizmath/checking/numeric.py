"""Evaluate SymPy expressions at real points, fast, and say where they are undefined.

Answers are compared at random points many times per check, so expressions are compiled
once into nested Python closures over ``math``; a point where a value is not a finite real
number (log of a negative, division by zero, overflow) raises ``Undefined`` and is skipped.
Disagreements are re-checked by the same closures over mpmath at 30 digits, so float rounding
never decides a verdict.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import mpmath
import sympy
from sympy import S

from quizmath.checking.functions import sigmoid, softplus

Point = Sequence[float]
Compiled = Callable[[Point], float]

PRECISE_DIGITS = 30


class Undefined(ArithmeticError):
    """The expression has no finite real value at this point."""


@dataclass(frozen=True)
class _Backend:
    """The arithmetic one compiled expression runs on: floats, or 30-digit mpmath numbers."""

    constant: Callable[[sympy.Expr], Any]
    add: Callable[[Any], Any]
    multiply: Callable[[Any], Any]
    power: Callable[[Any, Any], Any]
    sqrt: Callable[[Any], Any]
    functions: dict[type, Callable[..., Any]]


def _real_log(u: float) -> float:
    if u <= 0:
        raise Undefined
    return math.log(u)


def _sigmoid(u: float) -> float:
    if u >= 0:
        return 1.0 / (1.0 + math.exp(-u))
    z = math.exp(u)
    return z / (1.0 + z)


def _softplus(u: float) -> float:
    return max(u, 0.0) + math.log1p(math.exp(-abs(u)))


def _sign(u: Any) -> Any:
    return (u > 0) - (u < 0)


def _heaviside(u: Any, at_zero: Any = 0.5) -> Any:
    return 1 if u > 0 else 0 if u < 0 else at_zero


def _float_constant(expr: sympy.Expr) -> float:
    try:
        return float(expr)
    except OverflowError:
        return math.inf


_FLOAT = _Backend(
    constant=_float_constant,
    add=math.fsum,
    multiply=math.prod,
    power=math.pow,
    sqrt=math.sqrt,
    functions={
        sympy.exp: math.exp,
        sympy.log: _real_log,
        sympy.sin: math.sin,
        sympy.cos: math.cos,
        sympy.tan: math.tan,
        sympy.sec: lambda u: 1.0 / math.cos(u),
        sympy.csc: lambda u: 1.0 / math.sin(u),
        sympy.cot: lambda u: 1.0 / math.tan(u),
        sympy.asin: math.asin,
        sympy.acos: math.acos,
        sympy.atan: math.atan,
        sympy.sinh: math.sinh,
        sympy.cosh: math.cosh,
        sympy.tanh: math.tanh,
        sympy.sech: lambda u: 1.0 / math.cosh(u),
        sympy.asinh: math.asinh,
        sympy.acosh: math.acosh,
        sympy.atanh: math.atanh,
        sympy.Abs: abs,
        sympy.sign: _sign,
        sympy.erf: math.erf,
        sympy.Heaviside: _heaviside,
        sympy.factorial: lambda u: math.gamma(u + 1.0),
        sympy.binomial: lambda n, k: (
            math.gamma(n + 1.0) / (math.gamma(k + 1.0) * math.gamma(n - k + 1.0))
        ),
        sympy.Max: max,
        sympy.Min: min,
        sigmoid: _sigmoid,
        softplus: _softplus,
    },
)

_MP = mpmath.MPContext()
_MP.dps = PRECISE_DIGITS


def _mp_constant(expr: sympy.Expr) -> Any:
    if expr is S.Pi:
        return _MP.pi
    if expr is S.Exp1:
        return _MP.e
    if expr.is_Rational:
        return _MP.mpf(int(expr.p)) / int(expr.q)
    return _MP.mpf(sympy.Float(expr, PRECISE_DIGITS)._mpf_)


_PRECISE = _Backend(
    constant=_mp_constant,
    add=_MP.fsum,
    multiply=_MP.fprod,
    power=_MP.power,
    sqrt=_MP.sqrt,
    functions={
        sympy.exp: _MP.exp,
        sympy.log: _MP.log,
        sympy.sin: _MP.sin,
        sympy.cos: _MP.cos,
        sympy.tan: _MP.tan,
        sympy.sec: _MP.sec,
        sympy.csc: _MP.csc,
        sympy.cot: _MP.cot,
        sympy.asin: _MP.asin,
        sympy.acos: _MP.acos,
        sympy.atan: _MP.atan,
        sympy.sinh: _MP.sinh,
        sympy.cosh: _MP.cosh,
        sympy.tanh: _MP.tanh,
        sympy.sech: _MP.sech,
        sympy.asinh: _MP.asinh,
        sympy.acosh: _MP.acosh,
        sympy.atanh: _MP.atanh,
        sympy.Abs: _MP.fabs,
        sympy.sign: _sign,
        sympy.erf: _MP.erf,
        sympy.Heaviside: _heaviside,
        sympy.factorial: _MP.factorial,
        sympy.binomial: _MP.binomial,
        sympy.Max: max,
        sympy.Min: min,
        sigmoid: lambda u: 1 / (1 + _MP.exp(-u)),
        softplus: lambda u: _MP.log(1 + _MP.exp(u)),
    },
)


@lru_cache(maxsize=1024)
def compile_real(expr: sympy.Expr, variables: tuple[str, ...]) -> Compiled:
    """A function of a point (one float per variable, in order) returning the real value.

    Raises ValueError for a function it cannot evaluate.
    """
    inner = _compile(expr, _positions(variables), _FLOAT)

    def evaluate(point: Point) -> float:
        try:
            value = inner(point)
        except (ValueError, OverflowError, ZeroDivisionError) as error:
            raise Undefined from error
        if not math.isfinite(value):
            raise Undefined
        return value

    return evaluate


@lru_cache(maxsize=256)
def _compile_precise(expr: sympy.Expr, variables: tuple[str, ...]) -> Callable[[Point], Any]:
    return _compile(expr, _positions(variables), _PRECISE)


def precise(expr: sympy.Expr, variables: tuple[str, ...], point: Point) -> float | None:
    """The value at ``point`` computed with 30 significant digits, or None if not real."""
    try:
        value = _compile_precise(expr, variables)([_MP.mpf(v) for v in point])
    except (ArithmeticError, ValueError, TypeError):  # TypeError: max() of complex values
        return None
    if isinstance(value, _MP.mpc):
        if abs(value.imag) > abs(value) * 1e-20:
            return None
        value = value.real
    result = float(value)
    return result if math.isfinite(result) else None


def _positions(variables: tuple[str, ...]) -> dict[str, int]:
    return {name: index for index, name in enumerate(variables)}


def _compile(expr: sympy.Expr, index: dict[str, int], backend: _Backend) -> Callable[[Any], Any]:
    if expr.is_Symbol:
        position = index[expr.name]
        return lambda point: point[position]
    if expr.is_Number or expr in (S.Pi, S.Exp1):
        constant = backend.constant(expr)
        return lambda point: constant
    if expr is S.ImaginaryUnit:
        return _undefined
    args = [_compile(arg, index, backend) for arg in expr.args]
    if expr.is_Add:
        return lambda point: backend.add([arg(point) for arg in args])
    if expr.is_Mul:
        return lambda point: backend.multiply([arg(point) for arg in args])
    if expr.is_Pow:
        return _compile_power(expr.exp, args, backend)
    function = backend.functions.get(expr.func)
    if function is None:
        raise ValueError(f"cannot evaluate {expr.func.__name__} numerically")
    if len(args) == 1:
        (only,) = args
        return lambda point: function(only(point))
    return lambda point: function(*(arg(point) for arg in args))


def _compile_power(
    exponent: sympy.Expr, args: list[Callable[[Any], Any]], backend: _Backend
) -> Callable[[Any], Any]:
    base, power = args
    if exponent == S.Half:
        return lambda point: backend.sqrt(base(point))
    if exponent.is_Integer:
        whole = int(exponent)  # float ** int raises on overflow and on 0 ** negative
        return lambda point: base(point) ** whole
    return lambda point: backend.power(base(point), power(point))


def _undefined(point: Any) -> Any:
    raise Undefined


__all__ = ["Compiled", "Point", "Undefined", "compile_real", "precise"]
