"""Constrained-optimization templates: Lagrange multipliers and KKT multipliers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy

from quizmath.questions.draw import nonzero, pick
from quizmath.questions.mistakes import distinct_mistakes
from quizmath.questions.model import Draft
from quizmath.questions.registry import template
from quizmath.questions.render import Math
from quizmath.questions.templates.op_shared import MIN_GAP, grp, seq

x, y, z = sympy.symbols("x y z")
LAM, MU = sympy.Symbol("lamda"), sympy.Symbol("mu")


def _lagrange_oracle(params: Mapping[str, Any]) -> list[float]:
    """Solve the linear stationarity system [[2W, −p], [pᵀ, 0]]·[x; λ] = [0; c] with NumPy."""
    weights = np.array(params["weights"], dtype=float)
    normal = np.array(params["normal"], dtype=float)
    n = weights.size
    system = np.zeros((n + 1, n + 1))
    system[:n, :n] = np.diag(2 * weights)
    system[:n, n] = -normal
    system[n, :n] = normal
    rhs = np.zeros(n + 1)
    rhs[n] = params["level"]
    return np.linalg.solve(system, rhs)[:n].tolist()


@template(
    id="op.lagrange-point",
    topic="op.constrained",
    title="Minimizer under a linear equality constraint",
    oracle=_lagrange_oracle,
)
def lagrange_point(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: minimize a x² + b y² subject to p x + q y = c. Level 2: the same with three
    variables."""
    n = level + 1
    names = (x, y, z)[:n]
    while True:
        weights = [int(rng.integers(1, 5)) for _ in range(n)]
        if len(set(weights)) > 1:
            break
    normal = [nonzero(rng, -3, 3) for _ in range(n)]
    level_value = nonzero(rng, -6, 6)
    f = sum(w * v**2 for w, v in zip(weights, names, strict=True))
    g = sum(p * v for p, v in zip(normal, names, strict=True))
    spread = sum(sympy.Rational(p * p, w) for p, w in zip(normal, weights, strict=True))
    lam = 2 * level_value / spread
    answer = [lam * p / (2 * w) for p, w in zip(normal, weights, strict=True)]
    plain = sum(p * p for p in normal)
    scaled = sum(p * p * w for p, w in zip(normal, weights, strict=True))
    candidates = [
        ([sympy.Rational(level_value * p, plain) for p in normal],
         "That ignores the weights: it is the closest point to the origin in plain distance. "
         "Stationarity gives 2wᵢxᵢ = λpᵢ (wᵢ the weight in f, pᵢ the constraint coefficient), "
         "so xᵢ ∝ pᵢ/wᵢ."),
        ([sympy.Rational(level_value * p * w, scaled)
          for p, w in zip(normal, weights, strict=True)],
         "Divide by the weights, do not multiply: 2wᵢxᵢ = λpᵢ gives xᵢ = λpᵢ/(2wᵢ)."),
    ]  # fmt: skip
    point_text = "[x, y]" if n == 2 else "[x, y, z]"
    grad_l = Math("∇f = λ∇g", r"\nabla f = \lambda \nabla g")
    coords = ", ".join(str(v) for v in names)
    return Draft(
        prompt=[
            f"Minimize f({coords}) = ",
            f,
            " subject to ",
            g,
            " = ",
            level_value,
            f". Give the minimizer as a vector {point_text}.",
        ],
        kind="vector",
        answer=answer,
        params={"weights": weights, "normal": normal, "level": level_value},
        solution=[
            [
                "With g = ",
                g,
                " and c = ",
                level_value,
                ", stationarity of the Lagrangian f − λ(g − c), i.e. ",
                grad_l,
                ", gives ",
                *_each_coordinate(names, weights, normal),
                ".",
            ],
            [
                "Substituting into the constraint: λ·",
                grp(spread / 2),
                " = ",
                level_value,
                ", so λ = ",
                lam,
                ".",
            ],
            ["The minimizer is ", seq(answer), "."],
        ],
        hints=[
            "Set ∇f = λ∇g: each coordinate is a multiple of λ.",
            "Substitute the coordinates into the constraint to find λ.",
        ],
        mistakes=distinct_mistakes("vector", answer, candidates, gap=MIN_GAP),
    )


def _each_coordinate(names: tuple, weights: list[int], normal: list[int]) -> list[Any]:
    """The parts ``x = λ·p/(2w), y = …`` of the stationarity step."""
    parts: list[Any] = []
    for i, (v, w, p) in enumerate(zip(names, weights, normal, strict=True)):
        parts += ([", "] if i else []) + [v, " = ", sympy.Rational(p, 2 * w) * LAM]
    return parts


def _kkt_oracle(params: Mapping[str, Any]) -> float:
    """μ = 0 if the unconstrained minimizer is feasible, else solve the active KKT system.

    The constraint is normal·x ≤ bound and the objective curvature·‖x − centre‖².
    """
    k = float(params["curvature"])
    centre = np.array(params["centre"], dtype=float)
    normal = np.array(params["normal"], dtype=float)
    bound = float(params["bound"])
    if normal @ centre <= bound:
        return 0.0
    n = centre.size
    system = np.zeros((n + 1, n + 1))
    system[:n, :n] = 2 * k * np.eye(n)
    system[:n, n] = normal
    system[n, :n] = normal
    rhs = np.concatenate([2 * k * centre, [bound]])
    return float(np.linalg.solve(system, rhs)[n])


