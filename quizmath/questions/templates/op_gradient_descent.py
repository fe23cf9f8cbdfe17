"""Gradient-descent templates: steps on quadratics, the step-size bound, momentum, mini-batches."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy

from quizmath.questions.draw import nonzero, pick
from quizmath.questions.mistakes import distinct_mistakes
from quizmath.questions.model import Draft
from quizmath.questions.notation import subscript
from quizmath.questions.params import exact_param, float_param
from quizmath.questions.registry import template
from quizmath.questions.render import Math
from quizmath.questions.templates.op_shared import (
    MIN_GAP,
    gradient,
    grp,
    hessian,
    par,
    poly_function,
    poly_terms,
    seq,
)

x, y = sympy.symbols("x y")
R = sympy.Rational
STEP_SIZES = (R(1, 10), R(1, 5), R(1, 4), R(1, 8))
NABLA_F = Math("∇f", r"\nabla f")


def _gd_step_oracle(params: Mapping[str, Any]) -> list[float]:
    """Iterate x ← x − η∇f(x) with the gradient from finite differences of the polynomial."""
    f = poly_function(params["f"])
    point = float_param(params["start"])
    eta = float_param(params["eta"])
    for _ in range(params["steps"]):
        point = point - eta * gradient(f, point)
    return point.tolist()


Affine = tuple[list[list[int]], list[int]]
"""A gradient M·x + v of a quadratic, as (M, v)."""


def _descend(
    grad: Affine, start: list[int], eta: sympy.Rational, steps: int, sign: int = -1
) -> list:
    """The iterates x₀, x₁, … of x ← x + sign·η∇f(x) (sign −1 descends)."""
    points = [[sympy.Integer(v) for v in start]]
    for _ in range(steps):
        here = points[-1]
        points.append([h + sign * eta * g for h, g in zip(here, _at(grad, here), strict=True)])
    return points


def _at(grad: Affine, point: list) -> list:
    """∇f at ``point``."""
    matrix, offset = grad
    return [
        sum(m * p for m, p in zip(row, point, strict=True)) + v
        for row, v in zip(matrix, offset, strict=True)
    ]


@template(
    id="op.gd-step",
    topic="op.gradient-descent",
    title="Gradient-descent iterate on a quadratic",
    oracle=_gd_step_oracle,
)
def gd_step(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: one step on a(x − p)² + b(y − q)². Level 2: two steps on a quadratic with an xy
    term, whose gradient couples the coordinates."""
    eta = pick(rng, STEP_SIZES)
    if level == 1:
        a, b = int(rng.integers(1, 4)), int(rng.integers(1, 4))
        p, q = int(rng.integers(-3, 4)), int(rng.integers(-3, 4))
        start = [p + nonzero(rng, -3, 3), q + nonzero(rng, -3, 3)]
        f = a * (x - p) ** 2 + b * (y - q) ** 2
        grad: Affine = ([[2 * a, 0], [0, 2 * b]], [-2 * a * p, -2 * b * q])
        careless: Affine = ([[a, 0], [0, b]], [-a * p, -b * q])
        steps = 1
    else:
        while True:
            a, d = int(rng.integers(1, 4)), int(rng.integers(1, 4))
            c = nonzero(rng, -2, 2)
            e, g = int(rng.integers(-4, 5)), int(rng.integers(-4, 5))
            start = [int(rng.integers(-2, 3)), int(rng.integers(-2, 3))]
            grad = ([[2 * a, c], [c, 2 * d]], [e, g])
            first = _descend(grad, start, eta, 1)[1]
            if all(any(_at(grad, pt)) for pt in (start, first)):
                break
        f = a * x**2 + c * x * y + d * y**2 + e * x + g * y
        careless = ([[a, c], [c, d]], [e, g])
        steps = 2
    points = _descend(grad, start, eta, steps)
    answer = points[-1]
    ascent = _descend(grad, start, eta, steps, sign=1)[-1]
    halved = _descend(careless, start, eta, steps)[-1]
    candidates = [
        (ascent, f"Sign error: a descent step subtracts the gradient, p − η{NABLA_F.text}(p)."),
        (
            halved,
            "The derivative of a squared term c·x² is 2c·x: the factor 2 is missing from "
            "your gradient.",
        ),
    ]
    if steps == 2:
        candidates.insert(
            0, (points[1], "That is p₁: take a second step from p₁ with the gradient there.")
        )
    g0 = _at(grad, points[0])
    shown = [row[0] * x + row[1] * y + v for row, v in zip(*grad, strict=True)]
    solution = [
        ["The gradient is ", NABLA_F, "(x, y) = ", seq(shown), "."],
        ["At p₀ = ", seq(start), ": ", NABLA_F, "(p₀) = ", seq(g0), ", so p₁ = p₀ − ",
         eta, "·", seq(g0), " = ", seq(points[1]), "."],
    ]  # fmt: skip
    if steps == 2:
        g1 = _at(grad, points[1])
        solution.append(
            [NABLA_F, "(p₁) = ", seq(g1), ", so p₂ = p₁ − ", eta, "·", seq(g1),
             " = ", seq(answer), "."]
        )  # fmt: skip
    target = "the point p₁" if steps == 1 else "the point p₂ after two steps"
    return Draft(
        prompt=[
            "Run gradient descent p ← p − η",
            NABLA_F,
            "(p) on f(x, y) = ",
            f,
            ", where p = (x, y), from p₀ = ",
            seq(start),
            " with step size η = ",
            eta,
            f". Give {target} as a vector [x, y].",
        ],
        kind="vector",
        answer=answer,
        params={
            "f": poly_terms(f, (x, y)),
            "start": exact_param(start),
            "eta": exact_param(eta),
            "steps": steps,
        },
        solution=solution,
        hints=[
            "Differentiate each term: ∂/∂x of c·x² is 2c·x, of c·x·y is c·y.",
            "Move against the gradient: subtract η times it"
            + ("." if steps == 1 else ", then recompute the gradient at p₁."),
        ],
        mistakes=distinct_mistakes("vector", answer, candidates, gap=MIN_GAP),
    )


