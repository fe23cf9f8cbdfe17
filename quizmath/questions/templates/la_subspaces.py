"""Rank and subspace templates: rank, a null-space basis, column-space membership, rank–nullity."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy

from quizmath.questions.draw import int_matrix, nonzero, pick
from quizmath.questions.mistakes import distinct_mistakes
from quizmath.questions.model import Draft
from quizmath.questions.params import exact_param, float_param
from quizmath.questions.registry import template
from quizmath.questions.templates.la_tools import combination, vec


def _low_rank(rng: np.random.Generator, rows: int, cols: int, rank: int) -> sympy.Matrix:
    """A small integer matrix of rank at most ``rank``: a product (rows×rank)(rank×cols)."""
    while True:
        left = int_matrix(rng, rows, rank, -2, 2)
        right = int_matrix(rng, rank, cols, -2, 3)
        product = left * right
        if (
            max(abs(v) for v in product) <= 9
            and all(any(product.row(i)) for i in range(rows))
            and all(any(product.col(j)) for j in range(cols))
        ):
            return product


def _pivot_step(a: sympy.Matrix) -> tuple[sympy.Matrix, int]:
    reduced, pivots = a.rref()
    return reduced, len(pivots)


def _rank_oracle(params: Mapping[str, Any]) -> float:
    return float(np.linalg.matrix_rank(float_param(params["A"])))


@template(
    id="la.rank",
    topic="la.rank-subspaces",
    title="Rank of a matrix",
    oracle=_rank_oracle,
)
def rank(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: a 3×3 matrix of rank 1, 2 or 3. Level 2: a 3×4, 4×3 or 4×4 matrix of rank
    1 to 3, where the dependencies are less visible."""
    rows, cols = (3, 3) if level == 1 else pick(rng, [(3, 4), (4, 3), (4, 4)])
    target = int(rng.integers(1, 4))
    a = _low_rank(rng, rows, cols, target)
    reduced, r = _pivot_step(a)
    nonzero_rows = sum(1 for i in range(rows) if any(v != 0 for v in a[i, :]))
    answer = sympy.Integer(r)
    return Draft(
        prompt=["What is the rank of A = ", a, "?"],
        kind="number",
        answer=answer,
        params={"A": exact_param(a)},
        solution=[
            ["Row-reduce A; the rank is the number of pivots."],
            ["rref(A) = ", reduced, "."],
            [
                f"There {'is' if r == 1 else 'are'} {r} pivot{'s' if r != 1 else ''}, so rank A = ",
                answer,
                ".",
            ],
        ],
        hints=[
            "Rank = number of pivots after elimination = number of independent rows (or columns).",
            "Check whether a row is a multiple, or a sum of multiples, of the others.",
        ],
        mistakes=distinct_mistakes(
            "number",
            answer,
            [
                (
                    sympy.Integer(min(rows, cols)),
                    "Not every matrix has full rank: eliminate and count the pivots.",
                ),
                (
                    sympy.Integer(nonzero_rows),
                    "Nonzero rows of A itself can still be dependent: count the nonzero rows "
                    "after elimination.",
                ),
                (
                    sympy.Integer(cols - r),
                    "That is the nullity n − rank, the dimension of the null space.",
                ),
            ],
        ),
    )


def _null_space_oracle(params: Mapping[str, Any]) -> np.ndarray:
    _, _, vt = np.linalg.svd(float_param(params["A"]))
    direction = vt[-1]
    return direction / direction[-1]


