"""Generative-model templates: the GAN's optimal discriminator, the VAE's Gaussian KL term and
ELBO, and the marginal q(x_t | x₀) of the diffusion forward process."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy
from sympy import Rational

from quizmath.checking.functions import sigmoid
from quizmath.questions.draw import pick, probabilities
from quizmath.questions.mistakes import distinct_mistakes
from quizmath.questions.model import Draft
from quizmath.questions.notation import subscript
from quizmath.questions.params import exact_param, float_param
from quizmath.questions.registry import template
from quizmath.questions.render import Math, latex_math, unicode_math
from quizmath.questions.templates.ml_common import (
    MIN_GAP,
    SIG4,
    approx,
    assign,
    near_integer,
    num,
    vec,
)

D_STAR = Math(
    "D*(x) = p_data(x) / (p_data(x) + p_g(x))",
    r"D^*(x) = \frac{p_{\text{data}}(x)}{p_{\text{data}}(x) + p_g(x)}",
)


def _gan_oracle(params: Mapping[str, Any]) -> float:
    """Densities evaluated with NumPy, then D* or the value of the GAN game at D*."""
    if params["case"] == "values":
        data, model = float_param(params["p_data"]), float_param(params["p_g"])
        return data / (data + model)
    if params["case"] == "gaussians":
        x, sd = params["x"], params["sd"]

        def pdf(mean: float) -> float:
            return float(np.exp(-((x - mean) ** 2) / (2 * sd**2)) / (sd * np.sqrt(2 * np.pi)))

        data, model = pdf(params["mu_data"]), pdf(params["mu_g"])
        return data / (data + model)
    data, model = float_param(params["p_data"]), float_param(params["p_g"])
    best = data / (data + model)
    return float(np.sum(data * np.log(best)) + np.sum(model * np.log(1 - best)))


@template(
    id="ml.gan-discriminator",
    topic="ml.generative",
    title="The GAN's optimal discriminator",
    oracle=_gan_oracle,
    levels=3,
)
def gan_discriminator(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: D*(x) from the two density values. Level 2: D*(x) for two Gaussians with equal
    variance (a sigmoid of a log-density ratio). Level 3: the value V(D*, G) of the game for
    discrete distributions, which equals −log 4 + 2·JSD."""
    if level == 1:
        data, model = (Rational(int(v), 20) for v in rng.choice(np.arange(1, 31), 2, replace=False))
        answer: Any = data / (data + model)
        candidates: list[tuple[Any, str]] = [
            (model / (data + model), "D* is the probability that x is real: p_data on top."),
            (data / model, "Divide by the sum p_data + p_g, not by p_g alone."),
            (Rational(1, 2), "D* = 1/2 only where p_g = p_data."),
        ]
        prompt: list[Any] = [
            "At a point x, the data density is p_data(x) = ", num(data),
            " and the generator's density is p_g(x) = ", num(model),
            ". For this fixed generator, what is the optimal discriminator's output D*(x)? "
            "Give an exact number.",
        ]  # fmt: skip
        params: dict[str, Any] = {
            "case": "values",
            "p_data": exact_param(data),
            "p_g": exact_param(model),
        }
        steps: list[Any] = [[D_STAR, "."], ["D*(x) = ", num(data), "/(", num(data), " + ",
                                            num(model), ") = ", answer, "."]]  # fmt: skip
    elif level == 2:
        sd = pick(rng, [1, 2])
        while True:
            mu_data, mu_g = (int(v) for v in rng.integers(-3, 4, size=2))
            x = int(rng.integers(-3, 4))
            logit = Rational((x - mu_g) ** 2 - (x - mu_data) ** 2, 2 * sd * sd)
            if mu_data != mu_g and logit != 0 and abs(logit) <= 4:
                break
        answer = sigmoid(logit)
        candidates = [
            (sigmoid(-logit), "D* is the probability that x is real: p_data on top."),
            (sympy.exp(logit), "p_data/p_g is the odds; D* = odds/(1 + odds)."),
            (sigmoid(2 * logit), "The Gaussian exponent is −(x − μ)²/(2σ²): keep the 2."),
        ]
        prompt = [
            (
                f"The data are N({mu_data}, {sd * sd}) and the generator produces N({mu_g}, "
                f"{sd * sd}) (mean, variance). What does the optimal discriminator output at "
                f"x = {x}? "
            ).replace("-", "−"),
            f"Give it {SIG4} (sigmoid allowed).",
        ]
        params = {"case": "gaussians", "mu_data": mu_data, "mu_g": mu_g, "sd": sd, "x": x}
        steps = [
            [D_STAR, " = σ(log p_data(x) − log p_g(x))."],
            ["The normalizing constants cancel: log p_data − log p_g = "
             "((x − μ_g)² − (x − μ_data)²)/(2σ²) = ", logit, "."],
            ["D*(x) = ", answer, " ≈ ", approx(answer), "."],
        ]  # fmt: skip
    else:
        while True:
            data, model = probabilities(rng, 3, 10), probabilities(rng, 3, 10)
            best = [p / (p + q) for p, q in zip(data, model, strict=True)]
            value = math.fsum(
                [float(p) * math.log(d) for p, d in zip(data, best, strict=True)]
                + [float(q) * math.log(1 - d) for q, d in zip(model, best, strict=True)]
            )
            if data != model and not near_integer(value):
                break
        # Six logarithms of fractions: the exact sum is unreadable, so the key is its decimal.
        answer = sympy.Float(value, 10)
        candidates = [
            (-sympy.log(4), "−log 4 is the value only when p_g = p_data."),
            (
                sympy.Float(value + math.log(4), 10),
                "V(D*, G) = −log 4 + 2·JSD: keep the −log 4.",
            ),
            (-answer, "Both terms are logs of numbers below 1: V(D*, G) is negative."),
        ]
        terms = [
            *[(p, d) for p, d in zip(data, best, strict=True)],
            *[(q, 1 - d) for q, d in zip(model, best, strict=True)],
        ]
        expansion = " + ".join(f"{unicode_math(num(w))}·log({unicode_math(d)})" for w, d in terms)
        expansion_latex = " + ".join(
            rf"{latex_math(num(w))}\log\left({latex_math(d)}\right)" for w, d in terms
        )
        prompt = [
            "On three outcomes the data distribution is p_data = ", vec(data),
            " and the generator's is p_g = ", vec(model),
            ". With the optimal discriminator D*, what is the value of the GAN objective "
            "V(D*, G) = E_data[log D*(x)] + E_g[log(1 − D*(x))] in nats? "
            "Give it to 4 significant digits.",
        ]  # fmt: skip
        params = {"case": "discrete", "p_data": exact_param(data),
                  "p_g": exact_param(model)}  # fmt: skip
        steps = [
            [D_STAR, " = ", vec(best, exact=True), " on the three outcomes."],
            [
                "V = Σ p_data log D* + Σ p_g log(1 − D*) = ",
                Math(expansion, expansion_latex),
                ".",
            ],
            ["V ≈ ", approx(answer, 6), " (= −log 4 + 2·JSD(p_data ‖ p_g))."],
        ]
    mistakes = distinct_mistakes("number", answer, candidates, gap=MIN_GAP)
    return Draft(
        prompt=prompt,
        kind="number",
        answer=answer,
        params=params,
        solution=steps,
        hints=[
            "For fixed G, maximize p_data·log D + p_g·log(1 − D) pointwise in D.",
            "The maximizer is D* = p_data/(p_data + p_g).",
        ],
        mistakes=mistakes,
    )


