"""KL-divergence templates: discrete distributions, Gaussians, and the Gaussian KL formula."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import sympy

from quizmath.questions.draw import pick, probabilities
from quizmath.questions.mistakes import distinct_mistakes
from quizmath.questions.model import Draft
from quizmath.questions.params import exact_param, float_param
from quizmath.questions.registry import template
from quizmath.questions.render import Math
from quizmath.questions.templates.it_shared import (
    DECIMAL_REL_TOL,
    LOG2,
    MIN_DECIMAL_KEY,
    kl,
    log_sum,
    log_terms,
)
from quizmath.questions.templates.op_shared import MIN_GAP, approx, seq

R = sympy.Rational
KL_PQ = Math("KL(P‖Q)", r"\mathrm{KL}(P\,\|\,Q)")
KL_QP = Math("KL(Q‖P)", r"\mathrm{KL}(Q\,\|\,P)")
DENOMINATORS = (4, 5, 6, 8, 10, 12)


def _kl_discrete_oracle(params: Mapping[str, Any]) -> float:
    """Σ pᵢ log(pᵢ/qᵢ) by a direct NumPy sum."""
    p, q = float_param(params["p"]), float_param(params["q"])
    return float(np.sum(p * np.log(p / q)))


@template(
    id="it.kl-discrete",
    topic="it.kl",
    title="KL divergence of two discrete distributions",
    oracle=_kl_discrete_oracle,
)
def kl_discrete(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: KL(P‖Q) in nats for 2–3 outcomes. Level 2: the same for 3–4 outcomes."""
    size = int(rng.integers(2, 4)) if level == 1 else int(rng.integers(3, 5))
    while True:
        p = probabilities(rng, size, pick(rng, [d for d in DENOMINATORS if d >= size]))
        q = probabilities(rng, size, pick(rng, [d for d in DENOMINATORS if d >= size]))
        answer = kl(p, q)
        if float(answer) >= MIN_DECIMAL_KEY:
            break
    candidates = [
        (kl(q, p), "That is KL(Q‖P): KL is not symmetric. KL(P‖Q) weights the log-ratio "
         "log(pᵢ/qᵢ) by P's probabilities."),
        (kl(p, q, bits=True), "That is the value in bits (log base 2); the question asks for nats, "
         "the natural log."),
    ]  # fmt: skip
    expansion = log_terms([(pi, pi / qi) for pi, qi in zip(p, q, strict=True)])
    prompt = ["P = ", seq(p), " and Q = ", seq(q), f" are distributions on the same {size} "
              "outcomes. Compute ", KL_PQ, " in nats (natural log), exactly (a sum of logs) or "
              "as a decimal rounded to 4 decimal places."]  # fmt: skip
    return Draft(
        prompt=prompt,
        kind="number",
        answer=answer,
        params={"p": exact_param(p), "q": exact_param(q)},
        solution=[
            [KL_PQ, " = Σ pᵢ·log(pᵢ/qᵢ) = ", expansion, "."],
            [
                "Adding the terms (a term with pᵢ = qᵢ is 0): ",
                KL_PQ,
                " = ",
                answer,
                " ≈ ",
                approx(answer),
                " nats.",
            ],
        ],
        hints=[
            "KL(P‖Q) = Σ pᵢ log(pᵢ/qᵢ): the weights come from P, the first argument.",
            "Use the natural log; divide by log 2 only for bits.",
        ],
        mistakes=distinct_mistakes("number", answer, candidates, gap=MIN_GAP),
        rel_tol=DECIMAL_REL_TOL,
        decimals=4,
    )


def _gaussian_kl_numeric(m1: float, v1: float, m2: float, v2: float) -> float:
    """∫ p log(p/q) dx by the trapezoid rule on a wide grid (both densities are Gaussian)."""
    s1, s2 = np.sqrt(v1), np.sqrt(v2)
    low = min(m1 - 14 * s1, m2 - 14 * s2)
    high = max(m1 + 14 * s1, m2 + 14 * s2)
    grid = np.linspace(low, high, 40001)
    log_p = -0.5 * (grid - m1) ** 2 / v1 - 0.5 * np.log(2 * np.pi * v1)
    log_q = -0.5 * (grid - m2) ** 2 / v2 - 0.5 * np.log(2 * np.pi * v2)
    integrand = np.exp(log_p) * (log_p - log_q)
    return float(np.sum((integrand[1:] + integrand[:-1]) / 2 * np.diff(grid)))


def _gaussian_kl_oracle(params: Mapping[str, Any]) -> float:
    """Numerical integration of p log(p/q), in nats or bits."""
    m1, v1, m2, v2 = (float_param(v) for v in params["first"] + params["second"])
    value = _gaussian_kl_numeric(m1, v1, m2, v2)
    return value / np.log(2) if params["unit"] == "bits" else value