@template(
    id="op.kkt-multiplier",
    topic="op.constrained",
    title="KKT multiplier of an inequality constraint",
    oracle=_kkt_oracle,
)
def kkt_multiplier(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: k(x − a)² subject to x ≤ c or x ≥ c. Level 2: the squared distance to a point
    subject to a half-plane p x + q y ≤ c. Either way the constraint may be inactive (μ = 0)."""
    active = bool(rng.random() < 0.6)
    if level == 1:
        k = int(rng.integers(1, 4))
        a = int(rng.integers(-4, 5))
        side = pick(rng, (1, -1))  # +1: x ≤ c, −1: x ≥ c, written as side·(x − c) ≤ 0
        gap = int(rng.integers(1, 4))
        bound = a - side * gap if active else a + side * gap
        f = k * (x - a) ** 2
        g = side * (x - bound)
        centre, normal, offset = [a], [side], side * bound
        excess = sympy.Integer(side * (a - bound))
        answer = 2 * k * excess if active else sympy.Integer(0)
        stationarity = ["Stationarity: ", sympy.diff(f + MU * g, x), " = 0."]
        constraint = [x, " ≤ " if side == 1 else " ≥ ", bound]
        unconstrained = ["The unconstrained minimizer x = ", a]
        on_boundary = ["x = ", bound, " gives ", MU, " = ", answer]
        vars_text = "f(x) = "
    else:
        k = 1
        a, b = int(rng.integers(-3, 4)), int(rng.integers(-3, 4))
        p, q = nonzero(rng, -2, 2), nonzero(rng, -2, 2)
        gap = int(rng.integers(1, 5))
        bound = p * a + q * b - gap if active else p * a + q * b + gap
        f = (x - a) ** 2 + (y - b) ** 2
        g = p * x + q * y - bound
        centre, normal, offset = [a, b], [p, q], bound
        excess = sympy.Integer(p * a + q * b - bound)
        answer = sympy.Rational(2 * excess, p * p + q * q) if active else sympy.Integer(0)
        stationarity = ["Stationarity, ∇f + μ∇g = 0, gives x = ", a - sympy.Rational(p, 2) * MU,
                        ", y = ", b - sympy.Rational(q, 2) * MU, "."]  # fmt: skip
        constraint = [p * x + q * y, " ≤ ", bound]
        unconstrained = ["The unconstrained minimizer (", a, ", ", b, ")"]
        on_boundary = ["Substituting into ", p * x + q * y, " = ", bound, ": ",
                       p * a + q * b, " − ", grp(sympy.Rational(p * p + q * q, 2)), "·", MU,
                       " = ", bound, ", so ", MU, " = ", answer]  # fmt: skip
        vars_text = "f(x, y) = "
    forced = 2 * k * excess if level == 1 else sympy.Rational(2 * excess, p * p + q * q)
    if active:
        candidates = [
            (-answer, "With L = f + μ·g and g ≤ 0, the multiplier of an active constraint is "
             "positive: check the sign in the stationarity equation."),
            (answer / 2, "Differentiate the squared term fully: d/dx (x − a)² = 2(x − a)."),
        ]  # fmt: skip
        verdict = [*unconstrained, " violates the constraint, so it is active. ", *on_boundary,
                   " ≥ 0."]  # fmt: skip
    else:
        candidates = [
            (forced, "The constraint is inactive: the unconstrained minimizer is feasible, so "
             "complementary slackness μ·g = 0 forces μ = 0 (a KKT multiplier is never negative)."),
        ]  # fmt: skip
        verdict = [*unconstrained, " satisfies the constraint strictly, so it is the solution and "
                   "complementary slackness gives ", MU, " = 0."]  # fmt: skip
    prompt = ["Minimize ", vars_text, f, " subject to ", *constraint, ", written as g ≤ 0 with "
              "g = ", g, ". With the Lagrangian L = f + ", MU, "·g and ", MU, " ≥ 0, give the KKT "
              "multiplier ", MU, " at the solution as an exact number."]  # fmt: skip
    return Draft(
        prompt=prompt,
        kind="number",
        answer=answer,
        params={
            "curvature": k,
            "centre": centre,
            "normal": normal,
            "bound": offset,
        },
        solution=[
            ["KKT: stationarity, g ≤ 0, ", MU, " ≥ 0 and complementary slackness ", MU, "·g = 0."],
            stationarity,
            verdict,
        ],
        hints=[
            "First check whether the unconstrained minimizer satisfies the constraint.",
            "If the constraint is active, solve stationarity together with g = 0.",
        ],
        mistakes=distinct_mistakes("number", answer, candidates, gap=MIN_GAP),
    )


__all__ = ["kkt_multiplier", "lagrange_point"]