def _gaussian_kl_numeric(mean: float, variance: float) -> float:
    """KL(N(mean, variance) ‖ N(0, 1)) by the trapezoid rule on log-densities."""
    sd = np.sqrt(variance)
    z = np.linspace(mean - 14 * sd, mean + 14 * sd, 200_001)
    log_q = -0.5 * np.log(2 * np.pi * variance) - (z - mean) ** 2 / (2 * variance)
    log_p = -0.5 * np.log(2 * np.pi) - z**2 / 2
    integrand = np.exp(log_q) * (log_q - log_p)
    return float(np.sum((integrand[1:] + integrand[:-1]) / 2 * np.diff(z)))


def _vae_oracle(params: Mapping[str, Any]) -> float:
    """Numerical KL per latent dimension (the posterior factorizes), plus the reconstruction."""
    means = float_param(params["mu"])
    variances = (
        np.exp(np.array(params["log_var"], dtype=float))
        if "log_var" in params
        else float_param(params["var"])
    )
    kl = sum(_gaussian_kl_numeric(m, v) for m, v in zip(means, variances, strict=True))
    if params["reconstruction"] is None:
        return kl
    return float_param(params["reconstruction"]) - kl


@template(
    id="ml.vae-kl",
    topic="ml.generative",
    title="The VAE's Gaussian KL term and ELBO",
    oracle=_vae_oracle,
    levels=3,
)
def vae_kl(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: KL(N(μ, σ²) ‖ N(0, 1)) in one dimension. Level 2: two latent dimensions given by
    the encoder's mean and log-variance. Level 3: the ELBO from a reconstruction term and KL."""
    kl_formula = Math(
        "KL(N(μ, σ²) ‖ N(0, 1)) = ½(σ² + μ² − 1 − log σ²)",
        r"\mathrm{KL}(\mathcal N(\mu, \sigma^2)\,\|\,\mathcal N(0, 1)) = "
        r"\tfrac12(\sigma^2 + \mu^2 - 1 - \log\sigma^2)",
    )
    reconstruction = None
    while True:
        if level == 1:
            mean = Rational(int(rng.integers(-4, 5)), 2)
            variance = pick(rng, [Rational(1, 4), Rational(1, 2), Rational(2), Rational(4),
                                  Rational(1, 9), Rational(9), Rational(3)])  # fmt: skip
            means, variances = [mean], [variance]
            logs = [sympy.log(variance)]
            params: dict[str, Any] = {"mu": exact_param([mean]), "var": exact_param([variance])}
            given: list[Any] = [
                "The encoder's posterior for one latent variable is q(z | x) = N(μ, σ²) with ",
                assign("μ", r"\mu", mean),
                " and ",
                assign("σ²", r"\sigma^2", variance),
                ". ",
            ]
        else:
            means = [Rational(int(v), 2) for v in rng.integers(-4, 5, size=2)]
            log_vars = [int(v) for v in rng.integers(-2, 3, size=2)]
            if all(v == 0 for v in log_vars):
                continue
            variances = [sympy.exp(v) for v in log_vars]
            logs = [sympy.Integer(v) for v in log_vars]
            params = {"mu": exact_param(means), "log_var": log_vars}
            given = [
                "A VAE encoder outputs, for two latent dimensions, the means μ = ", vec(means),
                " and the log-variances log σ² = ", vec(log_vars), " (natural log). ",
            ]  # fmt: skip
        terms = [v + m**2 - 1 - lg for v, m, lg in zip(variances, means, logs, strict=True)]
        kl = sympy.Add(*terms) / 2
        if not near_integer(kl):
            break
    candidates: list[tuple[Any, str]] = [
        (2 * kl, "The Gaussian KL has a factor ½."),
        (
            sympy.Add(*[v + m**2 - 1 + lg for v, m, lg in zip(variances, means, logs, strict=True)])
            / 2,
            "Sign of the log term: −log σ², since the KL is 0 at σ² = 1, μ = 0.",
        ),
    ]
    if level == 1:
        candidates += [
            (
                (1 / variances[0] + means[0] ** 2 / variances[0] - 1 + logs[0]) / 2,
                "That is KL(N(0, 1) ‖ q), the other direction; the VAE uses KL(q ‖ p).",
            ),
            (
                (variances[0] + means[0] ** 2 - 1 - logs[0] / 2) / 2,
                "The log term is log σ², not log σ.",
            ),
        ]
    else:
        candidates.append(
            (
                sympy.Add(*[sympy.exp(2 * lg) + m**2 - 1 - 2 * lg for m, lg in zip(means, logs,
                                                                                   strict=True)])
                / 2,
                "The encoder gives log σ², not log σ: σ² = e^(log σ²).",
            )
        )  # fmt: skip
    answer = kl
    prior = "N(0, 1)" if level == 1 else "N(0, I)"
    what = f"What is KL(q(z | x) ‖ {prior}) in nats?"
    steps: list[Any] = [[kl_formula, ", summed over independent dimensions."]]
    if level > 1:
        steps.append(["σ² = e^(log σ²) = ", vec(variances), "."])
    steps.append(["KL = ½·Σ(σ² + μ² − 1 − log σ²) = ", kl, "."])
    if level == 3:
        while True:
            reconstruction = -Rational(int(rng.integers(20, 201)), 4)
            answer = reconstruction - kl
            if not near_integer(answer):
                break
        params["reconstruction"] = exact_param(reconstruction)
        candidates = [
            (reconstruction + kl, "The ELBO subtracts the KL: E[log p(x|z)] − KL(q ‖ p)."),
            (-reconstruction + kl, "That is the loss, −ELBO; the ELBO itself is asked."),
            (reconstruction - 2 * kl, "The Gaussian KL has a factor ½."),
        ]
        given += ["The reconstruction term E_q[log p(x | z)] is estimated as ",
                  num(reconstruction), ". "]  # fmt: skip
        what = "What is the ELBO, E_q[log p(x | z)] − KL(q(z | x) ‖ N(0, I)), in nats?"
        steps.append(["ELBO = ", num(reconstruction), " − KL = ", answer, "."])
    else:
        params["reconstruction"] = None
    steps.append(["≈ ", approx(answer, 6), "."])
    mistakes = distinct_mistakes("number", answer, candidates, gap=MIN_GAP)
    return Draft(
        prompt=[*given, what, f" Give it {SIG4}."],
        kind="number",
        answer=answer,
        params=params,
        solution=steps,
        hints=[
            "KL(N(μ, σ²) ‖ N(0, 1)) = ½(σ² + μ² − 1 − log σ²), added over dimensions.",
            "The ELBO is the reconstruction term minus the KL.",
        ],
        mistakes=mistakes,
    )


def _diffusion_oracle(params: Mapping[str, Any]) -> list[float]:
    """Run the forward process step by step on the mean and variance of x_t."""
    mean, variance = float(params["x0"]), 0.0
    for beta in float_param(params["betas"]):
        mean = np.sqrt(1 - beta) * mean
        variance = (1 - beta) * variance + beta
    return [mean, variance]


@template(
    id="ml.diffusion-marginal",
    topic="ml.generative",
    title="The diffusion forward process q(x_t | x₀)",
    oracle=_diffusion_oracle,
)
def diffusion_marginal(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: mean and variance of q(x_t | x₀) from ᾱ_t. Level 2: the same from the noise
    schedule β₁…β_t, through ᾱ_t = Π(1 − β_s)."""
    x0 = pick(rng, [-4, -3, -2, -1, 1, 2, 3, 4, 5])
    marginal = Math(
        "q(x_t | x₀) = N(√ᾱ_t·x₀, (1 − ᾱ_t)·I)",
        r"q(x_t \mid x_0) = "
        r"\mathcal N\!\left(\sqrt{\bar\alpha_t}\,x_0,\ (1 - \bar\alpha_t) I\right)",
    )
    if level == 1:
        alpha_bar = pick(
            rng,
            [Rational(p * p, q * q) for p, q in [(3, 4), (4, 5), (1, 2), (2, 3), (3, 5), (9, 10),
                                                 (7, 8), (5, 6), (1, 3), (2, 5)]],
        )  # fmt: skip
        betas = [1 - alpha_bar]
        t_text = "_t"
        given: list[Any] = ["the cumulative product ᾱ_t = ", num(alpha_bar)]
        steps: list[Any] = []
    else:
        steps_count = int(rng.integers(2, 4))
        betas = [pick(rng, [Rational(1, 10), Rational(1, 5), Rational(1, 4), Rational(1, 2),
                            Rational(3, 10)]) for _ in range(steps_count)]  # fmt: skip
        alpha_bar = sympy.Mul(*[1 - b for b in betas])
        t_text = subscript(steps_count)
        names = ", ".join(f"β{subscript(i)}" for i in range(1, steps_count + 1))
        given = [f"the noise schedule ({names}) = ", vec(betas)]
        steps = [["ᾱ = Π(1 − β_s) = ", num(alpha_bar), "."]]
    root = sympy.sqrt(alpha_bar)
    answer = [root * x0, 1 - alpha_bar]
    candidates: list[tuple[Any, str]] = [
        ([alpha_bar * x0, 1 - alpha_bar], "The mean scales x₀ by √ᾱ_t, not ᾱ_t."),
        ([root * x0, sympy.sqrt(1 - alpha_bar)], "√(1 − ᾱ_t) is the standard deviation."),
        ([sympy.sqrt(1 - alpha_bar) * x0, alpha_bar], "Signal keeps √ᾱ_t; noise has 1 − ᾱ_t."),
    ]
    if level == 2:
        last = betas[-1]
        candidates.append(
            ([sympy.sqrt(1 - last) * x0, last], "That is one step q(x_t | x_(t−1)); compose all.")
        )
        if sum(betas) < 1:
            candidates.append(
                (
                    [sympy.sqrt(1 - sum(betas)) * x0, sum(betas)],
                    "ᾱ_t is the product Π(1 − β_s), not 1 − Σβ_s.",
                )
            )
    mistakes = distinct_mistakes("vector", answer, candidates, gap=MIN_GAP)
    steps += [
        [marginal, "."],
        ["Mean √ᾱ·x₀ = ", answer[0], ", variance 1 − ᾱ = ", num(answer[1]), "."],
    ]
    return Draft(
        prompt=[
            "A diffusion model's forward process adds Gaussian noise, "
            "q(x_s | x_(s−1)) = N(√(1 − β_s)·x_(s−1), β_s·I), with ",
            *given,
            f". Starting from the scalar x₀ = {x0}, give the mean and the variance of "
            f"x{t_text} as a vector [mean, variance], {SIG4}.".replace("-", "−"),
        ],
        kind="vector",
        answer=answer,
        params={"x0": x0, "betas": exact_param(betas)},
        solution=steps,
        hints=[
            "Composing the Gaussian steps gives q(x_t | x₀) = N(√ᾱ_t x₀, (1 − ᾱ_t)I).",
            "ᾱ_t = Π_{s ≤ t}(1 − β_s).",
        ],
        mistakes=mistakes,
    )


__all__ = ["diffusion_marginal", "gan_discriminator", "vae_kl"]
