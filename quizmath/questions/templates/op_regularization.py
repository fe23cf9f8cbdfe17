"""Regularization templates: L1 soft-thresholding (lasso's proximal step) and L2 weight decay."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy

from quizmath.questions.draw import nonzero, pick
from quizmath.questions.mistakes import distinct_mistakes
from quizmath.questions.model import Draft
from quizmath.questions.params import exact_param, float_param
from quizmath.questions.registry import template
from quizmath.questions.render import Math, latex_math, unicode_math
from quizmath.questions.templates.op_shared import MIN_GAP, gradient, seq

R = sympy.Rational
SOFT = Math(
    "S_τ(u) = sign(u)·max(|u| − τ, 0)",
    r"S_\tau(u) = \operatorname{sign}(u)\max(|u| - \tau, 0)",
)


def _soft(values: list[sympy.Rational], tau: sympy.Rational) -> list[sympy.Rational]:
    return [sympy.sign(v) * max(abs(v) - tau, sympy.Integer(0)) for v in values]


def _soft_oracle(params: Mapping[str, Any]) -> list[float]:
    """Minimize ½‖w − u‖² + τ‖w‖₁ coordinate by coordinate, u from a finite-difference step.

    Each coordinate's objective is convex and piecewise quadratic, so its minimizer is 0 or the
    stationary point u ∓ τ of one of its two pieces: comparing the objective at those three
    candidates finds it without the thresholding formula.
    """
    a = float_param(params["curvature"])
    c = float_param(params["centre"])
    w0 = float_param(params["start"])
    eta, lam = float_param(params["eta"]), float_param(params["lambda"])

    def smooth(w: np.ndarray) -> float:
        return float(0.5 * np.sum(a * (w - c) ** 2))

    u = w0 - eta * gradient(smooth, w0)
    tau = eta * lam
    result = []
    for target in u:
        candidates = [0.0, target - tau, target + tau]
        objective = [0.5 * (w - target) ** 2 + tau * abs(w) for w in candidates]
        result.append(candidates[int(np.argmin(objective))])
    return result


@template(
    id="op.soft-threshold",
    topic="op.regularization",
    title="L1 soft-thresholding (proximal step)",
    oracle=_soft_oracle,
)
def soft_threshold(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: soft-threshold a vector, the lasso solution for an orthonormal design. Level 2:
    one proximal-gradient (ISTA) step: a gradient step on the smooth part, then S_ηλ."""
    if level == 1:
        n = 4
        tau = pick(rng, (R(1), R(3, 2), R(2), R(5, 2)))
        while True:
            u = [R(int(v), 2) for v in rng.integers(-8, 9, size=n)]
            small = [v for v in u if 0 < abs(v) < tau]
            large = [v for v in u if abs(v) > tau]
            if small and large:
                break
        curvature, centre, start, eta, lam = [1] * n, u, [0] * n, R(1), tau
        prompt = ["The proximal operator of τ‖w‖₁ is soft-thresholding, ", SOFT,
                  " entrywise. Compute S_τ(u) for u = ", seq(u), " and τ = ", tau,
                  ". Give a vector [a, b, c, d]."]  # fmt: skip
        solution: list[Any] = [
            ["Shrink every entry towards 0 by τ = ", tau, " and set to 0 those with |uᵢ| ≤ τ."],
        ]
    else:
        n = 3
        while True:
            curvature = [int(v) for v in rng.integers(1, 4, size=n)]
            centre = [int(v) for v in rng.integers(-4, 5, size=n)]
            start = [nonzero(rng, -3, 3) for _ in range(n)]
            eta = pick(rng, (R(1, 2), R(1, 4)))
            lam = pick(rng, (R(1), R(2), R(3)))
            tau = eta * lam
            u = [w - eta * a * (w - c) for w, a, c in zip(start, curvature, centre, strict=True)]
            small = [v for v in u if 0 < abs(v) < tau]
            large = [v for v in u if abs(v) > tau]
            if small and large:
                break
        w = sympy.symbols("w1:4")
        pieces = [R(a, 2) * (wi - c) ** 2 for a, wi, c in zip(curvature, w, centre, strict=True)]
        smooth = Math(
            " + ".join(unicode_math(piece) for piece in pieces),
            " + ".join(latex_math(piece) for piece in pieces),
        )
        prompt = ["One proximal-gradient (ISTA) step on F(w) = ", smooth, " + λ‖w‖₁ with λ = ",
                  lam, ", from w = ", seq(start), " with step size η = ", eta,
                  ": take a gradient step on the smooth part, then soft-threshold, ", SOFT,
                  ", with τ = ηλ. Give the new w as a vector [w1, w2, w3]."]  # fmt: skip
        smooth_gradient = [a * (wi - c) for a, wi, c in zip(curvature, start, centre, strict=True)]
        solution = [
            ["The smooth part's gradient at w is ", seq(smooth_gradient), ", so the gradient step "
             "gives u = w − ", eta, "·", seq(smooth_gradient), " = ", seq(u), "."],
            ["Threshold τ = ηλ = ", eta, "·", lam, " = ", tau, "."],
        ]  # fmt: skip
    answer = _soft(u, tau)
    solution.append(["S_τ(u) = ", seq(answer), "."])
    candidates = [
        ([v if abs(v) > tau else 0 for v in u], "That is hard thresholding: the entries that "
         "survive are also shrunk towards 0 by τ."),
        ([v - tau * sympy.sign(v) for v in u], "Entries with |uᵢ| ≤ τ become exactly 0; they do "
         "not change sign."),
    ]  # fmt: skip
    if level == 2:
        candidates += [
            (_soft(u, lam), "The proximal step of η·λ‖w‖₁ thresholds at τ = ηλ, not λ."),
            (u, "The L1 term still has to be applied: soft-threshold the gradient step."),
        ]
    return Draft(
        prompt=prompt,
        kind="vector",
        answer=answer,
        params={
            "curvature": curvature,
            "centre": exact_param(centre),
            "start": start,
            "eta": exact_param(eta),
            "lambda": exact_param(lam),
        },
        solution=solution,
        hints=[
            "Entries with |u| ≤ τ become 0; the others move τ closer to 0.",
            "This exact zeroing is why L1 regularization gives sparse weights.",
        ],
        mistakes=distinct_mistakes("vector", answer, candidates, gap=MIN_GAP),
    )


