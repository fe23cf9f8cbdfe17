"""Named distributions: binomial and Poisson probabilities, normal probabilities via z-scores."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy
from sympy import Rational as R

from quizmath.questions.draw import pick
from quizmath.questions.mistakes import distinct_mistakes
from quizmath.questions.model import Draft
from quizmath.questions.notation import minus, superscript
from quizmath.questions.params import exact_param, float_param
from quizmath.questions.registry import template
from quizmath.questions.templates.pr_common import (
    MARGIN,
    MIN_GAP,
    NORMAL_TOL,
    decimal,
    normal_cdf,
    phi,
)

_SUCCESS = (R(1, 2), R(1, 3), R(2, 3), R(1, 4), R(3, 4), R(1, 5), R(2, 5), R(3, 5), R(1, 10))
_BINOMIAL_STORIES = (
    "A quiz has {n} multiple-choice questions; a student guesses each one right with "
    "probability {p}, independently. Let X be the number right.",
    "A coin shows heads with probability {p}. It is tossed {n} times; X counts the heads.",
    "Each of {n} independent sensors fires with probability {p}; X counts the sensors that fire.",
    "A basketball player makes each of {n} shots with probability {p}, independently; X counts "
    "the baskets.",
)


def _binomial_pmf(k: int, n: int, p: Any) -> sympy.Expr:
    return sympy.binomial(n, k) * p**k * (1 - p) ** (n - k)


def _binomial_oracle(params: Mapping[str, Any]) -> float:
    """Sum of math.comb(n, k)·pᵏ(1 − p)ⁿ⁻ᵏ over the asked values of k."""
    n, p = params["n"], float_param(params["p"])
    ks = range(n + 1)
    match params["ask"]:
        case "eq":
            ks = range(params["k"], params["k"] + 1)
        case "ge":
            ks = range(params["k"], n + 1)
        case "le":
            ks = range(0, params["k"] + 1)
    return float(sum(math.comb(n, k) * p**k * (1 - p) ** (n - k) for k in ks))


@template(
    id="pr.binomial",
    topic="pr.distributions",
    title="Binomial probabilities",
    oracle=_binomial_oracle,
)
def binomial(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: P(X = k) for X ~ Binomial(n, p). Level 2: a tail, P(X ≥ k) or P(X ≤ k), summed
    over a few terms."""
    story = pick(rng, _BINOMIAL_STORIES)
    form = " Give an exact fraction or a decimal to 4 significant digits."
    # Redraw until the event is not negligible: a probability of 10⁻⁵ teaches nothing.
    while True:
        n = int(rng.integers(3, 9))
        p = pick(rng, _SUCCESS)
        if level == 1:
            k = int(rng.integers(1, n))
            ask, ks = "eq", [k]
        else:
            ask = pick(rng, ("ge", "le"))
            # At most three terms: the tail nearest the end of the range.
            k = (
                int(rng.integers(max(2, n - 2), n))
                if ask == "ge"
                else int(rng.integers(1, min(3, n - 1)))
            )
            ks = list(range(k, n + 1)) if ask == "ge" else list(range(0, k + 1))
        terms = [_binomial_pmf(j, n, p) for j in ks]
        answer = sum(terms)
        if R(1, 50) <= answer <= R(49, 50):
            break
    story = story.format(n=n, p=p)
    question = (
        f"What is P(X = {k})?" if level == 1 else f"What is P(X {'≥' if ask == 'ge' else '≤'} {k})?"
    )
    if level == 1:
        mistakes = [
            (
                p**k * (1 - p) ** (n - k),
                f"You left out the binomial coefficient C({n}, {k}): it "
                "counts the orders in which the successes can occur.",
            ),
            (sympy.binomial(n, k) * p**k, "Include the failures too: multiply by (1 − p)^(n − k)."),
            (sympy.binomial(n, k) * p**k * (1 - p) ** k, "The failures' exponent is n − k, not k."),
        ]
        steps = [
            [f"P(X = k) = C(n, k)·pᵏ(1 − p)ⁿ⁻ᵏ with n = {n}, k = {k}, p = {p}."],
            [
                f"C({n}, {k}) = {math.comb(n, k)}, so P(X = {k}) = {math.comb(n, k)}·"
                f"({p}){superscript(k)}·({1 - p}){superscript(n - k)} = ",
                answer,
                ".",
            ],
        ]
    else:
        strict = [j for j in ks if j != k]
        mistakes = [
            (
                sum(_binomial_pmf(j, n, p) for j in strict),
                f"k = {k} itself belongs to the event: "
                f"'{'≥' if ask == 'ge' else '≤'}' includes it.",
            ),
            (1 - answer, "That is the complement; the question asks the event itself."),
            (_binomial_pmf(k, n, p), f"That is only P(X = {k}): add every value in the event."),
        ]
        steps = [
            [
                f"Sum P(X = j) = C({n}, j)·({p})ʲ·({1 - p}){superscript(n)}⁻ʲ over j = "
                + ", ".join(map(str, ks))
                + "."
            ],
            [", ".join(f"P(X = {j}) = {t}" for j, t in zip(ks, terms, strict=True)) + "."],
            ["Total: ", answer, "."],
        ]
    return Draft(
        prompt=[story, " ", question, form],
        kind="number",
        answer=answer,
        params={"n": n, "p": exact_param(p), "k": k, "ask": ask},
        solution=steps,
        hints=[
            "P(X = k) = C(n, k)·pᵏ(1 − p)ⁿ⁻ᵏ.",
            "A tail of a few terms is quickest summed directly (or as 1 minus the other side).",
        ][:level],
        mistakes=distinct_mistakes("number", answer, mistakes, gap=MIN_GAP),
    )


