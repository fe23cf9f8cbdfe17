"""Least-squares templates: a line fit by the normal equations, ridge regression in closed form,
and the minimum-norm (pseudoinverse) solution of an underdetermined system."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy

from quizmath.questions.draw import distinct, int_matrix, nonzero, pick
from quizmath.questions.mistakes import distinct_mistakes
from quizmath.questions.model import Draft
from quizmath.questions.params import exact_param, float_param
from quizmath.questions.registry import template
from quizmath.questions.render import Math
from quizmath.questions.templates.la_tools import dot, ratio_text, show, vec

THETA = Math("θ", r"\theta")
NORMAL = Math("XᵀX θ = Xᵀy", r"X^\top X\,\theta = X^\top y")


def _line_fit_oracle(params: Mapping[str, Any]) -> np.ndarray:
    x, y = float_param(params["x"]), float_param(params["y"])
    design = np.column_stack([np.ones_like(x), x])
    return np.linalg.lstsq(design, y, rcond=None)[0]


@template(
    id="la.normal-equations",
    topic="la.least-squares",
    title="Least-squares line by the normal equations",
    oracle=_line_fit_oracle,
)
def normal_equations(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: fit y ≈ θ₀ + θ₁x to three points. Level 2: to four or five points."""
    count = 3 if level == 1 else int(rng.integers(4, 6))
    while True:
        xs = sorted(distinct(rng, -2, 4, count))
        ys = [int(v) for v in rng.integers(-3, 7, size=count)]
        n, sx, sy = count, sum(xs), sum(ys)
        sxx, sxy = sum(x * x for x in xs), sum(x * y for x, y in zip(xs, ys, strict=True))
        det = n * sxx - sx * sx
        slope = sympy.Rational(n * sxy - sx * sy, det)
        intercept = (sy - slope * sx) / n
        collinear = all(intercept + slope * x == y for x, y in zip(xs, ys, strict=True))
        simple = max(slope.q, intercept.q) <= 12  # keep the fractions hand-sized
        if slope != 0 and intercept != 0 and not collinear and simple:
            break
    answer = [intercept, slope]
    points = ", ".join(f"({x}, {y})" for x, y in zip(xs, ys, strict=True)).replace("-", "−")
    gram = sympy.Matrix([[n, sx], [sx, sxx]])
    moment = [sy, sxy]
    return Draft(
        prompt=[
            f"Fit the line y ≈ θ₀ + θ₁x to the points {points} by least squares. "
            "Give θ = [θ₀, θ₁] with exact fractions.",
        ],
        kind="vector",
        answer=answer,
        params={"x": xs, "y": ys},
        solution=[
            ["X has rows (1, xᵢ); the normal equations are ", NORMAL, "."],
            ["XᵀX = ", gram, " (n, Σx; Σx, Σx²) and Xᵀy = ", vec(moment), " (Σy, Σxy)."],
            [
                f"det XᵀX = nΣx² − (Σx)² = {det}, so θ₁ = (nΣxy − ΣxΣy)/det = "
                f"({n}·{_paren(sxy)} − {_paren(sx)}·{_paren(sy)})/{det} = ",
                slope,
                " and θ₀ = (Σy − θ₁Σx)/n = ",
                intercept,
                ".",
            ],
            [THETA, " = ", vec(answer), "."],
        ],
        hints=[
            Math(
                "Solve XᵀXθ = Xᵀy with X = [1 x].",
                r"\text{Solve } X^\top X\theta = X^\top y "
                r"\text{ with } X = [\mathbf{1}\ x].",
            ),
            "The fitted line passes through the mean point (x̄, ȳ).",
        ],
        mistakes=distinct_mistakes(
            "vector",
            answer,
            [
                (
                    [sympy.Integer(0), sympy.Rational(sxy, sxx)],
                    "You fitted a line through the origin: X needs a column of ones for θ₀.",
                ),
                ([slope, intercept], "Order: θ₀ (the intercept) comes first, then the slope θ₁."),
            ],
        ),
    )


def _paren(value: int) -> str:
    """An integer inside a product: ``3`` or ``(−3)``."""
    return show(value) if value >= 0 else f"({show(value)})"


