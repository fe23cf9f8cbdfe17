"""Numerical gradients: finite differences, their error orders, and gradient checking."""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from quizmath.questions.draw import nonzero, pick
from quizmath.questions.mistakes import distinct_mistakes
from quizmath.questions.model import Draft
from quizmath.questions.params import exact_param, float_param
from quizmath.questions.registry import template
from quizmath.questions.render import Math
from quizmath.questions.templates.ca_terms import CUBIC_2D, draw_terms, numeric, partial, symbolic

x = sympy.Symbol("x")
CENTRAL = Math("(f(x₀ + h) − f(x₀ − h))/(2h)", r"\frac{f(x_0 + h) - f(x_0 - h)}{2h}")
FORWARD = Math("(f(x₀ + h) − f(x₀))/h", r"\frac{f(x_0 + h) - f(x_0)}{h}")
RELATIVE = Math("|a − n| / max(|a|, |n|)", r"\frac{|a - n|}{\max(|a|, |n|)}")
_STEPS = (Fraction(1, 10), Fraction(1, 5), Fraction(1, 2), Fraction(1, 100))


def _decimal(value: Fraction | sympy.Rational) -> str:
    text = f"{float(value):.6f}".rstrip("0").rstrip(".")
    return text.replace("-", "−")


def _rational(value: Fraction) -> sympy.Rational:
    return sympy.Rational(value.numerator, value.denominator)


def _cubic(rng: np.random.Generator) -> list[int]:
    return [nonzero(rng, -3, 3), *(int(v) for v in rng.integers(-4, 5, size=3))]


def _central(values: list[int] | list[Any], at: Any, h: Any) -> Any:
    f = sympy.Poly(values, x).as_expr()
    return (f.xreplace({x: at + h}) - f.xreplace({x: at - h})) / (2 * h)


def _forward(values: list[int], at: Any, h: Any) -> Any:
    f = sympy.Poly(values, x).as_expr()
    return (f.xreplace({x: at + h}) - f.xreplace({x: at})) / h


def _difference_oracle(params: Mapping[str, Any]) -> Any:
    """The central differences computed in floating point from the definition."""
    h = float_param(params["step"])
    if "cubic" in params:
        c, at = params["cubic"], params["at"]
        return (np.polyval(c, at + h) - np.polyval(c, at - h)) / (2 * h)
    terms, point = params["terms"], np.array(params["point"], dtype=float)
    shifts = np.eye(len(point)) * h
    return [
        (numeric(terms, point + e).real - numeric(terms, point - e).real) / (2 * h) for e in shifts
    ]


