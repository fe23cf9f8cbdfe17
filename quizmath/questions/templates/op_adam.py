"""Adaptive-optimizer templates: Adam steps with bias correction, its moments, and RMSprop."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import sympy

from quizmath.checking.spec import DEFAULT_REL_TOL
from quizmath.questions.draw import nonzero, pick
from quizmath.questions.mistakes import distinct_mistakes
from quizmath.questions.model import Draft
from quizmath.questions.notation import subscript, superscript
from quizmath.questions.params import exact_param, float_param
from quizmath.questions.registry import template
from quizmath.questions.render import Math, unicode_math
from quizmath.questions.templates.op_shared import MIN_GAP, approx, decimal, grp, par

R = sympy.Rational
BETA1, BETA2, RHO = R(9, 10), R(999, 1000), R(9, 10)
EPSILON = 1e-8
LEARNING_RATES = (R(1, 10), R(1, 5), R(1, 2), R(1, 20))
STEP_REL_TOL = 2e-4
"""Every θ asked to 4 decimal places has |θ| ≥ 0.5, so a rounded answer is within 1e-4 of it."""
M_HAT = Math("m̂", r"\hat m")
V_HAT = Math("v̂", r"\hat v")
ADAM_UPDATE = Math(
    "m_t = β₁·m_{t−1} + (1 − β₁)·g_t, v_t = β₂·v_{t−1} + (1 − β₂)·g_t², "
    "θ_t = θ_{t−1} − α·m̂_t/(√v̂_t + ε) with m̂_t = m_t/(1 − β₁ᵗ), v̂_t = v_t/(1 − β₂ᵗ)",
    r"m_t = \beta_1 m_{t-1} + (1-\beta_1) g_t,\ v_t = \beta_2 v_{t-1} + (1-\beta_2) g_t^2,\ "
    r"\theta_t = \theta_{t-1} - \alpha\,\hat m_t/(\sqrt{\hat v_t} + \epsilon)"
    r" \text{ with } \hat m_t = m_t/(1-\beta_1^t),\ \hat v_t = v_t/(1-\beta_2^t)",
)


def _adam_oracle(params: Mapping[str, Any]) -> float:
    """Adam's update loop in floating point, ε included."""
    beta1, beta2 = float_param(params["beta1"]), float_param(params["beta2"])
    alpha, theta = float_param(params["alpha"]), float_param(params["theta0"])
    m = v = 0.0
    for t, g in enumerate(float_param(params["gradients"]), start=1):
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        m_hat, v_hat = m / (1 - beta1**t), v / (1 - beta2**t)
        theta -= alpha * m_hat / (np.sqrt(v_hat) + EPSILON)
    return theta


def _adam_steps(gradients: Sequence[int], alpha: Any, theta0: int, correct: bool = True) -> list:
    """θ after each Adam step, ε neglected; ``correct=False`` skips the bias correction."""
    m = v = sympy.Integer(0)
    thetas = [sympy.Integer(theta0)]
    for t, g in enumerate(gradients, start=1):
        m = BETA1 * m + (1 - BETA1) * g
        v = BETA2 * v + (1 - BETA2) * g**2
        m_hat = m / (1 - BETA1**t) if correct else m
        v_hat = v / (1 - BETA2**t) if correct else v
        thetas.append(thetas[-1] - alpha * m_hat / sympy.sqrt(v_hat))
    return thetas


