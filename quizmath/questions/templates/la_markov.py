"""Markov-chain and PageRank templates: stationary distributions, n-step distributions, and one
PageRank step with damping. Transition matrices are row-stochastic: Pᵢⱼ = P(next j | now i)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy

from quizmath.questions.draw import pick
from quizmath.questions.mistakes import distinct_mistakes
from quizmath.questions.model import Draft
from quizmath.questions.notation import subscript, superscript
from quizmath.questions.params import exact_param, float_param
from quizmath.questions.registry import template
from quizmath.questions.render import Math
from quizmath.questions.templates.la_tools import show, vec

ROW_STOCHASTIC = "P is row-stochastic: Pᵢⱼ is the probability of moving from state i to state j. "
_FRACTIONS = [sympy.Rational(p, q) for q in (2, 3, 4, 5, 10) for p in range(1, q)]


def _two_state(rng: np.random.Generator) -> tuple[sympy.Matrix, Any, Any]:
    """A 2-state chain [[1 − a, a], [b, 1 − b]] with a ≠ b."""
    while True:
        a, b = pick(rng, _FRACTIONS), pick(rng, _FRACTIONS)
        if a != b and a + b != 1:  # a + b = 1 makes both rows equal: no dynamics
            return sympy.Matrix([[1 - a, a], [b, 1 - b]]), a, b


def _three_state(rng: np.random.Generator) -> sympy.Matrix:
    """A 3-state irreducible chain with entries in quarters (or halves and thirds), not doubly
    stochastic, so its stationary distribution is not uniform."""
    while True:
        denominator = pick(rng, [2, 3, 4])
        rows = []
        for _ in range(3):
            cuts = sorted(int(c) for c in rng.integers(0, denominator + 1, size=2))
            counts = [cuts[0], cuts[1] - cuts[0], denominator - cuts[1]]
            rows.append([sympy.Rational(c, denominator) for c in counts])
        p = sympy.Matrix(rows)
        reach = (p + sympy.eye(3)) ** 2
        if all(v != 0 for v in reach) and any(sum(p[:, j]) != 1 for j in range(3)):
            return p


def _stationary(p: sympy.Matrix) -> list[Any]:
    (basis,) = (p.T - sympy.eye(p.rows)).nullspace()
    total = sum(basis)
    return [v / total for v in basis]


def _stationary_oracle(params: Mapping[str, Any]) -> np.ndarray:
    p = float_param(params["P"])
    values, vectors = np.linalg.eig(p.T)
    v = vectors[:, int(np.argmin(np.abs(values - 1.0)))].real
    return v / v.sum()


@template(
    id="la.stationary-distribution",
    topic="la.markov-pagerank",
    title="Stationary distribution of a Markov chain",
    oracle=_stationary_oracle,
)
def stationary_distribution(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: a 2-state chain, π = (b, a)/(a + b). Level 2: a 3-state chain, by solving
    πP = π with Σπᵢ = 1."""
    pi = Math("π", r"\pi")
    if level == 1:
        p, a, b = _two_state(rng)
        answer = [b / (a + b), a / (a + b)]
        steps: list[list[Any]] = [
            [
                "Solve ",
                pi,
                "P = ",
                pi,
                ". Write a = P₁₂ = ",
                a,
                " (leaving state 1) and b = P₂₁ = ",
                b,
                " (leaving state 2).",
            ],
            [
                "Balance of flow between the states: π₁·a = π₂·b, so ",
                pi,
                " ∝ (b, a) = ",
                vec([b, a]),
                ".",
            ],
            ["Normalize so the entries sum to 1: ", pi, " = ", vec(answer), "."],
        ]
        candidates: list[tuple[Any, str] | None] = [
            (
                [a / (a + b), b / (a + b)],
                "Swapped: the chain spends more time in the state it leaves less readily, "
                "π₁ ∝ b = P₂₁.",
            )
        ]
    else:
        p = _three_state(rng)
        answer = _stationary(p)
        common = sympy.ilcm(*[v.q for v in answer])
        unnormalized = [v * common for v in answer]
        steps = [
            ["Solve ", pi, "P = ", pi, ", i.e. (Pᵀ − I)", pi, "ᵀ = 0, with Σπᵢ = 1."],
            [
                "Pᵀ − I = ",
                p.T - sympy.eye(3),
                "; its null space is spanned by ",
                vec(unnormalized),
                ".",
            ],
            ["Divide by the sum ", sum(unnormalized), ": ", pi, " = ", vec(answer), "."],
        ]
        candidates = [
            (unnormalized, "Normalize: a distribution's entries sum to 1."),
        ]
    candidates.append(
        (
            [sympy.Rational(1, p.rows)] * p.rows,
            "The uniform vector solves Px = x (the rows sum to 1); the stationary distribution "
            "is a left eigenvector, πP = π.",
        )
    )
    return Draft(
        prompt=[
            ROW_STOCHASTIC,
            "Find the stationary distribution π (πP = π, entries summing to 1) of P = ",
            p,
            ". Give it as a vector with exact fractions.",
        ],
        kind="vector",
        answer=answer,
        params={"P": exact_param(p)},
        solution=steps,
        hints=[
            "π is a left eigenvector of P for eigenvalue 1: solve πP = π, then normalize.",
            "Check: πP must give π back.",
        ],
        mistakes=distinct_mistakes("vector", answer, candidates),
    )


