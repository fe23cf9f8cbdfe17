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
from quizmath.questions.notation import minus
from quizmath.questions.registry import template
from quizmath.questions.render import Math, latex_math, unicode_math
from quizmath.questions.templates.op_shared import MIN_GAP, hessian, poly_function, poly_terms

x, y = sympy.symbols("x y")
CONVEX, NOT_CONVEX = "convex", "not convex"
HESS = Math("H", "H")

# One-variable families asked on all of ℝ: (sympy form, NumPy form) of f with parameters a, b.
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
}
# A cubic is never convex on all of ℝ, so it is asked on an interval [p, q] instead.
CUBIC = "cubic"


def _convexity_oracle(params: Mapping[str, Any]) -> str:
    """Second differences on a grid (one variable) or Hessian eigenvalues (two variables)."""
    if params["family"] == "quadratic":
        f = poly_function(params["f"])
        lowest = np.linalg.eigvalsh(hessian(f, [0.0, 0.0]))[0]
        return CONVEX if lowest >= -1e-9 else NOT_CONVEX
    a, b = params["a"], params["b"]
    if params["family"] == CUBIC:
        c = params["c"]
        low, high = params["interval"]

        def numeric(t: np.ndarray) -> np.ndarray:
            return a * t**3 + b * t**2 + c * t
    else:
        low, high = -6.0, 6.0
        family = _FAMILIES[params["family"]][1]

        def numeric(t: np.ndarray) -> np.ndarray:
            return family(t, a, b)

    h = 1e-2
    t = np.linspace(low, high, 1201)
    second = (numeric(t + h) - 2 * numeric(t) + numeric(t - h)) / h**2
    return CONVEX if second.min() >= -1e-4 else NOT_CONVEX


def _one_variable(
    rng: np.random.Generator, family: str
) -> tuple[int, int, sympy.Expr, bool, list[Any]]:
    """The parameters of ``family``, f, whether f is convex on ℝ, and the reason why."""
    match family:
        case "quartic":
            # A negative quartic term defeats reading convexity off the sign of the x² term.
            a = int(rng.integers(1, 4)) * (1 if rng.random() < 0.7 else -1)
            b = nonzero(rng, -4, 4)
            convex = a > 0 and b > 0
        case "exp":
            a, b = nonzero(rng, -2, 2), nonzero(rng, -3, 3)
            convex = b > 0
        case "softplus":
            a, b = nonzero(rng, -3, 3), nonzero(rng, -2, 2)
            convex = b > 0
        case "sine":
            a, b = int(rng.integers(1, 4)), nonzero(rng, -8, 8)
            convex = abs(b) <= 2 * a
        case _:
            a, b = nonzero(rng, -3, 3), int(rng.integers(1, 3))
            convex = a < 0
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
        case "quartic", False if b > 0:
            reason += [" is negative for large |x|: its leading term ", 12 * a * x**2,
                       " dominates."]  # fmt: skip
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
        case _:
            reason += [" equals ", -4 * a * b, " < 0 at x = 0."]
    return a, b, f, convex, reason


def _cubic(
    rng: np.random.Generator,
) -> tuple[dict[str, Any], sympy.Expr, str, bool, list[list[Any]], tuple[Any, str]]:
    """a x³ + b x² + c x on an interval [p, q], convex about half the time.

    f″ = 6ax + 2b is linear, so f is convex on [p, q] exactly when f″ ≥ 0 at both ends; the
    answer depends on where the inflection point −b/(3a) lies, not on the shape of f.
    """
    convex = bool(rng.integers(2))
    while True:
        a, b, c = nonzero(rng, -2, 2), int(rng.integers(-4, 5)), int(rng.integers(-4, 5))
        p = int(rng.integers(-3, 3))
        q = p + int(rng.integers(1, 4))
        ends = [6 * a * p + 2 * b, 6 * a * q + 2 * b]
        if (min(ends) >= 0) == convex:
            break
    f = a * x**3 + b * x**2 + c * x
    interval = minus(f"[{p}, {q}]")
    second = 6 * a * x + 2 * b
    steps: list[list[Any]] = [
        [f"f is convex on {interval} exactly when f″(x) ≥ 0 for every x in {interval}."],
        ["f″(x) = ", second, f" is linear, so on {interval} it is smallest at an endpoint: "
         + minus(f"f″({p}) = "), ends[0], minus(f" and f″({q}) = "), ends[1], "."],
    ]  # fmt: skip
    if convex:
        steps.append(["Both are ≥ 0, so f″ ≥ 0 on the whole interval."])
        wrong = (NOT_CONVEX, f"A cubic is not convex on all of ℝ, but on {interval} its f″ = "
                 f"6ax + 2b stays ≥ 0: check f″ at both endpoints.")  # fmt: skip
    else:
        end, value = (p, ends[0]) if ends[0] < 0 else (q, ends[1])
        steps.append([minus(f"f″({end}) = "), value, " < 0: f curves down near x = ", end,
                      ", inside the interval."])  # fmt: skip
        wrong = (CONVEX, minus(f"f″({end}) = {value} < 0, so the curvature is negative inside "
                 f"{interval}."))  # fmt: skip
    params = {"family": CUBIC, "a": a, "b": b, "c": c, "interval": [p, q]}
    return params, f, interval, convex, steps, wrong


def _quadratic(rng: np.random.Generator) -> tuple[sympy.Expr, sympy.Matrix, bool]:
    """a x² + b xy + c y² + linear terms, convex about half the time; a non-convex one mostly
    has a positive diagonal, so the diagonal's signs alone do not decide."""
    convex = bool(rng.integers(2))
    negative = not convex and rng.random() < 0.3
    while True:
        a, c = int(rng.integers(1, 5)), int(rng.integers(1, 5))
        b = nonzero(rng, -6, 6)
        if negative or (4 * a * c >= b * b) == convex:
            break
    if negative:
        a = -a
    f = (
        a * x**2
        + b * x * y
        + c * y**2
        + int(rng.integers(-3, 4)) * x
        + int(rng.integers(-3, 4)) * y
    )
    hess = sympy.Matrix([[2 * a, b], [b, 2 * c]])
    return f, hess, convex


@template(
    id="op.convexity-check",
    topic="op.convexity",
    title="Convex or not?",
    oracle=_convexity_oracle,
)
def convexity_check(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: a function of one variable, decided by the sign of f″ on all of ℝ (a cubic on an
    interval [p, q], where its linear f″ decides at the endpoints). Level 2: a quadratic in two
    variables, decided by whether its Hessian is positive semidefinite."""
    wrong: tuple[Any, str] | None = None
    if level == 1 and (family := pick(rng, [*_FAMILIES, CUBIC])) == CUBIC:
        params, f, interval, convex, solution, wrong = _cubic(rng)
        prompt = ["Is f(x) = ", f, f" convex on the interval {interval}?"]
        hints = ["Compute f″; it is linear, so check its sign at both endpoints."]
    elif level == 1:
        a, b, f, convex, reason = _one_variable(rng, family)
        params = {"family": family, "a": a, "b": b}
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
    if wrong is None and convex:
        wrong = (NOT_CONVEX, "It is convex: the curvature is never negative.")
    elif wrong is None and level == 2 and hess[0, 0] > 0:
        wrong = (CONVEX, f"Positive diagonal entries are not enough: det H = {hess.det()} < 0, "
                 "so the Hessian is indefinite.".replace("-", "−"))  # fmt: skip
    elif wrong is None:
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
