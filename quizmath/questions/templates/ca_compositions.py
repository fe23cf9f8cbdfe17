"""Chain-rule templates for the compositions networks are made of: tanh, softplus and exp."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import sympy

from quizmath.checking.functions import sigmoid
from quizmath.questions.draw import nonzero, pick
from quizmath.questions.mistakes import distinct_mistakes
from quizmath.questions.model import Draft
from quizmath.questions.registry import template
from quizmath.questions.render import Math, latex_math, unicode_math
from quizmath.questions.templates.ca_numeric import complex_step

x = sympy.Symbol("x")
u = Math("u", "u")


def _inner(rng: np.random.Generator, level: int) -> list[int]:
    """Coefficients (highest power first): ax + b at level 1, ax² + bx + c at level 2."""
    if level == 1:
        return [nonzero(rng, -4, 4), int(rng.integers(-3, 4))]
    return [nonzero(rng, -2, 2), int(rng.integers(-3, 4)), int(rng.integers(-2, 3))]


def _derivative_oracle(
    outer: Callable[[complex], complex],
) -> Callable[[Mapping[str, Any]], Callable[..., float]]:
    """An oracle differentiating outer(polynomial) by a complex step, all in NumPy."""

    def oracle(params: Mapping[str, Any]) -> Callable[..., float]:
        inner = _polynomial(params["inner"])
        return lambda x: complex_step(lambda t: outer(inner(t)), x)

    return oracle


def _polynomial(coefficients: list[int]) -> Callable[[complex], complex]:
    """The polynomial with these coefficients (highest power first) at a complex point."""

    def value(t: complex) -> complex:
        return complex(np.polyval(coefficients, t))

    return value


def _identity(z: complex) -> complex:
    """The wrapper "none": e raised to the inner polynomial itself."""
    return z


_WRAPPERS: dict[str, Callable[[complex], complex]] = {
    "none": _identity,
    "sin": np.sin,
    "cos": np.cos,
}


def _chain_solution(
    outer_text: Math, inner: sympy.Expr, inner_slope: sympy.Expr, answer: sympy.Expr
) -> list[list[Any]]:
    return [
        ["Let ", u, " = ", inner, "; the outer derivative is ", outer_text, "."],
        ["The inner derivative is ", Math("u′", "u'"), " = ", inner_slope, "."],
        ["Chain rule: f′(x) = (outer derivative at u)·u′ = ", answer, "."],
    ]


@template(
    id="ca.tanh-chain",
    topic="ca.chain-rule",
    title="Derivative of tanh of a polynomial",
    oracle=_derivative_oracle(np.tanh),
)
def tanh_chain(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: tanh(ax + b). Level 2: tanh(ax² + bx + c), whose inner slope depends on x."""
    coefficients = _inner(rng, level)
    inner = sympy.Poly(coefficients, x).as_expr()
    slope = sympy.diff(inner, x)
    t = sympy.tanh(inner, evaluate=False)  # keep tanh(−x) as drawn, not −tanh(x)
    answer = slope * (1 - t**2)
    rule = Math("tanh′(u) = 1 − tanh²(u)", r"\tanh'(u) = 1 - \tanh^2(u)")
    return Draft(
        prompt=["Differentiate f(x) = ", t, " with respect to x."],
        kind="expression",
        answer=answer,
        params={"inner": coefficients},
        variables=("x",),
        solution=_chain_solution(rule, inner, slope, answer),
        hints=[["Use ", rule, "."], "Multiply by the derivative of what is inside the tanh."],
        mistakes=distinct_mistakes(
            "expression",
            answer,
            [
                (1 - t**2, "You dropped the chain-rule factor u′ = d/dx of the inside."),
                (
                    slope * t * (1 - t),
                    "That is the sigmoid's rule σ(1 − σ); for tanh it is 1 − tanh².",
                ),
                (slope * (1 + t**2), "Sign error: tanh′(u) = 1 − tanh²(u) = sech²(u)."),
            ],
            variables=("x",),
        ),
    )