def _half_log_ratio(top: Any, bottom: Any, bits: bool = False) -> sympy.Expr:
    """½·log(top/bottom) for variances, over logs of primes; a variance s² gives log s."""
    total = sympy.Integer(0)
    for variance, sign in ((top, 1), (bottom, -1)):
        if variance.is_Rational:
            total += sign * log_sum([(R(1, 2), variance)], bits)
        else:
            total += sign * sympy.log(variance.base) / (LOG2 if bits else 1)
    return total


def _gaussian_kl(m1: Any, v1: Any, m2: Any, v2: Any, bits: bool = False) -> sympy.Expr:
    """KL(N(m1, v1) ‖ N(m2, v2)) = ½ log(v2/v1) + (v1 + (m1 − m2)²)/(2 v2) − ½."""
    rest = (v1 + (m1 - m2) ** 2) / (2 * v2) - R(1, 2)
    return _half_log_ratio(v2, v1, bits) + (rest / LOG2 if bits else rest)


VARIANCES = (R(1, 4), R(1), R(4), R(9), R(2))


def _normal(mean: Any, variance: Any) -> Math:
    return Math(f"N({sympy.sstr(mean)}, {sympy.sstr(variance)})".replace("-", "−"),
                rf"\mathcal{{N}}({sympy.latex(mean)}, {sympy.latex(variance)})")  # fmt: skip