_PATTERNS = ((1, 1, 1, 1), (1, 1, -1, -1), (1, -1, 1, -1), (1, -1, -1, 1))


def _ridge_oracle(params: Mapping[str, Any]) -> np.ndarray:
    x, y = float_param(params["X"]), float_param(params["y"])
    lam = float(params["lambda"])
    return np.linalg.solve(x.T @ x + lam * np.eye(x.shape[1]), x.T @ y)


@template(
    id="la.ridge",
    topic="la.least-squares",
    title="Ridge regression in closed form",
    oracle=_ridge_oracle,
)
def ridge(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: X with orthogonal columns, so XᵀX + λI is diagonal. Level 2: a general 3×2 X,
    which needs a 2×2 inverse."""
    lam = int(rng.integers(1, 5)) if level == 1 else int(rng.integers(1, 3))
    if level == 1:
        first, second = (int(i) for i in rng.choice(4, size=2, replace=False))
        scales = [pick(rng, [1, -1, 2]), pick(rng, [1, -1, 2, -2])]
        order = [int(i) for i in rng.permutation(4)]
        x = sympy.Matrix(
            [[scales[0] * _PATTERNS[first][i], scales[1] * _PATTERNS[second][i]] for i in order]
        )
        y = [int(v) for v in rng.integers(-3, 5, size=4)]
    else:
        while True:
            x = int_matrix(rng, 3, 2, -2, 3)
            gram = x.T * x
            # A small det(XᵀX + λI) keeps the 2×2 inverse, and so θ, hand-sized.
            if x.rank() == 2 and gram[0, 1] != 0 and (gram + lam * sympy.eye(2)).det() <= 60:
                break
        y = [int(v) for v in rng.integers(-3, 5, size=3)]
    gram = x.T * x
    xty = x.T * sympy.Matrix(y)
    regularized = gram + lam * sympy.eye(2)
    answer = list(regularized.LUsolve(xty))
    ols = list(gram.LUsolve(xty))
    everywhere = gram + lam * sympy.ones(2, 2)
    shifted = f"XᵀX + {lam if lam != 1 else ''}I"
    if level == 1:
        solve: list[Any] = [
            "It is diagonal, so each θᵢ = (Xᵀy)ᵢ / (XᵀX + λI)ᵢᵢ: ",
            THETA,
            " = ",
            vec(answer),
            ".",
        ]
    else:
        det = regularized.det()
        adjugate = regularized.adjugate()
        solve = [
            f"det({shifted}) = {det}, so θ = adj({shifted})·Xᵀy / {det} = ",
            adjugate,
            "·",
            vec(list(xty)),
            f" / {det} = ",
            vec(answer),
            ".",
        ]
    steps: list[list[Any]] = [
        [Math("θ = (XᵀX + λI)⁻¹Xᵀy.", r"\theta = (X^\top X + \lambda I)^{-1} X^\top y.")],
        ["XᵀX = ", gram, " and Xᵀy = ", vec(list(xty)), "."],
        [f"{shifted} = ", regularized, "."],
        solve,
    ]
    return Draft(
        prompt=[
            f"Ridge regression with λ = {lam} on X = ",
            x,
            " and y = ",
            vec(y),
            ": compute θ = argmin ‖Xθ − y‖² + λ‖θ‖² as a vector [θ₁, θ₂] with exact fractions.",
        ],
        kind="vector",
        answer=answer,
        params={"X": exact_param(x), "y": y, "lambda": lam},
        solution=steps,
        hints=[
            "Setting the gradient 2Xᵀ(Xθ − y) + 2λθ to zero gives (XᵀX + λI)θ = Xᵀy.",
            "λ is added to the diagonal of XᵀX only."
            if level == 2
            else "With orthogonal columns XᵀX is diagonal, so each θᵢ is a single division.",
        ],
        mistakes=distinct_mistakes(
            "vector",
            answer,
            [
                (ols, "That is ordinary least squares: ridge adds λI to XᵀX."),
                (
                    list(everywhere.LUsolve(xty)),
                    "λI adds λ to the diagonal only, not to every entry of XᵀX.",
                )
                if everywhere.det() != 0
                else None,
            ],
        ),
    )


def _min_norm_oracle(params: Mapping[str, Any]) -> np.ndarray:
    return np.linalg.pinv(float_param(params["A"])) @ float_param(params["b"])


@template(
    id="la.min-norm-solution",
    topic="la.least-squares",
    title="Minimum-norm solution of an underdetermined system",
    oracle=_min_norm_oracle,
)
def min_norm_solution(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: one equation aᵀx = b in three unknowns, x = b·a/‖a‖². Level 2: two equations in
    three unknowns, x = Aᵀ(AAᵀ)⁻¹b, the pseudoinverse solution."""
    names = sympy.symbols("x y z")
    if level == 1:
        while True:
            a = [int(v) for v in rng.integers(-3, 4, size=3)]
            if sum(1 for v in a if v != 0) >= 2:
                break
        b = [nonzero(rng, -6, 6)]
        matrix = sympy.Matrix([a])
        norm2 = dot(a, a)
        answer = [sympy.Rational(b[0] * v, norm2) for v in a]
        first = next(i for i, v in enumerate(a) if v != 0)
        particular = [
            sympy.Rational(b[0], a[first]) if i == first else sympy.Integer(0) for i in range(3)
        ]
        steps: list[list[Any]] = [
            [
                "Write the equation as a·v = b with a = ",
                vec(a),
                f" and b = {show(b[0])}. The shortest solution lies in the row space: v = t·a.",
            ],
            [f"Then t‖a‖² = b with ‖a‖² = {norm2}: t = {ratio_text(b[0], norm2)}."],
            ["v = t·a = ", vec(answer), "."],
        ]
    else:
        while True:
            matrix = int_matrix(rng, 2, 3, -2, 2)
            if matrix.rank() == 2 and matrix[:, :2].det() != 0:
                break
        weights = sympy.Matrix([nonzero(rng, -2, 2), int(rng.integers(-2, 3))])
        gram = matrix * matrix.T
        b = [int(v) for v in gram * weights]
        answer = list(matrix.T * weights)
        particular = [*matrix[:, :2].LUsolve(sympy.Matrix(b)), sympy.Integer(0)]
        steps = [
            [
                "Write the system as Av = b with A = ",
                matrix,
                " and b = ",
                vec(b),
                ". The shortest solution lies in the row space: v = Aᵀw with AAᵀw = b.",
            ],
            ["AAᵀ = ", gram, "; solving AAᵀw = b gives w = ", vec(list(weights)), "."],
            ["v = Aᵀw = ", vec(answer), "."],
        ]
    equations = [
        (sympy.Add(*(c * v for c, v in zip(matrix.row(i), names, strict=True))), sympy.Integer(rhs))
        for i, rhs in enumerate(b)
    ]
    system = Math(
        ", ".join(f"{show(lhs)} = {show(rhs)}" for lhs, rhs in equations),
        r",\quad ".join(f"{sympy.latex(lhs)} = {sympy.latex(rhs)}" for lhs, rhs in equations),
    )
    return Draft(
        prompt=[
            "Among all solutions of ",
            system,
            " in the unknowns x, y, z, find the one with the smallest Euclidean norm (the "
            "pseudoinverse solution A⁺b, A the coefficient matrix). Give it as a vector [x, y, z] "
            "with exact fractions.",
        ],
        kind="vector",
        answer=answer,
        params={"A": exact_param(matrix), "b": b},
        solution=steps,
        hints=[
            "Any component in the null space adds length without changing Av: the shortest "
            "solution is orthogonal to the null space, i.e. in the row space.",
            "Write the solution as Aᵀw (a combination of the rows) and solve for w.",
        ],
        mistakes=distinct_mistakes(
            "vector",
            answer,
            [
                (
                    particular,
                    "That solves the system but is not the shortest solution: setting free "
                    "variables to 0 is not the same as minimizing the norm.",
                ),
            ],
        ),
    )


__all__ = ["min_norm_solution", "normal_equations", "ridge"]
