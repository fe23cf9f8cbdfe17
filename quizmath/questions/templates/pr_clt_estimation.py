"""Estimation and the central limit theorem: standard errors, z tests, normal approximations,
the bias–variance decomposition of MSE, and which estimators are unbiased."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy
from sympy import Rational as R

from quizmath.questions.draw import distinct, nonzero, pick
from quizmath.questions.mistakes import apart_when_rounded, distinct_mistakes
from quizmath.questions.model import Draft
from quizmath.questions.notation import minus
from quizmath.questions.params import exact_param, float_param
from quizmath.questions.registry import template
from quizmath.questions.render import Math
from quizmath.questions.templates.pr_common import (
    MARGIN,
    MIN_GAP,
    NORMAL_TOL,
    data_text,
    decimal,
    normal_cdf,
    phi,
)

_SQUARES = (4, 9, 16, 25, 36, 49, 64, 100)


def _standard_error_oracle(params: Mapping[str, Any]) -> float:
    """σ/√n from the given σ, from √(p̂(1 − p̂)) or from the data's sample deviation (ddof 1)."""
    n = params["n"]
    match params["ask"]:
        case "sigma":
            spread = float(params["sigma"])
        case "proportion":
            phat = params["k"] / n
            spread = math.sqrt(phat * (1 - phat))
        case _:
            spread = float(np.std(np.array(params["data"], dtype=float), ddof=1))
    return spread / math.sqrt(n)


