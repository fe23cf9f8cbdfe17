"""Eigenvalue templates: eigenvalues of small matrices, an eigenvector, definiteness, and power
iteration. Matrices are built backwards (A = PDP⁻¹ or PᵀDP with integer P, det P = ±1) so that
eigenvalues are integers and every entry stays a small integer."""

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
from quizmath.questions.templates.la_tools import show, unimodular, vec

LAMBDA = sympy.Symbol("lambda")


def _similar(
    rng: np.random.Generator, low: int, high: int, n: int, bound: int, largest: int
) -> tuple[sympy.Matrix, sympy.Matrix, list[int]]:
    """(A, P, eigenvalues): A = P·diag(eigenvalues)·P⁻¹ with n distinct integer eigenvalues in
    [low, high], integer entries at most ``largest``, and for 2×2 no zero off the diagonal (so A
    is not triangular). Eigenvalues are redrawn with P, since a wide gap forces large entries."""
    while True:
        eigenvalues = distinct(rng, low, high, n)
        p = unimodular(rng, n, bound)
        a = p * sympy.diag(*eigenvalues) * p.inv()
        if max(abs(v) for v in a) > largest:
            continue
        if n == 2 and (a[0, 1] == 0 or a[1, 0] == 0):
            continue
        return a, p, eigenvalues


def _quadratic_roots(trace: Any, det: Any) -> list[sympy.Expr] | None:
    """The real roots of λ² − trace·λ + det, or None when they are complex."""
    disc = sympy.sympify(trace) ** 2 - 4 * det
    if disc < 0:
        return None
    root = sympy.sqrt(disc)
    return [(trace - root) / 2, (trace + root) / 2]


def _eigenvalues_oracle(params: Mapping[str, Any]) -> list[float]:
    return sorted(np.linalg.eigvals(float_param(params["A"])).real.tolist())