@template(
    id="la.null-space",
    topic="la.rank-subspaces",
    title="A null-space basis vector",
    oracle=_null_space_oracle,
)
def null_space(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: a 2×3 matrix of rank 2. Level 2: a 3×3 matrix of rank 2 whose third row is a
    hidden combination of the other two. Both have a one-dimensional null space."""
    while True:
        p, q = int(rng.integers(-3, 4)), int(rng.integers(-3, 4))
        if p == q == 0:
            continue
        rows = []
        for _ in range(2):
            r1, r2 = int(rng.integers(-2, 3)), int(rng.integers(-2, 3))
            rows.append([r1, r2, -(r1 * p + r2 * q)])
        base = sympy.Matrix(rows)
        if base.rank() == 2 and all(any(row) for row in rows):
            break
    if level == 1:
        a = base
    else:
        alpha, beta = nonzero(rng, -2, 2), nonzero(rng, -2, 2)
        order = [int(i) for i in rng.permutation(3)]
        a = base.col_join(alpha * base[0, :] + beta * base[1, :]).extract(order, [0, 1, 2])
    answer = [sympy.Integer(p), sympy.Integer(q), sympy.Integer(1)]
    reduced, _ = _pivot_step(a)
    x1, x2, x3 = sympy.symbols("x1 x2 x3")
    return Draft(
        prompt=[
            "The null space of A = ",
            a,
            " is a line. Give the vector that spans it whose last entry is 1, as [a, b, 1].",
        ],
        kind="vector",
        answer=answer,
        params={"A": exact_param(a)},
        solution=[
            ["Row-reduce: rref(A) = ", reduced, "; x₃ is the free variable."],
            ["The pivot rows read ", x1, " = ", p * x3, " and ", x2, " = ", q * x3, "."],
            ["With x₃ = 1: x = ", vec(answer), " (check: Ax = 0)."],
        ],
        hints=[
            "Solve Ax = 0: eliminate, then express the pivot variables through the free one.",
            "For two independent rows in R³, their cross product also spans the null space.",
        ],
        mistakes=[
            (
                [-p, -q, 1],
                "Sign slip: moving the free-variable term to the other side changes its sign.",
            )
        ],
    )


def _column_space_oracle(params: Mapping[str, Any]) -> str:
    a, b = float_param(params["A"]), float_param(params["b"])
    same = np.linalg.matrix_rank(np.column_stack([a, b])) == np.linalg.matrix_rank(a)
    return "yes" if same else "no"


@template(
    id="la.column-space",
    topic="la.rank-subspaces",
    title="Is b in the column space?",
    oracle=_column_space_oracle,
)
def column_space(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: a 3×2 matrix of rank 2. Level 2: a 3×3 matrix of rank 2 whose third column is a
    combination of the other two; b is in the column space about half the time."""
    inside = bool(rng.integers(2))
    while True:
        cols = int_matrix(rng, 3, 2, -2, 3)
        if cols.rank() == 2:
            break
    if level == 1:
        a = cols
    else:
        alpha, beta = nonzero(rng, -2, 2), nonzero(rng, -2, 2)
        a = cols.row_join(alpha * cols[:, 0] + beta * cols[:, 1])
    while True:
        c = [nonzero(rng, -2, 2), nonzero(rng, -2, 2)]
        b = cols * sympy.Matrix(c)
        if not inside:
            b[int(rng.integers(3))] += pick(rng, [1, -1, 2])
        if (cols.row_join(b).rank() == 2) == inside:
            break
    b_list = [int(v) for v in b]
    names = ["a₁", "a₂"]
    augmented_rank = 2 if inside else 3
    if inside:
        why = f"b = {combination(c, names)} (columns a₁, a₂ of A), so b is in C(A)."
        wrong = ("no", f"Ax = b has a solution: {why}")
    else:
        why = "Elimination on [A | b] leaves a row 0 = nonzero: Ax = b has no solution."
        wrong = ("yes", f"rank [A | b] = 3 > rank A = 2. {why}")
    return Draft(
        prompt=[
            "Is b = ",
            vec(b_list),
            " in the column space of A = ",
            a,
            "? Answer 'yes' or 'no'.",
        ],
        kind="choice",
        answer="yes" if inside else "no",
        params={"A": exact_param(a), "b": b_list},
        solution=[
            ["b ∈ C(A) exactly when Ax = b is solvable, i.e. rank [A | b] = rank A."],
            [
                "rank A = 2",
                " (the third column is a combination of the first two)" if level == 2 else "",
                f" and rank [A | b] = {augmented_rank}.",
            ],
            [why],
        ],
        hints=[
            "Try to write b as x₁a₁ + x₂a₂ using two of the equations, then test the third.",
        ],
        mistakes=[wrong],
        choices=("yes", "no"),
    )


_SUBSPACES = {
    "null": ("the null space N(A)", lambda m, n, r: n - r),
    "left-null": ("the left null space N(Aᵀ)", lambda m, n, r: m - r),
    "column": ("the column space C(A)", lambda m, n, r: r),
    "row": ("the row space C(Aᵀ)", lambda m, n, r: r),
}


def _rank_nullity_oracle(params: Mapping[str, Any]) -> float:
    a = float_param(params["A"])
    m, n = a.shape
    r = np.linalg.matrix_rank(a)
    return float({"null": n - r, "left-null": m - r, "column": r, "row": r}[params["space"]])


@template(
    id="la.rank-nullity",
    topic="la.rank-subspaces",
    title="Dimensions of the four fundamental subspaces",
    oracle=_rank_nullity_oracle,
)
def rank_nullity(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: dim N(A) for a 3×4 or 2×4 matrix, by rank–nullity. Level 2: the dimension of
    one of the four fundamental subspaces (null or left null space) of a 4×3 or 3×5 matrix."""
    if level == 1:
        m, n = pick(rng, [(3, 4), (2, 4), (3, 5)])
        space = "null"
    else:
        m, n = pick(rng, [(4, 3), (3, 5), (4, 2), (5, 3)])
        space = pick(rng, ["null", "left-null", "left-null"])
    a = _low_rank(rng, m, n, int(rng.integers(1, min(m, n) + 1)))
    reduced, r = _pivot_step(a)
    name, formula = _SUBSPACES[space]
    answer = sympy.Integer(formula(m, n, r))
    rule = (
        f"Rank–nullity: dim N(A) = n − rank A = {n} − {r}"
        if space == "null"
        else f"dim N(Aᵀ) = m − rank A = {m} − {r}"
    )
    other = "left-null" if space == "null" else "null"
    return Draft(
        prompt=["A = ", a, f" is {m}×{n}. What is the dimension of {name}?"],
        kind="number",
        answer=answer,
        params={"A": exact_param(a), "space": space},
        solution=[
            [
                "Row-reduce: rref(A) = ",
                reduced,
                f", with {r} pivot{'s' if r != 1 else ''}, so rank A = {r}.",
            ],
            [rule, " = ", answer, "."],
        ],
        hints=[
            "First find rank A by elimination.",
            "dim C(A) = dim C(Aᵀ) = r, dim N(A) = n − r (n columns), dim N(Aᵀ) = m − r (m rows).",
        ],
        mistakes=distinct_mistakes(
            "number",
            answer,
            [
                (sympy.Integer(r), "That is the rank, the dimension of the column space."),
                (
                    sympy.Integer(_SUBSPACES[other][1](m, n, r)),
                    f"That is the dimension of {_SUBSPACES[other][0]}: N(A) lives in Rⁿ "
                    "(n = columns), N(Aᵀ) in Rᵐ (m = rows).",
                ),
            ],
        ),
    )


__all__ = ["column_space", "null_space", "rank", "rank_nullity"]