@template(
    id="pr.standard-error",
    topic="pr.clt-estimation",
    title="Standard error of a mean or a proportion",
    oracle=_standard_error_oracle,
    levels=3,
)
def standard_error(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: σ/√n for a known σ. Level 2: the standard error √(p̂(1 − p̂)/n) of a proportion.
    Level 3: s/√n with the sample standard deviation s computed from data."""
    if level == 1:
        n = pick(rng, (*_SQUARES, 10, 20, 50))
        sigma = int(rng.integers(2, 31))
        answer = sympy.Integer(sigma) / sympy.sqrt(n)
        prompt = (
            f"Single measurements have standard deviation σ = {sigma}. What is the "
            f"standard error of the mean of n = {n} independent measurements?"
        )
        steps: list[Any] = [["SE = σ/√n = ", sigma, "/√", n, " = ", answer, "."]]
        mistakes = [
            (
                sympy.Integer(sigma),
                "That is the spread of one measurement: the mean of n varies less, by a factor √n.",
            ),
            (R(sigma, n), "Divide by √n, not n: Var(x̄) = σ²/n, so SD(x̄) = σ/√n."),
            (R(sigma**2, n), "That is the variance of the mean, σ²/n; take its square root."),
        ]
        params: dict[str, Any] = {"ask": "sigma", "sigma": sigma, "n": n}
    elif level == 2:
        n = pick(rng, (25, 50, 100, 200, 400, 1000))
        k = int(rng.integers(max(1, n // 20), n - max(1, n // 20) + 1))
        phat = R(k, n)
        answer = sympy.sqrt(phat * (1 - phat) / n)
        prompt = (
            f"In a poll, {k} of n = {n} respondents say yes. What is the standard error "
            "of the sample proportion p̂?"
        )
        steps = [
            ["p̂ = ", phat, "."],
            ["SE = √(p̂(1 − p̂)/n) = ", answer, "."],
        ]
        mistakes = [
            (phat * (1 - phat) / n, "That is the variance p̂(1 − p̂)/n; take its square root."),
            (sympy.sqrt(phat * (1 - phat)) / n, "Divide by √n, not n."),
            (
                sympy.sqrt(phat * (1 - phat)),
                "That is the spread of a single yes/no answer: divide by √n.",
            ),
        ]
        params = {"ask": "proportion", "k": k, "n": n}
    else:
        n = int(rng.integers(4, 7))
        while True:
            data = [int(v) for v in rng.integers(0, 16, size=n)]
            data[-1] -= sum(data) % n
            if data[-1] < 0:
                data[-1] += n
            if len(set(data)) > 1:
                break
        mean = R(sum(data), n)
        squares = sum((x - mean) ** 2 for x in data)
        s = sympy.sqrt(squares / (n - 1))
        answer = s / sympy.sqrt(n)
        prompt = (
            f"A sample: {data_text(data)}. Estimate the standard error of its mean using "
            "the sample standard deviation s (divide by n − 1)."
        )
        steps = [
            ["x̄ = ", mean, ", Σ(x − x̄)² = ", squares, "."],
            [f"s = √(Σ(x − x̄)²/(n − 1)) = √({squares}/{n - 1}) = ", s, "."],
            ["SE = s/√n = ", answer, "."],
        ]
        mistakes = [
            (
                sympy.sqrt(squares / n) / sympy.sqrt(n),
                "Use the sample standard deviation "
                "(divide by n − 1), as asked, not the population one.",
            ),
            (s, "That is s, the spread of one observation: divide by √n."),
            (
                squares / (n - 1) / n,
                "That is s²/n, the estimated variance of the mean; take its square root.",
            ),
        ]
        params = {"ask": "data", "data": data, "n": n}
    return Draft(
        prompt=[
            prompt,
            " Give an exact value (a surd is fine) or a decimal to 4 significant digits.",
        ],
        kind="number",
        answer=answer,
        params=params,
        solution=steps,
        hints=[
            "The standard error of a mean is the standard deviation divided by √n."
            if level != 2
            else "p̂ is the mean of n yes/no answers, each with standard deviation √(p̂(1 − p̂)).",
        ],
        mistakes=distinct_mistakes("number", answer, mistakes, gap=MIN_GAP),
    )


def _z_test_oracle(params: Mapping[str, Any]) -> float:
    """z = (x̄ − μ₀)/(σ/√n), and the two-sided p-value 2(1 − Φ(|z|)) from math.erf."""
    z = (params["mean"] - params["mu0"]) / (params["sigma"] / math.sqrt(params["n"]))
    return z if params["ask"] == "z" else 2 * (1 - phi(abs(z)))


@template(
    id="pr.z-test",
    topic="pr.clt-estimation",
    title="z statistic and p-value of a mean",
    oracle=_z_test_oracle,
)
def z_test(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: the z statistic of a sample mean against H₀: μ = μ₀ with known σ. Level 2: the
    two-sided p-value of that test."""
    # z lands on the 0.01 grid of a z-table, so a table lookup gives the exact p-value.
    while True:
        n = pick(rng, _SQUARES)
        sigma = int(rng.integers(2, 21))
        diff = nonzero(rng, -12, 12)
        z = R(diff * math.isqrt(n), sigma)
        if R(3, 10) <= abs(z) <= R(11, 5) and (100 * z).q == 1:
            break
    mu0 = int(rng.integers(2, 21)) * 5
    mean = mu0 + diff
    se = R(sigma, math.isqrt(n))
    context = minus(
        f"H₀: μ = {mu0}. A sample of n = {n} from a population with known σ = "
        f"{sigma} has mean x̄ = {mean}."
    )
    se_text = str(se) if se.q == 1 else f"({se})"
    steps: list[Any] = [
        [
            f"Standard error: σ/√n = {sigma}/{math.isqrt(n)}",
            # σ/√n already in lowest terms needs no "= …".
            *([] if math.gcd(sigma, math.isqrt(n)) == 1 and n > 1 else [" = ", se]),
            ".",
        ],
        [minus(f"z = (x̄ − μ₀)/SE = ({mean} − {mu0})/{se_text} = "), z, "."],
    ]
    if level == 1:
        answer: Any = z
        question = " What is the z statistic? Give an exact value."
        rel_tol = 1e-3
        mistakes = [
            (R(diff, sigma), "Divide by the standard error σ/√n, not by σ."),
            (R(diff * n, sigma), "The standard error is σ/√n, not σ/n."),
            (
                R(diff * math.isqrt(n), sigma**2),
                "Use the standard deviation σ, not the variance σ².",
            ),
            (-z, "z is (x̄ − μ₀)/SE: sample minus hypothesis."),
        ]
    else:
        answer = decimal(2 * (1 - normal_cdf(abs(z))))
        question = " What is the two-sided p-value? Give a decimal to 4 decimal places."
        rel_tol = NORMAL_TOL
        steps.append(
            [
                f"p = 2(1 − Φ(|z|)) = 2(1 − Φ({float(abs(z)):g})) ≈ "
                f"2(1 − {phi(float(abs(z))):.4f}) ≈ {float(answer):.4f}."
            ]
        )
        mistakes = [
            (
                decimal(1 - normal_cdf(abs(z))),
                "That is the one-sided p-value: a two-sided test counts both tails, 2(1 − Φ(|z|)).",
            ),
            (
                decimal(2 * (1 - normal_cdf(abs(R(diff, sigma))))),
                "Standardize with the standard error σ/√n, not σ.",
            ),
            (
                decimal(normal_cdf(abs(z))),
                "Φ(|z|) is the probability below |z|; the p-value is the probability beyond it.",
            ),
        ]
    return Draft(
        prompt=[context, question],
        kind="number",
        answer=answer,
        params={
            "mu0": mu0,
            "mean": mean,
            "sigma": sigma,
            "n": n,
            "ask": "z" if level == 1 else "p",
        },
        rel_tol=rel_tol,
        decimals=None if level == 1 else 4,
        solution=steps,
        hints=["z = (x̄ − μ₀)/(σ/√n).", "Two-sided: p = 2·P(Z > |z|)."][:level],
        mistakes=distinct_mistakes("number", answer, mistakes, gap=MARGIN * rel_tol),
    )


_CLT_STORIES = (
    "Bags of coffee have weights (in g) with mean {mu} and standard deviation {sigma}",
    "Service times (in s) have mean {mu} and standard deviation {sigma}",
    "Daily sales have mean {mu} and standard deviation {sigma}",
)


def _clt_oracle(params: Mapping[str, Any]) -> float:
    """Φ of the standardized bound, with SD σ/√n for a mean and σ√n for a sum."""
    n, mu, sigma, bound = params["n"], params["mu"], params["sigma"], params["bound"]
    if params["stat"] == "mean":
        z = (bound - mu) / (sigma / math.sqrt(n))
    else:
        z = (bound - n * mu) / (sigma * math.sqrt(n))
    below = phi(z)
    return below if params["side"] == "below" else 1 - below


@template(
    id="pr.clt-approximation",
    topic="pr.clt-estimation",
    title="Normal approximation by the CLT",
    oracle=_clt_oracle,
)
def clt_approximation(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: P(x̄ > c) or P(x̄ < c) for the mean of n draws. Level 2: the same for the sum of
    n draws, whose SD is σ√n."""
    n = pick(rng, (4, 9, 16, 25, 36, 100))
    root = math.isqrt(n)
    mu = int(rng.integers(4, 41)) * 5
    side = pick(rng, ("above", "below"))
    if level == 1:
        se = pick(rng, (2, 4, 5, 10))  # z = offset/SE then lands on the 0.01 grid
        sigma = se * root
        spread, centre = sympy.Integer(se), sympy.Integer(mu)
        stat, symbol = "mean", "x̄"
        wrong_sds = [(sympy.Integer(sigma), "The mean of n draws has SD σ/√n, not σ.")]
    else:
        sigma = int(rng.integers(1, 6))
        spread, centre = sympy.Integer(sigma * root), sympy.Integer(n * mu)
        stat, symbol = "sum", "S"
        wrong_sds = [
            (
                sympy.Integer(sigma * n),
                "Var(S) = nσ² for independent draws (variances add), so SD(S) = σ√n, not nσ.",
            ),
            (sympy.Integer(sigma), "The sum of n draws has SD σ√n, not σ."),
        ]
    # z = offset/SD on the 0.01 grid of a z-table; SDs with a factor 3 allow fewer offsets.
    offsets = [
        v for v in range(-2 * int(spread), 2 * int(spread) + 1) if v and (100 * v) % spread == 0
    ]
    offset = pick(rng, offsets)
    bound = int(centre) + offset
    z = R(offset, spread)

    def prob(sd: sympy.Expr, flip: bool = False) -> sympy.Float:
        below = normal_cdf(R(offset) / sd)
        return decimal(below if (side == "below") != flip else 1 - below)

    answer = prob(spread)
    relation = ">" if side == "above" else "<"
    what = "the sample mean" if stat == "mean" else "the sum of the draws"
    story = pick(rng, _CLT_STORIES).format(mu=mu, sigma=sigma)
    # A z of 10 or more gives a tail no one would type: keep only slips with a visible value.
    mistakes = [
        (value, feedback)
        for value, feedback in ((prob(sd), text) for sd, text in wrong_sds)
        if 1e-4 < value < 1 - 1e-4
    ]
    mistakes.append((prob(spread, flip=True), "Wrong tail: P(Z > z) = 1 − Φ(z)."))
    return Draft(
        prompt=[
            f"{story} (not necessarily normal). For n = {n} independent draws, use the "
            f"central limit theorem to approximate P({symbol} {relation} {bound}), where "
            f"{symbol} is {what}. Give a decimal to 4 decimal places."
        ],
        kind="number",
        answer=answer,
        params={"n": n, "mu": mu, "sigma": sigma, "bound": bound, "stat": stat, "side": side},
        rel_tol=NORMAL_TOL,
        decimals=4,
        solution=[
            [
                f"{symbol} is approximately normal with mean ",
                centre,
                " and SD ",
                "σ/√n" if stat == "mean" else "σ√n",
                " = ",
                spread,
                ".",
            ],
            [minus(f"z = ({bound} − {centre})/{spread} = {float(z):g}.")],
            [
                f"P({symbol} {relation} {bound}) ≈ "
                + minus(
                    f"Φ({float(z):g}) ≈ {phi(float(z)):.4f}."
                    if side == "below"
                    else f"1 − Φ({float(z):g}) ≈ 1 − {phi(float(z)):.4f} ≈ {float(answer):.4f}."
                )
            ],
        ],
        hints=[
            "By the CLT, x̄ ≈ N(μ, σ²/n) and S ≈ N(nμ, nσ²).",
            "Standardize with the SD of the statistic, not of one draw.",
        ],
        mistakes=distinct_mistakes("number", answer, mistakes, gap=MARGIN * NORMAL_TOL),
    )


_SHRINK = (R(1, 2), R(2, 3), R(3, 4), R(4, 5), R(9, 10), R(5, 4), R(3, 2))


def _bias_variance_oracle(params: Mapping[str, Any]) -> float:
    """E[(θ̂ − θ)²] expanded as E[θ̂²] − 2θE[θ̂] + θ², with E[θ̂²] = Var + E[θ̂]²."""
    if params["form"] == "given":
        mean, var, theta = params["mean"], params["var"], params["theta"]
    else:
        c, mu, var_x, n = float_param(params["c"]), params["mu"], params["var"], params["n"]
        mean, var, theta = c * mu, c * c * var_x / n, mu
    second = var + mean * mean
    return second - 2 * theta * mean + theta * theta


def _mse_mistakes(
    bias: sympy.Expr, variance: sympy.Expr, extra: list[tuple[Any, str]]
) -> list[tuple[Any, str]]:
    """The slips of MSE = bias² + variance that this instance tells apart from the key."""
    mistakes = [
        (bias + variance, "The bias enters squared: MSE = bias² + variance."),
        (variance, "The estimator is biased: add bias² to the variance."),
        (bias**2, "Add the variance too: MSE = bias² + variance."),
        *extra,
    ]
    return distinct_mistakes("number", bias**2 + variance, mistakes, gap=MIN_GAP)


@template(
    id="pr.bias-variance",
    topic="pr.clt-estimation",
    title="Bias–variance decomposition of the MSE",
    oracle=_bias_variance_oracle,
)
def bias_variance(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: MSE from an estimator's mean and variance. Level 2: MSE of the shrunk mean c·X̄,
    whose bias is (c − 1)μ and variance c²σ²/n; a draw where a slip (such as a tiny bias² left
    out) matches the key in its first three digits is drawn again."""
    if level == 1:
        theta = int(rng.integers(-5, 11))
        mean = theta + nonzero(rng, -4, 4)
        var = int(rng.integers(1, 13))
        bias = sympy.Integer(mean - theta)
        variance = sympy.Integer(var)
        prompt = minus(
            f"An estimator θ̂ of θ = {theta} has E[θ̂] = {mean} and Var(θ̂) = {var}. "
            "What is its mean squared error E[(θ̂ − θ)²]?"
        )
        params: dict[str, Any] = {"form": "given", "mean": mean, "var": var, "theta": theta}
        extra: list[tuple[Any, str]] = []
    else:
        while True:
            c = pick(rng, _SHRINK)
            mu = nonzero(rng, -6, 6)
            var_x = int(rng.integers(1, 10))
            n = int(rng.integers(2, 13))
            bias = (c - 1) * mu
            variance = c**2 * var_x / n
            extra = [
                (bias**2 + c * var_x / n, "Var(c·X̄) = c²·Var(X̄): the factor enters squared."),
                (
                    bias**2 + c**2 * var_x,
                    "Var(X̄) = σ²/n: averaging n draws divides the variance by n.",
                ),
            ]
            kept = _mse_mistakes(bias, variance, extra)
            if all(apart_when_rounded(bias**2 + variance, value) for value, _ in kept):
                break
        prompt = (
            minus(
                f"X₁, …, Xₙ (n = {n}) are i.i.d. with mean μ = {mu} and variance "
                f"σ² = {var_x}. The estimator θ̂ = "
            )
            + f"({c})·X̄ of μ shrinks the sample mean X̄. What is its mean squared error "
            "E[(θ̂ − μ)²]? Give an exact fraction."
        )
        params = {"form": "shrink", "c": exact_param(c), "mu": mu, "var": var_x, "n": n}
    answer = bias**2 + variance
    steps: list[Any] = [
        ["Bias = E[θ̂] − θ = ", bias, "."],
        ["Variance = ", variance, "."],
        ["MSE = bias² + variance = ", bias**2, " + ", variance, " = ", answer, "."],
    ]
    if level == 2:
        steps[0] = [minus(f"Bias = E[c·X̄] − μ = (c − 1)μ = ({c - 1})·{mu} = "), bias, "."]
        steps[1] = [f"Variance = c²σ²/n = ({c})²·{var_x}/{n} = ", variance, "."]
    return Draft(
        prompt=[prompt],
        kind="number",
        answer=answer,
        params=params,
        solution=steps,
        hints=["MSE = bias² + variance.", "Var(c·X̄) = c²σ²/n."][:level],
        mistakes=_mse_mistakes(bias, variance, extra),
    )


def _times_mu(value: sympy.Rational) -> str:
    """``value·μ`` as people write it: ``2μ``, ``(3/4)μ``, ``0``."""
    if value == 0:
        return "0"
    return f"{value}μ" if value.q == 1 else f"({value})μ"


_LABELS = ("A", "B", "C", "D")
_WEIGHTS = (R(0), R(1, 4), R(1, 3), R(1, 2), R(2, 3), R(3, 4), R(1), R(2), R(-1, 2), R(-1))
# Weight sums of the biased options; the unbiased one sums to 1.
_WRONG_SUMS = (R(0), R(1, 2), R(2, 3), R(3, 4), R(5, 4), R(4, 3), R(3, 2), R(2))
_X = sympy.symbols("X1:4")


def _unbiased_oracle(params: Mapping[str, Any]) -> str:
    """The option whose expectation is exactly the target: Σw = 1 for means, or for variance
    forms E[Σ(Xᵢ − X̄)²] = (n − 1)σ² and E[Σ(Xᵢ − μ)²] = nσ²."""
    n = params["n"]
    for label, option in zip(_LABELS, params["options"], strict=True):
        if params["target"] == "mean":
            factor = sum(float_param(w) for w in option["weights"])
        else:
            terms = n - 1 if option["centre"] == "mean" else n
            factor = terms / option["divisor"]
        if abs(factor - 1) < 1e-12:
            return label
    raise AssertionError("no unbiased option")


@template(
    id="pr.unbiased-estimator",
    topic="pr.clt-estimation",
    title="Which estimator is unbiased?",
    oracle=_unbiased_oracle,
)
def unbiased_estimator(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: which linear combination of X₁, X₂, X₃ is unbiased for μ. Level 2: which scaled
    sum of squares is unbiased for σ² (sample mean or known mean, divisor n, n ± 1, n − 2)."""
    options: list[dict[str, Any]] = []
    shown: list[Any] = []
    feedback: list[str] = []
    if level == 1:
        n = 3
        target = "mean"
        seen: set[tuple[sympy.Rational, ...]] = set()
        # Every option's last weight completes a chosen sum, so no option's weights stand out.
        sums = [R(1), *(_WRONG_SUMS[i] for i in distinct(rng, 0, len(_WRONG_SUMS) - 1, 3))]
        while len(options) < 4:
            w1, w2 = pick(rng, _WEIGHTS), pick(rng, _WEIGHTS)
            weights = (w1, w2, sums[len(options)] - w1 - w2)
            if weights in seen or weights.count(0) == 3 or abs(weights[2]) > 2:
                continue
            seen.add(weights)
            options.append({"weights": exact_param(weights)})
            shown.append(sum((w * x for w, x in zip(weights, _X, strict=True)), sympy.Integer(0)))
            feedback.append(
                minus(
                    f"Its expectation is {_times_mu(sum(weights))}: unbiased needs the "
                    "weights to sum to 1."
                )
            )
        question = "X₁, X₂, X₃ are i.i.d. with mean μ. Which estimator of μ is unbiased?"
    else:
        n = int(rng.integers(4, 16))
        target = "var"
        sample = bool(rng.integers(2))
        right = ("mean", n - 1) if sample else ("mu", n)
        wrong = [("mean", n), ("mean", n + 1), ("mean", n - 2), ("mu", n - 1), ("mu", n + 1)]
        chosen = [right] + [wrong[i] for i in distinct(rng, 0, len(wrong) - 1, 3)]
        for centre, divisor in chosen:
            options.append({"centre": centre, "divisor": divisor})
            inner = "X̄" if centre == "mean" else "μ"
            latex_inner = r"\bar{X}" if centre == "mean" else r"\mu"
            shown.append(
                Math(
                    f"(1/{divisor})·Σ(Xᵢ − {inner})²",
                    rf"\frac{{1}}{{{divisor}}}\sum_{{i=1}}^{{{n}}}(X_i - {latex_inner})^2",
                )
            )
            terms = n - 1 if centre == "mean" else n
            feedback.append(
                f"Its expectation is ({R(terms, divisor)})·σ², since "
                f"E[Σ(Xᵢ − {inner})²] = {terms}σ²."
                + (" Deviations from X̄ lose one degree of freedom." if centre == "mean" else "")
            )
        question = (
            f"X₁, …, Xₙ (n = {n}) are i.i.d. with unknown variance σ²; μ is the true "
            "mean (known) and X̄ the sample mean. Which estimator of σ² is unbiased?"
        )
    order = [int(i) for i in rng.permutation(4)]
    options = [options[i] for i in order]
    shown = [shown[i] for i in order]
    feedback = [feedback[i] for i in order]
    answer = _LABELS[order.index(0)]
    prompt: list[Any] = [question]
    for label, item in zip(_LABELS, shown, strict=True):
        prompt += [f" {label}: ", item, ";" if label != "D" else "."]
    prompt.append(" Answer with the letter.")
    right_item = shown[order.index(0)]
    return Draft(
        prompt=prompt,
        kind="choice",
        answer=answer,
        choices=_LABELS,
        params={"target": target, "n": n, "options": options},
        solution=[
            ["Compute each option's expectation; unbiased means it equals the target exactly."],
            [
                "Linearity: E[Σ wᵢXᵢ] = (Σ wᵢ)·μ."
                if level == 1
                else "E[Σ(Xᵢ − X̄)²] = (n − 1)σ² and E[Σ(Xᵢ − μ)²] = nσ²."
            ],
            [f"Only {answer} hits it: ", right_item, "."],
        ],
        hints=[
            "Use linearity of expectation on each option."
            if level == 1
            else "Deviations from X̄ sum to zero, which costs one degree of "
            "freedom; deviations from the true μ do not."
        ],
        mistakes=[
            (label, text) for label, text in zip(_LABELS, feedback, strict=True) if label != answer
        ],
    )


__all__ = [
    "bias_variance",
    "clt_approximation",
    "standard_error",
    "unbiased_estimator",
    "z_test",
]
