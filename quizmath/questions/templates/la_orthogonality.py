"""Orthogonality templates: Gram–Schmidt, projection matrices, and the R factor of QR."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy

from quizmath.questions.draw import pick
from quizmath.questions.mistakes import apart_when_rounded, distinct_mistakes
from quizmath.questions.model import Draft
from quizmath.questions.notation import subscript
from quizmath.questions.params import exact_param, float_param
from quizmath.questions.registry import template
from quizmath.questions.render import Math
from quizmath.questions.templates.la_tools import combination, dot, show, vec


def _minus_projection(v: list[Any], onto: list[Any], sign: int = 1) -> list[Any]:
    """v − (v·u / u·u) u, or with ``sign`` −1 the slip v + (v·u / u·u) u."""
    coefficient = dot(v, onto) / dot(onto, onto)
    return [x - sign * coefficient * y for x, y in zip(v, onto, strict=True)]


def _independent(vectors: list[list[int]]) -> bool:
    return sympy.Matrix(vectors).rank() == len(vectors)


def _gram_schmidt_oracle(params: Mapping[str, Any]) -> np.ndarray:
    """Modified Gram–Schmidt in floating point, without normalization; the last vector."""
    basis: list[np.ndarray] = []
    for v in float_param(params["vectors"]):
        u = v.copy()
        for q in basis:
            u = u - (u @ q) / (q @ q) * q
        basis.append(u)
    return basis[-1]


@template(
    id="la.gram-schmidt",
    topic="la.orthogonality",
    title="Gram–Schmidt orthogonalization",
    oracle=_gram_schmidt_oracle,
)
def gram_schmidt(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: u₂ from two vectors in R² or R³. Level 2: u₃ from three vectors in R³."""
    if level == 1:
        size = pick(rng, [2, 3])
        while True:
            v1 = [int(x) for x in rng.integers(-3, 4, size=size)]
            v2 = [int(x) for x in rng.integers(-3, 4, size=size)]
            if dot(v1, v1) > 1 and dot(v1, v2) != 0 and _independent([v1, v2]):
                break
        vectors = [v1, v2]
        u2 = _minus_projection(v2, v1)
        answer = u2
        coefficient = dot(v2, v1) / dot(v1, v1)
        steps: list[list[Any]] = [
            ["u₁ = v₁ = ", vec(v1), "."],
            [
                f"v₂·u₁ = {show(dot(v2, v1))} and u₁·u₁ = {show(dot(v1, v1))}, so the "
                "coefficient is ",
                coefficient,
                ".",
            ],
            [
                f"u₂ = v₂ − (v₂·u₁ / u₁·u₁)u₁ = {combination([1, -coefficient], ['v₂', 'u₁'])} = ",
                vec(u2),
                " (check: u₂·u₁ = 0).",
            ],
        ]
        candidates: list[tuple[Any, str] | None] = [
            (_minus_projection(v2, v1, sign=-1), "Subtract the projection onto u₁; do not add it."),
            (
                [
                    x - dot(v2, v1) / sympy.sqrt(dot(v1, v1)) * y
                    for x, y in zip(v2, v1, strict=True)
                ],
                "Divide by u₁·u₁ = ‖u₁‖², not by ‖u₁‖.",
            ),
            (
                _minus_projection(v1, v2),
                "The order matters: keep u₁ = v₁ and remove from v₂ its component along u₁.",
            ),
        ]
        what = "u₂"
    else:
        while True:
            v1, v2, v3 = ([int(x) for x in rng.integers(-2, 3, size=3)] for _ in range(3))
            normal = sympy.Matrix(v1).cross(sympy.Matrix(v2))
            if (
                dot(v1, v2) != 0
                and dot(v1, v1) > 1
                and 0 < dot(list(normal), list(normal)) <= 35
                and _independent([v1, v2, v3])
                and dot(_minus_projection(v3, v1), _minus_projection(v2, v1)) != 0
            ):
                break
        vectors = [v1, v2, v3]
        u2 = _minus_projection(v2, v1)
        partial = _minus_projection(v3, v1)
        answer = _minus_projection(partial, u2)
        steps = [
            ["u₁ = v₁ = ", vec(v1), "."],
            ["u₂ = v₂ − (v₂·u₁ / u₁·u₁)u₁ = ", vec(u2), "."],
            ["w = v₃ − (v₃·u₁ / u₁·u₁)u₁ = ", vec(partial), "."],
            ["u₃ = w − (w·u₂ / u₂·u₂)u₂ = ", vec(answer), " (check: u₃·u₁ = u₃·u₂ = 0)."],
        ]
        candidates = [
            (
                _minus_projection(_minus_projection(v3, v1), v2),
                "Project onto the orthogonal u₂, not onto the original v₂ (which is not "
                "orthogonal to u₁).",
            ),
            (partial, "Remove the component along u₂ as well as along u₁."),
        ]
        what = "u₃"
    return Draft(
        prompt=[
            "Apply Gram–Schmidt without normalizing (u₁ = v₁, then subtract projections onto "
            "the previous uⱼ) to ",
            *[
                part
                for i, v in enumerate(vectors)
                for part in ([", " if i else "", f"v{subscript(i + 1)} = ", vec(v)])
            ],
            f". Give {what} as a vector with exact fractions.",
        ],
        kind="vector",
        answer=answer,
        params={"vectors": vectors},
        solution=steps,
        hints=[
            Math(
                "uₖ = vₖ − Σⱼ (vₖ·uⱼ / uⱼ·uⱼ) uⱼ.",
                r"u_k = v_k - \sum_{j<k} \frac{v_k\cdot u_j}{u_j\cdot u_j}\,u_j.",
            ),
            "Check your answer: it must be orthogonal to every earlier u.",
        ],
        mistakes=distinct_mistakes("vector", answer, candidates),
    )


