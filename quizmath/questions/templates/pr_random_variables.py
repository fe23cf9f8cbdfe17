"""Random variables: expectation and variance from a table, Var(aX + bY + c), covariance and
correlation from a joint table."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy
from sympy import Rational as R

from quizmath.questions.draw import distinct, nonzero, pick, probabilities
from quizmath.questions.mistakes import distinct_mistakes
from quizmath.questions.model import Draft
from quizmath.questions.notation import minus
from quizmath.questions.params import exact_param, float_param
from quizmath.questions.registry import template
from quizmath.questions.render import Math
from quizmath.questions.templates.pr_common import MIN_GAP, factor

E_X = Math("E[X]", r"\mathbb{E}[X]")
E_X2 = Math("E[X²]", r"\mathbb{E}[X^2]")
VAR_X = Math("Var(X)", r"\operatorname{Var}(X)")


def _expectation_oracle(params: Mapping[str, Any]) -> float:
    """Probability-weighted sums with NumPy."""
    values = np.array(params["values"], dtype=float)
    probs = float_param(params["probs"])
    mean = probs @ values
    if params["ask"] == "mean":
        return float(mean)
    return float(probs @ (values - mean) ** 2)


@template(
    id="pr.expectation-table",
    topic="pr.random-variables",
    title="Expectation and variance from a probability table",
    oracle=_expectation_oracle,
)
def expectation_table(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: E[X] of a discrete variable given by a table. Level 2: Var(X) of such a table."""
    count = int(rng.integers(3, 5))
    values = sorted(distinct(rng, -3, 8, count))
    probs = probabilities(rng, count, int(pick(rng, (4, 5, 6, 8, 10))))
    mean = sum(p * v for p, v in zip(probs, values, strict=True))
    second = sum(p * v**2 for p, v in zip(probs, values, strict=True))
    variance = second - mean**2
    table = ", ".join(f"P(X = {v}) = {p}" for v, p in zip(values, probs, strict=True))
    table = table.replace("-", "−")
    unweighted = R(sum(values), count)
    first_terms = " + ".join(f"{factor(v)}·{p}" for v, p in zip(values, probs, strict=True))
    second_terms = " + ".join(f"{factor(v)}²·{p}" for v, p in zip(values, probs, strict=True))
    if level == 1:
        answer, asked = mean, E_X
        steps = [[f"E[X] = Σ x·P(X = x) = {first_terms} = ", answer, "."]]
        mistakes = [
            (
                unweighted,
                "That is the plain average of the values: weight each value by its probability.",
            ),
            (R(sum(values)), "You added the values: multiply each by its probability first."),
        ]
        hints = ["E[X] = Σ x·P(X = x)."]
    else:
        answer, asked = variance, VAR_X
        steps = [
            [f"E[X] = Σ x·P(X = x) = {first_terms} = ", mean, "."],
            [f"E[X²] = Σ x²·P(X = x) = {second_terms} = ", second, "."],
            ["Var(X) = E[X²] − E[X]² = ", second, " − ", mean**2, " = ", answer, "."],
        ]
        spread = sum((v - unweighted) ** 2 for v in values) / count
        mistakes = [
            (second, "That is E[X²]: subtract E[X]² to get the variance."),
            (sympy.sqrt(variance), "That is the standard deviation; the variance is its square."),
            (second - mean, "Subtract the square of the mean, E[X]², not E[X]."),
            (
                spread,
                "You ignored the probabilities: Var(X) weights each squared deviation by P(X = x).",
            ),
        ]
        hints = ["Var(X) = E[X²] − E[X]².", "E[X²] = Σ x²·P(X = x)."]
    return Draft(
        prompt=[
            "A random variable X has ",
            table,
            ". What is ",
            asked,
            "? Give an exact fraction.",
        ],
        kind="number",
        answer=answer,
        params={
            "values": values,
            "probs": exact_param(probs),
            "ask": "mean" if level == 1 else "var",
        },
        solution=steps,
        hints=hints,
        mistakes=distinct_mistakes("number", answer, mistakes, gap=MIN_GAP),
    )


def _affine(terms: list[tuple[int, str]], constant: int) -> str:
    """``aX + bY + c`` as people write it: ``−3X + Y − 2``."""
    text = ""
    for coefficient, name in [*terms, (constant, "")]:
        size = "" if abs(coefficient) == 1 and name else str(abs(coefficient))
        sign = (
            ("−" if coefficient < 0 else "") if not text else (" − " if coefficient < 0 else " + ")
        )
        text += sign + size + name
    return text


def _linear_oracle(params: Mapping[str, Any]) -> float:
    """Var(wᵀZ) = wᵀΣw with the covariance matrix built in NumPy."""
    weights = np.array(params["weights"], dtype=float)
    var = np.array(params["variances"], dtype=float)
    cov = np.diag(var)
    if len(var) == 2:
        cov[0, 1] = cov[1, 0] = params["covariance"]
    return float(weights @ cov @ weights)


