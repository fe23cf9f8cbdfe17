"""Operator precedence: a power binds only the atom before it, tighter than any product.

Each case is read twice, as typed and fully bracketed, and both must give exactly (structurally,
without simplifying) the SymPy expression built here by hand.
"""

from __future__ import annotations

import pytest
import sympy
from sympy import E, Integer, Rational, cos, exp, factorial, log, pi, sin, symbols

from quizmath.checking import AnswerSpec, check_answer, parse_answer
from quizmath.checking.functions import sigmoid

x, y, z = symbols("x y z")
VARIABLES = ("x", "y", "z")

# (typed, the same fully bracketed, the expression it must be)
CASES = [
    # a power applies to the atom right before it, after splitting a letter run
    ("2x^2", "2*(x^2)", 2 * x**2),
    ("2xy^2", "2*x*(y^2)", 2 * x * y**2),
    ("xy^2", "x*(y^2)", x * y**2),
    ("xy^2z", "x*(y^2)*z", x * y**2 * z),
    ("x^2y", "(x^2)*y", x**2 * y),
    ("x^2y^3", "(x^2)*(y^3)", x**2 * y**3),
    ("xe^2", "x*(e^2)", x * exp(2)),
    ("xe^x", "x*(e^x)", x * exp(x)),
    ("3xe^x", "3*x*(e^x)", 3 * x * exp(x)),
    ("ex^2", "e*(x^2)", E * x**2),
    ("2pix^2", "2*pi*(x^2)", 2 * pi * x**2),
    ("-2xe^(1-x^2)", "-(2*x*(e^(1-(x^2))))", -2 * x * exp(1 - x**2)),
    ("x²y", "(x^2)*y", x**2 * y),
    ("xy²", "x*(y^2)", x * y**2),
    ("xy**2", "x*(y^2)", x * y**2),
    ("xy!", "x*(y!)", x * factorial(y)),
    # brackets and calls are single atoms
    ("2(x+1)^2", "2*((x+1)^2)", 2 * (x + 1) ** 2),
    ("(x+1)(x-1)^2", "(x+1)*((x-1)^2)", (x + 1) * (x - 1) ** 2),
    ("(2x)^2", "(2*x)^2", (2 * x) ** 2),
    ("(xy)^2", "(x*y)^2", (x * y) ** 2),
    ("x sigmoid(x)^2", "x*(sigmoid(x)^2)", x * sigmoid(x) ** 2),
    ("σ(x)^2", "(sigmoid(x))^2", sigmoid(x) ** 2),
    ("2σ(x)^2", "2*((sigmoid(x))^2)", 2 * sigmoid(x) ** 2),
    ("sin(x)^2", "(sin(x))^2", sin(x) ** 2),
    ("sin^2(x)", "(sin(x))^2", sin(x) ** 2),
    ("x sin(x)^2 cos(x)", "x*((sin(x))^2)*cos(x)", x * sin(x) ** 2 * cos(x)),
    ("sin x^2", "sin(x^2)", sin(x**2)),
    ("log(x)^2y", "((log(x))^2)*y", log(x) ** 2 * y),
    # signs and exponents
    ("-x^2", "-(x^2)", -(x**2)),
    ("-2^2", "-(2^2)", Integer(-4)),
    ("(-2)^2", "(-2)^2", Integer(4)),
    ("e^-x^2", "e^(-(x^2))", exp(-(x**2))),
    ("e^-x", "e^(-x)", exp(-x)),
    ("2^-1x", "(2^(-1))*x", x / 2),
    ("2^3^2", "2^(3^2)", Integer(512)),
    ("x^y^z", "x^(y^z)", x ** (y**z)),
    ("e^xy", "e^(x*y)", exp(x * y)),
    ("e^xy^2", "e^(x*(y^2))", exp(x * y**2)),
    ("e^{x+1}y", "(e^(x+1))*y", exp(x + 1) * y),
    ("x^2/2", "(x^2)/2", x**2 / 2),
    ("2x/3", "(2*x)/3", Rational(2, 3) * x),
    ("1/2x", "(1/2)*x", x / 2),
    ("x/2y", "(x/2)*y", x * y / 2),
    ("xy/z^2", "(x*y)/(z^2)", x * y / z**2),
]


@pytest.mark.parametrize(("typed", "bracketed", "expected"), CASES, ids=[c[0] for c in CASES])
def test_precedence(typed: str, bracketed: str, expected: sympy.Expr) -> None:
    assert parse_answer(typed, "expression", VARIABLES) == expected
    assert parse_answer(bracketed, "expression", VARIABLES) == expected


@pytest.mark.parametrize(
    ("key", "answer"),
    [
        ("2*x*y**2", "2xy^2"),
        ("x*exp(2)", "xe^2"),
        ("-2*x*exp(1 - x**2)", "-2xe^(1-x^2)"),
        ("3*x*exp(x)", "3xe^x"),
    ],
)
def test_the_reported_answers_are_accepted(key: str, answer: str) -> None:
    verdict = check_answer(answer, AnswerSpec("expression", key, VARIABLES))
    assert verdict.correct, verdict.reason


def test_the_old_misreading_is_rejected() -> None:
    verdict = check_answer("2xy^2", AnswerSpec("expression", "2*x**2*y**2", VARIABLES))
    assert not verdict.correct
