"""Determinant and inverse templates: det by cofactors, inverses, solving Ax = b, singularity."""

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
from quizmath.questions.render import Math
from quizmath.questions.templates.la_tools import combination, show, unimodular, vec

DET = Math("det A", r"\det A")


def _det_oracle(params: Mapping[str, Any]) -> float:
    return float(np.linalg.det(float_param(params["A"])))


def _minor(a: sympy.Matrix, i: int, j: int) -> sympy.Expr:
    return a.minor_submatrix(i, j).det()


@template(
    id="la.determinant",
    topic="la.det-inverse",
    title="Determinant of a small matrix",
    oracle=_det_oracle,
    levels=3,
)
def determinant(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: a 2×2 matrix. Level 2: a 3×3 matrix by cofactor expansion. Level 3: a 4×4
    block-triangular matrix, whose determinant is the product of its diagonal blocks'."""
    if level == 1:
        a = int_matrix(rng, 2, 2, -6, 6)
        while a[0, 1] * a[1, 0] == 0:
            a = int_matrix(rng, 2, 2, -6, 6)
        answer = a.det()
        p, q, r, s = a
        steps: list[list[Any]] = [
            [DET, " = ad − bc for A = [[a, b], [c, d]]."],
            [DET, f" = ({show(p)})({show(s)}) − ({show(q)})({show(r)}) = ", answer, "."],
        ]
        candidates: list[tuple[Any, str] | None] = [
            (p * s + q * r, "The off-diagonal product is subtracted: det A = ad − bc."),
            (q * r - p * s, "Sign flipped: det A = ad − bc (main diagonal first)."),
        ]
        hints: list[Any] = ["det [[a, b], [c, d]] = ad − bc."]
    elif level == 2:
        a = int_matrix(rng, 3, 3, -3, 4)
        minors = [_minor(a, 0, j) for j in range(3)]
        answer = a.det()
        terms = [a[0, j] * minors[j] for j in range(3)]
        forward = sum(a[0, j] * a[1, (j + 1) % 3] * a[2, (j + 2) % 3] for j in range(3))
        steps = [
            [
                "Expand along the first row with signs + − +: ",
                DET,
                " = a₁₁M₁₁ − a₁₂M₁₂ + a₁₃M₁₃, where M₁ⱼ is the 2×2 minor.",
            ],
            ["The minors are M₁₁ = ", minors[0], ", M₁₂ = ", minors[1], ", M₁₃ = ", minors[2], "."],
            [
                DET,
                f" = ({show(a[0, 0])})({show(minors[0])}) − ({show(a[0, 1])})({show(minors[1])})"
                f" + ({show(a[0, 2])})({show(minors[2])}) = ",
                answer,
                ".",
            ],
        ]
        candidates = [
            (
                sum(terms),
                "Wrong cofactor sign: the signs along a row alternate + − +, "
                "so the middle term is subtracted.",
            ),
            (
                forward,
                "You added only the three 'forward' diagonals of the rule of Sarrus; "
                "subtract the three backward ones.",
            ),
        ]
        hints = [
            "Expand along a row or column with a zero if there is one.",
            "Cofactor signs follow a checkerboard: (−1)^(i+j).",
        ]
    else:
        while True:
            top, bottom = int_matrix(rng, 2, 2, -3, 4), int_matrix(rng, 2, 2, -3, 4)
            if top.det() != 0 and bottom.det() != 0:
                break
        corner = int_matrix(rng, 2, 2, -3, 4)
        zero = sympy.zeros(2, 2)
        upper = bool(rng.integers(2))
        a = sympy.BlockMatrix(
            [[top, corner], [zero, bottom]] if upper else [[top, zero], [corner, bottom]]
        ).as_explicit()
        a = sympy.Matrix(a)
        answer = top.det() * bottom.det()
        where = "upper right" if upper else "lower left"
        steps = [
            [
                f"A is block triangular: its {'lower left' if upper else 'upper right'} 2×2 "
                "block is zero, so det A = det(A₁₁)·det(A₂₂)."
            ],
            [
                "det(A₁₁) = det ",
                top,
                " = ",
                top.det(),
                " and det(A₂₂) = det ",
                bottom,
                " = ",
                bottom.det(),
                ".",
            ],
            [DET, " = ", answer, f" (the {where} block does not matter)."],
        ]
        candidates = [
            (top.det() + bottom.det(), "Multiply the blocks' determinants, do not add them."),
            (
                top.det() * bottom.det() - corner.det(),
                "The off-diagonal block does not enter: with a zero block, det A is the "
                "product of the diagonal blocks' determinants.",
            ),
        ]
        hints = [
            "Look for a 2×2 block of zeros.",
            "For a block triangular matrix, det A = det(A₁₁)·det(A₂₂).",
        ]
    return Draft(
        prompt=["Compute ", DET, " for A = ", a, "."],
        kind="number",
        answer=answer,
        params={"A": exact_param(a)},
        solution=steps,
        hints=hints,
        mistakes=distinct_mistakes("number", answer, candidates),
    )


def _inverse_oracle(params: Mapping[str, Any]) -> np.ndarray:
    return np.linalg.inv(float_param(params["A"]))


@template(
    id="la.inverse",
    topic="la.det-inverse",
    title="Inverse of a small matrix",
    oracle=_inverse_oracle,
)
def inverse(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: a 2×2 matrix, A⁻¹ = adj(A)/det A. Level 2: a 3×3 matrix with det ±1 or ±2,
    through the cofactor matrix."""
    if level == 1:
        while True:
            a = int_matrix(rng, 2, 2, -5, 5)
            det = a.det()
            if det != 0 and abs(det) <= 6 and a[0, 1] != a[1, 0]:
                break
        p, q, r, s = a
        adjugate = sympy.Matrix([[s, -q], [-r, p]])
        candidates: list[tuple[Any, str] | None] = [
            (
                sympy.Matrix([[s, q], [r, p]]) / det,
                "Swap the diagonal entries and negate the off-diagonal ones: "
                "[[d, −b], [−c, a]] / det A.",
            ),
            (
                sympy.Matrix([[p, -q], [-r, s]]) / det,
                "The diagonal entries a and d trade places in the inverse.",
            ),
        ]
        steps: list[list[Any]] = [
            [DET, f" = ({show(p)})({show(s)}) − ({show(q)})({show(r)}) = ", det, "."],
            ["Swap a and d, negate b and c: adj A = ", adjugate, "."],
        ]
        hints: list[Any] = ["[[a, b], [c, d]]⁻¹ = [[d, −b], [−c, a]] / (ad − bc)."]
    else:
        while True:
            a = unimodular(rng, 3)
            scale = pick(rng, [1, -1, 2, -2])
            row = int(rng.integers(3))
            a[row, :] = scale * a[row, :]
            if a != a.T and max(abs(v) for v in a) <= 5:
                break
        det = a.det()
        cofactors = a.cofactor_matrix()
        adjugate = cofactors.T
        minors = sympy.Matrix(3, 3, lambda i, j: (-1) ** (i + j) * cofactors[i, j])
        candidates = [
            (
                cofactors / det,
                "You forgot to transpose: A⁻¹ = Cᵀ / det A, the transpose of the cofactor matrix.",
            ),
            (
                minors.T / det,
                "Wrong cofactor signs: cofactor Cᵢⱼ = (−1)^(i+j) Mᵢⱼ follows a checkerboard.",
            ),
        ]
        steps = [
            [DET, " = ", det, " (expand along any row)."],
            ["The cofactor matrix (Cᵢⱼ = (−1)^(i+j)Mᵢⱼ) is C = ", cofactors, "."],
            ["The adjugate is its transpose: adj A = Cᵀ = ", adjugate, "."],
        ]
        hints = [
            "A⁻¹ = adj(A) / det A, where adj(A) is the transposed cofactor matrix.",
            "Check one entry of A·A⁻¹ = I at the end.",
        ]
    answer = adjugate / det
    candidates.insert(
        0,
        (adjugate, "Divide the adjugate by det A.") if det != 1 else None,
    )
    steps.append(["A⁻¹ = adj A / det A = ", answer, "."])
    return Draft(
        prompt=["Compute the inverse of A = ", a, ". Give A⁻¹ as a matrix with exact fractions."],
        kind="matrix",
        answer=answer,
        params={"A": exact_param(a)},
        solution=steps,
        hints=hints,
        mistakes=distinct_mistakes("matrix", answer, candidates),
    )


def _solve_oracle(params: Mapping[str, Any]) -> np.ndarray:
    return np.linalg.solve(float_param(params["A"]), float_param(params["b"]))


@template(
    id="la.solve-system",
    topic="la.det-inverse",
    title="Solve a linear system Ax = b",
    oracle=_solve_oracle,
)
def solve_system(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: a 2×2 system. Level 2: a 3×3 system; both with an integer solution."""
    size = level + 1
    while True:
        a = int_matrix(rng, size, size, -3, 4)
        det = a.det()
        if det != 0 and abs(det) <= 12 and a != a.T:
            break
    x = [nonzero(rng, -4, 4) if i == 0 else int(rng.integers(-4, 5)) for i in range(size)]
    b = list(a * sympy.Matrix(x))
    replaced = []
    for i in range(size):
        a_i = a.copy()
        a_i[:, i] = sympy.Matrix(b)
        replaced.append(a_i.det())
    names = ["x₁", "x₂", "x₃"][:size]
    cramer_rows = list(a.T.LUsolve(sympy.Matrix(b)))
    return Draft(
        prompt=[
            "Solve Ax = b for A = ",
            a,
            " and b = ",
            vec(b),
            ". Give x as a vector [",
            ", ".join(names),
            "].",
        ],
        kind="vector",
        answer=x,
        params={"A": exact_param(a), "b": [int(v) for v in b]},
        solution=[
            [DET, " = ", det, " ≠ 0, so the solution is unique."],
            [
                "Cramer's rule: xᵢ = det(Aᵢ)/det A, with column i of A replaced by b: det(Aᵢ) = ",
                vec(replaced),
                ".",
            ],
            ["x = ", vec(x), " (check: Ax = b)."],
        ],
        hints=[
            "Eliminate the first unknown from the other equations, or use Cramer's rule.",
            "Substitute your answer back into Ax = b to check it.",
        ],
        mistakes=distinct_mistakes(
            "vector",
            x,
            [
                (
                    cramer_rows,
                    "You replaced rows of A by b (that solves Aᵀx = b): Cramer's rule replaces "
                    "column i.",
                ),
                (list(a * sympy.Matrix(b)), "That is Ab; solving needs A⁻¹b, not a product."),
            ],
        ),
    )


_CHOICES = ("invertible", "singular")


def _invertible_oracle(params: Mapping[str, Any]) -> str:
    a = float_param(params["A"])
    return "invertible" if np.linalg.matrix_rank(a) == a.shape[0] else "singular"


@template(
    id="la.invertible",
    topic="la.det-inverse",
    title="Invertible or singular?",
    oracle=_invertible_oracle,
)
def invertible(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: a 2×2 matrix, singular when its rows are proportional. Level 2: a 3×3 matrix
    whose third row is (or is almost) a combination of the other two, in shuffled order."""
    singular = bool(rng.integers(2))
    if level == 1:
        while True:
            u = [nonzero(rng, -3, 3), int(rng.integers(-3, 4))]
            m, n = pick(rng, [1, -1, 2, -2, 3]), pick(rng, [1, -1, 2, -2, 3])
            rows = [[m * u[0], m * u[1]], [n * u[0], n * u[1]]]
            if not singular:
                rows[1][int(rng.integers(2))] += pick(rng, [1, -1, 2])
            a = sympy.Matrix(rows)
            if rows[0] != rows[1] and (a.det() == 0) == singular:
                break
        relation = f"row 2 = {combination([sympy.Rational(n, m)], ['row 1'])}"
    else:
        while True:
            base = int_matrix(rng, 2, 3, -3, 3)
            alpha, beta = nonzero(rng, -2, 2), nonzero(rng, -2, 2)
            third = alpha * base[0, :] + beta * base[1, :]
            if not singular:
                third[int(rng.integers(3))] += pick(rng, [1, -1])
            order = [int(i) for i in rng.permutation(3)]
            a = base.col_join(third).extract(order, [0, 1, 2])
            if base.rank() == 2 and (a.det() == 0) == singular and max(abs(v) for v in a) <= 9:
                break
        labels = [f"row {order.index(k) + 1}" for k in range(3)]
        relation = f"{labels[2]} = {combination([alpha, beta], labels[:2])}"
    det = a.det()
    answer = "singular" if singular else "invertible"
    if singular:
        why = f"det A = 0 because {relation}: the rows are dependent, so A has no inverse."
        wrong = ("invertible", why)
    else:
        why = f"det A = {show(det)} ≠ 0, so the rows are independent and A is invertible."
        wrong = ("singular", why)
    return Draft(
        prompt=["Is A = ", a, " invertible or singular? Answer 'invertible' or 'singular'."],
        kind="choice",
        answer=answer,
        params={"A": exact_param(a)},
        solution=[
            ["A is invertible exactly when det A ≠ 0, i.e. when its rows are independent."],
            [DET, " = ", det, "."],
            [why],
        ],
        hints=[
            "Compute det A, or look for a row that is a combination of the others.",
        ],
        mistakes=[wrong],
        choices=_CHOICES,
    )


__all__ = ["determinant", "inverse", "invertible", "solve_system"]