def _projection_matrix_oracle(params: Mapping[str, Any]) -> np.ndarray:
    a = float_param(params["A"])
    return a @ np.linalg.inv(a.T @ a) @ a.T


@template(
    id="la.projection-matrix",
    topic="la.orthogonality",
    title="Projection matrix onto a line or a plane",
    oracle=_projection_matrix_oracle,
)
def projection_matrix(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: onto the line through a in R² or R³, P = aaᵀ/aᵀa. Level 2: onto the plane spanned
    by two vectors in R³, P = A(AᵀA)⁻¹Aᵀ = I − nnᵀ/nᵀn with n normal to the plane."""
    if level == 1:
        size = pick(rng, [2, 3])
        while True:
            a = [int(x) for x in rng.integers(-3, 4, size=size)]
            if sum(1 for x in a if x != 0) >= 2:
                break
        column = sympy.Matrix(a)
        outer = column * column.T
        answer = outer / dot(a, a)
        matrix = column
        steps: list[list[Any]] = [
            [Math("P = aaᵀ / aᵀa", r"P = \frac{aa^\top}{a^\top a}"), " projects onto the line."],
            ["aaᵀ = ", outer, f" and aᵀa = {dot(a, a)}."],
            ["P = ", answer, "."],
        ]
        candidates: list[tuple[Any, str] | None] = [
            (outer, "Divide by aᵀa: aaᵀ alone is not idempotent unless ‖a‖ = 1."),
            (
                sympy.eye(size) - answer,
                "That is I − P, the projection onto the orthogonal complement of the line.",
            ),
        ]
        target = ["the line spanned by a = ", vec(a)]
    else:
        while True:
            matrix = sympy.Matrix(rng.integers(-2, 3, size=(3, 2)).tolist())
            normal = matrix[:, 0].cross(matrix[:, 1])
            n2 = (normal.T * normal)[0]
            if (
                0 < n2 <= 30
                and sum(1 for x in normal if x != 0) >= 2
                and ((matrix.T * matrix)[0, 1] != 0)
            ):
                break
        normal_outer = normal * normal.T / n2
        answer = sympy.eye(3) - normal_outer
        steps = [
            [
                "The plane has normal n = a₁ × a₂ = ",
                vec(list(normal)),
                "; projecting onto the plane removes the component along n.",
            ],
            [
                Math("P = I − nnᵀ/nᵀn", r"P = I - \frac{nn^\top}{n^\top n}"),
                f" with nᵀn = {n2} (the same matrix as A(AᵀA)⁻¹Aᵀ).",
            ],
            ["P = ", answer, "."],
        ]
        candidates = [
            (normal_outer, "That is nnᵀ/nᵀn, the projection onto the normal line: use I − that."),
            (
                matrix * matrix.T,
                "AAᵀ projects only when the columns are orthonormal: P = A(AᵀA)⁻¹Aᵀ.",
            ),
        ]
        target = ["the plane spanned by the columns a₁, a₂ of A = ", matrix]
    return Draft(
        prompt=[
            "Find the matrix P of the orthogonal projection onto ",
            *target,
            ". Give P with exact fractions.",
        ],
        kind="matrix",
        answer=answer,
        params={"A": exact_param(matrix)},
        solution=steps,
        hints=[
            Math(
                "P = A(AᵀA)⁻¹Aᵀ; for one vector, P = aaᵀ/aᵀa.",
                r"P = A(A^\top A)^{-1}A^\top;\ "
                r"\text{for one vector, } P = \frac{aa^\top}{a^\top a}.",
            ),
            "A projection matrix is symmetric and P² = P; check one of them.",
        ],
        mistakes=distinct_mistakes("matrix", answer, candidates),
    )


_INTEGER_NORM: dict[int, list[tuple[tuple[int, ...], int]]] = {
    2: [((3, 4), 5), ((5, 12), 13), ((6, 8), 10)],
    3: [((1, 2, 2), 3), ((2, 3, 6), 7), ((1, 4, 8), 9), ((4, 4, 7), 9), ((2, 6, 9), 11),
        ((2, 1, 2), 3), ((0, 3, 4), 5)],
}  # fmt: skip


def _qr_oracle(params: Mapping[str, Any]) -> np.ndarray:
    _, r = np.linalg.qr(float_param(params["A"]))
    return np.diag(np.sign(np.diag(r))) @ r


@template(
    id="la.qr-r",
    topic="la.orthogonality",
    title="The R factor of a QR factorization",
    oracle=_qr_oracle,
)
def qr_r(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: R of a 2×2 matrix. Level 2: R of a 3×2 matrix (r₂₂ may be a surd). The first
    column has a whole-number length, so q₁ has simple entries. r₂₂ and ‖a₂‖ differ by two units
    or more in the third digit, so a rounded r₂₂ is never taken for the slip r₂₂ = ‖a₂‖."""
    rows = level + 1
    while True:
        base, length = pick(rng, _INTEGER_NORM[rows])
        signs = [pick(rng, [1, -1]) for _ in range(rows)]
        order = [int(i) for i in rng.permutation(rows)]
        a1 = [signs[i] * base[order[i]] for i in range(rows)]
        a2 = [int(x) for x in rng.integers(-3, 4, size=rows)]
        r12 = dot(a1, a2) / length
        residual = dot(a2, a2) - r12**2
        if (
            r12 != 0
            and residual > 0
            and apart_when_rounded(math.sqrt(residual), math.sqrt(dot(a2, a2)))
        ):
            break
    a = sympy.Matrix([a1, a2]).T
    r22 = sympy.sqrt(residual)
    answer = sympy.Matrix([[length, r12], [0, r22]])
    q1 = [sympy.Rational(x, length) for x in a1]
    return Draft(
        prompt=[
            "Find R in the QR factorization A = QR (Q with orthonormal columns, R upper "
            "triangular with a positive diagonal) of A = ",
            a,
            ". Give R as a 2×2 matrix; surds such as sqrt(5) are allowed.",
        ],
        kind="matrix",
        answer=answer,
        params={"A": exact_param(a)},
        solution=[
            [f"r₁₁ = ‖a₁‖ = {length}, so q₁ = a₁/{length} = ", vec(q1), "."],
            ["r₁₂ = q₁·a₂ = ", r12, "."],
            [
                "r₂₂ = ‖a₂ − r₁₂q₁‖ = √(‖a₂‖² − r₁₂²) = √(",
                dot(a2, a2),
                " − ",
                r12**2,
                ") = ",
                r22,
                ".",
            ],
            ["R = ", answer, "."],
        ],
        hints=[
            "R = QᵀA: rᵢⱼ = qᵢ·aⱼ, and rⱼⱼ is the length left after Gram–Schmidt.",
            "Normalize a₁ first: q₁ = a₁/‖a₁‖.",
        ],
        mistakes=distinct_mistakes(
            "matrix",
            answer,
            [
                (
                    sympy.Matrix([[length, dot(a1, a2)], [0, r22]]),
                    "r₁₂ = q₁·a₂ uses the unit vector q₁ = a₁/‖a₁‖, not a₁ itself.",
                ),
                (
                    sympy.Matrix([[length, r12], [0, sympy.sqrt(dot(a2, a2))]]),
                    "r₂₂ is the length of a₂ after removing its q₁ component, not ‖a₂‖.",
                ),
                (answer.T, "R is upper triangular: r₁₂ sits in the first row."),
            ],
        ),
    )


__all__ = ["gram_schmidt", "projection_matrix", "qr_r"]
