"""Descriptive statistics: population vs sample variance, covariance and correlation of paired
data, standardization."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy
from sympy import Rational as R

from quizmath.questions.draw import pick
from quizmath.questions.mistakes import distinct_mistakes
from quizmath.questions.model import Draft
from quizmath.questions.registry import template
from quizmath.questions.render import Math
from quizmath.questions.templates.pr_common import MIN_GAP, data_text, factor

X_BAR = Math("x̄", r"\bar{x}")


def _integer_mean_data(rng: np.random.Generator, n: int, low: int, high: int) -> list[int]:
    """``n`` integers in [low, high], not all equal, whose mean is an integer (easier by hand)."""
    while True:
        values = [int(v) for v in rng.integers(low, high + 1, size=n)]
        values[-1] -= sum(values) % n
        if values[-1] < low:
            values[-1] += n
        if len(set(values)) > 1:
            return values


def _variance_oracle(params: Mapping[str, Any]) -> float:
    """np.var with the asked degrees of freedom, and its square root when a deviation is asked."""
    data = np.array(params["data"], dtype=float)
    value = float(np.var(data, ddof=params["ddof"]))
    return float(np.sqrt(value)) if params["root"] else value


@template(
    id="pr.sample-variance",
    topic="pr.descriptive",
    title="Population vs sample variance",
    oracle=_variance_oracle,
)
def sample_variance(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: the sample variance (divide by n − 1) or the population variance (divide by n)
    of a small data set. Level 2: the sample or population standard deviation."""
    n = int(rng.integers(4, 8))
    data = _integer_mean_data(rng, n, 0, 15)
    mean = R(sum(data), n)
    squares = sum((x - mean) ** 2 for x in data)
    ddof = int(rng.integers(2))
    root = level == 2
    divisor = n - ddof
    variance = squares / divisor
    other = squares / (n - 1 + ddof)
    answer = sympy.sqrt(variance) if root else variance
    which = "sample" if ddof else "population"
    thing = "standard deviation" if root else "variance"
    if ddof:
        symbol = "s" if root else "s²"
        asked = (
            f"Treat the values as a sample from a larger population: what is the sample "
            f"{thing} {symbol} (dividing by n − 1)?"
        )
        slip = (
            "That divides by n, the population formula; a sample variance divides by n − 1 "
            "(Bessel's correction) because the deviations are measured from x̄, not μ."
        )
    else:
        symbol = "σ" if root else "σ²"
        asked = (
            f"The values are the whole population: what is the population {thing} {symbol} "
            "(dividing by n)?"
        )
        slip = "That divides by n − 1, the sample formula; for a whole population divide by n."
    mistakes = [
        (sympy.sqrt(other) if root else other, slip),
        (
            sympy.sqrt(squares) if root else squares,
            "Divide the sum of squared deviations by "
            f"{divisor} {'before taking the square root' if root else ''}".rstrip()
            + ".",
        ),
    ]
    if root:
        mistakes.append(
            (variance, "That is the variance: the standard deviation is its square root.")
        )
    deviations = [x - mean for x in data]
    steps: list[Any] = [
        ["Mean: ", X_BAR, " = ", R(sum(data)), f"/{n} = ", mean, "."],
        [
            "Deviations x − x̄: ",
            data_text(deviations),
            "; sum of squares Σ(x − x̄)² = ",
            squares,
            ".",
        ],
        [f"Divide by {'n − 1' if ddof else 'n'} = {divisor}: {which} variance = ", variance, "."],
    ]
    if root:
        steps.append(["Square root: ", answer, "."])
    return Draft(
        prompt=[
            f"Data: {data_text(data)}. {asked} "
            + (
                "Give an exact value (sqrt is fine) or a decimal to 4 significant digits."
                if root
                else "Give an exact fraction."
            )
        ],
        kind="number",
        answer=answer,
        params={"data": data, "ddof": ddof, "root": root},
        solution=steps,
        hints=[
            "Population: divide Σ(x − x̄)² by n. Sample: divide by n − 1.",
            "The standard deviation is the square root of the variance.",
        ][:level],
        mistakes=distinct_mistakes("number", answer, mistakes, gap=MIN_GAP),
    )


def _correlation_oracle(params: Mapping[str, Any]) -> float:
    """np.cov (ddof = 1) or np.corrcoef of the paired data."""
    x = np.array(params["x"], dtype=float)
    y = np.array(params["y"], dtype=float)
    if params["ask"] == "cov":
        return float(np.cov(x, y, ddof=1)[0, 1])
    return float(np.corrcoef(x, y)[0, 1])