@template(
    id="op.adam-step",
    topic="op.adam",
    title="Adam update with bias correction",
    oracle=_adam_oracle,
)
def adam_step(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: the first Adam step, whose size is α whatever the gradient's scale.
    Level 2: two steps, where the bias-corrected moments mix both gradients."""
    while True:
        theta0 = nonzero(rng, -3, 3)
        alpha = pick(rng, LEARNING_RATES)
        gradients = [nonzero(rng, -6, 6) for _ in range(level)]
        thetas = _adam_steps(gradients, alpha, theta0)
        if abs(float(thetas[-1])) >= 0.5:
            break
    answer = _rounded(thetas[-1])
    raw = _rounded(_adam_steps(gradients, alpha, theta0, correct=False)[-1])
    flipped = _rounded(2 * theta0 - thetas[-1])
    candidates: list[tuple[Any, str]] = [
        (raw, "Without bias correction m and v are biased towards 0 early on (m₁ = 0.1·g, "
         "v₁ = 0.001·g²): divide by 1 − β₁ᵗ and 1 − β₂ᵗ."),
        (flipped, "Sign error: Adam subtracts α·m̂/(√v̂ + ε)."),
    ]  # fmt: skip
    g1 = gradients[0]
    solution: list[Any] = [
        ["t = 1: m₁ = 0.1·", par(g1), " = ", R(1, 10) * g1, ", v₁ = 0.001·", par(g1), "² = ",
         R(1, 1000) * g1**2, ", so ", M_HAT, "₁ = m₁/(1 − 0.9) = ", g1, " and ", V_HAT,
         "₁ = v₁/(1 − 0.999) = ", g1**2, "."],
        ["θ₁ = θ₀ − α·", M_HAT, "₁/√", V_HAT, "₁ = ", theta0, " − ", decimal(alpha), "·",
         par(g1), "/", abs(g1), " = ", thetas[1], ": the first step has length α."],
    ]  # fmt: skip
    if level == 1:
        candidates.append(
            (theta0 - alpha * g1, "That is a plain gradient step: Adam divides by √v̂, so the "
             "first step has length α whatever the gradient's scale.")
        )  # fmt: skip
        ask = "θ₁ exactly (a fraction or a terminating decimal)"
        rel_tol = DEFAULT_REL_TOL
    else:
        g2 = gradients[1]
        m2 = R(9, 100) * g1 + R(1, 10) * g2
        v2 = R(999, 1000000) * g1**2 + R(1, 1000) * g2**2
        m_hat, v_hat = m2 / R(19, 100), v2 / R(1999, 1000000)
        candidates.append((thetas[1], "That is θ₁: take the second step with g₂ as well."))
        solution += [
            ["t = 2: m₂ = 0.9·m₁ + 0.1·", par(g2), " = ", m2, ", v₂ = 0.999·v₁ + 0.001·",
             par(g2), "² = ", v2, "."],
            [M_HAT, "₂ = m₂/(1 − 0.9²) = m₂/0.19 = ", m_hat, ", ", V_HAT,
             "₂ = v₂/(1 − 0.999²) = v₂/0.001999 = ", v_hat, "."],
            ["√", V_HAT, "₂ ≈ ", approx(sympy.sqrt(v_hat), 5), ", so θ₂ = θ₁ − α·", M_HAT, "₂/√",
             V_HAT, "₂ = ", thetas[1], " − ", decimal(alpha), "·", grp(m_hat), "/",
             approx(sympy.sqrt(v_hat), 5), " ≈ ", approx(answer), "."],
        ]  # fmt: skip
        ask = "θ₂ as a decimal rounded to 4 decimal places"
        rel_tol = STEP_REL_TOL
    return Draft(
        prompt=[
            "Adam runs with β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁸ (negligible here) and learning rate "
            "α = ",
            decimal(alpha),
            ", from θ₀ = ",
            theta0,
            " and m₀ = v₀ = 0. At step t it receives the gradient g_t and updates ",
            ADAM_UPDATE,
            f" (bias-corrected moments). {_listing(gradients)}. Give {ask}.",
        ],
        kind="number",
        answer=answer,
        params={
            "beta1": "9/10",
            "beta2": "999/1000",
            "alpha": exact_param(alpha),
            "theta0": theta0,
            "gradients": gradients,
        },
        solution=solution,
        hints=[
            "m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², then m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ).",
            "θ ← θ − α·m̂/(√v̂ + ε).",
        ],
        mistakes=distinct_mistakes("number", answer, candidates, gap=10 * rel_tol),
        rel_tol=rel_tol,
        decimals=None if level == 1 else 4,
    )


def _rmsprop_oracle(params: Mapping[str, Any]) -> float:
    """RMSprop's update loop in floating point, ε included."""
    rho, alpha = float_param(params["rho"]), float_param(params["alpha"])
    theta, v = float_param(params["theta0"]), 0.0
    for g in float_param(params["gradients"]):
        v = rho * v + (1 - rho) * g * g
        theta -= alpha * g / (np.sqrt(v) + EPSILON)
    return theta


def _rmsprop_steps(gradients: Sequence[int], alpha: Any, theta0: int, debias: bool = False) -> list:
    """θ after each RMSprop step; ``debias=True`` wrongly applies Adam's bias correction."""
    v = sympy.Integer(0)
    thetas = [sympy.Integer(theta0)]
    for t, g in enumerate(gradients, start=1):
        v = RHO * v + (1 - RHO) * g**2
        scale = v / (1 - RHO**t) if debias else v
        thetas.append(thetas[-1] - alpha * g / sympy.sqrt(scale))
    return thetas


@template(
    id="op.rmsprop-step",
    topic="op.adam",
    title="RMSprop update",
    oracle=_rmsprop_oracle,
)
def rmsprop_step(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: the first RMSprop step (length α·√10 since v₁ = 0.1·g²). Level 2: two steps,
    where the running average of g² mixes both gradients."""
    while True:
        theta0 = nonzero(rng, -3, 3)
        alpha = pick(rng, (R(1, 100), R(1, 20), R(1, 10)))
        gradients = [nonzero(rng, -6, 6) for _ in range(level)]
        thetas = _rmsprop_steps(gradients, alpha, theta0)
        if abs(float(thetas[-1])) >= 0.5:
            break
    answer = thetas[-1]
    g1 = gradients[0]
    candidates: list[tuple[Any, str]] = [
        (_rmsprop_steps(gradients, alpha, theta0, debias=True)[-1],
         "RMSprop has no bias correction: divide by √v itself, not by √(v/(1 − ρᵗ))."),
        (2 * theta0 - answer, "Sign error: RMSprop subtracts α·g/(√v + ε)."),
    ]  # fmt: skip
    if level == 1:
        candidates.append(
            (theta0 - alpha * g1 / (R(1, 10) * g1**2), "Divide by the square root of v, √v.")
        )
    v1 = R(1, 10) * g1**2
    solution: list[Any] = [
        ["v₁ = 0.9·0 + 0.1·", par(g1), "² = ", v1, ", so θ₁ = θ₀ − α·g₁/√v₁ = ", theta0, " − ",
         decimal(alpha), "·", par(g1), "/", grp(sympy.sqrt(v1)), " = ", thetas[1], "."],
    ]  # fmt: skip
    if level == 2:
        g2 = gradients[1]
        v2 = RHO * v1 + R(1, 10) * g2**2
        solution.append(
            ["v₂ = 0.9·v₁ + 0.1·", par(g2), "² = ", v2, ", √v₂ ≈ ", approx(sympy.sqrt(v2), 5),
             ", so θ₂ = θ₁ − α·g₂/√v₂ ≈ ", approx(thetas[1], 5), " − ", decimal(alpha), "·",
             par(g2), "/", approx(sympy.sqrt(v2), 5), " ≈ ", approx(answer), "."]
        )  # fmt: skip
    solution.append([f"θ{subscript(level)} = ", answer, " ≈ ", approx(answer), "."])
    ask = "θ₁" if level == 1 else "θ₂"
    return Draft(
        prompt=[
            "RMSprop runs with ρ = 0.9, learning rate α = ",
            decimal(alpha),
            ", ε = 10⁻⁸ (negligible here), from θ₀ = ",
            theta0,
            " and v₀ = 0. At step t it receives the gradient g_t and updates ",
            Math(
                "v_t = ρ·v_{t−1} + (1 − ρ)·g_t², θ_t = θ_{t−1} − α·g_t/(√v_t + ε)",
                r"v_t = \rho v_{t-1} + (1-\rho) g_t^2,\ \theta_t = \theta_{t-1} - "
                r"\alpha\, g_t / (\sqrt{v_t} + \epsilon)",
            ),
            f" (no bias correction). {_listing(gradients)}. Give {ask} exactly or as a decimal "
            "rounded to 4 decimal places.",
        ],
        kind="number",
        answer=answer,
        params={
            "rho": "9/10",
            "alpha": exact_param(alpha),
            "theta0": theta0,
            "gradients": gradients,
        },
        solution=solution,
        hints=[
            "v is a running average of g² with no bias correction.",
            "Each step divides the gradient by √v, so steps have a similar length whatever the "
            "gradient's scale.",
        ],
        mistakes=distinct_mistakes("number", answer, candidates, gap=10 * STEP_REL_TOL),
        rel_tol=STEP_REL_TOL,
        decimals=4,
    )


def _moment_oracle(params: Mapping[str, Any]) -> float:
    """The exponential moving average by direct recursion, then divided by 1 − βᵗ."""
    beta = float_param(params["beta1"])
    m = 0.0
    gradients = float_param(params["gradients"])
    for g in gradients:
        m = beta * m + (1 - beta) * g
    return m / (1 - beta ** len(gradients))


@template(
    id="op.adam-moments",
    topic="op.adam",
    title="Adam's bias-corrected first moment",
    oracle=_moment_oracle,
)
def adam_moments(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: m̂₂ with β₁ = 0.9 from two gradients. Level 2: m̂₃ from three gradients with a
    β₁ that may differ from the default."""
    count = level + 1
    beta = BETA1 if level == 1 else pick(rng, (R(9, 10), R(4, 5), R(1, 2)))
    while True:
        gradients = [nonzero(rng, -5, 5) for _ in range(count)]
        m = sympy.Integer(0)
        for g in gradients:
            m = beta * m + (1 - beta) * g
        if m != 0 and len(set(gradients)) > 1:
            break
    correction = 1 - beta**count
    answer = m / correction
    weights = [(1 - beta) * beta ** (count - t) for t in range(1, count + 1)]
    candidates = [
        (m, f"That is m{subscript(count)} before bias correction: divide by 1 − β₁ᵗ."),
        (m / (1 - beta), "The correction divides by 1 − β₁ᵗ, t being the step number, "
         "not by 1 − β₁."),
        (sympy.Rational(sum(gradients), count), "A plain average ignores the exponential weights: "
         "later gradients weigh more."),
    ]  # fmt: skip
    sub = subscript(count)
    terms = " + ".join(
        f"{decimal(w)}·{unicode_math(par(g))}" for w, g in zip(weights, gradients, strict=True)
    )
    return Draft(
        prompt=[
            "Adam's first moment starts at m₀ = 0 and follows ",
            Math("m_t = β₁·m_{t−1} + (1 − β₁)·g_t", r"m_t = \beta_1 m_{t-1} + (1-\beta_1) g_t"),
            f" with β₁ = {decimal(beta)}. {_listing(gradients)}. Give the bias-corrected moment ",
            Math(
                f"m̂{sub} = m{sub}/(1 − β₁{superscript(count)})",
                rf"\hat m_{count} = m_{count}/(1 - \beta_1^{count})",
            ),
            " as an exact fraction (or a decimal to 4 significant digits).",
        ],  # fmt: skip
        kind="number",
        answer=answer,
        params={"beta1": exact_param(beta), "gradients": gradients},
        solution=[
            [f"Unrolled, m{sub} = (1 − β₁)·Σᵢ β₁^({count} − i)·gᵢ = {terms} = ", m, "."],
            [
                f"1 − β₁{superscript(count)} = ",
                correction,
                f", the sum of the weights, so m̂{sub} = ",
                grp(m),
                "/",
                grp(correction),
                " = ",
                answer,
                ".",
            ],
        ],  # fmt: skip
        hints=[
            "Unroll the recursion: the weights (1 − β₁)β₁^(t−i) sum to 1 − β₁ᵗ.",
            "Dividing by 1 − β₁ᵗ turns the weights into a proper weighted average.",
        ],
        mistakes=distinct_mistakes("number", answer, candidates, gap=MIN_GAP),
    )


def _rounded(value: sympy.Expr) -> sympy.Expr:
    """Keep a rational as is; show a surd-laden value as a 10-digit decimal."""
    return value if value.is_Rational else sympy.Float(sympy.N(value, 20), 10)


def _listing(gradients: Sequence[int]) -> str:
    """``The gradients are g₁ = 3, g₂ = −1`` (or ``The gradient is g₁ = 3``) for a prompt."""
    values = ", ".join(
        f"g{subscript(t)} = {unicode_math(g)}" for t, g in enumerate(gradients, start=1)
    )
    return ("The gradient is " if len(gradients) == 1 else "The gradients are ") + values


__all__ = ["adam_moments", "adam_step", "rmsprop_step"]
