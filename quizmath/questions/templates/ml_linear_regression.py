"""Linear-regression templates: a normal-equation fit, MSE and R², and the gradient of the MSE."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy
from sympy import Rational

from quizmath.questions.draw import distinct
from quizmath.questions.mistakes import distinct_mistakes
from quizmath.questions.model import Draft
from quizmath.questions.registry import template
from quizmath.questions.render import Part
from quizmath.questions.templates.ml_common import MIN_GAP, assign, mat, num, vec


def _points(xs: list[int], ys: list[int]) -> list[Part]:
    parts: list[Part] = []
    for i, (x, y) in enumerate(zip(xs, ys, strict=True)):
        parts += [", " if i else "", vec([x, y])]
    return parts


def _normal_fit_oracle(params: Mapping[str, Any]) -> list[float]:
    """Least squares by numpy.linalg.lstsq on the design matrix."""
    features = np.array(params["X"], dtype=float)
    if params["intercept"]:
        features = np.column_stack([np.ones(len(features)), features])
    solution, *_ = np.linalg.lstsq(features, np.array(params["y"], dtype=float), rcond=None)
    return list(solution)


@template(
    id="ml.normal-equation-fit",
    topic="ml.linear-regression",
    title="Least-squares fit by the normal equations",
    oracle=_normal_fit_oracle,
    levels=3,
)
def normal_equation_fit(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: a line through 3 points. Level 2: a line through 4 points.
    Level 3: two features without intercept, where the cross term matters."""
    if level < 3:
        return _line_fit(rng, 3 if level == 1 else 4)
    return _two_feature_fit(rng)


def _line_fit(rng: np.random.Generator, n: int) -> Draft:
    while True:
        xs = sorted(distinct(rng, -3, 4, n))
        ys = [int(v) for v in rng.integers(-5, 7, size=n)]
        sx, sy = sum(xs), sum(ys)
        sxx = sum(x * x for x in xs)
        sxy = sum(x * y for x, y in zip(xs, ys, strict=True))
        cxx = Rational(n * sxx - sx * sx, n)
        cxy = Rational(n * sxy - sx * sy, n)
        if cxy != 0:
            break
    slope = cxy / cxx
    mean_x, mean_y = Rational(sx, n), Rational(sy, n)
    intercept = mean_y - slope * mean_x
    answer = [intercept, slope]
    origin_slope = Rational(sxy, sxx)
    mistakes = distinct_mistakes(
        "vector",
        answer,
        [
            (
                [Rational(0), origin_slope],
                "That is the fit through the origin: the column of ones in X gives the "
                "model its intercept θ₀.",
            ),
            (
                [mean_y - origin_slope * mean_x, origin_slope],
                "The slope is Σ(x − x̄)(y − ȳ) / Σ(x − x̄)²: centre the data before dividing.",
            ),
            ([slope, intercept], "The order asked for is [θ₀, θ₁]: intercept first."),
        ],
        gap=MIN_GAP,
    )
    xtx = sympy.Matrix([[n, sx], [sx, sxx]])
    xty = sympy.Matrix([sy, sxy])
    return Draft(
        prompt=[
            "Fit y ≈ θ₀ + θ₁x by least squares to the points (x, y): ",
            *_points(xs, ys),
            ". Give [θ₀, θ₁] exactly (fractions allowed).",
        ],
        kind="vector",
        answer=answer,
        params={"X": [[x] for x in xs], "y": ys, "intercept": True},
        solution=[
            [
                "With rows (1, x) the normal equations XᵀXθ = Xᵀy read ",
                xtx,
                "θ = ",
                vec(list(xty)),
                ".",
            ],
            [
                "Centred: x̄ = ",
                mean_x,
                ", ȳ = ",
                mean_y,
                ", Σ(x − x̄)² = ",
                cxx,
                ", Σ(x − x̄)(y − ȳ) = ",
                cxy,
                ".",
            ],
            ["θ₁ = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)² = ", slope, ", θ₀ = ȳ − θ₁x̄ = ", intercept, "."],
            ["θ = ", vec(answer, exact=True), "."],
        ],
        hints=[
            "The normal equations are XᵀXθ = Xᵀy with a column of ones in X.",
            "θ₁ = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)², then θ₀ = ȳ − θ₁x̄.",
        ],
        mistakes=mistakes,
    )