_RATES = (R(1), R(2), R(3), R(4), R(5), R(1, 2), R(3, 2), R(5, 2))
_POISSON_STORIES = (
    ("A help desk receives on average {count} per {unit}", "call", "calls"),
    ("A web page logs on average {count} per {unit}", "error", "errors"),
    ("A Geiger counter registers on average {count} per {unit}", "click", "clicks"),
    ("A road sees on average {count} per {unit}", "accident", "accidents"),
)
_UNITS = (("hour", "hours"), ("day", "days"), ("minute", "minutes"))


def _poisson_pmf(k: int, lam: Any) -> sympy.Expr:
    return lam**k * sympy.exp(-lam) / sympy.factorial(k)


def _poisson_oracle(params: Mapping[str, Any]) -> float:
    """λᵏe^(−λ)/k! summed with math.exp and math.factorial."""
    lam = float_param(params["rate"]) * params["span"]
    k = params["k"]
    pmf = [lam**j * math.exp(-lam) / math.factorial(j) for j in range(k + 1)]
    match params["ask"]:
        case "eq":
            return pmf[k]
        case "le":
            return sum(pmf)
        case _:
            return 1 - sum(pmf[:k])


@template(
    id="pr.poisson",
    topic="pr.distributions",
    title="Poisson probabilities",
    oracle=_poisson_oracle,
    levels=3,
)
def poisson(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: P(X = k) for a Poisson count. Level 2: P(X ≤ k) or P(X ≥ k). Level 3: the rate
    is per unit time and the window is several units, so λ = rate × time first."""
    (unit, units) = pick(rng, _UNITS)
    story, noun, nouns = pick(rng, _POISSON_STORIES)
    span = int(rng.integers(2, 4)) if level == 3 else 1
    # λ stays at most 6 and k near λ (or a tail of moderate size): no vanishing probabilities.
    rate = pick(rng, [r for r in _RATES if r * span <= 6])
    lam = rate * span
    while True:
        if level == 2:
            ask = pick(rng, ("le", "ge"))
            k = int(rng.integers(1, 4)) if ask == "le" else int(rng.integers(1, 3))
        else:
            ask = "eq"
            centre = int(sympy.floor(lam))
            k = int(rng.integers(max(0, centre - 2), min(6, centre + 2) + 1))
        pmf = [_poisson_pmf(j, lam) for j in range(k + 1)]
        if ask == "eq":
            answer = pmf[k]
        elif ask == "le":
            answer = sum(pmf)
        else:
            answer = 1 - sum(pmf[:k])
        if R(1, 50) <= answer <= R(49, 50):
            break
    count = f"{rate} {noun if rate == 1 else nouns}"
    text = story.format(count=count, unit=unit) + ", as a Poisson process."
    window = f"one {unit}" if span == 1 else f"{span} {units}"
    symbol = {"eq": "exactly", "le": "at most", "ge": "at least"}[ask]
    event = {"eq": f"P(X = {k})", "le": f"P(X ≤ {k})", "ge": f"P(X ≥ {k}) = 1 − P(X ≤ {k - 1})"}[
        ask
    ]
    mistakes: list[tuple[Any, str]] = []
    if ask == "eq":
        mistakes += [
            (lam**k * sympy.exp(-lam), "Divide by k!: P(X = k) = λᵏe^(−λ)/k!."),
            (lam**k / sympy.factorial(k), "You dropped the factor e^(−λ)."),
        ]
    elif ask == "le":
        mistakes += [
            (sum(pmf[:k]), f"'At most {k}' includes {k}: sum j = 0 to {k}."),
            (1 - sum(pmf), f"That is P(X > {k}), the complement."),
        ]
    else:
        mistakes += [
            (
                1 - sum(pmf),
                f"'At least {k}' includes {k}: subtract P(X ≤ {k - 1}), not P(X ≤ {k}).",
            ),
            (sum(pmf[:k]), f"That is the complement P(X < {k})."),
        ]
    if span > 1:
        small = rate
        wrong = {
            "eq": _poisson_pmf(k, small),
            "le": sum(_poisson_pmf(j, small) for j in range(k + 1)),
            "ge": 1 - sum(_poisson_pmf(j, small) for j in range(k)),
        }[ask]
        mistakes.append(
            (
                wrong,
                f"Scale the rate to the window: λ = {rate}·{span} = {lam}, not "
                f"the rate per {unit}.",
            )
        )
    steps: list[Any] = []
    if span > 1:
        steps.append([f"The mean count in {window} is λ = ", rate, f"·{span} = ", lam, "."])
    if ask == "eq":
        steps.append(["P(X = k) = λᵏe^(−λ)/k! with λ = ", lam, f" and k = {k}."])
    else:
        listed: list[Any] = []
        for j in range(k + 1 if ask == "le" else k):
            listed += [", " if listed else "", f"P(X = {j}) = ", pmf[j]]
        steps.append([event, " with P(X = j) = λʲe^(−λ)/j! and λ = ", lam, ": ", *listed, "."])
    steps.append([f"{event.split(' = 1 − ')[0]} = ", answer, " ≈ ", decimal(answer, 4), "."])
    return Draft(
        prompt=[
            text,
            f" Let X be the number of {nouns} in {window}. What is the probability of "
            f"{symbol} {k} {noun if k == 1 else nouns}? Give an exact value (such as "
            "7*exp(-2)/2) or a decimal to 4 significant digits.",
        ],
        kind="number",
        answer=answer,
        params={"rate": exact_param(rate), "span": span, "k": k, "ask": ask},
        solution=steps,
        hints=[
            "P(X = k) = λᵏe^(−λ)/k!.",
            "The mean of a Poisson count grows in proportion to the length of the window.",
        ][: 1 if level < 3 else 2],
        mistakes=distinct_mistakes("number", answer, mistakes, gap=MIN_GAP),
    )


_SIGMAS = (2, 4, 5, 10)
_NORMAL_STORIES = (
    "Exam scores X are normally distributed with mean {mu} and standard deviation {sigma}",
    "Adult heights X (in cm) are normal with mean {mu} and standard deviation {sigma}",
    "The daily output X of a plant is normal with mean {mu} and standard deviation {sigma}",
    "A sensor reading X ~ N({mu}, {var}), that is, mean {mu} and variance {var}",
)


def _normal_oracle(params: Mapping[str, Any]) -> float:
    """Φ from math.erf at the standardized bounds."""
    mu, sigma = params["mu"], params["sigma"]
    low, high = params["low"], params["high"]
    upper = 1.0 if high is None else phi((high - mu) / sigma)
    lower = 0.0 if low is None else phi((low - mu) / sigma)
    return upper - lower


@template(
    id="pr.normal-probability",
    topic="pr.distributions",
    title="Normal probabilities with z-scores",
    oracle=_normal_oracle,
)
def normal_probability(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: P(X ≤ x) or P(X > x) for a normal X. Level 2: P(a < X < b), a difference of
    two CDF values."""
    sigma = pick(rng, _SIGMAS)
    mu = int(rng.integers(2, 21)) * 5
    story_text = pick(rng, _NORMAL_STORIES)
    story = story_text.format(mu=mu, sigma=sigma, var=sigma**2)
    sigma_text = f"σ = √{sigma**2} = {sigma}" if "{var}" in story_text else f"σ = {sigma}"
    steps_of_sigma = [v for v in range(-2 * sigma, 2 * sigma + 1) if v != 0]

    def z_of(x: int) -> sympy.Rational:
        return R(x - mu, sigma)

    if level == 1:
        x = mu + pick(rng, steps_of_sigma)
        if rng.integers(2):
            low, high, event = None, x, f"P(X ≤ {x})"
            answer_exact = normal_cdf(z_of(x))
            wrong_tail = 1 - answer_exact
            var_slip = normal_cdf(R(x - mu, sigma**2))
        else:
            low, high, event = x, None, f"P(X > {x})"
            answer_exact = 1 - normal_cdf(z_of(x))
            wrong_tail = normal_cdf(z_of(x))
            var_slip = 1 - normal_cdf(R(x - mu, sigma**2))
        bounds = [minus(f"z = ({x} − {mu})/{sigma} = {float(z_of(x)):g}.")]
        z_text = minus(f"{float(z_of(x)):g}")
        table = phi(float(z_of(x)))
        lookup = (
            f"Φ({z_text}) ≈ {table:.4f}"
            if high is not None
            else f"1 − Φ({z_text}) ≈ 1 − {table:.4f}"
        )
        mistakes = [
            (decimal(wrong_tail), "Wrong tail: Φ(z) is P(Z ≤ z); P(Z > z) = 1 − Φ(z)."),
            (decimal(var_slip), "Standardize with the standard deviation σ, not the variance σ²."),
        ]
    else:
        # At least one σ wide, so the probability is never so small that 4 decimals lose it.
        a = int(rng.integers(-2 * sigma, sigma + 1))
        b = int(rng.integers(a + sigma, 2 * sigma + 1))
        low, high = mu + a, mu + b
        event = f"P({low} < X < {high})"
        answer_exact = normal_cdf(z_of(high)) - normal_cdf(z_of(low))
        bounds = [
            minus(
                f"z₁ = ({low} − {mu})/{sigma} = {float(z_of(low)):g}, "
                f"z₂ = ({high} − {mu})/{sigma} = {float(z_of(high)):g}."
            )
        ]
        lookup = f"Φ(z₂) − Φ(z₁) ≈ {phi(float(z_of(high))):.4f} − {phi(float(z_of(low))):.4f}"
        mistakes = [
            (decimal(normal_cdf(z_of(high))), "That is P(X < b) alone: subtract P(X ≤ a)."),
            (
                decimal(normal_cdf(R(b, sigma**2)) - normal_cdf(R(a, sigma**2))),
                "Standardize with the standard deviation σ, not the variance σ².",
            ),
            (
                decimal(normal_cdf(z_of(high)) + normal_cdf(z_of(low)) - 1),
                "Φ(z₁) is the area left of z₁: subtract Φ(z₁) itself, not 1 − Φ(z₁).",
            ),
        ]
    answer = decimal(answer_exact)
    event_text = event.replace("-", "−")
    return Draft(
        prompt=[
            story.replace("-", "−"),
            f". What is {event_text}? Give a decimal to 4 decimal places (read Φ from a "
            "z-table or a calculator).",
        ],
        kind="number",
        answer=answer,
        params={"mu": mu, "sigma": sigma, "low": low, "high": high},
        rel_tol=NORMAL_TOL,
        decimals=4,
        solution=[
            [f"Standardize: z = (x − μ)/σ with μ = {mu}, {sigma_text}."],
            bounds,
            [f"{event_text} = {lookup} ≈ {float(answer):.4f}."],
        ],
        hints=[
            "z = (x − μ)/σ turns X into a standard normal Z.",
            "P(a < X < b) = Φ(z_b) − Φ(z_a); P(X > x) = 1 − Φ(z).",
        ],
        mistakes=distinct_mistakes("number", answer, mistakes, gap=MARGIN * NORMAL_TOL),
    )


__all__ = ["binomial", "normal_probability", "poisson"]
