"""SVD and PCA templates: singular values, low-rank approximation error (Eckart–Young), the first
principal direction and the explained-variance ratio of a small data set."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy

from quizmath.questions.draw import distinct, pick
from quizmath.questions.mistakes import distinct_mistakes
from quizmath.questions.model import Draft
from quizmath.questions.notation import subscript
from quizmath.questions.params import exact_param, float_param
from quizmath.questions.registry import template
from quizmath.questions.render import Math
from quizmath.questions.templates.la_tools import (
    dot,
    is_square,
    ratio_text,
    rational_svd_matrices,
    show,
    vec,
)


def _set(values: list[Any]) -> Math:
    return Math(
        "{" + ", ".join(show(v) for v in values) + "}",
        r"\{" + ", ".join(sympy.latex(v) for v in values) + r"\}",
    )


def _real_eigenvalues(a: sympy.Matrix) -> list[sympy.Expr] | None:
    """The eigenvalues of a 2×2 integer matrix when they are rational, else None."""
    trace, det = a.trace(), a.det()
    disc = trace * trace - 4 * det
    if not is_square(int(disc)):
        return None
    root = sympy.sqrt(disc)
    return [(trace - root) / 2, (trace + root) / 2]


def _singular_values_oracle(params: Mapping[str, Any]) -> list[float]:
    return np.linalg.svd(float_param(params["A"]), compute_uv=False).tolist()


@template(
    id="la.singular-values",
    topic="la.svd-pca",
    title="Singular values of a small matrix",
    oracle=_singular_values_oracle,
    levels=3,
)
def singular_values(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: a rank-1 matrix uvᵀ, σ₁ = ‖u‖‖v‖. Level 2: a 2×2 or 3×2 matrix with orthogonal
    columns, σᵢ = column norms. Level 3: a general 2×2 matrix, through the eigenvalues of AᵀA."""
    if level == 1:
        rows, cols = pick(rng, [(2, 2), (2, 3), (3, 2)])
        while True:
            u = [int(v) for v in rng.integers(-2, 3, size=rows)]
            v = [int(x) for x in rng.integers(-2, 3, size=cols)]
            if sum(1 for x in u if x) >= 2 and sum(1 for x in v if x) >= 1 and any(v):
                break
        a = sympy.Matrix(u) * sympy.Matrix(v).T
        sigma = sympy.sqrt(dot(u, u) * dot(v, v))
        answer = [sigma] + [sympy.Integer(0)] * (min(rows, cols) - 1)
        steps: list[list[Any]] = [
            [
                "Every row of A is a multiple of the same row, so A = uvᵀ with u = ",
                vec(u),
                " and v = ",
                vec(v),
                ": rank 1.",
            ],
            [
                "A rank-1 matrix has one nonzero singular value, σ₁ = ‖u‖‖v‖ = √(",
                dot(u, u),
                "·",
                dot(v, v),
                ") = ",
                sigma,
                "; the others are 0.",
            ],
        ]
    elif level == 2:
        rows = pick(rng, [2, 3])
        while True:
            first = [int(x) for x in rng.integers(-3, 4, size=rows)]
            k = pick(rng, [1, -1, 2, -2, 3])
            if rows == 2:
                second = [-k * first[1], k * first[0]]
            else:
                second = [k * first[1], -k * first[0], 0]
            if sum(1 for x in first[:2] if x) == 2:
                break
        if rows == 3:
            order = [int(i) for i in rng.permutation(3)]
            first, second = [first[i] for i in order], [second[i] for i in order]
        columns = [first, second] if rng.integers(2) else [second, first]
        a = sympy.Matrix(columns).T
        norms = [sympy.sqrt(dot(c, c)) for c in columns]
        answer = sorted(norms, key=float, reverse=True)
        steps = [
            ["The columns of A are orthogonal: a₁·a₂ = 0, so AᵀA = ", a.T * a, " is diagonal."],
            [
                "The singular values are the square roots of its diagonal entries, "
                "the column norms: ",
                _set(answer),
                ".",
            ],
        ]
    else:
        (p, q, r, s), high, low = pick(rng, rational_svd_matrices())
        a = sympy.Matrix([[p, q], [r, s]])
        answer = [sympy.Integer(high), sympy.Integer(low)]
        gram = a.T * a
        steps = [
            ["AᵀA = ", gram, "; its eigenvalues are σ₁² and σ₂²."],
            [
                f"They solve μ² − {show(gram.trace())}μ + {show(gram.det())} = 0 (trace and det of "
                f"AᵀA): μ = {high * high} and μ = {low * low}."
            ],
            ["σ = √μ: ", _set(answer), "."],
        ]
    squares = [v**2 for v in answer]
    eigen = _real_eigenvalues(a) if a.rows == a.cols == 2 else None
    candidates: list[tuple[Any, str] | None] = [
        (squares, "Those are the eigenvalues of AᵀA, σ²: take square roots."),
        (
            eigen,
            "Those are the eigenvalues of A; singular values are the square roots of the "
            "eigenvalues of AᵀA (they coincide only for symmetric positive semidefinite A).",
        )
        if eigen is not None
        else None,
    ]
    shape = f"{a.rows}×{a.cols}"
    return Draft(
        prompt=[
            f"Find the singular values of the {shape} matrix A = ",
            a,
            f". Give all {min(a.shape)} of them (zeros included) as a set, e.g. {{5, sqrt(2)}}.",
        ],
        kind="set",
        answer=answer,
        params={"A": exact_param(a)},
        solution=steps,
        hints=[
            "σᵢ = √(eigenvalues of AᵀA); an m×n matrix has min(m, n) singular values.",
            *(["Look at the columns: are they orthogonal?"] if level == 2 else []),
        ],
        mistakes=distinct_mistakes("set", answer, candidates),
    )


