"""Compare a question's printed key, read back by the safe parser, with its NumPy oracle.

Reading the printed key (not the SymPy value the template built) tests what a learner is
actually checked against.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import sympy

from quizmath.checking import parse_answer
from quizmath.checking.numeric import Undefined, compile_real
from quizmath.checking.spec import DEFAULT_DOMAIN
from quizmath.questions.model import Question

REL_TOL = 1e-6
ABS_TOL = 1e-9


def numeric(value: Any) -> complex:
    """A SymPy scalar as a Python complex, refusing anything that is not a finite number."""
    number = complex(sympy.N(value, 30))
    assert math.isfinite(number.real) and math.isfinite(number.imag), f"not finite: {value}"
    return number


def close(a: complex, b: complex, rel: float = REL_TOL) -> bool:
    return abs(a - b) <= max(ABS_TOL, rel * max(abs(a), abs(b)))


def assert_matches_oracle(question: Question, expected: Any) -> None:
    """Fail with both values shown unless the question's key equals the oracle's value."""
    spec = question.spec
    key = parse_answer(spec.expected, spec.kind, spec.variables, spec.choices)
    if spec.kind == "choice":
        assert key == str(expected), (key, expected)
    elif spec.kind == "number":
        assert close(numeric(key), complex(expected)), (spec.expected, expected)
    elif spec.kind == "vector":
        _assert_sequence(list(key), list(np.asarray(expected).ravel()))
    elif spec.kind == "set":
        actual = sorted((numeric(v) for v in key), key=_order)
        _assert_sequence(actual, sorted((complex(v) for v in expected), key=_order))
    elif spec.kind == "matrix":
        oracle = np.atleast_2d(np.asarray(expected, dtype=float))
        assert key.shape == oracle.shape, (key.shape, oracle.shape)
        _assert_sequence(list(key), list(oracle.ravel()))
    elif spec.kind == "expression":
        _assert_function(question, key, expected)
    else:
        raise AssertionError(f"kind {spec.kind!r} has no oracle comparison")


def _order(number: complex) -> tuple[float, float]:
    return (round(number.real, 9), round(number.imag, 9))


def _assert_sequence(actual: Sequence[Any], oracle: Sequence[Any]) -> None:
    assert len(actual) == len(oracle), (actual, oracle)
    for a, b in zip(actual, oracle, strict=True):
        assert close(numeric(a), complex(b)), (actual, oracle)


def _assert_function(question: Question, key: sympy.Expr, oracle: Callable[..., float]) -> None:
    """Compare at points spread over each variable's domain; enough of them must be defined."""
    variables = question.spec.variables
    evaluate = compile_real(key, variables)
    rng = np.random.default_rng(12345)
    checked = 0
    for _ in range(12):
        point = tuple(
            float(rng.uniform(*question.spec.domain.get(name, DEFAULT_DOMAIN)))
            for name in variables
        )
        try:
            want = float(oracle(**dict(zip(variables, point, strict=True))))
            got = evaluate(point)
        except (Undefined, ValueError, ZeroDivisionError, OverflowError):
            continue
        if not math.isfinite(want):
            continue
        assert close(got, want, rel=1e-5), (question.answer, point, got, want)
        checked += 1
    assert checked >= 6, f"only {checked} comparable points for {question.answer}"
