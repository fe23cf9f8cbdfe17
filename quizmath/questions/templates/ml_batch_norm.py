"""Batch-norm templates: normalizing a training batch, and inference with running statistics.

Instances use a large ε (0.1 to 1) so that forgetting it changes the answer visibly, and make
√(σ² + ε) a simple fraction.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any

import numpy as np
import sympy
from sympy import Rational

from quizmath.questions.draw import pick
from quizmath.questions.mistakes import apart_when_rounded, distinct_mistakes
from quizmath.questions.model import Draft
from quizmath.questions.notation import subscript
from quizmath.questions.params import exact_param, float_param
from quizmath.questions.registry import template
from quizmath.questions.render import Math
from quizmath.questions.templates.ml_common import MIN_GAP, assign, num, vec

_ROOTS = [Rational(k, 2) for k in range(2, 11)]  # candidate values of √(σ² + ε)
_GAMMAS = [Rational(2), Rational(3), Rational(1, 2), Rational(-1)]
_EPSILONS = [Rational(1, 10), Rational(1, 5), Rational(1, 4), Rational(1, 2)]

BN = Math(
    "y = γ·(x − μ)/√(σ² + ε) + β",
    r"y = \gamma\,\frac{x - \mu}{\sqrt{\sigma^2 + \varepsilon}} + \beta",
)


def _root_and_epsilon(variance: Rational) -> tuple[Rational, Rational] | None:
    """The smallest half-integer s with 0 < s² − variance ≤ 1, and ε = s² − variance."""
    for root in _ROOTS:
        epsilon = root**2 - variance
        if 0 < epsilon <= 1:
            return root, epsilon
    return None


def _batch(rng: np.random.Generator, n: int) -> tuple[int, list[int]]:
    """A batch mean and integer deviations summing to 0, not all equal."""
    while True:
        deviations = [int(v) for v in rng.integers(-3, 4, size=n - 1)]
        last = -sum(deviations)
        if abs(last) <= 4 and any(deviations):
            return int(rng.integers(-3, 6)), [*deviations, last]


def _train_oracle(params: Mapping[str, Any]) -> list[float]:
    """NumPy batch norm with the population (biased) batch variance."""
    x = np.array(params["x"], dtype=float)
    eps, gamma, beta = (float_param(params[k]) for k in ("eps", "gamma", "beta"))
    return list(gamma * (x - x.mean()) / np.sqrt(x.var() + eps) + beta)


@template(
    id="ml.batch-norm-train",
    topic="ml.batch-norm",
    title="Batch norm of a training batch",
    oracle=_train_oracle,
)
def batch_norm_train(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: normalize a batch of 4 (γ = 1, β = 0). Level 2: a batch of 5 with γ and β."""
    n = 3 + level
    while True:
        mean, deviations = _batch(rng, n)
        variance = Rational(sum(d * d for d in deviations), n)
        found = _root_and_epsilon(variance)
        if found:
            break
    root, epsilon = found
    gamma = sympy.S.One if level == 1 else pick(rng, _GAMMAS)
    beta = sympy.S.Zero if level == 1 else sympy.Integer(int(rng.integers(-2, 3)))
    xs = [mean + d for d in deviations]
    normalized = [Rational(d) / root for d in deviations]
    answer = [gamma * v + beta for v in normalized]
    sample = sympy.sqrt(Rational(sum(d * d for d in deviations), n - 1) + epsilon)
    candidates: list[tuple[Any, str]] = [
        (
            [gamma * d / sympy.sqrt(variance) + beta for d in deviations],
            "Add ε to the variance before the square root.",
        ),
        (
            [gamma * d / sample + beta for d in deviations],
            "Batch norm uses the batch's population variance (divide by n, not n − 1).",
        ),
        (
            [gamma * d / root**2 + beta for d in deviations],
            "Divide by the standard deviation √(σ² + ε), not by the variance.",
        ),
    ]
    if level == 2:
        candidates += [
            ([beta * v + gamma for v in normalized], "γ scales and β shifts: y = γx̂ + β."),
            (normalized, "Apply the learned scale γ and shift β after normalizing."),
        ]
    mistakes = distinct_mistakes("vector", answer, candidates, gap=MIN_GAP)
    affine: list[Any] = (
        [", with γ = 1, β = 0"]
        if level == 1
        else [", with ", assign("γ", r"\gamma", gamma), ", ", assign("β", r"\beta", beta)]
    )
    steps: list[Any] = [
        ["μ = ", mean, ", deviations x − μ = ", vec(deviations), "."],
        ["σ² = (1/n)Σ(x − μ)² = ", num(variance), ", so √(σ² + ε) = √", num(root**2), " = ",
         num(root), "."],
        ["x̂ = (x − μ)/√(σ² + ε) = ", vec(normalized), "."],
    ]  # fmt: skip
    steps.append(
        ["y = γx̂ + β = ", vec(answer, exact=True), "."]
        if level == 2
        else ["With γ = 1 and β = 0, y = x̂ = ", vec(answer, exact=True), "."]
    )
    names = ", ".join(f"y{subscript(i)}" for i in range(1, n + 1))
    return Draft(
        prompt=[
            "A batch-norm layer in training mode normalizes one feature over the batch x = ",
            vec(xs),
            *affine,
            " and ",
            assign("ε", r"\varepsilon", epsilon),
            " (large, so that it matters). It computes ",
            BN,
            " with the batch mean μ and the biased batch variance σ² = (1/n)Σ(x − μ)². "
            f"Give the {n} outputs as a vector [{names}], exactly (fractions such as 4/3 are "
            "fine).",
        ],
        kind="vector",
        answer=answer,
        params={
            "x": xs,
            "eps": exact_param(epsilon),
            "gamma": exact_param(gamma),
            "beta": exact_param(beta),
        },
        solution=steps,
        hints=[
            "Mean first, then the variance over n (not n − 1).",
            "ε goes inside the square root: √(σ² + ε).",
        ],
        mistakes=mistakes,
    )


