"""Gradients: partial derivatives at a point, directional derivatives and level curves."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy

from quizmath.questions.draw import nonzero, pick
from quizmath.questions.mistakes import distinct_mistakes
from quizmath.questions.model import Draft, Step
from quizmath.questions.notation import listed, tuple_text
from quizmath.questions.registry import template
from quizmath.questions.render import Math
from quizmath.questions.templates.ca_numeric import complex_step, gradient
from quizmath.questions.templates.ca_terms import (
    CUBIC_2D,
    CUBIC_3D,
    NAMES,
    QUADRATIC_2D,
    Term,
    draw_terms,
    numeric,
    partial,
    symbolic,
    variables,
)

NABLA = Math("∇f", r"\nabla f")


def _gradient_at(terms: list[Term], count: int, point: list[int]) -> list[sympy.Expr]:
    at = dict(zip(variables(count), point, strict=True))
    return [partial(terms, i).xreplace(at) for i in range(count)]


def _gradient_oracle(params: Mapping[str, Any]) -> np.ndarray:
    """∇f by a complex step per coordinate of NumPy's f."""
    return gradient(lambda p: numeric(params["terms"], p), params["point"])


def _gradient_terms(rng: np.random.Generator, level: int) -> list[Term]:
    if level == 1:
        return draw_terms(rng, CUBIC_2D, 3)
    terms = draw_terms(rng, CUBIC_3D[:-1], 2, largest=3)
    inner = pick(rng, [[1, 1, 0], [0, 1, 1], [1, 0, 1], [1, 0, 0], [0, 1, 0], [0, 0, 1]])
    return [*terms, [nonzero(rng, -3, 3), inner, "exp"]]