@template(
    id="ca.central-difference",
    topic="ca.numerical-gradient",
    title="Central-difference estimates",
    oracle=_difference_oracle,
)
def central_difference(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: estimate f′(x₀) of a cubic (one number). Level 2: the numerical gradient of
    f(x, y), one central difference per axis (a vector). Every instance keeps the estimate and
    the exact derivative apart in the first three significant digits."""
    if level == 1:
        while True:
            step = pick(rng, _STEPS[:3])
            h = _rational(step)
            cubic = _cubic(rng)
            at = int(rng.integers(-2, 3))
            f = sympy.Poly(cubic, x).as_expr()
            answer = _central(cubic, at, h)
            exact = sympy.diff(f, x).xreplace({x: at})
            if _apart(answer, exact):
                break
        bias = cubic[0] * h**2
        return Draft(
            prompt=[
                "Estimate f′(",
                sympy.Integer(at),
                ") for f(x) = ",
                f,
                " with the central difference ",
                CENTRAL,
                f" and h = {_decimal(step)}. Give the estimate itself (one number, not the "
                "exact derivative) as an exact fraction or decimal.",
            ],
            kind="number",
            answer=answer,
            params={"cubic": cubic, "at": at, "step": exact_param(step)},
            solution=[
                [
                    f"f({_decimal(at + step)}) = ",
                    f.xreplace({x: at + h}),
                    f" and f({_decimal(at - step)}) = ",
                    f.xreplace({x: at - h}),
                    ".",
                ],
                ["Their difference divided by 2h = ", 2 * h, " is ", answer, "."],
                [
                    "Check: for a cubic ax³ + … the central difference is exactly f′(x₀) + ah² = ",
                    exact,
                    " + " if bias > 0 else " − ",
                    abs(bias),
                    " = ",
                    answer,
                    ".",
                ],
            ],
            hints=[
                "Evaluate f on both sides of x₀, one step h away.",
                "For a cubic ax³ + bx² + cx + d, the central difference equals f′(x₀) + ah².",
            ],
            mistakes=distinct_mistakes(
                "number",
                answer,
                [
                    (
                        _forward(cubic, at, h),
                        "That is the forward difference (f(x₀ + h) − f(x₀))/h; the central "
                        "one uses x₀ ± h.",
                    ),
                    (2 * answer, "Divide by 2h, the distance between x₀ − h and x₀ + h."),
                    (exact, "That is the exact derivative; the estimate differs from it by ah²."),
                ],
            ),
        )
    symbols = sympy.symbols("x y")
    while True:
        step = pick(rng, _STEPS[:3])
        h = _rational(step)
        terms = draw_terms(rng, CUBIC_2D[:4], 2, 3)
        point = [int(v) for v in rng.integers(-2, 3, size=2)]
        f = symbolic(terms)
        base = dict(zip(symbols, point, strict=True))
        answer = [
            (_moved(f, base, symbols[i], h) - _moved(f, base, symbols[i], -h)) / (2 * h)
            for i in range(2)
        ]
        exact = [partial(terms, i).xreplace(base) for i in range(2)]
        if any(_apart(a, e) for a, e in zip(answer, exact, strict=True)):
            break
    forward = [(_moved(f, base, symbols[i], h) - f.xreplace(base)) / h for i in range(2)]
    return Draft(
        prompt=[
            "Let f(x, y) = ",
            f,
            f". Estimate ∇f at ({point[0]}, {point[1]})".replace("-", "−"),
            " with one central difference along each axis, h = ",
            _decimal(step),
            ". Give both estimates (not the exact gradient) as a vector [estimate of ∂f/∂x, "
            "estimate of ∂f/∂y] of exact fractions or decimals.",
        ],
        kind="vector",
        answer=answer,
        params={"terms": terms, "point": point, "step": exact_param(step)},
        solution=[
            ["Along x: (f(x₀ + h, y₀) − f(x₀ − h, y₀))/(2h) = ", answer[0], "."],
            ["Along y: (f(x₀, y₀ + h) − f(x₀, y₀ − h))/(2h) = ", answer[1], "."],
            [
                "The exact gradient is (",
                exact[0],
                ", ",
                exact[1],
                "): along an axis a term a·x³ (or a·y³) adds ah² to the estimate, while "
                "x²y and xy² are at most quadratic along each axis and come out exact.",
            ],
        ],
        hints=[
            "Move one coordinate at a time, holding the other fixed.",
            ["Each component is ", CENTRAL, " along that axis."],
        ],
        mistakes=distinct_mistakes(
            "vector",
            answer,
            [
                (forward, "Those are forward differences; use x₀ ± h, divided by 2h."),
                (exact, "That is the exact gradient, not the central-difference estimate."),
                ([2 * v for v in answer], "Divide by 2h, not h."),
            ],
        ),
    )


def _moved(
    f: sympy.Expr, at: dict[sympy.Symbol, int], axis: sympy.Symbol, offset: sympy.Rational
) -> sympy.Expr:
    """f at the point moved by ``offset`` along one axis."""
    return f.xreplace({**at, axis: at[axis] + offset})


def _apart(value: sympy.Expr, other: sympy.Expr) -> bool:
    """Do two numbers differ by two units or more in the third significant digit?

    A three-digit decimal of one then neither rounds like the other nor falls within the
    checker's 0.1% of it, e.g. a central-difference estimate and the exact derivative.
    """
    if value == 0:
        return other != 0
    unit = sympy.Rational(10) ** (math.floor(math.log10(abs(float(value)))) - 2)
    return bool(abs(value - other) >= 2 * unit)


def _digits_apart(answer: sympy.Expr, wrong: list[tuple[Any, str]]) -> int:
    """Significant digits (3 or more) at which the rounded key is never taken for a mistake.

    Rounding to d digits moves the key by at most 5·10⁻ᵈ of itself, so every mistake at least
    four times as far stays the farther one. Dividing by min(|a|, |n|) instead of the max
    changes a small relative error r only by a factor 1 + r, hence more digits for small r.
    """
    digits = 3
    if answer == 0:
        return digits
    separation = min(abs(value - answer) / answer for value, _ in wrong)
    while 2 * sympy.Rational(10) ** (1 - digits) > separation:
        digits += 1
    return digits


def _check_oracle(params: Mapping[str, Any]) -> float:
    """The relative error in floating point, with n recomputed by a central difference."""
    analytic = float_param(params["analytic"])
    if "cubic" in params:
        c, at, h = params["cubic"], params["at"], float_param(params["step"])
        estimate = (np.polyval(c, at + h) - np.polyval(c, at - h)) / (2 * h)
    else:
        estimate = float_param(params["numerical"])
    return abs(analytic - estimate) / max(abs(analytic), abs(estimate))


@template(
    id="ca.gradient-check",
    topic="ca.numerical-gradient",
    title="Gradient checking: the relative error",
    oracle=_check_oracle,
)
def gradient_check(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: the relative error of two given values. Level 2: compute n yourself first.
    A decimal answer needs as many significant digits as keep it apart from dividing by the
    smaller magnitude, which a small relative error r changes only by a factor 1 + r."""
    if level == 1:
        while True:
            a = Fraction(nonzero(rng, -40, 40), pick(rng, [10, 100]))
            n = a + Fraction(nonzero(rng, -9, 9), pick(rng, [100, 1000]))
            if n != 0:
                break
        cubic, at, step = None, None, None
    else:
        while True:
            cubic, at = _cubic(rng), int(rng.integers(-2, 3))
            step = pick(rng, _STEPS[:2])
            h = _rational(step)
            exact = sympy.diff(sympy.Poly(cubic, x).as_expr(), x).xreplace({x: at})
            buggy = pick(rng, [exact, exact - 2 * cubic[0] * at * at, exact + cubic[1] * at])
            estimate = _central(cubic, at, h)
            if exact != 0 and buggy != 0:
                break
        a, n = Fraction(int(buggy)), Fraction(str(estimate))
    a_, n_ = _rational(a), _rational(n)
    answer = abs(a_ - n_) / max(abs(a_), abs(n_))
    wrong = [
        (abs(a_ - n_), "That is the absolute error; divide by max(|a|, |n|)."),
        (abs(a_ - n_) / min(abs(a_), abs(n_)), "Divide by the larger magnitude, not the smaller."),
    ]
    if level == 2:
        assert cubic is not None and at is not None and step is not None
        forward = _forward(cubic, at, _rational(step))
        wrong.append(
            (
                abs(a_ - forward) / max(abs(a_), abs(forward)),
                "Compute n with the central difference (x₀ ± h, over 2h), not the forward one.",
            )
        )
    mistakes = distinct_mistakes("number", answer, wrong)
    digits = _digits_apart(answer, mistakes)
    form = f", as an exact fraction (or a decimal to {digits} significant digits)."
    key_step = ["Relative error = ", answer, f" ≈ {float(answer):#.{digits}g}."]
    if level == 1:
        prompt: list[Any] = [
            f"Gradient check: backpropagation gives a = {_decimal(a)} and a numerical estimate "
            f"gives n = {_decimal(n)}. Compute the relative error ",
            RELATIVE,
            form,
        ]
        params: dict[str, Any] = {"analytic": exact_param(a), "numerical": exact_param(n)}
        solution: list[list[Any]] = [
            ["|a − n| = ", abs(a_ - n_), " and max(|a|, |n|) = ", max(abs(a_), abs(n_)), "."],
            key_step,
        ]
    else:
        assert cubic is not None and at is not None and step is not None
        f = sympy.Poly(cubic, x).as_expr()
        prompt = [
            "Your backward pass claims f′(",
            sympy.Integer(at),
            f") = {_decimal(a)} for f(x) = ",
            f,
            ". Compute the central-difference estimate n with h = ",
            _decimal(step),
            ", then the relative error ",
            RELATIVE,
            " with a the claimed value" + form,
        ]
        params = {
            "analytic": exact_param(a),
            "cubic": cubic,
            "at": at,
            "step": exact_param(step),
        }
        solution = [
            ["n = ", CENTRAL, " = ", n_, " (for a cubic: f′(x₀) + ah²)."],
            ["|a − n| = ", abs(a_ - n_), " and max(|a|, |n|) = ", max(abs(a_), abs(n_)), "."],
            key_step,
            [
                "Here the true f′(x₀) is ",
                exact,
                ": "
                + (
                    "the claim is right, and the gap is only the ah² error of the large step h."
                    if exact == a_
                    else "the claim is wrong"
                    + (
                        ", and a relative error above 1e−2 flags it."
                        if answer > sympy.Rational(1, 100)
                        else "; with a step this large, the ah² error could hide it: use a "
                        "small h such as 1e−5 in double precision."
                    )
                ),
            ],
        ]
    return Draft(
        prompt=prompt,
        kind="number",
        answer=answer,
        params=params,
        solution=solution,
        hints=[
            ["Relative error = ", RELATIVE, "."],
            "Around 1e−7 or below is good; above 1e−2 usually means a bug.",
        ],
        mistakes=mistakes,
        rel_tol=10.0**-digits,
    )


def _error_oracle(params: Mapping[str, Any]) -> float:
    """Simulate the difference on a model function whose error is exactly C·hᵖ, or solve the
    Richardson system for the derivative."""
    method, h = params["method"], 0.1
    if method == "richardson":
        d_h, d_half = float_param(params["estimates"])
        return float(np.linalg.solve([[1.0, h * h], [1.0, h * h / 4]], [d_h, d_half])[0])
    error, t = float_param(params["error"]), h / params["factor"]
    if method == "central":
        s = error / h**2  # f = s·x³ at 0: the central difference is s·t², f′(0) = 0
        return (s * t**3 - s * (-t) ** 3) / (2 * t)
    s = error / h  # f = s·x² at 0: the forward difference is s·t, f′(0) = 0
    return (s * t**2 - 0.0) / t


@template(
    id="ca.difference-error",
    topic="ca.numerical-gradient",
    title="Error orders of finite differences",
    oracle=_error_oracle,
    levels=3,
)
def difference_error(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: central error when h shrinks (h²). Level 2: forward (h). Level 3: Richardson."""
    if level == 3:
        return _richardson(rng)
    method = "central" if level == 1 else "forward"
    error = Fraction(int(rng.integers(1, 100)), 10000)
    factor = pick(rng, [2, 3, 4, 5, 10])
    e = _rational(error)
    order = 2 if method == "central" else 1
    answer = e / factor**order
    formula = CENTRAL if method == "central" else FORWARD
    return Draft(
        prompt=[
            f"The {method} difference ",
            formula,
            f" estimates f′(x₀) with error {_decimal(error)} for a step h = 0.1. Assume the "
            "error is its leading term C·hᵖ alone (f smooth, rounding negligible): what is "
            f"the error for h = 0.1/{factor} = {_decimal(Fraction(1, 10 * factor))}? "
            "Give an exact fraction or decimal.",
        ],
        kind="number",
        answer=answer,
        params={"method": method, "error": exact_param(error), "factor": factor},
        solution=[
            [
                "Taylor expansion: the forward difference is f′ + f″h/2 + O(h²), an O(h) error; "
                "the central one cancels the f″ term, leaving f‴h²/6 + O(h⁴), an O(h²) error."
            ],
            [
                f"Dividing h by {factor} divides the {method} error by {factor}"
                + ("²" if order == 2 else "")
                + ": ",
                answer,
                ".",
            ],
        ],
        hints=[
            "Expand f(x₀ ± h) in a Taylor series and see which terms survive.",
            "Forward: error ∝ h. Central: error ∝ h².",
        ],
        mistakes=distinct_mistakes(
            "number",
            answer,
            [
                (
                    e / factor ** (3 - order),
                    "Wrong order: the forward difference has an O(h) error, the central one O(h²).",
                ),
                (e, "The error shrinks with h; it is not constant."),
            ],
        ),
    )


def _richardson(rng: np.random.Generator) -> Draft:
    while True:
        truth = Fraction(nonzero(rng, -50, 50), 10)
        c = 4 * nonzero(rng, -10, 10)  # so that C·h²/4 has two decimals, like C·h²
        if _apart(_rational(truth), _rational(truth + Fraction(c, 400))):
            break
    d_h = truth + Fraction(c, 100)
    d_half = truth + Fraction(c, 400)
    answer = _rational((4 * d_half - d_h) / 3)
    a, b = _rational(d_h), _rational(d_half)
    return Draft(
        prompt=[
            f"Central differences give D(h) = {_decimal(d_h)} with h = 0.1 and "
            f"D(h/2) = {_decimal(d_half)} with h = 0.05. Their error is C·h² + O(h⁴). Combine "
            "them (Richardson extrapolation) to cancel the h² term: what is the improved "
            "estimate of f′(x₀)? Give an exact fraction or decimal.",
        ],
        kind="number",
        answer=answer,
        params={"method": "richardson", "estimates": exact_param([d_h, d_half])},
        solution=[
            ["D(h) = f′ + Ch² and D(h/2) = f′ + Ch²/4."],
            ["Eliminate C: 4D(h/2) − D(h) = 3f′, so f′ ≈ (4D(h/2) − D(h))/3."],
            [
                f"(4·{_parenthesized(d_half)} − {_parenthesized(d_h)})/3 = ",
                answer,
                ".",
            ],
        ],
        hints=[
            "Write both estimates as f′ + C·h² with the same unknown C.",
            "Halving h divides the h² error by 4.",
        ],
        mistakes=distinct_mistakes(
            "number",
            answer,
            [
                ((a + b) / 2, "Averaging keeps the h² error; weight the estimates 4 : −1."),
                (b, "That is only the better estimate; the combination cancels its h² error."),
                (
                    2 * b - a,
                    "Weights 2 and −1 cancel an O(h) error (forward differences); the central "
                    "error is O(h²): use (4D(h/2) − D(h))/3.",
                ),
            ],
        ),
    )


def _parenthesized(value: Fraction) -> str:
    """A decimal as a factor or subtrahend: (−0.29) in brackets, 3.63 bare."""
    return f"({_decimal(value)})" if value < 0 else _decimal(value)


__all__ = ["central_difference", "difference_error", "gradient_check"]