def _two_feature_fit(rng: np.random.Generator) -> Draft:
    n = 4
    while True:
        rows = [[int(v) for v in rng.integers(-2, 4, size=2)] for _ in range(n)]
        ys = [int(v) for v in rng.integers(-4, 6, size=n)]
        features = sympy.Matrix(rows)
        xtx = features.T * features
        if xtx.det() != 0 and xtx[0, 1] != 0:
            break
    xty = features.T * sympy.Matrix(ys)
    theta = xtx.inv() * xty
    answer = list(theta)
    separate = [xty[0] / xtx[0, 0], xty[1] / xtx[1, 1]]
    mistakes = distinct_mistakes(
        "vector",
        answer,
        [
            (list(xty), "Xᵀy is only the right-hand side: multiply it by (XᵀX)⁻¹."),
            (
                separate,
                "Fitting each feature on its own ignores the cross term Σx₁x₂ of XᵀX; "
                "solve the 2×2 system jointly.",
            ),
        ],
        gap=MIN_GAP,
    )
    table: list[Part] = []
    for i, (row, y) in enumerate(zip(rows, ys, strict=True)):
        table += [", " if i else "", vec([*row, y])]
    return Draft(
        prompt=[
            "Fit y ≈ θ₁x₁ + θ₂x₂ (no intercept) by least squares to the rows (x₁, x₂, y): ",
            *table,
            ". Give θ = [θ₁, θ₂] exactly (fractions allowed).",
        ],
        kind="vector",
        answer=answer,
        params={"X": rows, "y": ys, "intercept": False},
        solution=[
            ["X = ", mat(rows), ", so XᵀX = ", xtx, " and Xᵀy = ", vec(list(xty)), "."],
            ["(XᵀX)⁻¹ = ", xtx.inv(), " (det XᵀX = ", xtx.det(), ")."],
            ["θ = (XᵀX)⁻¹Xᵀy = ", vec(answer, exact=True), "."],
        ],
        hints=[
            "Build XᵀX (2×2) and Xᵀy (2 entries), then solve XᵀXθ = Xᵀy.",
            "The inverse of [[a, b], [c, d]] is [[d, −b], [−c, a]] / (ad − bc).",
        ],
        mistakes=mistakes,
    )


def _metrics_oracle(params: Mapping[str, Any]) -> float:
    """MSE or R² straight from NumPy arrays."""
    y = np.array(params["y"], dtype=float)
    predicted = np.array(params["predicted"], dtype=float)
    mse = float(np.mean((y - predicted) ** 2))
    if params["metric"] == "mse":
        return mse
    return 1.0 - mse / float(np.var(y))


