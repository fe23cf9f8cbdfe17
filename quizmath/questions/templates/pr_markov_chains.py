"""Markov chains: stationary distributions, n-step distributions, path, two-step and absorption
probabilities. Row convention: P[i][j] = P(next = j | now = i), distributions are row vectors."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy
from sympy import Rational as R

from quizmath.questions.draw import pick, probabilities
from quizmath.questions.mistakes import distinct_mistakes
from quizmath.questions.model import Draft
from quizmath.questions.notation import subscript, superscript
from quizmath.questions.params import exact_param, float_param
from quizmath.questions.registry import template
from quizmath.questions.render import Math
from quizmath.questions.templates.pr_common import MIN_GAP

_SWITCH = (
    R(1, 10),
    R(1, 5),
    R(1, 4),
    R(3, 10),
    R(1, 3),
    R(2, 5),
    R(1, 2),
    R(3, 5),
    R(2, 3),
    R(3, 4),
    R(4, 5),
)
_ROW_DENOMINATORS = (4, 5, 6, 8, 10)


def _matrix(params: Mapping[str, Any]) -> np.ndarray:
    return float_param(params["P"])


def _two_state(rng: np.random.Generator) -> list[list[sympy.Rational]]:
    """Exit probabilities a ≠ b with a + b ≠ 1: equal rows would make the chain memoryless."""
    a = pick(rng, _SWITCH)
    b = pick(rng, [s for s in _SWITCH if s != a and s != 1 - a])
    return [[1 - a, a], [b, 1 - b]]


def _three_state(rng: np.random.Generator) -> list[list[sympy.Rational]]:
    return [probabilities(rng, 3, int(pick(rng, _ROW_DENOMINATORS))) for _ in range(3)]


def _stationary(rows: list[list[sympy.Rational]]) -> list[sympy.Rational]:
    """Solve πP = π with Σπ = 1 exactly (one balance equation replaced by the normalization)."""
    size = len(rows)
    system = sympy.Matrix(size, size, lambda i, j: rows[j][i] - (1 if i == j else 0))
    system[size - 1, :] = sympy.ones(1, size)
    rhs = sympy.zeros(size, 1)
    rhs[size - 1] = 1
    return list(system.LUsolve(rhs))


def _stationary_oracle(params: Mapping[str, Any]) -> list[float]:
    """The left eigenvector of P for the eigenvalue closest to 1, scaled to sum to 1."""
    values, vectors = np.linalg.eig(_matrix(params).T)
    vector = np.real(vectors[:, np.argmin(np.abs(values - 1))])
    return list(vector / vector.sum())


@template(
    id="pr.stationary",
    topic="pr.markov-chains",
    title="Stationary distribution of a Markov chain",
    oracle=_stationary_oracle,
)
def stationary(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: a two-state chain, π = (b, a)/(a + b). Level 2: a three-state chain with all
    transitions positive, solved from πP = π and Σπ = 1."""
    rows = _two_state(rng) if level == 1 else _three_state(rng)
    size = len(rows)
    answer = _stationary(rows)
    matrix = sympy.Matrix(rows)
    if level == 1:
        a, b = rows[0][1], rows[1][0]
        steps: list[Any] = [
            [
                f"Exit probabilities a = P₁₂ = {a} and b = P₂₁ = {b}. In balance the flow "
                f"1 → 2 equals the flow 2 → 1: π₁·{a} = π₂·{b}."
            ],
            ["With π₁ + π₂ = 1: π = (b, a)/(a + b) = ", sympy.Tuple(*answer), "."],
        ]
        extra = [
            (
                [a / (a + b), b / (a + b)],
                "Swapped: the state that is harder to leave "
                "(smaller exit probability) gets more mass, π₁ = b/(a + b).",
            )
        ]
    else:
        balance = [
            f"π{subscript(j + 1)} = "
            + " + ".join(f"({rows[i][j]})π{subscript(i + 1)}" for i in range(size))
            for j in range(2)
        ]
        steps = [
            [
                "πP = π componentwise (πⱼ = Σᵢ πᵢPᵢⱼ); two of the three equations are "
                f"independent: {balance[0]} and {balance[1]}."
            ],
            ["Add π₁ + π₂ + π₃ = 1 and solve the three equations."],
            ["π = ", sympy.Tuple(*answer), "."],
        ]
        extra = []
    mistakes = [
        *extra,
        (
            [R(1, size)] * size,
            "That solves Pπ = π (the all-ones right eigenvector); the "
            "stationary distribution is a left eigenvector: πP = π.",
        ),
        (
            list(rows[0]),
            "That is the first row of P, one step from state 1, not the long-run distribution.",
        ),
    ]
    return Draft(
        prompt=[
            f"A Markov chain on states 1–{size} has transition matrix P = ",
            matrix,
            " (row i holds the probabilities of moving from state i). Give its stationary "
            "distribution π (πP = π, Σπ = 1) as a vector of exact fractions (or decimals to 4 "
            "significant digits).",
        ],
        kind="vector",
        answer=answer,
        params={"P": exact_param(rows)},
        solution=steps,
        hints=[
            "Stationary means πP = π: a row vector that P leaves unchanged.",
            "Add the normalization Σπ = 1 to pin down the scale.",
        ],
        mistakes=distinct_mistakes("vector", answer, mistakes, gap=MIN_GAP),
    )