def _decay_oracle(params: Mapping[str, Any]) -> list[float]:
    """One gradient step on the penalized loss, differentiated by finite differences."""
    w0 = float_param(params["w"])
    lam, eta = float_param(params["lambda"]), float_param(params["eta"])
    half = params["penalty"] == "half"
    data_gradient = params["data_gradient"]
    x = np.array(params["x"], dtype=float) if params["x"] else None
    target = float(params["y"]) if params["x"] else 0.0

    def objective(w: np.ndarray) -> float:
        penalty = lam * float(w @ w) * (0.5 if half else 1.0)
        if x is None:
            return float(np.dot(float_param(data_gradient), w)) + penalty
        return 0.5 * float(w @ x - target) ** 2 + penalty

    return (w0 - eta * gradient(objective, w0)).tolist()


@template(
    id="op.weight-decay-step",
    topic="op.regularization",
    title="Gradient step with an L2 penalty",
    oracle=_decay_oracle,
)
def weight_decay_step(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: one step on L(w) + (λ/2)‖w‖² given ∇L. Level 2: one step on ½(wᵀx − y)² + λ‖w‖²,
    computing the data gradient too; the penalty has no ½, so its gradient is 2λw."""
    lam = pick(rng, (R(1, 10), R(1, 5), R(1, 2)))
    eta = pick(rng, (R(1, 10), R(1, 5), R(1, 2)))
    n = 3 if level == 1 else 2
    w = [nonzero(rng, -3, 3) for _ in range(n)]
    if level == 1:
        data = [int(v) for v in rng.integers(-4, 5, size=n)]
        penalty_gradient = [lam * v for v in w]
        wrong_penalty = [2 * lam * v for v in w]
        x_values: list[int] = []
        target = 0
        penalty = Math("(λ/2)‖w‖²", r"\tfrac{\lambda}{2}\lVert w\rVert^2")
        setup = ["The data-loss gradient at w is ∇L(w) = ", seq(data), "."]
        data_step: list[Any] = ["∇L(w) = ", seq(data), " is given."]
        penalty_step = ["The gradient of (λ/2)‖w‖² is λw = ", seq(penalty_gradient), "."]
        slip = "The ½ in (λ/2)‖w‖² cancels the 2 from differentiating: its gradient is λw, not 2λw."
    else:
        x_values = [nonzero(rng, -2, 2) for _ in range(n)]
        target = int(rng.integers(-3, 4))
        residual = sum(a * b for a, b in zip(w, x_values, strict=True)) - target
        data = [residual * v for v in x_values]
        penalty_gradient = [2 * lam * v for v in w]
        wrong_penalty = [lam * v for v in w]
        penalty = Math("λ‖w‖²", r"\lambda\lVert w\rVert^2")
        setup = ["The data loss is L(w) = ½(wᵀx − y)² with x = ", seq(x_values), " and y = ",
                 target, "."]  # fmt: skip
        data_step = ["wᵀx − y = ", residual, ", so ∇L(w) = (wᵀx − y)·x = ", seq(data), "."]
        penalty_step = ["The gradient of λ‖w‖² is 2λw = ", seq(penalty_gradient), "."]
        slip = "This penalty is λ‖w‖² with no ½, so its gradient is 2λw."
    step = [d + p for d, p in zip(data, penalty_gradient, strict=True)]
    answer = [v - eta * s for v, s in zip(w, step, strict=True)]
    candidates = [
        ([v - eta * (d + p) for v, d, p in zip(w, data, wrong_penalty, strict=True)], slip),
        ([v - eta * d for v, d in zip(w, data, strict=True)], "The penalty's gradient is missing: "
         "weight decay also shrinks w."),
        ([v - eta * (d - p) for v, d, p in zip(w, data, penalty_gradient, strict=True)],
         "Sign error: the L2 penalty pulls the weights towards 0, so its gradient (a positive "
         "multiple of w) is added to ∇L."),
    ]  # fmt: skip
    if level == 2:
        candidates.append(
            ([v - eta * (2 * d + p) for v, d, p in zip(w, data, penalty_gradient, strict=True)],
             "The ½ in L(w) = ½(wᵀx − y)² cancels the 2 of the square: ∇L = (wᵀx − y)·x.")
        )  # fmt: skip
    decay_factor = 1 - eta * (lam if level == 1 else 2 * lam)
    prompt = ["Weights w = ", seq(w), " are trained on J(w) = L(w) + ", penalty, " with λ = ", lam,
              ". ", *setup, " Take one gradient-descent step with η = ", eta,
              " and give the new w as a vector."]  # fmt: skip
    return Draft(
        prompt=prompt,
        kind="vector",
        answer=answer,
        params={
            "w": w,
            "lambda": exact_param(lam),
            "eta": exact_param(eta),
            "penalty": "half" if level == 1 else "full",
            "data_gradient": exact_param(data) if level == 1 else [],
            "x": x_values,
            "y": target,
        },
        solution=[
            data_step,
            penalty_step,
            [
                "w ← w − η(∇L + penalty gradient) = ",
                decay_factor,
                "·w − ",
                eta,
                "·∇L = ",
                seq(answer),
                ": the decay factor ",
                decay_factor,
                " shrinks w every step.",
            ],
        ],
        hints=[
            "∇(λ/2)‖w‖² = λw and ∇λ‖w‖² = 2λw.",
            "A penalty with gradient c·w makes each step multiply w by (1 − ηc): weight decay.",
        ],
        mistakes=distinct_mistakes("vector", answer, candidates, gap=MIN_GAP),
    )


__all__ = ["soft_threshold", "weight_decay_step"]
