"""The ML functions as SymPy functions, and their elementary forms for numeric evaluation."""

from __future__ import annotations

import sympy
from sympy import cos, exp, log, sin, symbols, tanh

from quizmath.checking.functions import elementary, relu, sigmoid, softplus

x = symbols("x")


def test_elementary_replaces_only_sigmoid_and_softplus() -> None:
    expr = sin(x) + cos(2 * x) * sigmoid(3 * x) + tanh(x) - softplus(x)
    assert elementary(expr) == (sin(x) + cos(2 * x) / (1 + exp(-3 * x)) + tanh(x) - log(1 + exp(x)))
    assert not elementary(expr).has(sympy.I, sigmoid, softplus)


def test_elementary_values_match_the_functions() -> None:
    expr = sin(x) * sigmoid(softplus(x))
    at = {x: sympy.Rational(7, 10)}
    assert abs(sympy.N(elementary(expr).subs(at)) - sympy.N(expr.subs(at))) < 1e-15


def test_expressions_without_ml_functions_are_returned_as_they_are() -> None:
    expr = sin(x) + tanh(x)
    assert elementary(expr) is expr


def test_derivatives_and_relu() -> None:
    assert sympy.diff(sigmoid(x), x) == sigmoid(x) * (1 - sigmoid(x))
    assert sympy.diff(softplus(x), x) == sigmoid(x)
    assert sigmoid(0) == sympy.S.Half
    assert relu(x) == sympy.Max(0, x)