@template(
    id="pr.correlation",
    topic="pr.descriptive",
    title="Sample covariance and correlation of paired data",
    oracle=_correlation_oracle,
)
def correlation(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: the sample covariance of paired data (divide by n − 1). Level 2: Pearson's
    correlation coefficient r."""
    n = int(rng.integers(4, 6))
    while True:
        xs = _integer_mean_data(rng, n, 0, 9)
        ys = _integer_mean_data(rng, n, 0, 12)
        mx, my = R(sum(xs), n), R(sum(ys), n)
        sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
        sxx = sum((x - mx) ** 2 for x in xs)
        syy = sum((y - my) ** 2 for y in ys)
        if sxy != 0 and sxy**2 != sxx * syy:
            break
    cov = sxy / (n - 1)
    pairs = ", ".join(f"({x}, {y})" for x, y in zip(xs, ys, strict=True))
    steps: list[Any] = [
        ["Means: ", X_BAR, " = ", mx, ", ", Math("ȳ", r"\bar{y}"), " = ", my, "."],
        ["Σ(x − x̄)(y − ȳ) = ", sxy, "."],
    ]
    if level == 1:
        answer = cov
        asked = "What is the sample covariance (dividing by n − 1)?"
        steps.append([f"Divide by n − 1 = {n - 1}: ", answer, "."])
        mistakes = [
            (
                sxy / n,
                "That divides by n (population covariance); the sample covariance divides "
                "by n − 1.",
            ),
            (sxy, "Divide the sum of cross-products by n − 1."),
        ]
    else:
        answer = sxy / sympy.sqrt(sxx * syy)
        asked = "What is Pearson's correlation coefficient r?"
        steps += [
            ["Σ(x − x̄)² = ", sxx, ", Σ(y − ȳ)² = ", syy, "."],
            ["r = Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)²·Σ(y − ȳ)²) = ", answer, "."],
        ]
        mistakes = [
            (
                cov,
                "That is the sample covariance: divide by both standard deviations to get a "
                "scale-free r in [−1, 1].",
            ),
            (
                answer**2,
                "That is r², the coefficient of determination; r keeps its sign and is "
                "not squared.",
            ),
            (
                sxy / (sxx * syy),
                "Divide by the square root of Σ(x − x̄)²·Σ(y − ȳ)², not by the product itself.",
            ),
        ]
    return Draft(
        prompt=[
            f"Paired data (x, y): {pairs}. {asked} "
            + (
                "Give an exact fraction."
                if level == 1
                else "Give an exact value (sqrt is fine) or a decimal to 4 significant digits."
            )
        ],
        kind="number",
        answer=answer,
        params={"x": xs, "y": ys, "ask": "cov" if level == 1 else "corr"},
        solution=steps,
        hints=[
            "Center both variables first: work with x − x̄ and y − ȳ.",
            "r = cov(x, y)/(s_x s_y): the n − 1 factors cancel.",
        ][:level],
        mistakes=distinct_mistakes("number", answer, mistakes, gap=MIN_GAP),
    )


def _standardize_oracle(params: Mapping[str, Any]) -> list[float]:
    """(x − mean)/std with NumPy; the mean and std come from the data when not given."""
    data = np.array(params["data"], dtype=float)
    mean = params["mean"] if params["mean"] is not None else data.mean()
    std = params["std"] if params["std"] is not None else data.std(ddof=0)
    return list((data - mean) / std)


@template(
    id="pr.standardize",
    topic="pr.descriptive",
    title="Standardizing data (z-scores)",
    oracle=_standardize_oracle,
)
def standardize(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: z-scores of a batch with a given mean and standard deviation. Level 2: compute
    the mean and population standard deviation from the data first."""
    n = int(rng.integers(3, 5)) if level == 1 else 4
    if level == 1:
        mean = int(rng.integers(-5, 21))
        std = pick(rng, (2, 3, 4, 5, 10))
        data = [mean + int(v) for v in rng.integers(-2 * std, 2 * std + 1, size=n)]
        mu, sd = sympy.Integer(mean), sympy.Integer(std)
        intro = (
            f"A feature has mean {mean} and standard deviation {std} (so variance "
            f"{std**2}). Standardize the batch {data_text(data)}".replace("-", "−")
        )
        params: dict[str, Any] = {"data": data, "mean": mean, "std": std}
        steps: list[Any] = []
    else:
        data = _integer_mean_data(rng, n, 0, 12)
        mu = R(sum(data), n)
        sd = sympy.sqrt(sum((x - mu) ** 2 for x in data) / n)
        intro = (
            f"Standardize the data {data_text(data)} using its own mean and population "
            "standard deviation (divide by n)"
        )
        params = {"data": data, "mean": None, "std": None}
        steps = [
            [
                "Mean μ = ",
                mu,
                "; population variance Σ(x − μ)²/n = ",
                sd**2,
                ", so σ = ",
                sd,
                ".",
            ]
        ]
    answer = [(x - mu) / sd for x in data]
    if level == 1:
        steps.append(
            [
                "z = (x − μ)/σ for each value: "
                + data_text(
                    [
                        f"({x} − {factor(mean)})/{std} = {z}"
                        for x, z in zip(data, answer, strict=True)
                    ]
                )
                + "."
            ]
        )
    else:
        steps.append(["z = (x − μ)/σ for each value: ", sympy.Tuple(*answer), "."])
    mistakes = [
        (
            [(x - mu) / sd**2 for x in data],
            "Divide by the standard deviation σ, not the variance σ².",
        ),
        ([x / sd for x in data], "Subtract the mean before dividing by σ."),
        ([x - mu for x in data], "Centering is half of it: also divide by σ."),
    ]
    if level == 2:
        sample_sd = sympy.sqrt(sum((x - mu) ** 2 for x in data) / (n - 1))
        mistakes.append(
            (
                [(x - mu) / sample_sd for x in data],
                "The question asks for the "
                "population standard deviation (divide by n), not the sample one.",
            )
        )
    return Draft(
        prompt=[
            intro,
            ". Give the z-scores in the order of the data as a vector [z1, z2, ...] of exact "
            "values or decimals to 4 significant digits.",
        ],
        kind="vector",
        answer=answer,
        params=params,
        solution=steps,
        hints=["z = (x − μ)/σ has mean 0 and standard deviation 1 across the data."],
        mistakes=distinct_mistakes("vector", answer, mistakes, gap=MIN_GAP),
    )


__all__ = ["correlation", "sample_variance", "standardize"]
