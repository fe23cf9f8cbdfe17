"""Convexity templates: deciding convexity from f″ or the Hessian, and convexity thresholds."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import sympy

from quizmath.checking.functions import sigmoid, softplus
from quizmath.questions.draw import nonzero, pick
from quizmath.questions.mistakes import distinct_mistakes
from quizmath.questions.model import Draft
from quizmath.questions.registry import template
from quizmath.questions.render import Math, latex_math, unicode_math
from quizmath.questions.templates.op_shared import MIN_GAP, hessian, poly_function, poly_terms

x, y = sympy.symbols("x y")
CONVEX, NOT_CONVEX = "convex", "not convex"
HESS = Math("H", "H")

# One-variable families: (sympy form, NumPy form) of f with parameters a and b.
_FAMILIES: dict[str, tuple[Callable[..., sympy.Expr], Callable[..., np.ndarray]]] = {
    "quartic": (
        lambda a, b: a * x**4 + b * x**2,
        lambda t, a, b: a * t**4 + b * t**2,
    ),
    "exp": (
        lambda a, b: sympy.exp(a * x) + b * x**2,
        lambda t, a, b: np.exp(a * t) + b * t**2,
    ),
    "softplus": (
        lambda a, b: softplus(a * x) + b * x**2,
        lambda t, a, b: np.logaddexp(0.0, a * t) + b * t**2,
    ),
    "sine": (
        lambda a, b: a * x**2 + b * sympy.sin(x),
        lambda t, a, b: a * t**2 + b * np.sin(t),
    ),
    "double-well": (
        lambda a, b: b * (x**2 - a) ** 2,
        lambda t, a, b: b * (t**2 - a) ** 2,
    ),
    "cubic": (
        lambda a, b: a * x**3 + b * x,
        lambda t, a, b: a * t**3 + b * t,
    ),
}


def _convexity_oracle(params: Mapping[str, Any]) -> str:
    """Second differences on a grid (one variable) or Hessian eigenvalues (two variables)."""
    if params["family"] == "quadratic":
        f = poly_function(params["f"])
        lowest = np.linalg.eigvalsh(hessian(f, [0.0, 0.0]))[0]
        return CONVEX if lowest >= -1e-9 else NOT_CONVEX
    numeric = _FAMILIES[params["family"]][1]
    h = 1e-2
    t = np.linspace(-6.0, 6.0, 1201)
    values = numeric(t, params["a"], params["b"])
    second = (numeric(t + h, params["a"], params["b"]) - 2 * values
              + numeric(t - h, params["a"], params["b"])) / h**2  # fmt: skip
    return CONVEX if second.min() >= -1e-4 else NOT_CONVEX


def _one_variable(rng: np.random.Generator) -> tuple[str, int, int, sympy.Expr, bool, list[Any]]:
    """A family, its parameters, f, whether f is convex on ℝ, and the reason why."""
    family = pick(rng, list(_FAMILIES))
    match family:
        case "quartic":
            a, b = int(rng.integers(1, 4)), nonzero(rng, -4, 4)
            convex = b > 0
        case "exp":
            a, b = nonzero(rng, -2, 2), nonzero(rng, -3, 3)
            convex = b > 0
        case "softplus":
            a, b = nonzero(rng, -3, 3), nonzero(rng, -2, 2)
            convex = b > 0
        case "sine":
            a, b = int(rng.integers(1, 4)), nonzero(rng, -8, 8)
            convex = abs(b) <= 2 * a
        case "double-well":
            a, b = nonzero(rng, -3, 3), int(rng.integers(1, 3))
            convex = a < 0
        case _:
            a, b = nonzero(rng, -3, 3), int(rng.integers(-4, 5))
            convex = False
    f = _FAMILIES[family][0](a, b)
    second = sympy.expand(sympy.diff(f, x, 2))
    if family == "softplus":
        s_text, s_latex = unicode_math(sigmoid(a * x)), latex_math(sigmoid(a * x))
        scale = "" if a * a == 1 else f"{a * a}·"
        scale_latex = "" if a * a == 1 else rf"{a * a}\cdot "
        second = Math(
            f"{scale}{s_text}(1 − {s_text}) + {2 * b}".replace("+ -", "− "),
            rf"{scale_latex}{s_latex}\left(1 - {s_latex}\right) + {2 * b}".replace("+ -", "- "),
        )
    reason: list[Any] = ["f″(x) = ", second]
    match family, convex:
        case (("quartic" | "exp" | "softplus"), True):
            reason += [" is a sum of nonnegative terms, so f″ ≥ 0 everywhere."]
        case "quartic", False:
            reason += [" equals ", 2 * b, " < 0 at x = 0."]
        case (("exp" | "softplus"), False):
            limit = "±∞" if family == "softplus" else ("−∞" if a > 0 else "+∞")
            term = "σ-term" if family == "softplus" else "exponential term"
            reason += [" tends to ", 2 * b, f" < 0 as x → {limit}, where the {term} vanishes."]
        case "sine", True:
            reason += [" ≥ ", 2 * a, " − ", abs(b), " ≥ 0 because |sin x| ≤ 1."]
        case "sine", False:
            reason += [" equals ", 2 * a, " − ", abs(b), " < 0 where sin x = ", 1 if b > 0 else -1,
                       "."]  # fmt: skip
        case "double-well", True:
            reason += [" is positive everywhere because the constant term ", -4 * a * b,
                       " is."]  # fmt: skip
        case "double-well", False:
            reason += [" equals ", -4 * a * b, " < 0 at x = 0."]
        case _:
            reason += [" changes sign at x = 0: a cubic term is never convex on all of ℝ."]
    return family, a, b, f, convex, reason


def _quadratic(rng: np.random.Generator) -> tuple[sympy.Expr, sympy.Matrix, bool]:
    """a x² + b xy + c y² + linear terms, mostly with a positive diagonal."""
    a, c = int(rng.integers(1, 5)), int(rng.integers(1, 5))
    if rng.random() < 0.2:
        a = -a
    b = nonzero(rng, -6, 6)
    f = (
        a * x**2
        + b * x * y
        + c * y**2
        + int(rng.integers(-3, 4)) * x
        + int(rng.integers(-3, 4)) * y
    )
    hess = sympy.Matrix([[2 * a, b], [b, 2 * c]])
    return f, hess, a > 0 and 4 * a * c >= b * b


@template(
    id="op.convexity-check",
    topic="op.convexity",
    title="Convex or not?",
    oracle=_convexity_oracle,
)
def convexity_check(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: a function of one variable, decided by the sign of f″ on all of ℝ. Level 2: a
    quadratic in two variables, decided by whether its Hessian is positive semidefinite."""
    if level == 1:
        family, a, b, f, convex, reason = _one_variable(rng)
        params: dict[str, Any] = {"family": family, "a": a, "b": b}
        prompt = ["Is f(x) = ", f, " convex on all of ℝ?"]
        solution = [
            ["f is convex on ℝ exactly when f″(x) ≥ 0 for every x."],
            reason,
        ]
        hints = ["Compute f″ and look for a point where it is negative."]
    else:
        f, hess, convex = _quadratic(rng)
        params = {"family": "quadratic", "f": poly_terms(f, (x, y))}
        det = hess.det()
        prompt = ["Is f(x, y) = ", f, " convex on ℝ²?"]
        verdict: list[Any] = ["det ", HESS, " = ", det]
        if convex:
            verdict += [" ≥ 0 with a positive diagonal: both eigenvalues are ≥ 0, H is positive "
                        "semidefinite."]  # fmt: skip
        elif hess[0, 0] < 0:
            verdict += ["; the diagonal entry ", hess[0, 0], " < 0 already gives a direction of "
                        "negative curvature."]  # fmt: skip
        else:
            verdict += [" < 0: the eigenvalues have opposite signs, so H is indefinite (a saddle)."]
        solution = [
            ["A quadratic is convex exactly when its (constant) Hessian is positive semidefinite."],
            ["The Hessian is ", HESS, " = ", hess, "."],
            verdict,
        ]
        hints = [
            "Compute the Hessian; it does not depend on the point.",
            "A symmetric 2×2 matrix is PSD when both diagonal entries and the determinant are ≥ 0.",
        ]
    answer = CONVEX if convex else NOT_CONVEX
    if convex:
        wrong = (NOT_CONVEX, "It is convex: the curvature is never negative.")
    elif level == 2 and hess[0, 0] > 0:
        wrong = (CONVEX, f"Positive diagonal entries are not enough: det H = {hess.det()} < 0, "
                 "so the Hessian is indefinite.".replace("-", "−"))  # fmt: skip
    else:
        wrong = (CONVEX, "It is not convex: the curvature is negative somewhere.")
    solution.append(["So f is ", answer, "."])
    return Draft(
        prompt=[
            *prompt,
            " Answer ",
            Math("convex", r"\texttt{convex}"),
            " or ",
            Math("not convex", r"\texttt{not convex}"),
            ".",
        ],
        kind="choice",
        answer=answer,
        choices=(CONVEX, NOT_CONVEX),
        params=params,
        solution=solution,
        hints=hints,
        mistakes=[wrong],
    )