@template(
    id="it.kl-gaussian",
    topic="it.kl",
    title="KL divergence between two Gaussians",
    oracle=_gaussian_kl_oracle,
)
def kl_gaussian(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: equal variances, where KL = (μ₁ − μ₂)²/(2σ²) is symmetric. Level 2: different
    variances, where the log term appears and the two directions differ."""
    m1 = int(rng.integers(-3, 4))
    m2 = m1 + pick(rng, (-3, -2, -1, 1, 2, 3)) if level == 1 else int(rng.integers(-3, 4))
    v1 = pick(rng, VARIANCES)
    v2 = v1 if level == 1 else pick(rng, [v for v in VARIANCES if v != v1])
    unit = "nats" if level == 1 or rng.random() < 0.5 else "bits"
    bits = unit == "bits"
    scale = 1 / LOG2 if bits else 1
    nats = _gaussian_kl(m1, v1, m2, v2)
    answer = _gaussian_kl(m1, v1, m2, v2, bits)
    candidates = [
        (_gaussian_kl(m2, v2, m1, v1, bits), "That is KL(Q‖P): with different variances the "
         "two directions differ. The ½·log(σ₂²/σ₁²) term has the second variance on top."),
        ((m1 - m2) ** 2 / v1 * scale if level == 1 else (answer + R(1, 2) * scale),
         "Keep the ½: (μ₁ − μ₂)²/(2σ²)." if level == 1 else "Subtract the ½ at the end: KL of "
         "a distribution to itself must be 0."),
        (_gaussian_kl(m1, v1, m2, v2, not bits), f"Wrong unit: the question asks for {unit}."),
    ]  # fmt: skip
    if level == 1:
        candidates.append(
            ((m1 - m2) ** 2 / (2 * sympy.sqrt(v1)) * scale, "The second parameter of N(μ, σ²) "
             "is the variance σ², not the standard deviation.")
        )  # fmt: skip
    p_text, q_text = _normal(m1, v1), _normal(m2, v2)
    formula = Math("KL = ½·log(σ₂²/σ₁²) + (σ₁² + (μ₁ − μ₂)²)/(2σ₂²) − ½",
                   r"\mathrm{KL} = \tfrac12\log\frac{\sigma_2^2}{\sigma_1^2} + "
                   r"\frac{\sigma_1^2 + (\mu_1 - \mu_2)^2}{2\sigma_2^2} - \tfrac12")  # fmt: skip
    values = ["Here σ₁² = ", v1, ", σ₂² = ", v2, ", μ₁ − μ₂ = ", m1 - m2, ", so KL = ", nats]
    if bits:
        last = [["In bits, divide by log 2: KL = ", answer, " ≈ ", approx(answer), " bits."]]
        values.append(" nats.")
    else:
        last = []
        values += ([] if answer.is_Integer else [" ≈ ", approx(answer)]) + [" nats."]
    prompt = ["P = ", p_text, " and Q = ", q_text, " are normal distributions (mean, variance). "
              "Compute ", KL_PQ, f" in {unit}, exactly or to 4 significant digits."]  # fmt: skip
    return Draft(
        prompt=prompt,
        kind="number",
        answer=answer,
        params={
            "first": exact_param([m1, v1]),
            "second": exact_param([m2, v2]),
            "unit": unit,
        },
        solution=[["For univariate Gaussians, ", formula, "."], values, *last],
        hints=[
            "KL(N(μ₁, σ₁²)‖N(μ₂, σ₂²)) = log(σ₂/σ₁) + (σ₁² + (μ₁ − μ₂)²)/(2σ₂²) − ½.",
            "With equal variances only the squared mean difference remains.",
        ],
        mistakes=distinct_mistakes("number", answer, candidates, gap=MIN_GAP),
    )


def _formula_oracle(params: Mapping[str, Any]) -> Callable[..., float]:
    """The KL at each point by numerical integration of p log(p/q)."""
    mean, variance = (
        float_param(params["mean"]),
        float_param(params["variance"]),
    )
    fixed_std = params["std"]

    def value(m: float, s: float | None = None) -> float:
        var_free = float_param(fixed_std) ** 2 if s is None else s * s
        if params["free_first"]:
            return _gaussian_kl_numeric(m, var_free, mean, variance)
        return _gaussian_kl_numeric(mean, variance, m, var_free)

    return value


@template(
    id="it.kl-gaussian-formula",
    topic="it.kl",
    title="Gaussian KL divergence in closed form",
    oracle=_formula_oracle,
)
def kl_gaussian_formula(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: the KL as a function of one Gaussian's mean m (both variances given). Level 2: as
    a function of that Gaussian's mean m and standard deviation s, as in a VAE's KL term."""
    m, s = sympy.symbols("m s")
    mean = int(rng.integers(-4, 5))
    variance = pick(rng, VARIANCES)
    free_first = bool(rng.random() < 0.5)
    if level == 1:
        fixed_std = pick(rng, (R(1, 2), R(1), R(2), R(3)))
        free_var: sympy.Expr = fixed_std**2
        variables: tuple[str, ...] = ("m",)
        domain: dict[str, tuple[float, float]] = {}
        free_text = _normal(m, free_var)
    else:
        fixed_std = None
        free_var = s**2
        variables = ("m", "s")
        domain = {"s": (0.5, 3.0)}
        free_text = Math("N(m, s²)", r"\mathcal{N}(m, s^2)")
    fixed_text = _normal(mean, variance)
    if free_first:
        answer = _gaussian_kl(m, free_var, mean, variance)
        reverse = _gaussian_kl(mean, variance, m, free_var)
        p_text, q_text = free_text, fixed_text
    else:
        answer = _gaussian_kl(mean, variance, m, free_var)
        reverse = _gaussian_kl(m, free_var, mean, variance)
        p_text, q_text = fixed_text, free_text
    p_var, q_var = (free_var, variance) if free_first else (variance, free_var)
    mistakes: list[tuple[Any, str]] = [
        (answer + R(1, 2), "Subtract ½: the KL of a distribution to itself must be 0."),
    ]
    if level == 2 or p_var != q_var:
        mistakes += [
            (reverse, "That is the other direction: in KL(P‖Q) the log term is "
             "½·log(σ_Q²/σ_P²) and the quadratic term is divided by 2σ_Q²."),
            (answer + _half_log_ratio(q_var, p_var), "log(σ_Q/σ_P) = ½·log(σ_Q²/σ_P²): keep "
             "the ½ on the log of the variance ratio."),
        ]  # fmt: skip
    formula = Math("KL(N(μ₁, σ₁²)‖N(μ₂, σ₂²)) = ½·log(σ₂²/σ₁²) + (σ₁² + (μ₁ − μ₂)²)/(2σ₂²) − ½",
                   r"\mathrm{KL}(\mathcal{N}(\mu_1,\sigma_1^2)\|\mathcal{N}(\mu_2,\sigma_2^2)) = "
                   r"\tfrac12\log\frac{\sigma_2^2}{\sigma_1^2} + \frac{\sigma_1^2 + (\mu_1 - "
                   r"\mu_2)^2}{2\sigma_2^2} - \tfrac12")  # fmt: skip
    names = "m" if level == 1 else "m and s (s > 0)"
    prompt = ["Let P = ", p_text, " and Q = ", q_text, " (mean, variance). Write ", KL_PQ,
              f" in nats as an expression in {names}."]  # fmt: skip
    return Draft(
        prompt=prompt,
        kind="expression",
        answer=answer,
        params={
            "mean": exact_param(mean),
            "variance": exact_param(variance),
            "std": None if fixed_std is None else exact_param(fixed_std),
            "free_first": free_first,
        },
        variables=variables,
        domain=domain,
        solution=[
            [formula, "."],
            ["Here σ₁² = ", p_var, " and σ₂² = ", q_var, ", so ", KL_PQ, " = ", answer, "."],
        ],
        hints=[
            "Identify which distribution is P (first argument) and which is Q.",
            "KL(N(μ₁, σ₁²)‖N(μ₂, σ₂²)) = log(σ₂/σ₁) + (σ₁² + (μ₁ − μ₂)²)/(2σ₂²) − ½.",
        ],
        mistakes=mistakes,
    )


__all__ = ["kl_discrete", "kl_gaussian", "kl_gaussian_formula"]
