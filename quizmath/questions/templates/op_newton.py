"""Newton's-method templates: steps in one and two dimensions for minimizing a function."""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from functools import cache
from itertools import product
from typing import Any

import numpy as np
import sympy

from quizmath.questions.draw import nonzero, pick
from quizmath.questions.mistakes import distinct_mistakes
from quizmath.questions.model import Draft
from quizmath.questions.notation import subscript
from quizmath.questions.params import exact_param
from quizmath.questions.registry import template
from quizmath.questions.render import Math
from quizmath.questions.templates.op_shared import (
    MIN_GAP,
    Terms,
    gradient,
    grp,
    hessian,
    poly_function,
    seq,
    terms_expr,
    terms_partial,
    terms_rows,
    terms_value,
)

x, y = sympy.symbols("x y")
NABLA_F = Math("∇f", r"\nabla f")
HESS = Math("H", "H")
H_INV = Math("H⁻¹", "H^{-1}")


def _newton_1d_oracle(params: Mapping[str, Any]) -> float:
    """x ← x − f′(x)/f″(x) with both derivatives from finite differences of the polynomial."""
    f = poly_function(params["f"])
    point = np.array([float(params["x0"])])
    for _ in range(params["steps"]):
        point = point - gradient(f, point) / hessian(f, point)[0, 0]
    return float(point[0])


def _newton_points(coefficients: list[int], x0: int, steps: int) -> list[sympy.Rational] | None:
    """x₀, x₁, … of Newton's method, or None when a step meets f′ = 0 or f″ ≤ 0."""
    points = [sympy.Integer(x0)]
    for _ in range(steps):
        here = points[-1]
        slope, curvature = _derivative(coefficients, here, 1), _derivative(coefficients, here, 2)
        if slope == 0 or curvature <= 0:
            return None
        points.append(here - slope / curvature)
    return points


@cache
def _two_step_instances() -> list[tuple[list[int], int]]:
    """Quartics x⁴ + c₃x³ + c₂x² + c₁x and starts whose two Newton steps stay hand-sized.

    x₁ must be an integer or a half-integer and x₂ a fraction with denominator at most 100, so
    the second step works with small fractions rather than the 5-digit ones a random start gives.
    Plain ``Fraction`` arithmetic keeps this one-off search fast.
    """
    found = []
    for c3, c2, c1, x0 in product(range(-2, 3), range(-3, 4), range(-4, 5), range(-2, 3)):
        points = [Fraction(x0)]
        for _ in range(2):
            here = points[-1]
            slope = 4 * here**3 + 3 * c3 * here**2 + 2 * c2 * here + c1
            curvature = 12 * here**2 + 6 * c3 * here + 2 * c2
            if slope == 0 or curvature <= 0:
                break
            points.append(here - slope / curvature)
        if len(points) < 3:
            continue
        x1, x2 = points[1], points[2]
        if x1.denominator <= 2 and x2.denominator <= 100 and abs(x2.numerator) <= 300:
            found.append(([0, c1, c2, c3, 1], x0))
    return found


