"""Elimination templates: LU factors, one elimination step with partial pivoting, and the
condition number."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy

from quizmath.questions.draw import nonzero, pick
from quizmath.questions.mistakes import distinct_mistakes
from quizmath.questions.model import Draft
from quizmath.questions.params import exact_param, float_param
from quizmath.questions.registry import template
from quizmath.questions.render import Math
from quizmath.questions.templates.la_tools import is_square, ratio_text, rational_svd_matrices, show


def _lu_oracle(params: Mapping[str, Any]) -> np.ndarray:
    """Doolittle elimination without row exchanges, in floating point."""
    a = float_param(params["A"])
    n = a.shape[0]
    lower, upper = np.eye(n), a.copy()
    for k in range(n - 1):
        for i in range(k + 1, n):
            lower[i, k] = upper[i, k] / upper[k, k]
            upper[i] -= lower[i, k] * upper[k]
    return lower if params["factor"] == "L" else upper


@template(
    id="la.lu-factor",
    topic="la.elimination",
    title="LU factorization",
    oracle=_lu_oracle,
)
def lu_factor(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: L or U of a 2×2 matrix. Level 2: L or U of a 3×3 matrix (no row exchanges)."""
    n = level + 1
    factor = pick(rng, ["L", "U"])
    while True:
        lower, upper = sympy.eye(n), sympy.zeros(n, n)
        for i in range(n):
            upper[i, i] = nonzero(rng, -3, 3)
            for j in range(i + 1, n):
                upper[i, j] = int(rng.integers(-3, 4))
            for j in range(i):
                lower[i, j] = int(rng.integers(-2, 3)) if level == 2 else nonzero(rng, -3, 3)
        a = lower * upper
        if lower[n - 1, n - 2] != 0 and max(abs(v) for v in a) <= 15:
            break
    multipliers = [(i, j, lower[i, j]) for j in range(n) for i in range(j + 1, n)]
    names = {(1, 0): "ℓ₂₁", (2, 0): "ℓ₃₁", (2, 1): "ℓ₃₂"}
    steps: list[list[Any]] = [
        [
            "Eliminate column by column; the multiplier ℓᵢⱼ = (entry to clear) / pivot, and "
            "row i ← row i − ℓᵢⱼ·row j."
        ],
        [
            "Multipliers: ",
            ", ".join(f"{names[i, j]} = {show(v)}" for i, j, v in multipliers),
            ".",
        ],
        ["The result of elimination is U = ", upper, "; L holds the multipliers: L = ", lower, "."],
    ]
    if factor == "L":
        answer = lower
        negated = sympy.Matrix(n, n, lambda i, j: -lower[i, j] if i > j else lower[i, j])
        candidates: list[tuple[Any, str] | None] = [
            (
                negated,
                "The multipliers enter L with a plus sign: row i − ℓ·row j is undone by adding.",
            ),
            (
                lower.inv(),
                "That is the elimination matrix E = L⁻¹ (EA = U); L is its inverse, which holds "
                "the multipliers themselves.",
            ),
            (lower.T, "L is lower triangular: the multipliers go below the diagonal."),
        ]
    else:
        answer = upper
        if n == 2:
            added = a.copy()
            added[1, :] = a[1, :] + lower[1, 0] * a[0, :]
            wrong = (added, "Subtract ℓ₂₁ times row 1 from row 2; adding does not clear a₂₁.")
        else:
            partial = a.copy()
            for i in (1, 2):
                partial[i, :] = a[i, :] - lower[i, 0] * a[0, :]
            wrong = (partial, "Clear column 2 below its pivot as well: U must be upper triangular.")
        candidates = [wrong]
    return Draft(
        prompt=[
            "Factor A = ",
            a,
            f" as A = LU (L unit lower triangular, no row exchanges). Give {factor} as a matrix.",
        ],
        kind="matrix",
        answer=answer,
        params={"A": exact_param(a), "factor": factor},
        solution=steps,
        hints=[
            "Eliminate below each pivot; record each multiplier ℓᵢⱼ = aᵢⱼ / pivot.",
            "L has 1s on the diagonal and the multipliers ℓᵢⱼ below it; U is what elimination "
            "leaves.",
        ],
        mistakes=distinct_mistakes("matrix", answer, candidates),
    )


def _step_oracle(params: Mapping[str, Any]) -> np.ndarray:
    a = float_param(params["A"])
    if params["pivoting"]:
        k = int(np.argmax(np.abs(a[:, 0])))
        a[[0, k]] = a[[k, 0]]
    for i in range(1, a.shape[0]):
        a[i] -= a[i, 0] / a[0, 0] * a[0]
    return a