_STARTS = ((R(1), R(0)), (R(0), R(1)), (R(1, 2), R(1, 2)), (R(1, 4), R(3, 4)), (R(2, 3), R(1, 3)))


def _n_step_oracle(params: Mapping[str, Any]) -> list[float]:
    """π₀ Pⁿ with numpy.linalg.matrix_power."""
    start = float_param(params["start"])
    return list(start @ np.linalg.matrix_power(_matrix(params), params["steps"]))


@template(
    id="pr.n-step",
    topic="pr.markov-chains",
    title="Distribution after n steps",
    oracle=_n_step_oracle,
)
def n_step(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: a two-state chain, two or three steps from a given start. Level 2: a three-state
    chain, two steps."""
    if level == 1:
        rows = _two_state(rng)
        start = list(pick(rng, _STARTS))
        steps_count = int(rng.integers(2, 4))
    else:
        rows = _three_state(rng)
        start = [R(1), R(0), R(0)]
        start = (
            [start[i] for i in rng.permutation(3)]
            if rng.integers(2)
            else probabilities(rng, 3, int(pick(rng, (4, 5, 6))))
        )
        steps_count = 2
    matrix = sympy.Matrix(rows)
    row = sympy.Matrix([start])
    trail = [row]
    for _ in range(steps_count):
        trail.append(trail[-1] * matrix)
    answer = list(trail[-1])
    transposed = row
    for _ in range(steps_count):
        transposed = (matrix * transposed.T).T
    work: list[Any] = [
        [
            Math(f"π{subscript(k)}", rf"\pi_{{{k}}}"),
            " = ",
            Math(f"π{subscript(k - 1)}", rf"\pi_{{{k - 1}}}"),
            "P = ",
            sympy.Tuple(*trail[k]),
            ".",
        ]
        for k in range(1, steps_count + 1)
    ]
    mistakes = [
        (list(trail[1]), f"That is one step; apply P {steps_count} times."),
        (
            list(transposed),
            "Distributions are row vectors multiplied on the left, π₀P; Pπ₀ᵀ "
            "mixes the columns instead.",
        ),
        (list(trail[-2]), f"That is after {steps_count - 1} steps; apply P {steps_count} times."),
    ]
    return Draft(
        prompt=[
            "A Markov chain has transition matrix P = ",
            matrix,
            " (row i: moves from state i). Its starting distribution is π₀ = ",
            sympy.Tuple(*start),
            f". Give the distribution after {steps_count} steps, π₀P",
            Math(superscript(steps_count), f"^{{{steps_count}}}"),
            ", as a vector of exact fractions (or decimals to 4 significant digits).",
        ],
        kind="vector",
        answer=answer,
        params={"P": exact_param(rows), "start": exact_param(start), "steps": steps_count},
        solution=work,
        hints=["Multiply the row vector by P once per step: πₖ₊₁ = πₖP."],
        mistakes=distinct_mistakes("vector", answer, mistakes, gap=MIN_GAP),
    )


def _pair(i: int, j: int) -> str:
    """The subscript of the entry Pᵢⱼ for 0-based states: ``₁₃``."""
    return subscript(i + 1) + subscript(j + 1)


def _chain_probability_oracle(params: Mapping[str, Any]) -> float:
    """Products along the path, (P²)ᵢⱼ with NumPy, or absorption via the fundamental matrix."""
    matrix = _matrix(params)
    match params["ask"]:
        case "path":
            start = float_param(params["start"])
            i, j, k = params["path"]
            return float(start[i] * matrix[i, j] * matrix[j, k])
        case "two-step":
            i, j = params["path"]
            return float(np.linalg.matrix_power(matrix, 2)[i, j])
        case _:
            # States 0 and 3 absorb; 1 and 2 are transient. B = (I − Q)⁻¹ R.
            q = matrix[1:3, 1:3]
            r = matrix[1:3][:, [0, 3]]
            absorb = np.linalg.solve(np.eye(2) - q, r)
            return float(absorb[params["from"] - 1, 1])


@template(
    id="pr.chain-probability",
    topic="pr.markov-chains",
    title="Path, two-step and absorption probabilities",
    oracle=_chain_probability_oracle,
    levels=3,
)
def chain_probability(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: the probability of a given path X₀, X₁, X₂ from a start distribution. Level 2:
    P(X₂ = j | X₀ = i), a sum over the middle state. Level 3: the probability of absorption in
    state 4 of a four-state chain whose ends absorb."""
    params: dict[str, Any]
    if level < 3:
        rows = _three_state(rng)
        matrix = sympy.Matrix(rows)
        intro: list[Any] = [
            "A Markov chain on states 1–3 has transition matrix P = ",
            matrix,
            " (row i: moves from state i).",
        ]
        if level == 1:
            start = probabilities(rng, 3, int(pick(rng, (4, 5, 6))))
            i, j, k = (int(v) for v in rng.integers(0, 3, size=3))
            answer = start[i] * rows[i][j] * rows[j][k]
            question = [
                " X₀ has distribution ",
                sympy.Tuple(*start),
                f". What is P(X₀ = {i + 1}, X₁ = {j + 1}, X₂ = {k + 1})? Give an exact fraction.",
            ]
            steps: list[Any] = [
                [
                    "Chain rule with the Markov property: "
                    f"P(X₀ = {i + 1})·P{_pair(i, j)}·P{_pair(j, k)}."
                ],
                ["= ", start[i], "·", rows[i][j], "·", rows[j][k], " = ", answer, "."],
            ]
            mistakes = [
                (
                    rows[i][j] * rows[j][k],
                    "That is the path probability given X₀; multiply by P(X₀ = i) too.",
                ),
                (rows[j][i] * rows[k][j], "Row i holds moves from state i: use Pᵢⱼ, not Pⱼᵢ."),
                (
                    start[i] * (rows[i][j] + rows[j][k]),
                    "Consecutive steps multiply; they do not add.",
                ),
            ]
            params = {
                "ask": "path",
                "P": exact_param(rows),
                "start": exact_param(start),
                "path": [i, j, k],
            }
        else:
            i, j = (int(v) for v in rng.integers(0, 3, size=2))
            terms = [rows[i][m] * rows[m][j] for m in range(3)]
            answer = sum(terms)
            question = [f" What is P(X₂ = {j + 1} | X₀ = {i + 1})? Give an exact fraction."]
            steps = [
                [
                    f"Sum over the middle state m: Σₘ P{subscript(i + 1)}ₘ·Pₘ{subscript(j + 1)} = "
                    f"(P²){_pair(i, j)}."
                ],
                ["Terms: ", sympy.Tuple(*terms), "; total ", answer, "."],
            ]
            mistakes = [
                (rows[i][j], "That is one step; two steps pass through a middle state."),
                (rows[i][j] ** 2, "Square the matrix, not the entry: (P²)ᵢⱼ = Σₘ PᵢₘPₘⱼ."),
                (
                    sum(rows[j][m] * rows[m][i] for m in range(3)),
                    "That is (P²)ⱼᵢ: start from state i's row.",
                ),
            ]
            params = {"ask": "two-step", "P": exact_param(rows), "path": [i, j]}
    else:
        left2, stay2, right2 = probabilities(rng, 3, int(pick(rng, (4, 5, 6))))
        left3, stay3, right3 = probabilities(rng, 3, int(pick(rng, (4, 5, 6))))
        rows = [
            [R(1), R(0), R(0), R(0)],
            [left2, stay2, right2, R(0)],
            [R(0), left3, stay3, right3],
            [R(0), R(0), R(0), R(1)],
        ]
        origin = int(rng.integers(1, 3))
        # h₂ = stay2·h₂ + right2·h₃ and h₃ = left3·h₂ + stay3·h₃ + right3.
        go2 = right2 / (1 - stay2)
        h2 = go2 * right3 / ((1 - stay3) - left3 * go2)
        h3 = (right3 + left3 * h2) / (1 - stay3)
        answer = h2 if origin == 1 else h3
        other = h3 if origin == 1 else h2
        matrix = sympy.Matrix(rows)
        intro = [
            "A Markov chain on states 1–4 has transition matrix P = ",
            matrix,
            " (row i: moves from state i); states 1 and 4 are absorbing.",
        ]
        question = [
            f" Starting in state {origin + 1}, what is the probability of being "
            "absorbed in state 4? Give an exact fraction."
        ]
        steps = [
            ["Let hᵢ = P(absorbed in 4 | start i); h₁ = 0, h₄ = 1."],
            [
                "First-step equations: h₂ = ",
                stay2,
                "·h₂ + ",
                right2,
                "·h₃, h₃ = ",
                left3,
                "·h₂ + ",
                stay3,
                "·h₃ + ",
                right3,
                ".",
            ],
            ["Solving: h₂ = ", h2, ", h₃ = ", h3, "."],
        ]
        direct = right2 * right3 if origin == 1 else right3
        mistakes = [
            (
                direct,
                "That counts only the direct route; the chain can wander back and forth "
                "(or stay) before it is absorbed.",
            ),
            (
                other,
                f"That is the answer from state {3 - origin + 1}; the chain starts in "
                f"state {origin + 1}.",
            ),
            (1 - answer, "That is the probability of absorption in state 1."),
        ]
        params = {"ask": "absorb", "P": exact_param(rows), "from": origin}
    return Draft(
        prompt=[*intro, *question],
        kind="number",
        answer=answer,
        params=params,
        solution=steps,
        hints=[
            "Multiply along a path; add over alternative paths.",
            "(Pⁿ)ᵢⱼ is the n-step transition probability.",
            "Absorption: condition on the first step, hᵢ = Σⱼ Pᵢⱼ hⱼ.",
        ][:level],
        mistakes=distinct_mistakes("number", answer, mistakes, gap=MIN_GAP),
    )


__all__ = ["chain_probability", "n_step", "stationary"]
