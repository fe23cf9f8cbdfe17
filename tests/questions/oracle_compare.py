"""Compare a template's SymPy answer value with its NumPy oracle's value."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import sympy

from quizmath.checking.functions import elementary
from quizmath.questions.model import Draft

REL_TOL = 1e-6
ABS_TOL = 1e-9


def numeric(value: Any) -> complex:
    """A SymPy scalar as a Python complex, refusing anything that is not a finite number."""
    number = complex(sympy.N(elementary(sympy.sympify(value)), 30))
    assert math.isfinite(number.real) and math.isfinite(number.imag), f"not finite: {value}"
    return number


def close(a: complex, b: complex, rel: float = REL_TOL) -> bool:
    return abs(a - b) <= max(ABS_TOL, rel * max(abs(a), abs(b)))


def assert_matches_oracle(draft: Draft, expected: Any) -> None:
    """Fail with both values shown unless the draft's key equals the oracle's value."""
    kind = draft.kind
    if kind == "choice":
        assert str(draft.answer) == str(expected), (draft.answer, expected)
        assert str(draft.answer) in draft.choices
    elif kind == "number":
        assert close(numeric(draft.answer), complex(expected)), (draft.answer, expected)
    elif kind == "vector":
        _assert_sequence(list(draft.answer), list(np.asarray(expected).ravel()))
    elif kind == "set":
        _assert_sequence(_sorted(draft.answer), sorted(expected, key=_order), multiset=True)
    elif kind == "matrix":
        actual = sympy.Matrix(draft.answer)
        oracle = np.atleast_2d(np.asarray(expected))
        assert actual.shape == oracle.shape, (actual.shape, oracle.shape)
        _assert_sequence(list(actual), list(oracle.ravel()))
    elif kind == "expression":
        _assert_function(draft, expected)
    else:
        raise AssertionError(f"kind {kind!r} has no oracle comparison")


def _order(value: Any) -> tuple[float, float]:
    number = complex(value)
    return (round(number.real, 9), round(number.imag, 9))


def _sorted(values: Sequence[Any]) -> list[complex]:
    return sorted((numeric(v) for v in values), key=_order)


def _assert_sequence(actual: Sequence[Any], oracle: Sequence[Any], multiset: bool = False) -> None:
    assert len(actual) == len(oracle), (actual, oracle)
    for a, b in zip(actual, oracle, strict=True):
        assert close(numeric(a), complex(b)), (actual, oracle)


def _assert_function(draft: Draft, oracle: Callable[..., float]) -> None:
    """Compare at points spread over each variable's domain; enough of them must be defined."""
    symbols = [sympy.Symbol(name) for name in draft.variables]
    key = elementary(sympy.sympify(draft.answer))
    rng = np.random.default_rng(12345)
    checked = 0
    for _ in range(12):
        point = {name: float(rng.uniform(*_domain(draft.domain, name))) for name in draft.variables}
        try:
            want = float(oracle(**point))
            got = complex(key.evalf(30, subs=dict(zip(symbols, point.values(), strict=True))))
        except (ValueError, ZeroDivisionError, OverflowError, TypeError):
            continue
        if not (math.isfinite(want) and math.isfinite(got.real)) or abs(got.imag) > 1e-12:
            continue
        assert close(got.real, want, rel=1e-5), (draft.answer, point, got, want)
        checked += 1
    assert checked >= 6, f"only {checked} comparable points for {draft.answer}"


def _domain(domain: Mapping[str, tuple[float, float]], name: str) -> tuple[float, float]:
    return tuple(domain.get(name, (-3.0, 3.0)))  # type: ignore[return-value]
