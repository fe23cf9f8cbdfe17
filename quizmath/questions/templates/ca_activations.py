"""Derivatives of activation functions: σ′ = σ(1 − σ), tanh′, ReLU gates, softmax, gated units."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import sympy

from quizmath.checking.functions import sigmoid
from quizmath.questions.draw import nonzero, pick, probabilities
from quizmath.questions.mistakes import distinct_mistakes
from quizmath.questions.model import Draft
from quizmath.questions.params import exact_param, float_param
from quizmath.questions.registry import template
from quizmath.questions.render import Math, latex_math, unicode_math
from quizmath.questions.templates.ca_numeric import complex_step, five_point, jacobian

x = sympy.Symbol("x")


def _np_sigmoid(z: Any) -> Any:
    return 1 / (1 + np.exp(-z))


def _fraction(rng: np.random.Generator, largest: int, signed: bool) -> sympy.Rational:
    """A fraction strictly inside (0, 1), or (−1, 1) \\ {0} when signed."""
    denominator = int(rng.integers(2, largest + 1))
    numerator = int(rng.integers(1, denominator))
    value = sympy.Rational(numerator, denominator)
    return -value if signed and rng.integers(2) else value


def _slope_oracle(params: Mapping[str, Any]) -> float:
    """Recover the pre-activation from the output, then a complex step of NumPy's function."""
    value = float_param(params["value"])
    if params["function"] == "tanh":
        return complex_step(np.tanh, math.atanh(value))
    z = math.log(value / (1 - value))
    if params["input"] is None:
        return complex_step(_np_sigmoid, z)
    x_in = params["input"]
    return complex_step(lambda w: _np_sigmoid(w * x_in), z / x_in)