def _threshold_oracle(params: Mapping[str, Any]) -> float:
    """Bisection on the parameter until the Hessian's smallest eigenvalue reaches zero."""
    f = poly_function(params["f"])
    base = hessian(f, [0.0, 0.0])
    if params["ask"] == "coupling":
        coupling = np.array([[0.0, 1.0], [1.0, 0.0]])
        low, high = 0.0, 100.0
        for _ in range(100):
            mid = (low + high) / 2
            low, high = (mid, high) if np.linalg.eigvalsh(base + mid * coupling)[0] >= 0 else (
                low, mid)  # fmt: skip
        return low
    low, high = 0.0, 100.0
    for _ in range(100):
        mid = (low + high) / 2
        low, high = (low, mid) if np.linalg.eigvalsh(base + 2 * mid * np.eye(2))[0] >= 0 else (
            mid, high)  # fmt: skip
    return high


@template(
    id="op.convexity-threshold",
    topic="op.convexity",
    title="Where a quadratic becomes convex",
    oracle=_threshold_oracle,
)
def convexity_threshold(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: the largest coupling k for which a x² + k xy + c y² is convex (k² ≤ 4ac).
    Level 2: the smallest L2 weight λ that makes an indefinite quadratic convex."""
    if level == 1:
        a, c = int(rng.integers(1, 7)), int(rng.integers(1, 7))
        k = sympy.Symbol("k")
        f = a * x**2 + k * x * y + c * y**2
        shown = Math(
            f"{_coefficient(a)}x² + k·x·y + {_coefficient(c)}y²",
            rf"{_coefficient(a)}x^2 + kxy + {_coefficient(c)}y^2",
        )
        answer = 2 * sympy.sqrt(a * c)
        candidates = [
            (sympy.sqrt(a * c), f"The Hessian's diagonal is {2 * a} and {2 * c}, twice the "
             f"coefficients: det H = {4 * a * c} − k² ≥ 0."),
            (4 * a * c, f"k² ≤ {4 * a * c} bounds k², so take the square root."),
        ]  # fmt: skip
        params: dict[str, Any] = {"ask": "coupling", "f": poly_terms(f.subs(k, 0), (x, y))}
        prompt = ["For which values of k is f(x, y) = ", shown, " convex? Give the largest such "
                  "k exactly (a form like 3*sqrt(2)) or to 4 significant digits."]  # fmt: skip
        solution = [
            ["The Hessian is ", HESS, " = ", sympy.hessian(f, (x, y)),
             "; its diagonal is positive."],
            ["H is PSD exactly when det H = ", 4 * a * c, " − k² ≥ 0, i.e. |k| ≤ √", 4 * a * c,
             "."],
            ["The largest k is ", answer, "."],
        ]  # fmt: skip
        hints = ["A 2×2 symmetric matrix with positive diagonal is PSD iff its determinant is ≥ 0."]
    else:
        while True:
            a, c = int(rng.integers(-3, 4)), int(rng.integers(-3, 4))
            b = int(rng.integers(-6, 7))
            radius = sympy.sqrt((a - c) ** 2 + b * b)
            lowest = a + c - radius
            if lowest < 0:
                break
        g = a * x**2 + b * x * y + c * y**2
        lam = sympy.Symbol("lamda")
        answer = -lowest / 2
        hess = sympy.Matrix([[2 * a, b], [b, 2 * c]])
        candidates = [
            (-lowest, "The Hessian of λ(x² + y²) is 2λI, not λI: divide by 2."),
            (max(0, -min(a, c)), "Checking only the diagonal misses the coupling term: use the "
             "smallest eigenvalue of the Hessian."),
        ]  # fmt: skip
        params = {"ask": "ridge", "f": poly_terms(g, (x, y))}
        prompt = ["Find the smallest λ ≥ 0 for which f(x, y) = ", g, " + ", lam,
                  "·(x² + y²) is convex. Give it exactly (a form like sqrt(7) − 1) or to 4 "
                  "significant digits."]  # fmt: skip
        solution = [
            ["The Hessian of the quadratic part is ", hess, "; adding λ(x² + y²) adds 2λI."],
            ["Its eigenvalues are ", a + c, " ± ", radius, ", the smallest being ", lowest,
             " < 0."],
            ["H + 2λI ⪰ 0 needs 2λ ≥ ", -lowest, ", so λ = ", answer, "."],
        ]  # fmt: skip
        hints = [
            "Adding λ‖x‖² shifts every Hessian eigenvalue up by 2λ.",
            "For [[p, q], [q, r]] the eigenvalues are (p + r)/2 ± √(((p − r)/2)² + q²).",
        ]
    return Draft(
        prompt=prompt,
        kind="number",
        answer=answer,
        params=params,
        solution=solution,
        hints=hints,
        mistakes=distinct_mistakes("number", answer, candidates, gap=MIN_GAP),
    )


def _coefficient(value: int) -> str:
    """A positive coefficient as printed before a monomial: 1 is left out."""
    return "" if value == 1 else str(value)


__all__ = ["convexity_check", "convexity_threshold"]