_ORTHOGONAL_3 = sympy.Matrix([[1, 2, 2], [2, 1, -2], [2, -2, 1]])  # orthogonal columns, norm 3


def _low_rank_oracle(params: Mapping[str, Any]) -> float:
    """‖A − A_k‖ after truncating a NumPy SVD of A to k terms."""
    a = float_param(params["A"])
    u, s, vt = np.linalg.svd(a)
    k = int(params["k"])
    approx = (u[:, :k] * s[:k]) @ vt[:k]
    return float(np.linalg.norm(a - approx, "fro" if params["norm"] == "F" else 2))


@template(
    id="la.low-rank-error",
    topic="la.svd-pca",
    title="Error of the best rank-k approximation",
    oracle=_low_rank_oracle,
)
def low_rank_error(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: a 3×3 signed permutation of a diagonal matrix. Level 2: a 3×3 matrix with
    orthogonal columns (or rows) of different lengths. Eckart–Young gives the error from the
    dropped singular values, in the Frobenius or the spectral norm."""
    k = int(rng.integers(1, 3))
    norm = pick(rng, ["F", "2"])
    if level == 1:
        scales = distinct(rng, 1, 7, 3)
        order = [int(i) for i in rng.permutation(3)]
        a = sympy.zeros(3, 3)
        for i in range(3):
            a[i, order[i]] = scales[i] * pick(rng, [1, -1])
        sigmas = sorted((sympy.Integer(s) for s in scales), reverse=True)
        why = [
            "Each row and column has one nonzero entry, so the singular values are their "
            "absolute values: ",
            _set(sigmas),
            ".",
        ]
    else:
        scales = distinct(rng, 1, 4, 3)
        signs = sympy.diag(*[pick(rng, [1, -1]) for _ in range(3)])
        order = [int(i) for i in rng.permutation(3)]
        q = (_ORTHOGONAL_3 * signs).extract([0, 1, 2], order)
        if rng.integers(2):
            a = q * sympy.diag(*scales)
            part = "columns"
        else:
            a = sympy.diag(*scales) * q.T
            part = "rows"
        sigmas = sorted((3 * sympy.Integer(s) for s in scales), reverse=True)
        why = [
            f"The {part} of A are orthogonal with lengths ",
            _set(sigmas),
            ": those are the singular values.",
        ]
    dropped = sigmas[k:]
    frobenius = sympy.sqrt(sum(s**2 for s in dropped))
    answer = frobenius if norm == "F" else dropped[0]
    sub = subscript(k)
    words, name = (
        ("the Frobenius norm ", Math(f"‖A − A{sub}‖_F", rf"\|A - A_{k}\|_F"))
        if norm == "F"
        else ("the spectral norm ", Math(f"‖A − A{sub}‖₂", rf"\|A - A_{k}\|_2"))
    )
    rule = (
        "Eckart–Young: the Frobenius error is √(sum of the dropped σᵢ²) = "
        if norm == "F"
        else "Eckart–Young: the spectral-norm error is the largest dropped singular value, "
        f"σ{subscript(k + 1)} = "
    )
    if norm == "F":
        candidates: list[tuple[Any, str] | None] = [
            (
                dropped[0],
                "That is the spectral-norm error σₖ₊₁; the Frobenius error adds all dropped σᵢ².",
            ),
            (sum(dropped), "Add the squares of the dropped singular values, then take the root."),
            (frobenius**2, "That is ‖A − Aₖ‖_F²: take the square root of the sum of squares."),
            (
                sympy.sqrt(sum(s**2 for s in sigmas[: 3 - k])),
                "Aₖ keeps the largest singular values, so the error comes from the smallest.",
            ),
        ]
    else:
        candidates = [
            (frobenius, "That is the Frobenius error; the spectral-norm error is σₖ₊₁ alone."),
            (
                sum(dropped),
                "The spectral norm is the largest dropped singular value, not their sum.",
            ),
            (dropped[0] ** 2, "That is σₖ₊₁²: the spectral-norm error is σₖ₊₁ itself."),
            (
                sigmas[0],
                "Aₖ keeps the largest singular values, so the error comes from the smallest.",
            ),
        ]
    return Draft(
        prompt=[
            "Let ",
            Math(f"A{sub}", f"A_{k}"),
            f" be the best rank-{k} approximation of A = ",
            a,
            f". Compute {words}",
            name,
            " exactly.",
        ],
        kind="number",
        answer=answer,
        params={"A": exact_param(a), "k": k, "norm": norm},
        solution=[
            why,
            [f"A{sub} keeps the {k} largest, dropping ", _set(dropped), "."],
            [rule, answer, "."],
        ],
        hints=[
            "The best rank-k approximation keeps the k largest singular values (Eckart–Young).",
            "‖A − Aₖ‖₂ = σₖ₊₁ and ‖A − Aₖ‖_F = √(σₖ₊₁² + … + σᵣ²).",
        ],
        mistakes=distinct_mistakes("number", answer, candidates),
    )


# Zero-sum, mutually orthogonal sample patterns: scores of the points along each direction.
_PATTERNS = {
    4: ((1, 1, -1, -1), (1, -1, 1, -1), (1, -1, -1, 1)),
    6: ((1, 1, 1, -1, -1, -1), (1, -1, 0, 1, -1, 0), (1, 1, -2, 1, 1, -2),
        (1, -1, 0, -1, 1, 0), (1, 1, -2, -1, -1, 2)),
}  # fmt: skip
_DIRECTIONS = ((1, 1), (1, -1), (2, 1), (1, 2), (2, -1), (1, -2), (3, 1), (1, 3), (3, -1), (1, -3))


def _pca_data(
    rng: np.random.Generator, level: int, spread: bool = False
) -> tuple[list[list[int]], tuple[int, int], int, int]:
    """Points mean + aᵢ·v₁ + bᵢ·v₂ with v₁ ⟂ v₂ and ‖a‖ > ‖b‖, so v₁ is the first principal
    direction; returns (points, v₁, ‖a‖², ‖b‖²).

    ``spread`` draws the two scales from a wider range along shorter directions, so the ratio
    of the variances (what the explained-variance question asks) takes more values.
    """
    n = 4 if level == 1 else 6
    scales_a, scales_b = ([1, 2, 3, 4], [1, 2, 3]) if spread else ([1, 2, 3], [1, 2])
    directions = _DIRECTIONS[:6] if spread else _DIRECTIONS
    while True:
        first, second = (int(i) for i in rng.choice(len(_PATTERNS[n]), size=2, replace=False))
        sa, sb = pick(rng, scales_a), pick(rng, scales_b)
        a = [sa * v for v in _PATTERNS[n][first]]
        b = [sb * v for v in _PATTERNS[n][second]]
        p, q = pick(rng, list(directions))
        mean = (0, 0) if level == 1 else (int(rng.integers(-3, 4)), int(rng.integers(-3, 4)))
        order = [int(i) for i in rng.permutation(n)]
        points = [[mean[0] + a[i] * p - b[i] * q, mean[1] + a[i] * q + b[i] * p] for i in order]
        if dot(a, a) > dot(b, b) and len({tuple(point) for point in points}) == n:
            return points, (p, q), int(dot(a, a)), int(dot(b, b))


def _covariance(points: list[list[int]]) -> sympy.Matrix:
    n = len(points)
    x = sympy.Matrix(points)
    centered = x - sympy.ones(n, 1) * (sympy.ones(1, n) * x) / n
    return centered.T * centered / (n - 1)


def _pca_oracle(params: Mapping[str, Any]) -> np.ndarray:
    x = float_param(params["points"])
    values, vectors = np.linalg.eigh(np.cov(x, rowvar=False))
    top = vectors[:, int(np.argmax(values))]
    return top if top[0] > 0 else -top


@template(
    id="la.pca-direction",
    topic="la.svd-pca",
    title="First principal direction of a small data set",
    oracle=_pca_oracle,
)
def pca_direction(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: four centred points in the plane. Level 2: six points with a nonzero mean, to be
    centred first."""
    points, (p, q), aa, bb = _pca_data(rng, level)
    n = len(points)
    norm = sympy.sqrt(p * p + q * q)
    answer = [p / norm, q / norm]
    second = [q / norm, -p / norm] if q > 0 else [-q / norm, p / norm]
    cov = _covariance(points)
    lam1 = sympy.Rational(aa * (p * p + q * q), n - 1)
    lam2 = sympy.Rational(bb * (p * p + q * q), n - 1)
    listing = ", ".join(f"({show(x)}, {show(y)})" for x, y in points)
    steps: list[list[Any]] = []
    if level == 2:
        mean = [sum(c) / sympy.Integer(n) for c in zip(*points, strict=True)]
        steps.append(["Centre the data: subtract the mean ", vec(mean), "."])
    steps += [
        ["The sample covariance matrix is C = ", cov, "."],
        [
            "C·",
            vec([p, q]),
            " = ",
            lam1,
            "·",
            vec([p, q]),
            " and C·",
            vec([-q, p]),
            " = ",
            lam2,
            "·",
            vec([-q, p]),
            ": the eigenvalues are ",
            lam1,
            " and ",
            lam2,
            ".",
        ],
        [
            "The top eigenvector is ",
            vec([p, q]),
            "; as a unit vector with positive first entry: ",
            vec(answer),
            ".",
        ],
    ]
    return Draft(
        prompt=[
            f"Find the first principal direction of the {n} points {listing}. Give it as a unit "
            "vector with a positive first entry, e.g. [2/sqrt(5), 1/sqrt(5)].",
        ],
        kind="vector",
        answer=answer,
        params={"points": points},
        solution=steps,
        hints=[
            "Centre the points, form the covariance matrix, take its top eigenvector.",
            "Equivalently: the first right singular vector of the centred data matrix.",
        ],
        mistakes=distinct_mistakes(
            "vector",
            answer,
            [
                (
                    second,
                    "That is the second principal direction, the one with the least variance.",
                ),
                ([sympy.Integer(p), sympy.Integer(q)], "Normalize the direction to length 1."),
            ],
        ),
    )


def _explained_oracle(params: Mapping[str, Any]) -> float:
    if "points" in params:
        variances = np.linalg.eigvalsh(np.cov(float_param(params["points"]), rowvar=False))
    else:
        variances = float_param(params["singular_values"]) ** 2
    variances = np.sort(variances)[::-1]
    return float(variances[: int(params["k"])].sum() / variances.sum())


@template(
    id="la.explained-variance",
    topic="la.svd-pca",
    title="Explained-variance ratio in PCA",
    oracle=_explained_oracle,
)
def explained_variance(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: the share of the first component for four points in the plane. Level 2: the
    share of the first k components from the singular values of a centred data matrix."""
    if level == 1:
        points, (p, q), aa, bb = _pca_data(rng, 1, spread=True)
        n, k = len(points), 1
        lam1 = sympy.Rational(aa * (p * p + q * q), n - 1)
        lam2 = sympy.Rational(bb * (p * p + q * q), n - 1)
        variances = [lam1, lam2]
        answer = lam1 / (lam1 + lam2)
        listing = ", ".join(f"({show(x)}, {show(y)})" for x, y in points)
        cov = _covariance(points)
        prompt: list[Any] = [
            f"The points {listing} are centred. What fraction of the total variance does the "
            "first principal component explain? Give an exact fraction."
        ]
        params: dict[str, Any] = {"points": points, "k": k}
        steps: list[list[Any]] = [
            ["The covariance matrix is C = ", cov, "; total variance = tr C = ", cov.trace(), "."],
            ["Its eigenvalues (λ₁ + λ₂ = tr C, λ₁λ₂ = det C) are ", lam1, " and ", lam2, "."],
            ["Explained share: λ₁/(λ₁ + λ₂) = ", answer, "."],
        ]
        stds = [sympy.sqrt(v) for v in variances]
        candidates: list[tuple[Any, str] | None] = [
            (stds[0] / (stds[0] + stds[1]), "Use the variances λᵢ, not their square roots."),
            (lam2 / (lam1 + lam2), "That is the share of the second component."),
            (lam1 / lam2, "Divide by the total variance λ₁ + λ₂, not by λ₂."),
        ]
    else:
        sigmas = sorted((sympy.Integer(v) for v in distinct(rng, 1, 9, 4)), reverse=True)
        k = int(rng.integers(1, 4))
        squares = [s**2 for s in sigmas]
        answer = sum(squares[:k]) / sympy.Integer(sum(squares))
        prompt = [
            "A centred data matrix X (20 samples × 4 features) has singular values ",
            _set(sigmas),
            ". What fraction of the total variance "
            + (
                "does the first principal component"
                if k == 1
                else f"do the first {k} principal components"
            )
            + " explain? Give an exact fraction.",
        ]
        params = {"singular_values": [int(s) for s in sigmas], "k": k}
        steps = [
            ["The variance along component i is σᵢ²/(n − 1); the factor cancels in the ratio."],
            ["σᵢ² = ", _set(squares), f", total {sum(squares)}."],
            [
                ("Share of the first component: " if k == 1 else f"Share of the first {k}: ")
                + f"{ratio_text(sum(squares[:k]), sum(squares))}."
            ],
        ]
        candidates = [
            (
                sum(sigmas[:k]) / sympy.Integer(sum(sigmas)),
                "Variances are σᵢ², not σᵢ: square the singular values first.",
            ),
            (
                squares[k - 1] / sympy.Integer(sum(squares)),
                f"That is the share of component {k} alone; the question asks for the first {k} "
                "together.",
            )
            if k > 1
            else None,
            (
                sum(squares[-k:]) / sympy.Integer(sum(squares)),
                "Principal components are ordered by decreasing σ: take the largest ones.",
            ),
        ]
    return Draft(
        prompt=prompt,
        kind="number",
        answer=answer,
        params=params,
        solution=steps,
        hints=[
            "Explained-variance ratio = (sum of the top k eigenvalues of the covariance) / "
            "(sum of all of them).",
            "Covariance eigenvalues are σᵢ²/(n − 1) for the singular values σᵢ of the centred "
            "data.",
        ],
        mistakes=distinct_mistakes("number", answer, candidates),
    )


__all__ = ["explained_variance", "low_rank_error", "pca_direction", "singular_values"]