def _inference_oracle(params: Mapping[str, Any]) -> float:
    """Update the running statistics with NumPy, then normalize x with them."""
    f = {k: float_param(params[k]) for k in ("mean", "var", "eps", "gamma", "beta", "momentum")}
    mean, var = f["mean"], f["var"]
    if params["batch"]:
        batch = np.array(params["batch"], dtype=float)
        mean = (1 - f["momentum"]) * mean + f["momentum"] * batch.mean()
        var = (1 - f["momentum"]) * var + f["momentum"] * batch.var()
    return f["gamma"] * (params["x"] - mean) / np.sqrt(var + f["eps"]) + f["beta"]


def _output(gamma: Any, beta: Any, x: int, mean: Any, var: Any, eps: Any) -> Any:
    """The layer's output y = γ(x − μ)/√(σ² + ε) + β for given statistics."""
    return gamma * (x - mean) / sympy.sqrt(var + eps) + beta


@template(
    id="ml.batch-norm-inference",
    topic="ml.batch-norm",
    title="Batch norm at inference with running statistics",
    oracle=_inference_oracle,
)
def batch_norm_inference(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: normalize one input with the running mean and variance (not the last batch's).
    Level 2: first update the running statistics with a training batch and momentum α. Draws
    whose key a known mistake matches in the first three digits are drawn again."""
    while True:
        gamma = pick(rng, [sympy.S.One, *_GAMMAS])
        beta = sympy.Integer(int(rng.integers(-2, 3)))
        x = int(rng.integers(-4, 9))
        momentum = sympy.S.Zero
        batch: list[int] = []
        if level == 1:
            root = pick(rng, _ROOTS[:6])
            epsilon = pick(rng, _EPSILONS)
            run_var = root**2 - epsilon
            run_mean = Rational(int(rng.integers(-20, 41)), 10)
            batch_mean = run_mean + Rational(int(rng.integers(-15, 16)) or 7, 10)
            batch_var = run_var + Rational(int(rng.integers(1, 17)), 4)
            mean, var = run_mean, run_var
            old_mean, old_var = run_mean, run_var
            stats_text: list[Any] = [
                "The running estimates are μ = ", num(run_mean), " and σ² = ", num(run_var),
                "; the last training batch had mean ", num(batch_mean), " and variance ",
                num(batch_var), ". ",
            ]  # fmt: skip
            steps: list[Any] = [["At inference use the running estimates, not any batch's."]]
        else:
            momentum = pick(rng, [Rational(1, 10), Rational(1, 5), Rational(1, 4), Rational(1, 2)])
            while True:
                batch_center, deviations = _batch(rng, 4)
                batch = [batch_center + d for d in deviations]
                batch_mean = Rational(batch_center)
                batch_var = Rational(sum(d * d for d in deviations), 4)
                old_mean = Rational(int(rng.integers(-20, 41)), 10)
                # Work back from a round √(σ² + ε) to the old running variance it needs.
                epsilon = pick(rng, _EPSILONS)
                root = pick(rng, _ROOTS[:6])
                old_var = (root**2 - epsilon - momentum * batch_var) / (1 - momentum)
                mean = (1 - momentum) * old_mean + momentum * batch_mean
                var = (1 - momentum) * old_var + momentum * batch_var
                if (
                    old_var > 0
                    and 100 % old_var.q == 0
                    and old_mean != batch_mean
                    and old_var != batch_var
                ):
                    break
            stats_text = [
                "Its running estimates are μ = ", num(old_mean), " and σ² = ", num(old_var),
                "; it updates them as running ← (1 − α)·running + α·(batch statistic) with ",
                assign("α", r"\alpha", momentum), ", using the biased batch variance. "
                "A training batch ", vec(batch), " passes through, then the layer is switched "
                "to inference. ",
            ]  # fmt: skip
            steps = [
                ["Batch mean ", num(batch_mean), ", batch variance ", num(batch_var), "."],
                ["New running mean ", num(mean), ", new running variance ", num(var), "."],
            ]
        answer = gamma * (x - mean) / root + beta
        output = partial(_output, gamma, beta, x)
        candidates: list[tuple[Any, str]] = [
            (output(batch_mean, batch_var, epsilon),
             "At inference the running statistics replace the batch's."),
            (output(mean, var, 0), "Add ε to the variance before the square root."),
            (beta * (x - mean) / root + gamma, "γ scales and β shifts: y = γx̂ + β."),
        ]  # fmt: skip
        if level == 2:
            candidates += [
                (output(old_mean, old_var, epsilon),
                 "Update the running statistics with the batch first."),
                (
                    output(momentum * old_mean + (1 - momentum) * batch_mean,
                           momentum * old_var + (1 - momentum) * batch_var, epsilon),
                    "The old running value keeps weight 1 − α; the batch gets α.",
                ),
            ]  # fmt: skip
        mistakes = distinct_mistakes("number", answer, candidates, gap=MIN_GAP)
        if all(apart_when_rounded(answer, value) for value, _ in mistakes):
            break
    steps += [
        ["√(σ² + ε) = √", num(root**2), " = ", num(root), "."],
        ["y = γ(x − μ)/√(σ² + ε) + β = ", answer, "."],
    ]
    return Draft(
        prompt=[
            "A batch-norm layer (one feature) has ",
            assign("γ", r"\gamma", gamma),
            ", ",
            assign("β", r"\beta", beta),
            ", ",
            assign("ε", r"\varepsilon", epsilon),
            ". ",
            *stats_text,
            "In inference mode, what does it output for the input ",
            assign("x", "x", x),
            "? Give it exactly (a fraction such as 4/3 is fine).",
        ],
        kind="number",
        answer=answer,
        params={
            "mean": exact_param(old_mean),
            "var": exact_param(old_var),
            "eps": exact_param(epsilon),
            "gamma": exact_param(gamma),
            "beta": exact_param(beta),
            "momentum": exact_param(momentum),
            "batch": batch,
            "x": x,
        },
        solution=steps,
        hints=[
            "Inference uses the running mean and variance, so the output does not depend on "
            "the other examples.",
            "y = γ(x − μ)/√(σ² + ε) + β.",
        ],
        mistakes=mistakes,
    )


__all__ = ["batch_norm_inference", "batch_norm_train"]