def _bound_oracle(params: Mapping[str, Any]) -> float:
    """2 / λ_max of the Hessian, the Hessian from finite differences of the polynomial."""
    f = poly_function(params["f"])
    return 2.0 / float(np.linalg.eigvalsh(hessian(f, [0.0, 0.0]))[-1])


def _integer_spectrum_hessians() -> list[tuple[int, int, int]]:
    """Symmetric [[a, b], [b, d]] (a, d even, b ≠ 0), positive definite with integer eigenvalues."""
    found = []
    for a in range(2, 13, 2):
        for d in range(2, 13, 2):
            for b in range(-6, 7):
                radius_sq = ((a - d) // 2) ** 2 + b * b
                root = int(round(radius_sq**0.5))
                if b and root * root == radius_sq and (a + d) // 2 > root:
                    found.append((a, b, d))
    return found


_HESSIANS = _integer_spectrum_hessians()


@template(
    id="op.gd-step-bound",
    topic="op.gradient-descent",
    title="Largest convergent step size 2/L",
    oracle=_bound_oracle,
)
def gd_step_bound(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: a x² + b y², Hessian diag(2a, 2b). Level 2: a quadratic with an xy term, whose
    largest Hessian eigenvalue L is not a diagonal entry."""
    if level == 1:
        a, d = (int(v) for v in rng.choice(np.arange(1, 10), size=2, replace=False))
        b = 0
        f = a * x**2 + d * y**2
        hess = sympy.Matrix([[2 * a, 0], [0, 2 * d]])
        big, small = 2 * max(a, d), 2 * min(a, d)
        answer = R(2, big)
        candidates = [
            (
                R(2, max(a, d)),
                "The second derivative of c·x² is 2c, not c: L is twice the larger coefficient.",
            ),
            (R(1, big), "1/L is a safe step size, but the bound asked for is 2/L."),
            (
                R(2, small),
                "The bound comes from the largest curvature L = λ_max, not the smallest.",
            ),
        ]
        eig_step = ["The Hessian is diagonal, ", hess, ", so its eigenvalues are ", 2 * a,
                    " and ", 2 * d, "."]  # fmt: skip
    else:
        a, b, d = pick(rng, _HESSIANS)
        f = R(a, 2) * x**2 + b * x * y + R(d, 2) * y**2
        hess = sympy.Matrix([[a, b], [b, d]])
        root = int(round((((a - d) // 2) ** 2 + b * b) ** 0.5))
        big, small = (a + d) // 2 + root, (a + d) // 2 - root
        answer = R(2, big)
        candidates = [
            (R(2, max(a, d)), "The largest diagonal entry is not λ_max when the Hessian has "
             "off-diagonal terms: compute the eigenvalues."),
            (R(1, big), "1/L is a safe step size, but the bound asked for is 2/L."),
            (R(2, small), "The bound comes from the largest curvature L = λ_max, "
             "not the smallest."),
        ]  # fmt: skip
        eig_step = ["The Hessian is ", hess, "; its eigenvalues solve λ² − ", a + d, "λ + ",
                    a * d - b * b, " = 0: λ = ", big, " and ", small, "."]  # fmt: skip
    big_l = Math("L", "L")
    return Draft(
        prompt=[
            "Gradient descent with a fixed step size η on f(x, y) = ",
            f,
            " converges to the minimum from every starting point exactly when 0 < η < η_max. "
            "Find η_max as an exact fraction.",
        ],
        kind="number",
        answer=answer,
        params={"f": poly_terms(f, (x, y))},
        solution=[
            [
                "On a quadratic each eigen-direction of the Hessian H contracts by the factor "
                "|1 − ηλ|, which is below 1 for every λ exactly when η < 2/λ_max."
            ],
            eig_step,
            [big_l, " = λ_max = ", big, ", so η_max = 2/", big_l, " = ", answer, "."],
        ],
        hints=[
            "Find the Hessian and its largest eigenvalue L.",
            "Along an eigenvector with eigenvalue λ a step multiplies the error by (1 − ηλ).",
        ],
        mistakes=distinct_mistakes("number", answer, candidates, gap=MIN_GAP),
    )


def _momentum_oracle(params: Mapping[str, Any]) -> float:
    """Heavy-ball iterations with the derivative from finite differences of f."""
    a, c = float_param(params["a"]), float_param(params["c"])
    beta, eta = float_param(params["beta"]), float_param(params["eta"])

    def f(w: np.ndarray) -> float:
        return float(a * (w[0] - c) ** 2)

    w, v = np.array([float_param(params["w0"])]), 0.0
    for _ in range(params["steps"]):
        v = beta * v + gradient(f, w)[0]
        w = w - eta * v
    return float(w[0])


def _heavy_ball(a: int, c: int, w0: int, eta: Any, beta: Any, steps: int) -> list[tuple]:
    """(g, v, w) after each step of v ← βv + f′(w), w ← w − ηv on a(w − c)²."""
    w, v, trace = sympy.Integer(w0), sympy.Integer(0), []
    for _ in range(steps):
        g = 2 * a * (w - c)
        v = beta * v + g
        w = w - eta * v
        trace.append((g, v, w))
    return trace


@template(
    id="op.momentum-step",
    topic="op.gradient-descent",
    title="Gradient descent with momentum",
    oracle=_momentum_oracle,
)
def momentum_step(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: w₂ after two heavy-ball steps (the first step is plain gradient descent).
    Level 2: w₃ after three steps."""
    steps = level + 1
    a, c = int(rng.integers(1, 3)), int(rng.integers(-3, 4))
    w0 = c + nonzero(rng, -3, 3)
    eta = pick(rng, (R(1, 10), R(1, 5), R(1, 4)))
    beta = pick(rng, (R(1, 2), R(9, 10)))
    w_sym = sympy.Symbol("w")
    f = a * (w_sym - c) ** 2
    trace = _heavy_ball(a, c, w0, eta, beta, steps)
    answer = trace[-1][2]
    plain = _heavy_ball(a, c, w0, eta, 0, steps)[-1][2]
    ascent = w0 + (w0 - answer)
    candidates = [
        (plain, "That is plain gradient descent: the velocity keeps β times its previous value."),
        (ascent, "Sign error: the step subtracts η·v, moving against the gradient."),
    ]
    solution: list[Any] = [["f′(w) = ", 2 * a * w_sym - 2 * a * c, "; start with v₀ = 0, w₀ = ",
                            w0, "."]]  # fmt: skip
    for t, (g, v, w) in enumerate(trace, start=1):
        before, now = subscript(t - 1), subscript(t)
        solution.append([f"t = {t}: f′(w{before}) = ", g, f", v{now} = ", beta, f"·v{before} + ",
                         grp(g), " = ", v, f", w{now} = w{before} − ", eta, "·", grp(v), " = ", w,
                         "."])  # fmt: skip
    return Draft(
        prompt=[
            "Minimize f(w) = ",
            f,
            " by gradient descent with momentum: ",
            Math(
                "v_t = β·v_{t−1} + f′(w_{t−1}),  w_t = w_{t−1} − η·v_t",
                r"v_t = \beta v_{t-1} + f'(w_{t-1}),\ w_t = w_{t-1} - \eta v_t",
            ),
            ", with v₀ = 0, w₀ = ",
            w0,
            ", η = ",
            eta,
            ", β = ",
            beta,
            f". Give w{subscript(steps)} as an exact number (a fraction or a decimal).",
        ],
        kind="number",
        answer=answer,
        params={
            "a": a,
            "c": c,
            "w0": w0,
            "eta": exact_param(eta),
            "beta": exact_param(beta),
            "steps": steps,
        },
        solution=solution,
        hints=[
            "The velocity accumulates gradients: v_t = β·v_{t−1} + f′(w_{t−1}).",
            "The first step equals a plain gradient step because v₀ = 0.",
        ],
        mistakes=distinct_mistakes("number", answer, candidates, gap=MIN_GAP),
    )


def _minibatch_oracle(params: Mapping[str, Any]) -> float:
    """The batch's mean squared error differentiated by finite differences, then one step."""
    xs = float_param(params["x"])
    ys = float_param(params["y"])
    batch = np.array(params["batch"])

    def loss(w: np.ndarray) -> float:
        return float(np.mean((w[0] * xs[batch] - ys[batch]) ** 2))

    w0 = float_param(params["w0"])
    slope = gradient(loss, [w0])[0]
    if params["eta"] is None:
        return float(slope)
    return w0 - float_param(params["eta"]) * float(slope)


@template(
    id="op.minibatch-gradient",
    topic="op.gradient-descent",
    title="Mini-batch gradient of a squared loss",
    oracle=_minibatch_oracle,
)
def minibatch_gradient(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: dL/dw of the mean squared error of ŷ = wx on a mini-batch of 2–3 points.
    Level 2: one SGD step using a 2-point mini-batch drawn from a 4-point data set."""
    size = int(rng.integers(2, 4)) if level == 1 else 4
    while True:
        xs = [nonzero(rng, -3, 3) for _ in range(size)]
        ys = [int(rng.integers(-4, 5)) for _ in range(size)]
        w0 = pick(rng, (R(-2), R(-1), R(-1, 2), R(1, 2), R(1), R(2)))
        batch = list(range(size)) if level == 1 else sorted(int(i) for i in rng.choice(4, 2, False))
        residual = [w0 * xs[i] - ys[i] for i in batch]
        total = sum(2 * r * xs[i] for r, i in zip(residual, batch, strict=True))
        full = sum(2 * (w0 * xs[i] - ys[i]) * xs[i] for i in range(size)) / size
        slope = total / len(batch)
        if slope != 0 and (level == 1 or full != slope):
            break
    eta = pick(rng, (R(1, 10), R(1, 20), R(1, 4))) if level == 2 else None
    pairs = seq([seq([xs[i], ys[i]]) for i in range(size)])
    solution: list[Any] = [
        ["dL/dw = (2/|B|)·Σ (w·xᵢ − yᵢ)·xᵢ over the mini-batch B."],
        ["At w = ", w0, " the residuals rᵢ = w·xᵢ − yᵢ are ", seq(residual), " and Σ rᵢ·xᵢ = ",
         sum(r * xs[i] for r, i in zip(residual, batch, strict=True)), ", so dL/dw = (2/",
         len(batch), ")·", par(sum(r * xs[i] for r, i in zip(residual, batch, strict=True))),
         " = ", slope, "."],
    ]  # fmt: skip
    if level == 1:
        answer = slope
        candidates = [
            (total, "That is the sum over the batch: the loss is a mean, so divide by |B|."),
            (slope / 2, "The derivative of (w·x − y)² is 2(w·x − y)·x: you dropped the 2."),
            (-slope, "Sign error: the residual is w·xᵢ − yᵢ (prediction minus target)."),
        ]
        prompt = [
            "The loss on a mini-batch B of (x, y) pairs ", pairs,
            " for the model ŷ = w·x is L(w) = (1/|B|)·Σ (w·xᵢ − yᵢ)². Give dL/dw at w = ",
            w0, " as an exact number.",
        ]  # fmt: skip
    else:
        answer = w0 - eta * slope
        candidates = [
            (w0 - eta * full, "That step used the whole data set (batch gradient descent); "
             "SGD on a mini-batch averages over the mini-batch only."),
            (w0 - eta * total, "The mini-batch loss is a mean: divide the summed gradient by |B|."),
            (w0 + eta * slope, "Sign error: SGD subtracts η times the gradient."),
        ]  # fmt: skip
        labels = " and ".join(f"#{i + 1}" for i in batch)
        prompt = [
            "The data set of (x, y) pairs ", pairs, " is fit by ŷ = w·x with the mean squared "
            "error. One SGD step uses the mini-batch made of points ", labels,
            " of the list: w ← w − η·dL_B/dw with L_B the mean of (w·xᵢ − yᵢ)² over the "
            "mini-batch. From w = ", w0, " with η = ", eta, ", give the new w as an exact number.",
        ]  # fmt: skip
        solution.append(["w ← ", w0, " − ", eta, "·", par(slope), " = ", answer, "."])
    return Draft(
        prompt=prompt,
        kind="number",
        answer=answer,
        params={
            "x": xs,
            "y": ys,
            "batch": batch,
            "w0": exact_param(w0),
            "eta": None if eta is None else exact_param(eta),
        },
        solution=solution,
        hints=[
            "d/dw (w·x − y)² = 2(w·x − y)·x.",
            "Average over the points of the mini-batch only.",
        ],
        mistakes=distinct_mistakes("number", answer, candidates, gap=MIN_GAP),
    )


__all__ = ["gd_step", "gd_step_bound", "minibatch_gradient", "momentum_step"]