@template(
    id="ca.activation-slope",
    topic="ca.activations",
    title="Activation slopes from activation values",
    oracle=_slope_oracle,
    levels=3,
)
def activation_slope(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: σ′(z) from σ(z). Level 2: tanh′(z) from tanh(z). Level 3: ∂σ(wx + b)/∂w."""
    if level == 2:
        t = _fraction(rng, 12, signed=True)
        answer = 1 - t**2
        return Draft(
            prompt=[
                "A tanh unit outputs tanh(z) = ",
                t,
                ". What is its slope tanh′(z)? Give an exact fraction.",
            ],
            kind="number",
            answer=answer,
            params={"function": "tanh", "value": exact_param(t), "input": None},
            solution=[
                ["tanh′(z) = 1 − tanh²(z): the slope comes from the output alone."],
                ["1 − (", t, ")² = ", answer, "."],
            ],
            hints=["tanh′ = 1 − tanh², no need to find z."],
            mistakes=distinct_mistakes(
                "number",
                answer,
                [
                    (t * (1 - t), "σ(1 − σ) is the sigmoid's rule; tanh′ = 1 − tanh²."),
                    (1 - t, "Square the output: tanh′ = 1 − tanh²."),
                    (1 + t**2, "Sign error: tanh′ = 1 − tanh², which is at most 1."),
                ],
            ),
        )
    p = _fraction(rng, 20, signed=False)
    slope = p * (1 - p)
    if level == 1:
        return Draft(
            prompt=[
                "A sigmoid unit outputs σ(z) = ",
                p,
                ". What is its slope σ′(z)? Give an exact fraction.",
            ],
            kind="number",
            answer=slope,
            params={"function": "sigmoid", "value": exact_param(p), "input": None},
            solution=[
                [
                    Math("σ′(z) = σ(z)(1 − σ(z))", r"\sigma'(z) = \sigma(z)\,(1 - \sigma(z))"),
                    ": the slope comes from the output alone.",
                ],
                [p, "·(1 − ", p, ") = ", slope, "."],
            ],
            hints=["σ′ = σ(1 − σ), no need to find z."],
            mistakes=distinct_mistakes(
                "number",
                slope,
                [
                    (p, "That is σ(z) itself; the slope is σ(z)(1 − σ(z))."),
                    (1 - p**2, "1 − σ² is the tanh rule; for the sigmoid it is σ(1 − σ)."),
                    (1 - p, "You dropped a factor: σ′(z) = σ(z)·(1 − σ(z)), not 1 − σ(z)."),
                ],
            ),
        )
    x_in = pick(rng, [v for v in range(-4, 5) if v not in (0, 1)])
    answer = slope * x_in
    return Draft(
        prompt=[
            "A unit computes y = σ(wx + b). For the input x = ",
            sympy.Integer(x_in),
            " it outputs y = ",
            p,
            ". What is ∂y/∂w? Give an exact fraction.",
        ],
        kind="number",
        answer=answer,
        params={"function": "sigmoid", "value": exact_param(p), "input": x_in},
        solution=[
            ["Chain rule through z = wx + b: ∂y/∂w = σ′(z)·∂z/∂w = y(1 − y)·x."],
            ["y(1 − y) = ", slope, ", times x = ", sympy.Integer(x_in), ": ", answer, "."],
        ],
        hints=["σ′ = σ(1 − σ) = y(1 − y).", "∂z/∂w = x."],
        mistakes=distinct_mistakes(
            "number",
            answer,
            [
                (slope, "You dropped the chain-rule factor ∂z/∂w = x."),
                (p * x_in, "Multiply by σ′(z) = y(1 − y), not by y."),
            ],
        ),
    )


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z)
    return e / np.sum(e)


def _softmax_oracle(params: Mapping[str, Any]) -> np.ndarray:
    """Complex-step Jacobian of NumPy's softmax at logits log(s)."""
    s = float_param(params["probabilities"])
    return jacobian(_softmax, np.log(s))


@template(
    id="ca.softmax-jacobian",
    topic="ca.activations",
    title="The softmax Jacobian",
    oracle=_softmax_oracle,
)
def softmax_jacobian(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: two classes. Level 2: three classes."""
    if level == 1:
        first = _fraction(rng, 12, signed=False)
        s = [first, 1 - first]
    else:
        s = probabilities(rng, 3, pick(rng, [6, 8, 10, 12]))
    n = len(s)
    answer = sympy.Matrix(n, n, lambda i, j: (s[i] if i == j else 0) - s[i] * s[j])
    diagonal = sympy.diag(*s)
    outer = sympy.Matrix(n, n, lambda i, j: s[i] * s[j])
    formula = Math(
        "∂sᵢ/∂zⱼ = sᵢ(δᵢⱼ − sⱼ)", r"\frac{\partial s_i}{\partial z_j} = s_i(\delta_{ij} - s_j)"
    )
    return Draft(
        prompt=[
            "The softmax s = softmax(z) of some logits z is s = ",
            Math(
                "(" + ", ".join(str(v) for v in s) + ")",
                r"\left(" + ", ".join(sympy.latex(v) for v in s) + r"\right)",
            ),
            ". Give the Jacobian J with entries ",
            Math("Jᵢⱼ = ∂sᵢ/∂zⱼ", r"J_{ij} = \partial s_i / \partial z_j"),
            " as a matrix [[…], …] of exact fractions.",
        ],
        kind="matrix",
        answer=answer,
        params={"probabilities": exact_param(s)},
        solution=[
            ["Differentiate sᵢ = e^(zᵢ)/Σₖ e^(zₖ) with the quotient rule: ", formula, "."],
            ["In matrix form J = diag(s) − s sᵀ, with diag(s) = ", diagonal, "."],
            ["s sᵀ = ", outer, ", so J = ", answer, "."],
        ],
        hints=[
            ["Use ", formula, "."],
            "Diagonal entries are sᵢ(1 − sᵢ); off-diagonal entries are −sᵢsⱼ.",
        ],
        mistakes=distinct_mistakes(
            "matrix",
            answer,
            [
                (diagonal, "You dropped the −s sᵀ term: every logit moves every probability."),
                (
                    sympy.diag(*(v * (1 - v) for v in s)),
                    "The off-diagonal entries are −sᵢsⱼ, not 0: raising one logit lowers "
                    "the other probabilities.",
                ),
                (-answer, "Sign error: J = diag(s) − s sᵀ, whose diagonal is positive."),
            ],
        ),
    )


def _relu_oracle(params: Mapping[str, Any]) -> float:
    """A five-point central difference of NumPy's ReLU network at the point."""
    units = params["units"]

    def f(t: float) -> float:
        return sum(v * max(0.0, a * t + b) for v, a, b in units)

    return five_point(f, params["at"])


@template(
    id="ca.relu-slope",
    topic="ca.activations",
    title="ReLU gates in a derivative",
    oracle=_relu_oracle,
)
def relu_slope(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: c·relu(ax + b). Level 2: a hidden layer of two ReLUs, v₁relu(…) + v₂relu(…).

    Each unit is active with probability 2/3, so "0" is not a safe guess.
    """
    at = int(rng.integers(-3, 4))
    wanted = [bool(rng.integers(3)) for _ in range(level)]
    units: list[list[int]] = []
    for on in wanted:
        while True:
            v, a, b = nonzero(rng, -3, 3), nonzero(rng, -3, 3), int(rng.integers(-4, 5))
            if a * at + b != 0 and (a * at + b > 0) == on:
                units.append([v, a, b])
                break
    active = wanted
    answer = sympy.Integer(sum(v * a for (v, a, _), on in zip(units, active, strict=True) if on))
    ungated = sympy.Integer(sum(v * a for v, a, _ in units))
    value = sympy.Integer(sum(v * max(0, a * at + b) for v, a, b in units))
    gate_steps = [
        [
            "Unit ",
            _relu_unit(a, b),
            _signed(f": its input at x = {at} is {a * at + b}, so it is ")
            + (
                f"active (slope 1): it contributes {_factor(v)}·{_factor(a)} = {_signed(v * a)}."
                if on
                else "inactive (slope 0): it contributes 0."
            ),
        ]
        for (v, a, b), on in zip(units, active, strict=True)
    ]
    wrong = [
        (ungated, "A ReLU whose input is negative passes no gradient: its slope there is 0."),
        (value, "That is f at the point; the question asks for the slope f′."),
    ]
    if level == 1:
        v, a, _ = units[0]
        if active[0]:
            wrong.append(
                (
                    sympy.Integer(a),
                    _signed(f"Keep the outer weight {v}: f′ = {v}·relu′(u)·{_factor(a)}."),
                )
            )
        else:
            wrong.append((sympy.Integer(v), "Inactive ReLU: the slope is 0, not the weight."))
    return Draft(
        prompt=[
            "Let f(x) = ",
            _relu_sum(units),
            ", built from ReLU units relu(u) = max(0, u). What is f′("
            + f"{at})?".replace("-", "−"),
        ],
        kind="number",
        answer=answer,
        params={"units": units, "at": at},
        solution=[
            "relu′(u) = 1 for u > 0 and 0 for u < 0: each unit is a gate.",
            *gate_steps,
            ["f′(", sympy.Integer(at), ") = ", answer, "."],
        ],
        hints=[
            "Evaluate each ReLU's input at the point first.",
            "d/dx v·relu(ax + b) = v·a when ax + b > 0, else 0.",
        ],
        mistakes=distinct_mistakes("number", answer, wrong),
    )


def _signed(text: object) -> str:
    """Numbers in prose with true minus signs, like the rendered math."""
    return re.sub(r"-(?=\d)", "−", str(text))


def _relu_unit(a: int, b: int) -> Math:
    inner = a * x + b
    latex = r"\operatorname{relu}\left(" + latex_math(inner) + r"\right)"
    return Math(f"relu({unicode_math(inner)})", latex)


def _relu_sum(units: list[list[int]]) -> Math:
    """v₁·relu(a₁x + b₁) + … in the order the units were drawn, as the steps discuss them."""
    text, latex = "", ""
    for i, (v, a, b) in enumerate(units):
        unit = _relu_unit(a, b)
        sign = "−" if v < 0 else ("+" if i else "")
        size = "" if abs(v) == 1 else f"{abs(v)}"
        text += (f" {sign} " if i else sign) + (f"{size}·" if size else "") + unit.text
        latex_sign = sign.replace("−", "-")
        latex += (f" {latex_sign} " if i else latex_sign) + size + unit.latex
    return Math(text, latex)


def _factor(value: int) -> str:
    """An integer as a factor in prose: (−3) in brackets, 3 bare."""
    return f"(−{-value})" if value < 0 else str(value)


def _gated_oracle(params: Mapping[str, Any]) -> Callable[..., float]:
    """f′(x) by a complex step through NumPy's sigmoid and tanh."""
    a, b, c, d = params["a"], params["b"], params["c"], params["d"]
    if params["form"] == "swish":

        def f(t: complex) -> complex:
            return (t + c) * _np_sigmoid(a * t + b)
    else:

        def f(t: complex) -> complex:
            return _np_sigmoid(a * t + b) * np.tanh(c * t + d)

    return lambda x: complex_step(f, x)


@template(
    id="ca.gated-activation",
    topic="ca.activations",
    title="Derivatives of gated activations (swish, LSTM output)",
    oracle=_gated_oracle,
)
def gated_activation(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: swish-like (x + c)·σ(ax + b). Level 2: an LSTM gate σ(ax + b)·tanh(cx + d)."""
    a, b = nonzero(rng, -3, 3), int(rng.integers(-3, 4))
    s = sigmoid(a * x + b)
    sigmoid_slope = a * s * (1 - s)
    if level == 1:
        c, d = int(rng.integers(-3, 4)), 0
        other = x + c
        other_slope = sympy.Integer(1)
        form = "swish"
    else:
        c, d = nonzero(rng, -3, 3), int(rng.integers(-3, 4))
        other = sympy.tanh(c * x + d, evaluate=False)  # keep tanh(−x) as drawn
        other_slope = c * (1 - other**2)
        form = "lstm"
    first, second = sigmoid_slope * other, s * other_slope
    answer = first + second
    wrong = [
        (first, "You dropped a product-rule term: the other factor changes too."),
        (second, "You dropped a product-rule term: the sigmoid factor changes too."),
        (
            s * (1 - s) * other + second,
            _signed(f"You dropped the chain-rule factor {a}, the slope of the sigmoid's argument."),
        ),
        (sigmoid_slope * other_slope, "(uv)′ is u′v + uv′, not u′v′."),
    ]
    if form == "lstm":
        wrong.append(
            (
                first + s * (1 - other**2),
                _signed(
                    f"You dropped the chain-rule factor {c}, the slope of the tanh's argument."
                ),
            )
        )
    return Draft(
        prompt=[
            "Differentiate f(x) = ",
            s * other,
            " with respect to x. You may write σ(u) as sigmoid(u).",
        ],
        kind="expression",
        answer=answer,
        params={"form": form, "a": a, "b": b, "c": c, "d": d},
        variables=("x",),
        solution=[
            ["Product rule with u = ", s, " and v = ", other, "."],
            ["u′ = ", sigmoid_slope, " (σ′ = σ(1 − σ) times the inner slope)."],
            ["v′ = ", other_slope, "."],
            ["f′ = u′v + uv′ = ", answer, "."],
        ],
        hints=[
            "Product rule first, chain rule inside each factor.",
            "σ′ = σ(1 − σ) and tanh′ = 1 − tanh².",
        ],
        mistakes=distinct_mistakes("expression", answer, wrong, variables=("x",)),
    )


__all__ = ["activation_slope", "gated_activation", "relu_slope", "softmax_jacobian"]