def _n_step_oracle(params: Mapping[str, Any]) -> np.ndarray:
    x = float_param(params["x0"])
    p = float_param(params["P"])
    return x @ np.linalg.matrix_power(p, int(params["n"]))


@template(
    id="la.n-step-distribution",
    topic="la.markov-pagerank",
    title="Distribution after n steps of a Markov chain",
    oracle=_n_step_oracle,
)
def n_step_distribution(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: a 2-state chain, two steps from a known state. Level 2: a 3-state chain, two or
    three steps from a mixed starting distribution."""
    if level == 1:
        p, _, _ = _two_state(rng)
        start = int(rng.integers(2))
        x0 = [sympy.Integer(1 if i == start else 0) for i in range(2)]
        n = 2
        where = f"The chain starts in state {start + 1}, so x₀ = "
    else:
        p = _three_state(rng)
        x0 = pick(
            rng,
            [
                [sympy.Rational(1, 2), sympy.Rational(1, 2), 0],
                [sympy.Rational(1, 2), 0, sympy.Rational(1, 2)],
                [0, sympy.Rational(1, 2), sympy.Rational(1, 2)],
                [sympy.Rational(1, 3)] * 3,
                [sympy.Integer(1), 0, 0],
            ],
        )
        x0 = [sympy.sympify(v) for v in x0]
        n = pick(rng, [2, 2, 3])
        where = "The chain starts with distribution x₀ = "
    row = sympy.Matrix([x0])
    trail = [row]
    for _ in range(n):
        trail.append(trail[-1] * p)
    answer = list(trail[-1])
    column = p**n * sympy.Matrix(x0)
    steps: list[list[Any]] = [["Distributions are row vectors: xₖ₊₁ = xₖP."]]
    for k in range(1, n + 1):
        steps.append([f"x{subscript(k)} = x{subscript(k - 1)}P = ", vec(list(trail[k])), "."])
    return Draft(
        prompt=[
            ROW_STOCHASTIC,
            where,
            vec(x0),
            ". With P = ",
            p,
            f", find the distribution after {n} steps, x{subscript(n)} = x₀P{superscript(n)}, as a "
            "vector with exact fractions.",
        ],
        kind="vector",
        answer=answer,
        params={"P": exact_param(p), "x0": exact_param(x0), "n": n},
        solution=steps,
        hints=[
            "Multiply the row vector by P once per step.",
            "Each distribution's entries must sum to 1.",
        ],
        mistakes=distinct_mistakes(
            "vector",
            answer,
            [
                (
                    list(column),
                    "You multiplied P by a column vector (Pⁿx₀): with a row-stochastic P the "
                    "distribution is a row vector, x₀Pⁿ.",
                ),
                (list(trail[1]), f"That is after one step; take {n}."),
                (list(trail[n - 1]), f"That is after {n - 1} steps; take {n}."),
            ],
        ),
    )


def _pagerank_oracle(params: Mapping[str, Any]) -> np.ndarray:
    n = int(params["nodes"])
    d = float_param(params["damping"])
    links = np.zeros((n, n))
    for source, target in params["edges"]:
        links[target - 1, source - 1] = 1.0
    out = links.sum(axis=0)
    m = np.where(out > 0, links / np.where(out > 0, out, 1.0), 1.0 / n)
    google = d * m + (1 - d) / n
    return google @ float_param(params["r0"])


@template(
    id="la.pagerank-step",
    topic="la.markov-pagerank",
    title="One PageRank step with damping",
    oracle=_pagerank_oracle,
)
def pagerank_step(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: three pages, every page has out-links, from the uniform vector. Level 2: four
    pages, one of them dangling (no out-links, its rank spread over all pages)."""
    n = 3 if level == 1 else 4
    dampings = [sympy.Rational(1, 2), sympy.Rational(4, 5), sympy.Rational(17, 20)]
    d = pick(rng, dampings if level == 1 else dampings[:2])
    while True:
        dangling = int(rng.integers(n)) if level == 2 else -1
        edges = []
        for source in range(n):
            if source == dangling:
                continue
            targets = [t for t in range(n) if t != source and rng.random() < 0.55]
            if not targets:
                targets = [pick(rng, [t for t in range(n) if t != source])]
            edges += [(source, t) for t in targets]
        out = [sum(1 for s, _ in edges if s == i) for i in range(n)]
        inbound = [sum(1 for _, t in edges if t == i) for i in range(n)]
        if len(set(inbound)) > 1:
            break
    r0 = [sympy.Rational(1, n)] * n
    link_share = [
        sum((r0[s] / out[s] for s, t in edges if t == i), sympy.Integer(0)) for i in range(n)
    ]
    spread = r0[dangling] / n if dangling >= 0 else sympy.Integer(0)
    teleport = (1 - d) / n
    answer = [teleport + d * (share + spread) for share in link_share]
    listing = ", ".join(f"{s + 1} → {t + 1}" for s, t in edges)
    no_teleport = [d * (share + spread) for share in link_share]
    swapped = [d / n + (1 - d) * (share + spread) for share in link_share]
    no_division = [
        teleport + d * (sum((r0[s] for s, t in edges if t == i), sympy.Integer(0)) + spread)
        for i in range(n)
    ]
    dangling_lost = [teleport + d * share for share in link_share]
    steps: list[list[Any]] = [
        [
            Math(
                "rᵢ ← (1 − d)/N + d·Σ rⱼ/out(j), summing over the pages j that link to i",
                r"r_i \leftarrow \frac{1-d}{N} + d\sum_{j\to i} \frac{r_j}{\operatorname{out}(j)}",
            ),
            f", with N = {n}, d = ",
            d,
            " and out-degrees ",
            vec(out),
            ".",
        ],
        [
            "Teleport term (1 − d)/N = ",
            teleport,
            "; link terms Σ rⱼ/out(j) = ",
            vec(link_share),
            ".",
        ],
    ]
    if dangling >= 0:
        steps.append(
            [
                f"Page {dangling + 1} has no out-links: its rank {show(r0[dangling])} is spread "
                "evenly, adding ",
                spread,
                " to every page's link term.",
            ]
        )
    steps.append(["r₁ = ", vec(answer), " (the entries still sum to 1)."])
    return Draft(
        prompt=[
            f"A web of {n} pages has the links {listing}.",
            f" Page {dangling + 1} has no out-links; treat it as linking to every page, "
            "itself included."
            if dangling >= 0
            else "",
            " Starting from the uniform vector r₀ = ",
            vec(r0),
            ", do one PageRank step with damping d = ",
            d,
            ": with probability d the surfer follows a random out-link of the current page, "
            f"otherwise it jumps to one of the {n} pages chosen uniformly (N = {n}). Give r₁ as a "
            "vector with exact fractions.",
        ],
        kind="vector",
        answer=answer,
        params={
            "nodes": n,
            "edges": [[s + 1, t + 1] for s, t in edges],
            "damping": exact_param(d),
            "r0": exact_param(r0),
        },
        solution=steps,
        hints=[
            "Each page splits its rank equally among its out-links; then damp by d and add "
            "(1 − d)/N.",
            "The result is still a probability vector: check that it sums to 1.",
        ],
        mistakes=distinct_mistakes(
            "vector",
            answer,
            [
                (no_teleport, "Add the teleportation term (1 − d)/N to every page."),
                (swapped, "d multiplies the link term; (1 − d)/N is the teleport term."),
                (no_division, "Each page splits its rank among its out-links: divide by out(j)."),
                (
                    dangling_lost,
                    "The dangling page's rank must not vanish: spread it over all pages.",
                )
                if dangling >= 0
                else None,
            ],
        ),
    )


__all__ = ["n_step_distribution", "pagerank_step", "stationary_distribution"]