@template(
    id="ca.gradient-at-point",
    topic="ca.gradient",
    title="The gradient at a point",
    oracle=_gradient_oracle,
)
def gradient_at_point(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: f(x, y) a cubic polynomial. Level 2: f(x, y, z) with an exponential term."""
    count = 1 + level
    while True:  # every variable appears, so no partial derivative is trivially 0
        terms = _gradient_terms(rng, level)
        if all(any(powers[i] for _, powers, _ in terms) for i in range(count)):
            break
    point = [int(v) for v in rng.integers(-2, 3, size=count)]
    f = symbolic(terms)
    symbols = variables(count)
    partials = [partial(terms, i) for i in range(count)]
    at = dict(zip(symbols, point, strict=True))
    answer = [d.xreplace(at) for d in partials]
    wrong: list[tuple[list[sympy.Expr], str]] = []
    if level == 1:
        wrong.append((answer[::-1], "The order is (∂f/∂x, ∂f/∂y): you swapped the components."))
    else:
        coefficient, inner_powers, _ = terms[-1]
        inner = symbolic([[1, inner_powers, "id"]])
        chained = [partial([[coefficient, inner_powers, "exp"]], i) for i in range(count)]
        bare = (coefficient * sympy.exp(inner)).xreplace(at)
        unchained = [
            (d - term).xreplace(at) + (bare if inner_powers[i] else 0)
            for i, (d, term) in enumerate(zip(partials, chained, strict=True))
        ]
        wrong.append(
            (
                unchained,
                "Chain rule: ∂/∂xᵢ e^(g) = e^(g)·∂g/∂xᵢ; you left out the inner derivative.",
            )
        )
    wrong.append(([-v for v in answer], "Sign error: that is −∇f, the descent direction."))
    names = ", ".join(NAMES[:count])
    return Draft(
        prompt=[
            f"Let f({names}) = ",
            f,
            f". Give the gradient ∇f at {tuple_text(point)} as a vector [",
            ", ".join(f"∂f/∂{name}" for name in NAMES[:count]),
            "]" + (" of exact values (write eᵏ as exp(k) or e^k)." if level == 2 else "."),
        ],
        kind="vector",
        answer=answer,
        params={"terms": terms, "point": point},
        solution=[
            *(
                [Math(f"∂f/∂{name}", rf"\partial f / \partial {name}"), " = ", d, "."]
                for name, d in zip(NAMES, partials, strict=False)
            ),
            ["At ", tuple_text(point), ": ", NABLA, " = ", *listed(answer, parentheses=True), "."],
        ],
        hints=[
            "Differentiate with respect to one variable, holding the others constant.",
            "Evaluate each partial derivative at the point only at the end.",
        ],
        mistakes=distinct_mistakes("vector", answer, wrong),
    )


_DIRECTIONS_2D = ([3, 4], [4, 3], [5, 12], [12, 5], [1, 1], [1, 0], [0, 1], [8, 6], [1, 2])
_DIRECTIONS_3D = ([1, 2, 2], [2, 1, 2], [2, 2, 1], [2, 3, 6], [6, 2, 3], [1, 4, 8], [1, 1, 1])


def _directional_oracle(params: Mapping[str, Any]) -> float:
    """d/dt f(p + t·v/|v|) at t = 0 by a complex step, or |∇f| for the steepest rate."""
    terms, point = params["terms"], np.array(params["point"], dtype=float)
    if params["direction"] is None:
        return float(np.linalg.norm(gradient(lambda p: numeric(terms, p), point)))
    direction = np.array(params["direction"], dtype=float)
    unit = direction / np.linalg.norm(direction)
    return complex_step(lambda t: numeric(terms, point + t * unit), 0.0)


@template(
    id="ca.directional-derivative",
    topic="ca.gradient",
    title="Directional derivatives and the steepest rate",
    oracle=_directional_oracle,
    levels=3,
)
def directional_derivative(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: D_u f in the plane. Level 2: in space. Level 3: the steepest rate |∇f|."""
    count = 3 if level == 2 else 2
    while True:
        terms = draw_terms(rng, CUBIC_3D if count == 3 else CUBIC_2D, 3, largest=3)
        point = [int(v) for v in rng.integers(-2, 3, size=count)]
        f = symbolic(terms)
        grad = _gradient_at(terms, count, point)
        if level == 3:
            direction = None
            if any(g != 0 for g in grad):
                break
            continue
        direction = [
            v * pick(rng, [-1, 1])
            for v in pick(rng, _DIRECTIONS_3D if count == 3 else _DIRECTIONS_2D)
        ]
        dot = sum(g * v for g, v in zip(grad, direction, strict=True))
        if dot != 0:
            break
    names = ", ".join(NAMES[:count])
    at = tuple_text(point)
    params = {"terms": terms, "point": point, "direction": direction}
    hints: list[Step] = [
        ["Compute ", NABLA, " at the point first."],
        "A directional derivative uses a unit vector: divide v by its length.",
    ]
    if direction is None:
        squared = sum(g**2 for g in grad)
        answer = sympy.sqrt(squared)
        return Draft(
            prompt=[
                f"Let f({names}) = ",
                f,
                f". What is the largest rate of increase of f at {at}, over all unit "
                "directions? Give an exact value (sqrt allowed).",
            ],
            answer=answer,
            solution=[
                [NABLA, f" at {at} is ", *listed(grad, parentheses=True), "."],
                [
                    "D_u f = ∇f·u = |∇f| cos θ is largest for u along ∇f, where it equals ",
                    Math("|∇f|", r"\lVert\nabla f\rVert"),
                    ".",
                ],
                ["|∇f| = √(", squared, ") = ", answer, "."],
            ],
            mistakes=distinct_mistakes(
                "number",
                answer,
                [
                    (squared, "Take the square root: the rate is |∇f|, not |∇f|²."),
                    (
                        sum(abs(g) for g in grad),
                        "Use the Euclidean length √(Σ gᵢ²), not the sum of |gᵢ|.",
                    ),
                ],
            ),
            kind="number",
            params=params,
            hints=hints,
        )
    length = sympy.sqrt(sum(v**2 for v in direction))
    answer = dot / length
    return Draft(
        prompt=[
            f"Let f({names}) = ",
            f,
            f". What is the directional derivative of f at {at} in the direction of "
            f"v = {tuple_text(direction)}, that is along the unit vector u = v/|v|? "
            "Give an exact value (sqrt allowed).",
        ],
        answer=answer,
        solution=[
            [NABLA, f" at {at} is ", *listed(grad, parentheses=True), "."],
            ["|v| = ", length, ", so u = v/|v|."],
            ["∇f·v = ", dot, ", so D_u f = ∇f·v/|v| = ", answer, "."],
        ],
        mistakes=distinct_mistakes(
            "number",
            answer,
            [
                (dot, "Normalise the direction: D_u f = ∇f·v/|v|."),
                (-answer, "Sign error: check the sign of each component of ∇f·v."),
            ],
        ),
        kind="number",
        params=params,
        hints=hints,
    )


def _over(top: int | sympy.Expr, bottom: int | sympy.Expr) -> Math:
    """top/bottom as written by hand, negative numbers in brackets: (−6)/(−14)."""

    def shown(value: int | sympy.Expr) -> str:
        return f"(−{-value})" if value < 0 else str(value)

    return Math(f"{shown(top)}/{shown(bottom)}", rf"\frac{{{top}}}{{{bottom}}}")


def _level_curve_oracle(params: Mapping[str, Any]) -> float:
    """Follow the level curve numerically: Newton in y at x₀ ± h, then a central difference."""
    terms, (x0, y0) = params["terms"], params["point"]
    level_value = numeric(terms, [x0, y0]).real

    def y_on_curve(x: float) -> float:
        y = float(y0)
        for _ in range(40):
            residual = numeric(terms, [x, y]).real - level_value
            y -= residual / complex_step(lambda t: numeric(terms, [x, t]), y)
        return y

    def slope(h: float) -> float:
        return (y_on_curve(x0 + h) - y_on_curve(x0 - h)) / (2 * h)

    return (4 * slope(5e-4) - slope(1e-3)) / 3


@template(
    id="ca.level-curve-slope",
    topic="ca.gradient",
    title="Slope of a level curve",
    oracle=_level_curve_oracle,
)
def level_curve_slope(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: a quadratic f(x, y). Level 2: a cubic. The slope is −f_x/f_y at the point."""
    while True:
        terms = (
            draw_terms(rng, QUADRATIC_2D, 3, largest=3)
            if level == 1
            else draw_terms(rng, CUBIC_2D[:7], 3, largest=3)
        )
        point = [nonzero(rng, -2, 2), nonzero(rng, -2, 2)]
        f = symbolic(terms)
        fx, fy = _gradient_at(terms, 2, point)
        if fx != 0 and fy != 0:
            break
    answer = -sympy.Rational(fx) / fy
    c = f.xreplace(dict(zip(variables(2), point, strict=True)))
    return Draft(
        prompt=[
            "The level curve ",
            f,
            " = ",
            c,
            f" passes through {tuple_text(point)}. What is the slope dy/dx of its tangent "
            "line there? Give an exact fraction.",
        ],
        kind="number",
        answer=answer,
        params={"terms": terms, "point": point},
        solution=[
            [
                "Let f(x, y) = ",
                f,
                ". Along the curve f is constant, so f_x + f_y·dy/dx = 0 and ",
                Math("dy/dx = −f_x/f_y", r"\frac{dy}{dx} = -\frac{f_x}{f_y}"),
                ".",
            ],
            [f"At {tuple_text(point)}: f_x = ", fx, ", f_y = ", fy, "."],
            ["dy/dx = −", _over(fx, fy), " = ", answer, "."],
        ],
        hints=[
            "Differentiate f(x, y(x)) = c with respect to x (implicit differentiation).",
            "The gradient is perpendicular to the level curve.",
        ],
        mistakes=distinct_mistakes(
            "number",
            answer,
            [
                (-answer, "Sign error: dy/dx = −f_x/f_y, with a minus."),
                (
                    sympy.Rational(fy) / fx,
                    "f_y/f_x is the slope of the gradient, which is perpendicular to the "
                    "level curve.",
                ),
                (-sympy.Rational(fy) / fx, "The ratio is f_x over f_y, not f_y over f_x."),
            ],
        ),
    )


__all__ = ["directional_derivative", "gradient_at_point", "level_curve_slope"]