@template(
    id="ml.regression-metrics",
    topic="ml.linear-regression",
    title="MSE and R² of a regression",
    oracle=_metrics_oracle,
)
def regression_metrics(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: the mean squared error of predictions. Level 2: the coefficient of
    determination R² of the same kind of predictions."""
    n = 4 if level == 1 else 5
    while True:
        ys = [int(v) for v in rng.integers(-4, 9, size=n)]
        residuals = [int(v) for v in rng.integers(-3, 4, size=n)]
        predicted = [y - r for y, r in zip(ys, residuals, strict=True)]
        if len(set(ys)) > 2 and len(set(predicted)) > 1 and any(abs(r) > 1 for r in residuals):
            break
    sse = sum(r * r for r in residuals)
    mean_y = Rational(sum(ys), n)
    sst = sum((y - mean_y) ** 2 for y in ys)
    given = [
        "Targets y = ",
        vec(ys),
        " and a model's predictions ŷ = ",
        vec(predicted),
        ". ",
    ]
    if level == 1:
        answer = Rational(sse, n)
        mae = Rational(sum(abs(r) for r in residuals), n)
        mistakes = distinct_mistakes(
            "number",
            answer,
            [
                (Rational(sse), "That is the sum of squared errors: divide by n for the mean."),
                (Rational(sse, n - 1), "MSE divides by n, not n − 1: nothing is estimated here."),
                (mae, "That is the mean absolute error: square the residuals."),
                (sympy.sqrt(answer), "That is the RMSE: the MSE is not square-rooted."),
            ],
            gap=MIN_GAP,
        )
        return Draft(
            prompt=[*given, "Compute the mean squared error. Give an exact number."],
            kind="number",
            answer=answer,
            params={"y": ys, "predicted": predicted, "metric": "mse"},
            solution=[
                ["Residuals y − ŷ = ", vec(residuals), "."],
                ["Sum of squares: ", sse, "."],
                ["MSE = ", sse, " / ", n, " = ", answer, "."],
            ],
            hints=["MSE = (1/n) Σ (yᵢ − ŷᵢ)²."],
            mistakes=mistakes,
        )
    answer = 1 - sse / sst
    mean_p = Rational(sum(predicted), n)
    cov = sum((y - mean_y) * (p - mean_p) for y, p in zip(ys, predicted, strict=True))
    var_p = sum((p - mean_p) ** 2 for p in predicted)
    mistakes = distinct_mistakes(
        "number",
        answer,
        [
            (sse / sst, "That is SS_res / SS_tot, the unexplained share: R² = 1 − SS_res/SS_tot."),
            (
                1 - (Rational(sse, n)) / (sst / (n - 1)),
                "Use the same divisor for both sums (or none): R² = 1 − SS_res/SS_tot.",
            ),
            (
                cov**2 / (sst * var_p),
                "The squared correlation of y and ŷ equals R² only for a least-squares fit "
                "with an intercept; these predictions are arbitrary.",
            ),
        ],
        gap=MIN_GAP,
    )
    return Draft(
        prompt=[*given, "Compute the coefficient of determination R². Give an exact number."],
        kind="number",
        answer=answer,
        params={"y": ys, "predicted": predicted, "metric": "r2"},
        solution=[
            ["Residuals y − ŷ = ", vec(residuals), ", so SS_res = ", sse, "."],
            ["ȳ = ", num(mean_y), ", SS_tot = Σ(y − ȳ)² = ", num(sst), "."],
            ["R² = 1 − SS_res/SS_tot = ", answer, "."],
        ],
        hints=[
            "R² = 1 − SS_res / SS_tot with SS_tot = Σ(yᵢ − ȳ)².",
            "R² can be negative when the predictions are worse than the mean.",
        ],
        mistakes=mistakes,
    )


def _mse_gradient_oracle(params: Mapping[str, Any]) -> list[float]:
    """Central differences of the NumPy MSE over (w..., b)."""
    features = np.array(params["X"], dtype=float)
    y = np.array(params["y"], dtype=float)
    start = np.array([*params["w"], params["b"]], dtype=float)

    def loss(theta: np.ndarray) -> float:
        return float(np.mean((features @ theta[:-1] + theta[-1] - y) ** 2))

    h = 1e-4
    return [
        (loss(start + h * unit) - loss(start - h * unit)) / (2 * h) for unit in np.eye(len(start))
    ]


@template(
    id="ml.mse-gradient",
    topic="ml.linear-regression",
    title="Gradient of the mean squared error",
    oracle=_mse_gradient_oracle,
)
def mse_gradient(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: ∂L/∂w and ∂L/∂b for one feature. Level 2: two features and a bias."""
    d = level
    n = 3
    while True:
        rows = [[int(v) for v in rng.integers(-2, 4, size=d)] for _ in range(n)]
        ys = [int(v) for v in rng.integers(-3, 6, size=n)]
        w = [int(v) for v in rng.integers(-2, 3, size=d)]
        b = int(rng.integers(-2, 3))
        residuals = [sum(wj * xj for wj, xj in zip(w, row, strict=True)) + b - y
                     for row, y in zip(rows, ys, strict=True)]  # fmt: skip
        grad = [Rational(2, n) * sum(r * row[j] for r, row in zip(residuals, rows, strict=True))
                for j in range(d)] + [Rational(2, n) * sum(residuals)]  # fmt: skip
        if all(g != 0 for g in grad):
            break
    names = ["w"] if d == 1 else ["w₁", "w₂"]
    model = "ŷ = wx + b" if d == 1 else "ŷ = w₁x₁ + w₂x₂ + b"
    table: list[Part] = []
    for i, (row, y) in enumerate(zip(rows, ys, strict=True)):
        table += [", " if i else "", vec([*row, y])]
    columns = "(x, y)" if d == 1 else "(x₁, x₂, y)"
    order = "[∂L/∂w, ∂L/∂b]" if d == 1 else "[∂L/∂w₁, ∂L/∂w₂, ∂L/∂b]"
    latex_names = ["w"] if d == 1 else ["w_1", "w_2"]
    weights = [assign(name, latex, value)
               for name, latex, value in zip(names, latex_names, w, strict=True)]  # fmt: skip
    mistakes = distinct_mistakes(
        "vector",
        grad,
        [
            ([-g for g in grad], "Sign error: the residual is ŷ − y, not y − ŷ."),
            ([g / 2 for g in grad], "The derivative of (ŷ − y)² is 2(ŷ − y): keep the 2."),
            ([g * n for g in grad], "L is a mean: divide the summed gradient by n."),
        ],
        gap=MIN_GAP,
    )
    return Draft(
        prompt=[
            f"The model {model} is trained with L = (1/n) Σ (ŷᵢ − yᵢ)² on the {n} examples ",
            f"{columns}: ",
            *table,
            ". At ",
            *[p for weight in weights for p in (weight, ", ")],
            assign("b", "b", b),
            f", compute the gradient {order}.",
        ],
        kind="vector",
        answer=grad,
        params={"X": rows, "y": ys, "w": w, "b": b},
        solution=[
            ["Residuals ŷ − y = ", vec(residuals), "."],
            [
                "∂L/∂wⱼ = (2/n) Σ (ŷᵢ − yᵢ) xᵢⱼ and ∂L/∂b = (2/n) Σ (ŷᵢ − yᵢ), with n = ",
                n,
                ".",
            ],
            [
                "Sums Σ (ŷᵢ − yᵢ)xᵢⱼ and Σ (ŷᵢ − yᵢ): ",
                vec(
                    [
                        sum(r * row[j] for r, row in zip(residuals, rows, strict=True))
                        for j in range(d)
                    ]
                    + [sum(residuals)]
                ),
                f"; times 2/n = 2/{n}.",
            ],  # fmt: skip
            ["Gradient = ", vec(grad, exact=True), "."],
        ],
        hints=[
            "Differentiate (ŷ − y)² by the chain rule: 2(ŷ − y) times ∂ŷ/∂θ.",
            "∂ŷ/∂wⱼ = xⱼ and ∂ŷ/∂b = 1.",
        ],
        mistakes=mistakes,
    )


__all__ = ["mse_gradient", "normal_equation_fit", "regression_metrics"]
