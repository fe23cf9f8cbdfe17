"""Chain-rule templates: derivatives of compositions with the sigmoid and friends."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import sympy

from quizmath.checking.functions import sigmoid
from quizmath.questions.draw import nonzero
from quizmath.questions.mistakes import distinct_mistakes
from quizmath.questions.model import Draft
from quizmath.questions.registry import template
from quizmath.questions.render import Math

x = sympy.Symbol("x")


def _sigmoid_chain_oracle(params: Mapping[str, Any]) -> Callable[..., float]:
    """f'(x) by a central difference of NumPy's sigmoid of the inner polynomial."""
    coefficients = np.array(params["inner"], dtype=float)  # highest power first

    def f(at: float) -> float:
        return float(1.0 / (1.0 + np.exp(-np.polyval(coefficients, at))))

    def derivative(x: float) -> float:
        h = 1e-5
        return (f(x + h) - f(x - h)) / (2 * h)

    return derivative


@template(
    id="ca.sigmoid-chain",
    topic="ca.chain-rule",
    title="Derivative of a sigmoid of a polynomial",
    oracle=_sigmoid_chain_oracle,
)
def sigmoid_chain(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: σ(ax + b). Level 2: σ(ax² + bx + c), whose inner derivative is not constant."""
    if level == 1:
        inner_coefficients = [nonzero(rng, -5, 5), int(rng.integers(-5, 6))]
    else:
        inner_coefficients = [
            nonzero(rng, -3, 3),
            int(rng.integers(-4, 5)),
            int(rng.integers(-3, 4)),
        ]
    inner = sympy.Poly(inner_coefficients, x).as_expr()
    inner_derivative = sympy.diff(inner, x)
    outer_derivative = sigmoid(inner) * (1 - sigmoid(inner))
    answer = inner_derivative * outer_derivative
    u = Math("u", "u")
    return Draft(
        prompt=[
            "Differentiate f(x) = ",
            sigmoid(inner),
            " with respect to x. You may write σ(u) as sigmoid(u).",
        ],
        kind="expression",
        answer=answer,
        params={"inner": inner_coefficients},
        variables=("x",),
        solution=[
            [
                "Let ",
                u,
                " = ",
                inner,
                "; then f = σ(u) and ",
                Math("σ′(u) = σ(u)(1 − σ(u))", r"\sigma'(u) = \sigma(u)\,(1 - \sigma(u))"),
                ".",
            ],
            ["The inner derivative is ", Math("u′", "u'"), " = ", inner_derivative, "."],
            ["Chain rule: f′(x) = σ′(u)·u′ = ", answer, "."],
        ],
        hints=[
            "σ′(u) = σ(u)(1 − σ(u)).",
            "Multiply by the derivative of what is inside the sigmoid.",
        ],
        mistakes=distinct_mistakes(
            "expression",
            answer,
            [
                (
                    outer_derivative,
                    "You dropped the chain-rule factor: multiply by the derivative "
                    "of the inner function.",
                ),
                (
                    inner_derivative * sigmoid(inner),
                    "σ′(u) is σ(u)(1 − σ(u)), not σ(u): unlike eᵘ, the sigmoid is not its own "
                    "derivative.",
                ),
                (
                    -answer,
                    "Sign error: σ′(u) = σ(u)(1 − σ(u)) is positive, so f′ has the sign of "
                    "the inner derivative.",
                ),
            ],
            variables=("x",),
        ),
    )