@template(
    id="la.eigen-2x2",
    topic="la.eigen",
    title="Eigenvalues of a 2×2 matrix",
    oracle=_eigenvalues_oracle,
    levels=3,
)
def eigen_2x2(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: a 2×2 matrix with small integer eigenvalues. Level 2: a non-symmetric 2×2 with
    larger entries and eigenvalues. Level 3: a 3×3 block-triangular matrix: the eigenvalues of
    its 2×2 block plus the lone diagonal entry."""
    if level == 1:
        block, _, eigenvalues = _similar(rng, -3, 5, 2, 1, 9)
    else:
        while True:
            block, _, eigenvalues = _similar(rng, -6, 8, 2, 2, 20)
            if block != block.T:
                break
    trace, det = block.trace(), block.det()
    steps: list[list[Any]] = []
    if level == 3:
        lone = int(rng.integers(-4, 6))
        column = [int(v) for v in rng.integers(-3, 4, size=2)]
        if rng.integers(2):
            a = block.row_join(sympy.Matrix(column)).col_join(sympy.Matrix([[0, 0, lone]]))
            where = f"the top-left 2×2 block B together with a₃₃ = {show(lone)}"
        else:
            a = sympy.Matrix([[lone, *column]]).col_join(sympy.zeros(2, 1).row_join(block))
            where = f"a₁₁ = {show(lone)} together with those of the bottom-right 2×2 block B"
        steps.append(
            [
                "A is block upper triangular (zeros below the diagonal blocks), so det(A − λI) "
                f"factors: the eigenvalues are those of {where}."
            ]
        )
        extra = [sympy.Integer(lone)]
    else:
        a, extra = block, []
    answer = sorted([*[sympy.Integer(v) for v in eigenvalues], *extra])
    name = "B" if level == 3 else "A"
    steps += [
        [f"tr {name} = {show(trace)} and det {name} = {show(det)}."],
        [
            "Characteristic polynomial: ",
            LAMBDA**2 - trace * LAMBDA + det,
            " = ",
            sympy.Mul(*(LAMBDA - v for v in eigenvalues), evaluate=False),
            " = 0.",
        ],
        ["The eigenvalues are ", Math(_set_text(answer), _set_latex(answer)), "."],
    ]
    swapped = _quadratic_roots(det, trace)
    diagonal = [a[i, i] for i in range(a.rows)]
    return Draft(
        prompt=[
            "Find the eigenvalues of A = ",
            a,
            ". Give them as a set, e.g. {2, 5} (list a repeated eigenvalue twice).",
        ],
        kind="set",
        answer=answer,
        params={"A": exact_param(a)},
        solution=steps,
        hints=[
            Math(
                "For a 2×2 matrix: λ² − (tr A)λ + det A = 0.",
                r"\text{For a } 2\times 2 \text{ matrix: } \lambda^2 - (\operatorname{tr} A)\lambda"
                r" + \det A = 0.",
            ),
            "Check: the eigenvalues add up to the trace and multiply to the determinant.",
            *(["A zero block below the diagonal splits the problem."] if level == 3 else []),
        ],
        mistakes=distinct_mistakes(
            "set",
            answer,
            [
                (
                    diagonal,
                    "The diagonal entries are the eigenvalues only of a triangular matrix: "
                    "solve det(A − λI) = 0.",
                ),
                (
                    [*swapped, *extra],
                    "Trace and determinant swapped: the polynomial is λ² − (tr)λ + det.",
                )
                if swapped is not None
                else None,
                (
                    [-v for v in answer],
                    "Sign slip: det(A − λI) = λ² − (tr A)λ + det A, so the roots add up to +tr A.",
                ),
            ],
        ),
    )


def _set_text(values: list[Any]) -> str:
    return "{" + ", ".join(show(v) for v in values) + "}"


def _set_latex(values: list[Any]) -> str:
    return r"\{" + ", ".join(sympy.latex(v) for v in values) + r"\}"


def _scaled(vector: list[Any], index: int) -> list[Any] | None:
    """``vector`` scaled so entry ``index`` is 1, or None when that entry is 0."""
    if vector[index] == 0:
        return None
    return [sympy.Rational(v) / vector[index] for v in vector]


def _shift_text(lam: int) -> str:
    """``A − 3I``, ``A + 2I`` or ``A − I``: the matrix whose null space holds the eigenvectors."""
    if lam == 0:
        return "A"
    size = "" if abs(lam) == 1 else show(abs(lam))
    return f"A {'+' if lam < 0 else '−'} {size}I"


def _eigenvector_oracle(params: Mapping[str, Any]) -> np.ndarray:
    values, vectors = np.linalg.eig(float_param(params["A"]))
    k = int(np.argmin(np.abs(values - float(params["lambda"]))))
    v = vectors[:, k].real
    return v / v[int(params["index"])]


@template(
    id="la.eigenvector",
    topic="la.eigen",
    title="An eigenvector for a given eigenvalue",
    oracle=_eigenvector_oracle,
)
def eigenvector(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: a 2×2 matrix. Level 2: a 3×3 matrix with three distinct integer eigenvalues."""
    n = level + 1
    if n == 2:
        a, p, eigenvalues = _similar(rng, -3, 4, 2, 1, 9)
    else:
        a, p, eigenvalues = _similar(rng, -2, 3, 3, 1, 12)
    k = int(rng.integers(n))
    lam = eigenvalues[k]
    column = list(p[:, k])
    index = next(i for i, v in enumerate(column) if v != 0)
    answer = _scaled(column, index)
    assert answer is not None
    left = list(p.inv()[k, :])
    others = [
        (
            _scaled(list(p[:, j]), index),
            f"That is an eigenvector for λ = {show(eigenvalues[j])}, not for λ = {show(lam)}.",
        )
        for j in range(n)
        if j != k
    ]
    shifted = a - lam * sympy.eye(n)
    reduced, _ = shifted.rref()
    shift = _shift_text(lam)
    return Draft(
        prompt=[
            f"λ = {show(lam)} is an eigenvalue of A = ",
            a,
            ". Find an eigenvector for it, scaled so that its first nonzero entry is 1. Give it "
            f"as a vector {'[a, b]' if n == 2 else '[a, b, c]'}.",
        ],
        kind="vector",
        answer=answer,
        params={"A": exact_param(a), "lambda": lam, "index": index},
        solution=[
            [f"Solve {'Av' if lam == 0 else f'({shift})v'} = 0 with {shift} = ", shifted, "."],
            ["Row reduction gives ", reduced, "; the null space is one-dimensional."],
            [
                "Scaling so the first nonzero entry is 1: v = ",
                vec(answer),
                " (check: Av = 0)." if lam == 0 else f" (check: Av = {show(lam)}v).",
            ],
        ],
        hints=[
            "An eigenvector spans the null space of A − λI.",
            "Check your vector: Av must equal λv.",
        ],
        mistakes=distinct_mistakes(
            "vector",
            answer,
            [
                (
                    _scaled(left, index),
                    "That solves vᵀA = λvᵀ (an eigenvector of Aᵀ, a left eigenvector): "
                    "solve (A − λI)v = 0 with v as a column.",
                )
                if _scaled(left, index) is not None
                else None,
                *[m if m[0] is not None else None for m in others],
            ],
        ),
    )


_DEFINITENESS = (
    "positive definite",
    "positive semidefinite",
    "negative definite",
    "negative semidefinite",
    "indefinite",
)


def _definiteness_oracle(params: Mapping[str, Any]) -> str:
    values = np.linalg.eigvalsh(float_param(params["A"]))
    scale = max(1.0, float(np.abs(values).max()))
    positive = int((values > 1e-9 * scale).sum())
    negative = int((values < -1e-9 * scale).sum())
    if positive and negative:
        return "indefinite"
    if positive:
        return "positive definite" if positive == len(values) else "positive semidefinite"
    return "negative definite" if negative == len(values) else "negative semidefinite"


def _signs(kind: str, n: int, rng: np.random.Generator) -> list[int]:
    """Diagonal entries with the sign pattern of ``kind`` (congruence keeps it)."""
    magnitudes = [int(v) for v in rng.integers(1, 4, size=n)]
    if kind.startswith("positive"):
        values = magnitudes
    elif kind.startswith("negative"):
        values = [-m for m in magnitudes]
    else:
        values = [m * pick(rng, [1, -1]) for m in magnitudes]
        values[0], values[1] = abs(values[0]), -abs(values[1])
    if kind.endswith("semidefinite"):
        values[int(rng.integers(n))] = 0
    return [int(v) for v in rng.permutation(values)]


def _judged_by_diagonal(diagonal: list[Any], fallback: str) -> str:
    """What reading definiteness off the diagonal's signs would wrongly conclude."""
    if all(v > 0 for v in diagonal):
        return "positive definite"
    if all(v < 0 for v in diagonal):
        return "negative definite"
    if any(v > 0 for v in diagonal) and any(v < 0 for v in diagonal):
        return "indefinite"
    return fallback


@template(
    id="la.definiteness",
    topic="la.eigen",
    title="Definiteness of a symmetric matrix",
    oracle=_definiteness_oracle,
)
def definiteness(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: a symmetric 2×2 matrix. Level 2: a symmetric 3×3 matrix. Built as PᵀDP, so by
    Sylvester's law of inertia the signs of D decide."""
    n = level + 1
    kind = pick(rng, list(_DEFINITENESS))
    while True:
        d = _signs(kind, n, rng)
        p = unimodular(rng, n, 1)
        a = p.T * sympy.diag(*d) * p
        if max(abs(v) for v in a) > 12 or all(a[0, j] == 0 for j in range(1, n)):
            continue
        by_diagonal = _judged_by_diagonal([a[i, i] for i in range(n)], kind)
        # Mostly keep instances where the diagonal's signs would mislead.
        if by_diagonal != kind or kind.endswith(" definite") or rng.random() < 0.3:
            break
    minors = [a[:k, :k].det() for k in range(1, n + 1)]
    eigen = np.linalg.eigvalsh(np.array(a.tolist(), dtype=float))
    approx = ", ".join(
        "0" if abs(v) < 1e-9 else f"{v:.2f}".replace("-", "−") for v in sorted(eigen)
    )
    verdicts = {
        "positive definite": "all eigenvalues are positive (all leading minors > 0)",
        "positive semidefinite": "the eigenvalues are ≥ 0 and one is 0 (det A = 0)",
        "negative definite": "all eigenvalues are negative (leading minors alternate −, +, …)",
        "negative semidefinite": "the eigenvalues are ≤ 0 and one is 0 (det A = 0)",
        "indefinite": "there are eigenvalues of both signs",
    }
    minor_text = ", ".join(f"Δ{subscript(i + 1)} = {show(v)}" for i, v in enumerate(minors))
    return Draft(
        prompt=[
            "Classify the symmetric matrix A = ",
            a,
            ": positive definite, positive semidefinite, negative definite, negative "
            "semidefinite, or indefinite?",
        ],
        kind="choice",
        answer=kind,
        params={"A": exact_param(a)},
        solution=[
            [f"Leading principal minors: {minor_text}."],
            [f"The eigenvalues are approximately {approx}."],
            [f"A is {kind}: {verdicts[kind]}."],
        ],
        hints=[
            "Definiteness is decided by the signs of the eigenvalues.",
            "Sylvester: positive definite ⇔ every leading principal minor is > 0; det A = 0 "
            "means an eigenvalue is 0.",
        ],
        mistakes=distinct_mistakes(
            "choice",
            kind,
            [
                (
                    by_diagonal,
                    f"The signs of the diagonal entries do not decide it: A is {kind}, because "
                    f"{verdicts[kind]}.",
                ),
                (
                    kind.replace("semidefinite", "definite"),
                    "det A = 0, so 0 is an eigenvalue: A is only semidefinite.",
                )
                if kind.endswith("semidefinite")
                else None,
                (
                    "positive definite" if n == 2 else "indefinite",
                    "For a negative definite matrix the leading minors alternate in sign "
                    "(Δ₁ < 0, Δ₂ > 0, Δ₃ < 0); Sylvester's all-positive test is for positive "
                    "definiteness.",
                )
                if kind == "negative definite"
                else None,
            ],
        ),
        choices=_DEFINITENESS,
    )


def _power_oracle(params: Mapping[str, Any]) -> np.ndarray:
    a, x = float_param(params["A"]), float_param(params["x0"])
    for _ in range(int(params["steps"])):
        x = a @ x
        x = x / np.abs(x).max()
    return x


def _power_steps(a: sympy.Matrix, x: list[Any], count: int) -> list[tuple[list[Any], Any]]:
    """[(A xₖ, ‖A xₖ‖∞), …] along ``count`` normalized power-iteration steps."""
    out = []
    for _ in range(count):
        y = list(a * sympy.Matrix(x))
        scale = max(abs(v) for v in y)
        out.append((y, scale))
        if scale == 0:
            break
        x = [v / scale for v in y]
    return out


def _signed_flip(a: sympy.Matrix, x: list[Any], count: int) -> bool:
    """Would dividing by the largest-magnitude entry with its sign flip the final vector?

    Each such step differs from the ∞-norm step by that entry's sign, so the result is the key
    times the product of those signs.
    """
    flips = 0
    for _ in range(count):
        y = list(a * sympy.Matrix(x))
        size = max(abs(v) for v in y)
        if size in y and -size in y:  # a tie of opposite signs leaves that rule undecided
            return False
        flips += int(-size in y)
        x = [v / size for v in y]
    return flips % 2 == 1


@template(
    id="la.power-iteration",
    topic="la.eigen",
    title="Power iteration steps",
    oracle=_power_oracle,
)
def power_iteration(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: one step on a 2×2 matrix. Level 2: two steps on a 2×2 or 3×3 matrix. Each step
    multiplies by A and divides by max|yᵢ|, a positive number, so the signs of y are kept."""
    n = 2 if level == 1 else pick(rng, [2, 3])
    count = level
    while True:
        a = sympy.Matrix(rng.integers(-2, 4, size=(n, n)).tolist())
        x0 = [int(v) for v in rng.integers(-1, 3, size=n)]
        if not any(x0) or a == a.T:
            continue
        trail = _power_steps(a, x0, count)
        if len(trail) == count and all(scale != 0 for _, scale in trail) and trail[-1][1] != 1:
            break
    y, scale = trail[-1]
    answer = [v / scale for v in y]
    transposed = _power_steps(a.T, x0, count)
    steps: list[list[Any]] = [["Each step: y = A·x, then x = y / max|yᵢ|."]]
    x = x0
    for k, (yk, sk) in enumerate(trail, start=1):
        xk = [v / sk for v in yk]
        steps.append(
            [
                f"Step {k}: A·",
                vec(x),
                " = ",
                vec(yk),
                f"; dividing by {show(sk)} gives x{subscript(k)} = ",
                vec(xk),
                ".",
            ]
        )
        x = xk
    candidates: list[tuple[Any, str] | None] = [
        (y, "Normalize after multiplying: divide y by max|yᵢ|."),
        (
            [-v for v in answer] if _signed_flip(a, x0, count) else None,
            "Divide by max|yᵢ|, a positive number: dividing by the largest entry with its sign "
            "flips the vector whenever that entry is negative.",
        ),
        (
            [v / transposed[-1][1] for v in transposed[-1][0]]
            if len(transposed) == count and all(s != 0 for _, s in transposed)
            else None,
            "You multiplied by Aᵀ (row vector times A): the step is the column product A·x.",
        ),
        (
            [v / sympy.sqrt(sum(w * w for w in y)) for v in y],
            "The question divides by max|yᵢ| (the ∞-norm), not by the Euclidean norm.",
        ),
    ]
    if count == 2:
        first, first_scale = trail[0]
        candidates.append(([v / first_scale for v in first], "Do two steps, not one."))
    return Draft(
        prompt=[
            f"Run {count} step{'s' if count > 1 else ''} of power iteration on A = ",
            a,
            " from x₀ = ",
            vec(x0),
            ": each step computes y = A·x and divides y by max|yᵢ| (a positive number, so the "
            f"signs of y are kept). Give x{subscript(count)} as a vector with exact fractions.",
        ],
        kind="vector",
        answer=answer,
        params={"A": exact_param(a), "x0": x0, "steps": count},
        solution=steps,
        hints=[
            Math("xₖ₊₁ = A xₖ / ‖A xₖ‖∞.", r"x_{k+1} = \frac{A x_k}{\|A x_k\|_\infty}."),
            "Repeated steps turn x towards the eigenvector of the largest |λ|.",
        ],
        mistakes=distinct_mistakes(
            "vector", answer, [c if c is None or c[0] is not None else None for c in candidates]
        ),
    )


__all__ = ["definiteness", "eigen_2x2", "eigenvector", "power_iteration"]