@template(
    id="pr.linear-combination",
    topic="pr.random-variables",
    title="Variance of a linear combination",
    oracle=_linear_oracle,
    levels=3,
)
def linear_combination(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: Var(aX + b). Level 2: Var(aX + bY + c) for independent X, Y. Level 3: the same
    with a given Cov(X, Y)."""
    a = nonzero(rng, -5, 5)
    while a in (1, -1):
        a = nonzero(rng, -5, 5)
    # With a covariance, Var(X)·Var(Y) ≥ 2 leaves room for a nonzero integer |Cov| < σ_X σ_Y.
    var_x = int(rng.integers(1 if level < 3 else 2, 10))
    mean_x = int(rng.integers(-5, 6))
    shift = nonzero(rng, -9, 9)
    if level == 1:
        expr = _affine([(a, "X")], shift)
        answer = sympy.Integer(a * a * var_x)
        prompt = [minus(f"E[X] = {mean_x} and Var(X) = {var_x}. ") + f"What is Var({expr})?"]
        steps = [
            ["Adding a constant shifts X but not its spread: Var(aX + b) = a²·Var(X)."],
            [f"Var = {factor(a)}²·{var_x} = ", answer, "."],
        ]
        mistakes = [
            (
                sympy.Integer(a * var_x),
                "Var(aX) = a²·Var(X), not a·Var(X): variance scales with the square of the factor.",
            ),
            (
                sympy.Integer(a * a * var_x + shift),
                "Adding a constant does not change the variance.",
            ),
            (
                sympy.Integer(a * a * var_x + shift**2),
                "The constant b contributes nothing, not b².",
            ),
        ]
        params: dict[str, Any] = {"weights": [a], "variances": [var_x]}
    else:
        b = nonzero(rng, -4, 4)
        var_y = int(rng.integers(1, 10))
        cov = 0
        if level == 3:
            limit = int(np.floor(np.sqrt(var_x * var_y)))
            cov = nonzero(rng, -limit, limit) if limit >= 1 else 0
            while cov * cov >= var_x * var_y:
                cov = nonzero(rng, -limit, limit)
        expr = _affine([(a, "X"), (b, "Y")], shift)
        base = a * a * var_x + b * b * var_y
        answer = sympy.Integer(base + 2 * a * b * cov)
        if level == 2:
            prompt = [
                f"X and Y are independent with Var(X) = {var_x} and Var(Y) = {var_y}. "
                f"What is Var({expr})?"
            ]
            steps = [
                [
                    "Independent variables have zero covariance, so the variances add with squared "
                    "weights: Var(aX + bY + c) = a²Var(X) + b²Var(Y)."
                ],
                [f"{factor(a)}²·{var_x} + {factor(b)}²·{var_y} = ", answer, "."],
            ]
        else:
            prompt = [
                minus(f"Var(X) = {var_x}, Var(Y) = {var_y} and Cov(X, Y) = {cov}. ")
                + f"What is Var({expr})?"
            ]
            steps = [
                ["Var(aX + bY + c) = a²Var(X) + b²Var(Y) + 2ab·Cov(X, Y)."],
                [
                    f"{factor(a)}²·{var_x} + {factor(b)}²·{var_y} + "
                    f"2·{factor(a)}·{factor(b)}·{factor(cov)} = ",
                    answer,
                    ".",
                ],
            ]
        cross = 2 * a * b * cov
        mistakes = [
            (
                sympy.Integer(a * var_x + b * var_y + cross),
                "Weights enter squared: Var(aX) = a²·Var(X).",
            ),
        ]
        if a * b < 0:
            # Only a minus sign between the terms tempts a learner to subtract the variances.
            mistakes.append(
                (
                    sympy.Integer(a * a * var_x - b * b * var_y + cross),
                    "Variances never subtract: a minus sign in front of a term still gives "
                    "(−b)²·Var(Y) = b²·Var(Y).",
                )
            )
        if level == 3:
            mistakes += [
                (sympy.Integer(base), "X and Y are correlated: add the term 2ab·Cov(X, Y)."),
                (
                    sympy.Integer(base + a * b * cov),
                    "The cross term is 2ab·Cov(X, Y); you dropped the 2.",
                ),
                (
                    sympy.Integer(base - cross),
                    "Sign of the cross term: 2ab·Cov(X, Y) keeps the signs of a, b and the "
                    "covariance.",
                ),
            ]
        params = {"weights": [a, b], "variances": [var_x, var_y], "covariance": cov}
    return Draft(
        prompt=prompt,
        kind="number",
        answer=answer,
        params=params,
        solution=steps,
        hints=[
            "Var(aX + b) = a²·Var(X); constants do not change the spread.",
            "Var(X + Y) = Var(X) + Var(Y) + 2·Cov(X, Y).",
        ][: 1 if level == 1 else 2],
        mistakes=distinct_mistakes("number", answer, mistakes, gap=MIN_GAP),
    )


def _covariance_oracle(params: Mapping[str, Any]) -> float:
    """E[(X − E X)(Y − E Y)] summed over the joint table with NumPy."""
    joint = float_param(params["joint"])
    xs = np.array(params["x"], dtype=float)
    ys = np.array(params["y"], dtype=float)
    dx = xs - joint.sum(axis=1) @ xs
    dy = ys - joint.sum(axis=0) @ ys
    cov = float(dx @ joint @ dy)
    if params["ask"] == "cov":
        return cov
    var_x = float(joint.sum(axis=1) @ dx**2)
    var_y = float(joint.sum(axis=0) @ dy**2)
    return cov / np.sqrt(var_x * var_y)


@template(
    id="pr.joint-covariance",
    topic="pr.random-variables",
    title="Covariance and correlation from a joint table",
    oracle=_covariance_oracle,
    levels=3,
)
def joint_covariance(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: Cov(X, Y) from a 2×2 joint table. Level 2: Cov(X, Y) from a 2×3 table.
    Level 3: the correlation ρ(X, Y) of a 2×2 table."""
    cols = 3 if level == 2 else 2
    xs = sorted(distinct(rng, -2, 3, 2))
    ys = sorted(distinct(rng, -2, 4, cols))
    while True:
        flat = probabilities(rng, 2 * cols, int(pick(rng, (8, 10, 12))))
        joint = [flat[:cols], flat[cols:]]
        px = [sum(row) for row in joint]
        py = [joint[0][c] + joint[1][c] for c in range(cols)]
        ex = sum(p * x for p, x in zip(px, xs, strict=True))
        ey = sum(p * y for p, y in zip(py, ys, strict=True))
        exy = sum(joint[r][c] * xs[r] * ys[c] for r in range(2) for c in range(cols))
        cov = exy - ex * ey
        var_x = sum(p * x * x for p, x in zip(px, xs, strict=True)) - ex**2
        var_y = sum(p * y * y for p, y in zip(py, ys, strict=True)) - ey**2
        # A zero mean would make E[XY] the covariance and hide the E[X]E[Y] term; unit
        # variances would make ρ equal the covariance.
        if cov != 0 and ex * ey != 0 and var_x * var_y != 1:
            break
    values = minus(f"X (rows: X = {xs[0]}, {xs[1]}) and Y (columns: Y = {', '.join(map(str, ys))})")
    steps: list[Any] = [
        ["Marginals: P(X) = ", sympy.Tuple(*px), ", P(Y) = ", sympy.Tuple(*py), "."],
        ["E[X] = ", ex, ", E[Y] = ", ey, ", E[XY] = Σ x·y·P(x, y) = ", exy, "."],
        ["Cov(X, Y) = E[XY] − E[X]E[Y] = ", cov, "."],
    ]
    if level < 3:
        answer, asked = cov, "Cov(X, Y)"
        mistakes = [
            (exy, "That is E[XY]: subtract E[X]·E[Y]."),
            (
                exy + ex * ey,
                "Cov(X, Y) = E[XY] − E[X]E[Y]: the product of the means is subtracted, not added.",
            ),
        ]
    else:
        answer = cov / sympy.sqrt(var_x * var_y)
        asked = "the correlation ρ(X, Y)"
        steps.append(
            [
                "Var(X) = ",
                var_x,
                ", Var(Y) = ",
                var_y,
                "; ρ = Cov / √(Var(X)Var(Y)) = ",
                answer,
                ".",
            ]
        )
        mistakes = [
            (cov, "That is the covariance: divide by the product of the standard deviations."),
            (
                cov / (var_x * var_y),
                "Divide by the standard deviations √(Var(X)Var(Y)), not by the variances.",
            ),
        ]
    return Draft(
        prompt=[
            f"{values} have the joint probability table ",
            sympy.Matrix(joint),
            f". What is {asked}? "
            + (
                "Give an exact value (sqrt is fine) or a decimal to 4 significant digits."
                if level == 3
                else "Give an exact fraction."
            ),
        ],
        kind="number",
        answer=answer,
        params={
            "x": xs,
            "y": ys,
            "joint": exact_param(joint),
            "ask": "corr" if level == 3 else "cov",
        },
        solution=steps,
        hints=[
            "Cov(X, Y) = E[XY] − E[X]E[Y], with E[XY] summed over every cell.",
            "ρ = Cov(X, Y) / (σ_X σ_Y) lies in [−1, 1].",
        ][: 2 if level == 3 else 1],
        mistakes=distinct_mistakes("number", answer, mistakes, gap=MIN_GAP),
    )


__all__ = ["expectation_table", "joint_covariance", "linear_combination"]