@template(
    id="op.newton-1d",
    topic="op.newton",
    title="Newton's method in one dimension",
    oracle=_newton_1d_oracle,
)
def newton_1d(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: one Newton step x₁ = x₀ − f′(x₀)/f″(x₀) on a quartic. Level 2: two steps,
    re-evaluating both derivatives at x₁ (instances chosen so x₁ is a half-integer)."""
    steps = level
    if level == 1:
        while True:
            coefficients = [0, int(rng.integers(-4, 5)), int(rng.integers(-3, 4)),
                            int(rng.integers(-2, 3)), 1]  # fmt: skip
            found = _newton_points(coefficients, int(rng.integers(-2, 3)), 1)
            if found is not None:
                points = found
                break
    else:
        coefficients, x0 = pick(rng, _two_step_instances())
        points = _newton_points(coefficients, x0, 2) or []
    f = sum(c * x**k for k, c in enumerate(coefficients))
    d1 = sum(k * c * x ** (k - 1) for k, c in enumerate(coefficients) if k >= 1)
    d2 = sum(k * (k - 1) * c * x ** (k - 2) for k, c in enumerate(coefficients) if k >= 2)
    answer = points[-1]
    x0 = points[0]
    g0, h0 = _derivative(coefficients, x0, 1), _derivative(coefficients, x0, 2)
    candidates: list[tuple[Any, str]] = []
    if steps == 2:
        candidates.append((points[1], "That is x₁: take a second Newton step from x₁."))
    candidates += [
        (x0 + g0 / h0, "Sign error: Newton's step is x − f′(x)/f″(x)."),
        (x0 - g0, "That is a gradient step with η = 1: Newton divides f′ by the curvature f″."),
    ]
    if steps == 1:
        candidates.append(
            (x0 - _derivative(coefficients, x0, 0) / g0, "That is Newton's root-finding step on f "
             "itself; to minimize, find a root of f′: x − f′(x)/f″(x).")
        )  # fmt: skip
    solution: list[Any] = [["f′(x) = ", d1, " and f″(x) = ", d2, "."]]
    for t in range(steps):
        here = points[t]
        slope, curvature = _derivative(coefficients, here, 1), _derivative(coefficients, here, 2)
        solution.append(
            [f"x{subscript(t)} = ", here, ": f′ = ", slope, ", f″ = ", curvature,
             f", so x{subscript(t + 1)} = ", here, " − ", grp(slope), "/", grp(curvature), " = ",
             points[t + 1], "."]
        )  # fmt: skip
    target = "x₁" if steps == 1 else "x₂ (after two steps)"
    return Draft(
        prompt=[
            "Apply Newton's method for minimization, x ← x − f′(x)/f″(x), to f(x) = ",
            f,
            " starting from x₀ = ",
            x0,
            f". Give {target} as an exact fraction.",
        ],
        kind="number",
        answer=answer,
        params={
            "f": [[exact_param(c), k] for k, c in enumerate(coefficients) if c],
            "x0": int(x0),
            "steps": steps,
        },
        solution=solution,
        hints=[
            "Newton's method minimizes the local quadratic model f(x₀) + f′(x₀)t + f″(x₀)t²/2.",
            "The step is −f′(x₀)/f″(x₀).",
        ],
        mistakes=distinct_mistakes("number", answer, candidates, gap=MIN_GAP),
    )


def _derivative(coefficients: list[int], at: sympy.Rational, order: int) -> sympy.Rational:
    """The ``order``-th derivative of Σ cₖxᵏ at ``at``, in exact arithmetic."""
    total = sympy.Integer(0)
    for k, c in enumerate(coefficients):
        if k >= order and c:
            total += c * math.perm(k, order) * at ** (k - order)
    return total


def _newton_2d_oracle(params: Mapping[str, Any]) -> list[float]:
    """x − H⁻¹∇f with the gradient and Hessian from finite differences, solved by NumPy."""
    f = poly_function(params["f"])
    point = np.array(params["start"], dtype=float)
    return (point - np.linalg.solve(hessian(f, point), gradient(f, point))).tolist()


@template(
    id="op.newton-2d",
    topic="op.newton",
    title="Newton step in two dimensions",
    oracle=_newton_2d_oracle,
)
def newton_2d(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: a positive-definite quadratic, where one Newton step lands on the minimizer from
    any start. Level 2: f = x⁴ + a·y² + b·xy + c·x, whose Hessian changes from point to point."""
    while True:
        if level == 1:
            a, c, b = int(rng.integers(1, 4)), int(rng.integers(1, 4)), nonzero(rng, -3, 3)
            if 4 * a * c - b * b <= 0:
                continue
            p, q = int(rng.integers(-3, 4)), int(rng.integers(-3, 4))
            terms: Terms = {(2, 0): a, (1, 1): b, (0, 2): c, (1, 0): -(2 * a * p + b * q),
                            (0, 1): -(b * p + 2 * c * q)}  # fmt: skip
        else:
            a, b, c = int(rng.integers(1, 4)), nonzero(rng, -3, 3), int(rng.integers(-4, 5))
            terms = {(4, 0): 1, (0, 2): a, (1, 1): b, (1, 0): c}
        first = nonzero(rng, -2, 2) if level == 1 else nonzero(rng, -1, 1)
        start = sympy.Matrix([first, int(rng.integers(-2, 3))])
        grad = [terms_partial(terms, i) for i in range(2)]
        hess = [[terms_partial(g, j) for j in range(2)] for g in grad]
        g0 = sympy.Matrix([terms_value(g, start) for g in grad])
        h0 = sympy.Matrix([[terms_value(h, start) for h in row] for row in hess])
        det = h0[0, 0] * h0[1, 1] - h0[0, 1] ** 2
        if any(g0) and det > 0 and h0[0, 0] > 0:
            break
    f = terms_expr(terms, (x, y))
    inverse = sympy.Matrix([[h0[1, 1], -h0[0, 1]], [-h0[1, 0], h0[0, 0]]]) / det
    step = inverse * g0
    answer = list(start - step)
    candidates = [
        (list(start - g0), "That is a gradient step with η = 1: Newton multiplies the gradient "
         "by the inverse Hessian."),
        (list(start - h0 * g0), "Use the inverse Hessian: the step d solves H·d = ∇f; "
         "it is not H·∇f."),
        (list(start + step), "Sign error: Newton's step is p − H⁻¹∇f."),
    ]  # fmt: skip
    solution = [
        [NABLA_F, " = ", seq([terms_expr(g, (x, y)) for g in grad]), " and ", HESS, " = ",
         sympy.Matrix([[terms_expr(h, (x, y)) for h in row] for row in hess]), "."],
        ["At p₀ = ", seq(list(start)), ": ", NABLA_F, " = ", seq(list(g0)), ", ", HESS, " = ", h0,
         "."],
        ["Solve ", HESS, "·d = ", NABLA_F, ": d = ", H_INV, NABLA_F, " = ", seq(list(step)), "."],
        ["p₁ = p₀ − d = ", seq(answer), "."],
    ]  # fmt: skip
    if level == 1:
        solution.append(
            ["On a quadratic the model is exact, so p₁ is the minimizer: ", NABLA_F, "(p₁) = 0."]
        )
    return Draft(
        prompt=[
            "Take one Newton step p₁ = p₀ − ",
            H_INV,
            NABLA_F,
            "(p₀), with H the Hessian of f at p₀, to minimize f(x, y) = ",
            f,
            " from p₀ = ",
            seq(list(start)),
            ", where p = (x, y). Give p₁ as a vector [x, y].",
        ],
        kind="vector",
        answer=answer,
        params={"f": terms_rows(terms), "start": [int(v) for v in start]},
        solution=solution,
        hints=[
            "Compute the gradient and the Hessian at x₀.",
            "For a 2×2 matrix, [[a, b], [c, d]]⁻¹ = [[d, −b], [−c, a]]/(ad − bc).",
        ],
        mistakes=distinct_mistakes("vector", answer, candidates, gap=MIN_GAP),
    )


__all__ = ["newton_1d", "newton_2d"]