@template(
    id="ca.softplus-chain",
    topic="ca.chain-rule",
    title="Derivative of log(1 + e^g(x))",
    oracle=_derivative_oracle(lambda z: np.log(1 + np.exp(z))),
)
def softplus_chain(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: log(1 + e^(ax + b)). Level 2: log(1 + e^(ax² + bx + c))."""
    coefficients = _inner(rng, level)
    inner = sympy.Poly(coefficients, x).as_expr()
    slope = sympy.diff(inner, x)
    e = sympy.exp(inner)
    answer = slope * sigmoid(inner)
    outer = Math(
        "d/du log(1 + eᵘ) = eᵘ/(1 + eᵘ) = σ(u)",
        r"\frac{d}{du}\log(1 + e^u) = \frac{e^u}{1 + e^u} = \sigma(u)",
    )
    shown = Math(f"log(1 + {unicode_math(e)})", rf"\log\left(1 + {latex_math(e)}\right)")
    return Draft(
        prompt=[
            "Differentiate f(x) = ",
            shown,
            " with respect to x (log is the natural logarithm). You may write σ(u) as sigmoid(u).",
        ],
        kind="expression",
        answer=answer,
        params={"inner": coefficients},
        variables=("x",),
        solution=_chain_solution(outer, inner, slope, answer),
        hints=[
            "(log w)′ = w′/w, and here w = 1 + e^u.",
            "e^u/(1 + e^u) is the sigmoid σ(u): softplus′ = σ.",
        ],
        mistakes=distinct_mistakes(
            "expression",
            answer,
            [
                (sigmoid(inner), "You dropped the chain-rule factor u′."),
                (
                    slope / (1 + e),
                    "The derivative of 1 + eᵘ is eᵘ·u′: the eᵘ belongs in the numerator.",
                ),
                (slope * e, "You forgot to divide by 1 + eᵘ: (log w)′ = w′/w."),
            ],
            variables=("x",),
        ),
    )


def _exp_chain_oracle(params: Mapping[str, Any]) -> Callable[..., float]:
    """f′(x) by a complex step through NumPy's exp of the inner function."""
    coefficients, wrapper = params["inner"], params["wrapper"]
    middle = _WRAPPERS[wrapper]
    inner = _polynomial(coefficients)
    return lambda x: complex_step(lambda t: np.exp(middle(inner(t))), x)


@template(
    id="ca.exp-chain",
    topic="ca.chain-rule",
    title="Derivative of e to a function",
    oracle=_exp_chain_oracle,
)
def exp_chain(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: e^(ax² + bx + c). Level 2: e^(sin(ax + b)) or e^(cos(ax + b)), three links."""
    if level == 1:
        wrapper = "none"
        coefficients = _inner(rng, 2)
        inner = sympy.Poly(coefficients, x).as_expr()
    else:
        wrapper = pick(rng, ["sin", "cos"])
        # A positive slope keeps SymPy from rewriting cos(−2x − 3) as cos(2x + 3).
        coefficients = [int(rng.integers(1, 5)), int(rng.integers(-3, 4))]
        linear = sympy.Poly(coefficients, x).as_expr()
        inner = {"sin": sympy.sin, "cos": sympy.cos}[wrapper](linear)
    slope = sympy.diff(inner, x)
    f = sympy.exp(inner)
    answer = slope * f
    wrong = [
        (f, "You dropped the chain-rule factor: multiply eᵍ by g′(x)."),
        (
            inner * sympy.exp(inner - 1),
            "eᵍ is not a power of g: its derivative is eᵍ·g′, not g·eᵍ⁻¹.",
        ),
    ]
    if wrapper != "none":
        a = coefficients[0]
        wrong += [
            (
                answer / a,
                f"You stopped one link early: the innermost linear function contributes "
                f"its slope {a} as a factor.",
            ),
            (-answer, "Sign error: (sin v)′ = cos v and (cos v)′ = −sin v."),
        ]
    return Draft(
        prompt=["Differentiate f(x) = ", f, " with respect to x."],
        kind="expression",
        answer=answer,
        params={"inner": coefficients, "wrapper": wrapper},
        variables=("x",),
        solution=[
            ["Let g(x) = ", inner, "; f = eᵍ and (eᵍ)′ = eᵍ·g′."],
            ["The inner derivative (chain rule again inside, if nested) is g′(x) = ", slope, "."],
            ["f′(x) = ", answer, "."],
        ],
        hints=[
            Math("(e^g)′ = e^g · g′", r"(e^{g})' = e^{g}\, g'"),
            "Differentiate each link of the chain and multiply the factors.",
        ],
        mistakes=distinct_mistakes("expression", answer, wrong, variables=("x",)),
    )


__all__ = ["exp_chain", "softplus_chain", "tanh_chain"]