def _eliminate(a: sympy.Matrix, sign: int = 1) -> sympy.Matrix:
    """Clear column 1 below the pivot (or, with ``sign`` −1, add the multiples instead)."""
    out = a.copy()
    for i in range(1, a.rows):
        out[i, :] = a[i, :] - sign * a[i, 0] / a[0, 0] * a[0, :]
    return out


@template(
    id="la.elimination-step",
    topic="la.elimination",
    title="One elimination step, with partial pivoting",
    oracle=_step_oracle,
)
def elimination_step(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: clear column 1 of a 3×3 matrix below its pivot. Level 2: the same with partial
    pivoting, swapping the row with the largest |entry| of column 1 to the top first."""
    pivoting = level == 2
    while True:
        a = sympy.Matrix(3, 3, lambda i, j: int(rng.integers(-4, 5)))
        if pivoting:
            magnitudes = [int(v) for v in rng.permutation([1, 2, pick(rng, [3, 4])])]
            column = [m * pick(rng, [1, -1]) for m in magnitudes]
            if abs(column[0]) == max(magnitudes):
                continue
        else:
            pivot = pick(rng, [1, -1, 2, -2])
            column = [pivot, pivot * int(rng.integers(-3, 4)), pivot * nonzero(rng, -3, 3)]
        a[:, 0] = sympy.Matrix(column)
        if a.det() != 0:
            break
    if pivoting:
        top = max(range(3), key=lambda i: abs(a[i, 0]))
        swapped = a.copy()
        swapped.row_swap(0, top)
    else:
        top, swapped = 0, a
    answer = _eliminate(swapped)
    multipliers = [swapped[i, 0] / swapped[0, 0] for i in (1, 2)]
    steps: list[list[Any]] = []
    if pivoting:
        steps.append(
            [
                f"The largest |entry| of column 1 is {show(abs(a[top, 0]))} in row {top + 1}: "
                f"swap rows 1 and {top + 1}, giving ",
                swapped,
                ".",
            ]
        )
    steps += [
        [
            "Multipliers ℓᵢ₁ = aᵢ₁ / pivot: ",
            Math(
                f"ℓ₂₁ = {show(multipliers[0])}, ℓ₃₁ = {show(multipliers[1])}",
                rf"\ell_{{21}} = {sympy.latex(multipliers[0])},\ "
                rf"\ell_{{31}} = {sympy.latex(multipliers[1])}",
            ),
            ".",
        ],
        ["Row i ← row i − ℓᵢ₁·row 1 gives ", answer, "."],
    ]
    candidates: list[tuple[Any, str] | None] = [
        (
            _eliminate(swapped, sign=-1),
            "Subtract ℓᵢ₁ times the pivot row; adding it doubles the entry instead of clearing it.",
        ),
        (
            _eliminate(a),
            "Partial pivoting swaps first: the pivot is the entry of largest absolute value in "
            "column 1.",
        )
        if pivoting and a[0, 0] != 0
        else None,
    ]
    task = (
        "Apply one step of Gaussian elimination with partial pivoting to A = "
        if pivoting
        else "Apply the first step of Gaussian elimination to A = "
    )
    detail = (
        ": swap rows so the entry of largest absolute value in column 1 is the pivot, then "
        "clear column 1 below it. Give the resulting matrix (exact fractions)."
        if pivoting
        else ": clear column 1 below the pivot a₁₁ by subtracting multiples of row 1. "
        "Give the resulting matrix."
    )
    return Draft(
        prompt=[task, a, detail],
        kind="matrix",
        answer=answer,
        params={"A": exact_param(a), "pivoting": pivoting},
        solution=steps,
        hints=[
            "ℓᵢ₁ = aᵢ₁ / a₁₁, then row i ← row i − ℓᵢ₁ · row 1; row 1 is unchanged.",
            *(
                ["Pivoting keeps every |ℓᵢ₁| ≤ 1, which limits the growth of rounding errors."]
                if pivoting
                else []
            ),
        ],
        mistakes=distinct_mistakes("matrix", answer, candidates),
    )


def _symmetric_integer_spectrum() -> list[tuple[int, int, int, int, int]]:
    """Symmetric [[a, b], [b, d]] (b ≠ 0) with integer eigenvalues of different sizes, none 0."""
    found = []
    for a in range(-5, 6):
        for d in range(-5, 6):
            for b in range(-4, 5):
                disc = (a - d) ** 2 + 4 * b * b
                if b == 0 or not is_square(disc):
                    continue
                root = math.isqrt(disc)
                if (a + d + root) % 2:
                    continue
                high, low = (a + d + root) // 2, (a + d - root) // 2
                if high * low != 0 and abs(high) != abs(low):
                    found.append((a, b, d, high, low))
    return found


_SYMMETRIC = _symmetric_integer_spectrum()


LAMBDA = sympy.Symbol("lambda")


def _condition_oracle(params: Mapping[str, Any]) -> float:
    return float(np.linalg.cond(float_param(params["A"]), 2))


@template(
    id="la.condition-number",
    topic="la.elimination",
    title="Condition number κ₂(A)",
    oracle=_condition_oracle,
)
def condition_number(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: a symmetric 2×2 matrix, κ₂ = max|λ| / min|λ|. Level 2: a non-symmetric 2×2
    matrix, κ₂ = σ₁/σ₂ from the eigenvalues of AᵀA."""
    kappa = Math("κ₂(A)", r"\kappa_2(A)")
    if level == 1:
        a_, b_, d_, high, low = pick(rng, _SYMMETRIC)
        a = sympy.Matrix([[a_, b_], [b_, d_]])
        big, small = sorted([abs(high), abs(low)], reverse=True)
        answer = sympy.Rational(big, small)
        signed = sympy.Rational(max(high, low), min(high, low))
        diagonal = sorted([abs(a_), abs(d_)])
        steps: list[list[Any]] = [
            ["For a symmetric matrix the singular values are the |eigenvalues|."],
            [
                "The characteristic polynomial ",
                LAMBDA**2 - (a_ + d_) * LAMBDA + (a_ * d_ - b_ * b_),
                f" = 0 gives λ = {show(high)} and λ = {show(low)}.",
            ],
            [kappa, f" = max|λ| / min|λ| = {ratio_text(big, small)}", "."],
        ]
        candidates: list[tuple[Any, str] | None] = [
            (
                signed,
                "Use absolute values: κ₂ = σ_max/σ_min and σ = |λ| for a symmetric matrix.",
            ),
            (
                sympy.Rational(diagonal[1], diagonal[0]),
                "The diagonal entries are not the eigenvalues: A is not diagonal.",
            )
            if diagonal[0] != 0
            else None,
            (answer**2, "That is κ₂(A)²: the singular values are |λ|, not λ²."),
        ]
        hints: list[Any] = [
            "κ₂(A) = σ_max / σ_min; for symmetric A, σᵢ = |λᵢ|.",
            "λ₁ + λ₂ = tr A and λ₁λ₂ = det A.",
        ]
    else:
        (p, q, r, s), high, low = pick(rng, rational_svd_matrices())
        a = sympy.Matrix([[p, q], [r, s]])
        gram = a.T * a
        answer = sympy.Rational(high, low)
        steps = [
            ["AᵀA = ", gram, "; its eigenvalues are σ₁² and σ₂²."],
            [
                f"tr(AᵀA) = {gram.trace()} and det(AᵀA) = (det A)² = {gram.det()}, so σ₁² and "
                f"σ₂² solve μ² − {gram.trace()}μ + {gram.det()} = 0: μ = {high * high} and "
                f"μ = {low * low}, so σ₁ = {high} and σ₂ = {low}.",
            ],
            [kappa, f" = σ₁/σ₂ = {ratio_text(high, low)}", "."],
        ]
        trace, det = p + s, p * s - q * r
        disc = trace * trace - 4 * det
        eigen_ratio = None
        if is_square(disc) and det != 0:
            lam = sorted([abs(trace + math.isqrt(disc)), abs(trace - math.isqrt(disc))])
            eigen_ratio = sympy.Rational(lam[1], lam[0])
        candidates = [
            (answer**2, "That is σ₁²/σ₂², the ratio of the eigenvalues of AᵀA: take square roots."),
            (
                eigen_ratio,
                "For a non-symmetric matrix the eigenvalues of A do not give κ₂: use the "
                "singular values.",
            )
            if eigen_ratio is not None
            else None,
        ]
        hints = [
            "κ₂(A) = σ₁/σ₂, and σᵢ² are the eigenvalues of AᵀA.",
            "For 2×2 matrices: σ₁² + σ₂² = tr(AᵀA) and σ₁²σ₂² = (det A)².",
        ]
    return Draft(
        prompt=[
            "Compute the 2-norm condition number ",
            kappa,
            " of A = ",
            a,
            ". Give the exact value.",
        ],
        kind="number",
        answer=answer,
        params={"A": exact_param(a)},
        solution=steps,
        hints=hints,
        mistakes=distinct_mistakes("number", answer, candidates),
    )


__all__ = ["condition_number", "elimination_step", "lu_factor"]
