"""Taylor series: second-order polynomials, estimates from them, and series coefficients."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from quizmath.checking.functions import elementary, softplus
from quizmath.questions.draw import nonzero, pick
from quizmath.questions.mistakes import apart_when_rounded, distinct_mistakes
from quizmath.questions.model import Draft
from quizmath.questions.notation import listed
from quizmath.questions.params import exact_param, float_param
from quizmath.questions.registry import template
from quizmath.questions.render import Math
from quizmath.questions.templates.ca_numeric import (
    complex_step,
    gradient,
    hessian,
    second_derivative,
    series_coefficient,
)

x, y = sympy.symbols("x y")
HALF = sympy.Rational(1, 2)

# One-variable families: SymPy builder and NumPy builder of g(k·x); f = c·g(k·x).
_SYMBOLIC: dict[str, Callable[[sympy.Expr], sympy.Expr]] = {
    "exp": sympy.exp,
    "log1p": lambda u: sympy.log(1 + u),
    "cos": sympy.cos,
    "geometric": lambda u: 1 / (1 - u),
    "sqrt1p": lambda u: sympy.sqrt(1 + u),
    "softplus": softplus,
    "log": sympy.log,
    "reciprocal": lambda u: 1 / u,
    "sqrt": sympy.sqrt,
    "cube": lambda u: u**3,
    "cbrt": lambda u: sympy.root(u, 3),
}
_NUMERIC: dict[str, Callable[[complex], complex]] = {
    "exp": np.exp,
    "log1p": lambda u: np.log(1 + u),
    "cos": np.cos,
    "geometric": lambda u: 1 / (1 - u),
    "sqrt1p": lambda u: np.sqrt(1 + u),
    "softplus": lambda u: np.log(1 + np.exp(u)),
    "log": np.log,
    "reciprocal": lambda u: 1 / u,
    "sqrt": np.sqrt,
    "cube": lambda u: u**3,
    "cbrt": lambda u: u ** (1 / 3),
}


def _one_variable(params: Mapping[str, Any]) -> Callable[[complex], complex]:
    g, c, k = _NUMERIC[params["family"]], params["scale"], params["rate"]
    return lambda t: c * g(k * t)


def _series_terms(
    values: tuple[sympy.Expr, sympy.Expr, sympy.Expr], shift: sympy.Expr
) -> list[sympy.Expr]:
    """f(a), f′(a)·(x − a), f″(a)/2·(x − a)², left unevaluated so the powers of x − a show."""
    f0, f1, f2 = values
    terms = [f0] if f0 != 0 else []
    for coefficient, power in ((f1, shift), (f2 * HALF, shift**2)):
        if coefficient == 0:
            continue
        if coefficient in (1, -1) or shift.is_Symbol or not coefficient.is_Rational:
            terms.append(coefficient * power)
        else:
            terms.append(sympy.Mul(coefficient, power, evaluate=False))
    return terms


def _taylor_oracle(params: Mapping[str, Any]) -> Callable[..., float]:
    """f(a), f′(a), f″(a) by numeric differentiation, assembled into the quadratic."""
    if params["family"] in _TWO_D:
        f2d = _TWO_D_NUMERIC[params["family"]]
        a, b = params["rate"], params["rate2"]

        def field(p: np.ndarray) -> complex:
            return f2d(a, b, p[0], p[1])

        origin = [0.0, 0.0]
        value, g, h = field(np.zeros(2)).real, gradient(field, origin), hessian(field, origin)
        return lambda x, y: float(
            value + g @ [x, y] + 0.5 * np.array([x, y]) @ h @ np.array([x, y])
        )
    f = _one_variable(params)
    a = params["center"]
    f0, f1, f2 = f(a).real, complex_step(f, a), second_derivative(f, a)
    return lambda x: float(f0 + f1 * (x - a) + f2 / 2 * (x - a) ** 2)


_TWO_D = ("exp2", "log2", "expcos", "xexp")
_TWO_D_NUMERIC: dict[str, Callable[..., complex]] = {
    "exp2": lambda a, b, s, t: np.exp(a * s + b * t),
    "log2": lambda a, b, s, t: np.log(1 + a * s + b * t),
    "expcos": lambda a, b, s, t: np.exp(a * s) * np.cos(b * t),
    "xexp": lambda a, b, s, t: (s + a) * np.exp(b * t),
}


def _two_d_function(family: str, a: int, b: int) -> sympy.Expr:
    return {
        "exp2": sympy.exp(a * x + b * y),
        "log2": sympy.log(1 + a * x + b * y),
        "expcos": sympy.exp(a * x) * sympy.cos(b * y),
        "xexp": (x + a) * sympy.exp(b * y),
    }[family]


_SECOND_ORDER = Math(
    "f(a) + f′(a)(x − a) + f″(a)(x − a)²/2",
    r"f(a) + f'(a)(x - a) + \tfrac{1}{2} f''(a)(x - a)^2",
)


@template(
    id="ca.taylor-polynomial",
    topic="ca.taylor",
    title="Second-order Taylor polynomials",
    oracle=_taylor_oracle,
    levels=3,
)
def taylor_polynomial(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: about 0. Level 2: about a point a ≠ 0. Level 3: f(x, y) about (0, 0)."""
    if level == 3:
        return _taylor_two_d(rng)
    scale = nonzero(rng, -3, 3)
    if level == 1:
        family = pick(rng, ["exp", "log1p", "cos", "geometric", "sqrt1p", "softplus"])
        rate, center = nonzero(rng, -4, 4), 0
        if family == "sqrt1p":
            rate = 2 * nonzero(rng, -2, 2)
    else:
        family = pick(rng, ["exp", "log", "reciprocal", "sqrt", "cube"])
        rate = nonzero(rng, -2, 2) if family == "exp" else 1
        center = {
            "exp": nonzero(rng, -2, 2),
            "log": int(rng.integers(1, 5)),
            "reciprocal": nonzero(rng, -3, 3),
            "sqrt": pick(rng, [1, 4, 9, 16]),
            "cube": nonzero(rng, -3, 3),
        }[family]
    f = scale * _SYMBOLIC[family](rate * x)
    d1 = sympy.diff(f, x)
    d2 = sympy.diff(d1, x)
    at = {x: center}
    values = (elementary(f.xreplace(at)), d1.xreplace(at), d2.xreplace(at))
    shift = x - center
    terms = _series_terms(values, shift)
    answer = sympy.Add(*terms, evaluate=False)
    f0, f1, f2 = values
    wrong = [
        (
            f0 + f1 * shift + f2 * shift**2,
            "The second-order term carries a 1/2: f″(a)(x − a)²/2.",
        ),
        (f0 - f1 * shift + f2 * HALF * shift**2, "Sign error in the first-order term."),
        (
            f0 + f1 * shift,
            "That is only the first-order (linear) approximation; add f″(a)(x − a)²/2.",
        ),
    ]
    if center != 0:
        wrong.append(
            (
                f0 + f1 * (x + center) + f2 * HALF * (x + center) ** 2,
                f"Expand in powers of x − a = x {'−' if center > 0 else '+'} {abs(center)}, "
                "not x + a.",
            )
        )
    about = "0" if center == 0 else str(center).replace("-", "−")
    natural = {
        "log1p": " (log is the natural logarithm)",
        "log": " (log is the natural logarithm)",
        "softplus": " (softplus(u) = log(1 + eᵘ), natural log)",
    }.get(family, "")
    return Draft(
        prompt=[
            "Give the second-order Taylor polynomial of f(x) = ",
            f,
            f" about x = {about}{natural}, as an expression in x.",
        ],
        kind="expression",
        answer=answer,
        params={"family": family, "scale": scale, "rate": rate, "center": center},
        variables=("x",),
        solution=[
            ["T₂(x) = ", _SECOND_ORDER, f", with a = {about}."],
            ["f′(x) = ", d1, " and f″(x) = ", d2, "."],
            ["f(a) = ", f0, ", f′(a) = ", f1, ", f″(a) = ", f2, "."],
            ["T₂(x) = ", answer, "."],
        ],
        hints=[
            ["T₂(x) = ", _SECOND_ORDER, "."],
            "Don't forget the 1/2 = 1/2! on the second-order term.",
        ],
        mistakes=distinct_mistakes("expression", answer, wrong, variables=("x",)),
    )


def _taylor_two_d(rng: np.random.Generator) -> Draft:
    family = pick(rng, list(_TWO_D))
    a, b = nonzero(rng, -3, 3), nonzero(rng, -3, 3)
    f = _two_d_function(family, a, b)
    origin = {x: 0, y: 0}
    fx, fy = sympy.diff(f, x), sympy.diff(f, y)
    fxx, fxy, fyy = sympy.diff(fx, x), sympy.diff(fx, y), sympy.diff(fy, y)
    v0, vx, vy = (e.xreplace(origin) for e in (f, fx, fy))
    hxx, hxy, hyy = (e.xreplace(origin) for e in (fxx, fxy, fyy))
    linear = v0 + vx * x + vy * y
    quadratic = hxx * x**2 + 2 * hxy * x * y + hyy * y**2
    answer = linear + HALF * quadratic
    wrong = [
        (linear + quadratic, "The second-order part is ½[x y]H[x y]ᵀ: you dropped the ½."),
        (
            linear + HALF * (hxx * x**2 + hxy * x * y + hyy * y**2),
            "The mixed term appears twice in [x y]H[x y]ᵀ: it is f_xy·xy, not f_xy·xy/2.",
        ),
        (linear, "That is only the first-order (linear) approximation."),
    ]
    hessian_matrix = sympy.Matrix([[hxx, hxy], [hxy, hyy]])
    return Draft(
        prompt=[
            "Give the second-order Taylor polynomial of f(x, y) = ",
            f,
            " about (0, 0)"
            + (" (log is the natural logarithm)" if family == "log2" else "")
            + ", as an expression in x and y.",
        ],
        kind="expression",
        answer=answer,
        params={"family": family, "rate": a, "rate2": b},
        variables=("x", "y"),
        solution=[
            [
                "T₂ = f(0) + ∇f(0)·(x, y) + ½ [x y] H [x y]ᵀ, i.e. ",
                Math(
                    "f + f_x x + f_y y + ½(f_xx x² + 2f_xy xy + f_yy y²)",
                    r"f + f_x x + f_y y + \tfrac12\left(f_{xx}x^2 + 2f_{xy}xy + f_{yy}y^2\right)",
                ),
                ".",
            ],
            ["At (0, 0): f = ", v0, ", ∇f = (", vx, ", ", vy, "), H = ", hessian_matrix, "."],
            ["T₂(x, y) = ", answer, "."],
        ],
        hints=[
            "Compute f, the gradient and the Hessian at the origin.",
            "The quadratic part is ½ of xᵀHx, and xᵀHx contains 2f_xy·xy.",
        ],
        mistakes=distinct_mistakes("expression", answer, wrong, variables=("x", "y")),
    )


_ESTIMATES = {
    "sqrt": ([1, 4, 9, 16, 25, 36, 49, 64, 81, 100], "√"),
    "cbrt": ([1, 8, 27, 64], "∛"),
    "exp": ([0], "e^"),
    "log": ([1], "log "),
    "reciprocal": ([1, 2, 4, 5, 10], "1/"),
}
_STEPS = [Fraction(s, d) for s in (1, -1) for d in (10, 5, 2)] + [Fraction(1), Fraction(-1, 4)]


def _derivatives_at(family: str, center: int) -> tuple[Fraction, Fraction, Fraction]:
    """f(a), f′(a), f″(a) at the easy centers, from the textbook formulas."""
    if family == "sqrt":
        k = Fraction(round(center**0.5))
        return k, 1 / (2 * k), -1 / (4 * k**3)
    if family == "cbrt":
        k = Fraction(round(center ** (1 / 3)))
        return k, 1 / (3 * k**2), -2 / (9 * k**5)
    if family == "exp":
        return Fraction(1), Fraction(1), Fraction(1)
    if family == "log":
        return Fraction(0), Fraction(1), Fraction(-1)
    a = Fraction(center)
    return 1 / a, -1 / a**2, 2 / a**3


def _mistakes_apart(family: str, center: int, step: Fraction, order: int) -> bool:
    """Is every known mistake of this estimate equal to it (then dropped) or apart from it?"""
    f0, f1, f2 = _derivatives_at(family, center)
    linear = f0 + f1 * step
    second = f2 * step**2 / 2 if order == 2 else Fraction(0)
    estimate = linear + second
    wrong = [estimate - 2 * f1 * step]  # the sign of the first-order term
    wrong += [f0 + f1] if order == 1 else [linear + 2 * second, linear]
    return all(value == estimate or apart_when_rounded(estimate, value) for value in wrong)


def _second_order_cases() -> list[tuple[str, int, Fraction]]:
    """(family, center, step) whose second-order term moves the estimate's third digit by 2+.

    A learner who skips the second-order term (or its 1/2), or flips the sign of the first-order
    term, then cannot type a three-digit decimal that rounds like the key or falls within the
    checker's 0.1%, nor the reverse. The term stays below 35% of the estimate, where the
    polynomial is still a fair guess.
    """
    sizes = [Fraction(1, d) for d in (10, 5, 4, 2)] + [Fraction(k) for k in (1, 2, 3, 4, 5)]
    cases = []
    for family, (centers, _) in _ESTIMATES.items():
        for center in centers:
            reach = Fraction(1, 2) if family in ("exp", "log") else Fraction(center, 2)
            for step in (sign * size for size in sizes for sign in (1, -1)):
                f0, f1, f2 = _derivatives_at(family, center)
                second = f2 * step**2 / 2
                estimate = f0 + f1 * step + second
                if abs(step) > reach or estimate == 0:
                    continue
                fair = abs(second / estimate) <= Fraction(35, 100)
                if fair and _mistakes_apart(family, center, step, 2):
                    cases.append((family, center, step))
    return cases


_SECOND_ORDER_CASES = _second_order_cases()
_CENTERS = [(family, center) for family, (centers, _) in _ESTIMATES.items() for center in centers]


def _estimate_oracle(params: Mapping[str, Any]) -> float:
    """Numeric f(a), f′(a), f″(a) of NumPy's function, then the Taylor sum at a + δ."""
    f = _NUMERIC[params["family"]]
    a, delta = params["center"], float_param(params["step"])
    total = f(a).real + complex_step(f, a) * delta
    if params["order"] == 2:
        total += second_derivative(f, a) * delta**2 / 2
    return float(total)


def _decimal(value: Fraction) -> str:
    text = f"{float(value):.4f}".rstrip("0").rstrip(".")
    return text.replace("-", "−")


@template(
    id="ca.taylor-estimate",
    topic="ca.taylor",
    title="Estimating a value with a Taylor polynomial",
    oracle=_estimate_oracle,
)
def taylor_estimate(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: the linear (first-order) estimate, at a step where its sign shows in the third
    digit. Level 2: the second-order estimate, at a step where the second-order term matters."""
    if level == 1:
        while True:
            family, center = pick(rng, _CENTERS)
            step = pick(rng, _STEPS)
            if center + step <= 0:
                step = -step
            if _mistakes_apart(family, center, step, 1):
                break
    else:
        family, center, step = pick(rng, _SECOND_ORDER_CASES)
    symbol = _ESTIMATES[family][1]
    f = _SYMBOLIC[family](x)
    d1 = sympy.diff(f, x)
    d2 = sympy.diff(d1, x)
    at = {x: center}
    f0, f1, f2 = (e.xreplace(at) for e in (f, d1, d2))
    delta = sympy.Rational(step.numerator, step.denominator)
    linear = f0 + f1 * delta
    answer = linear + (f2 * delta**2 / 2 if level == 2 else 0)
    target = _decimal(center + step)
    shown = f"e^({target})" if family == "exp" and step < 0 else f"{symbol}{target}"
    order = "first-order (linear)" if level == 1 else "second-order"
    wrong = [(f0 - f1 * delta + (answer - linear), "Sign error in the first-order term f′(a)·δ.")]
    if level == 1:
        wrong.append((f0 + f1, "Multiply f′(a) by the step δ = x − a."))
    else:
        wrong += [
            (linear + f2 * delta**2, "The second-order term is f″(a)δ²/2: you dropped the 1/2."),
            (linear, "That is the first-order estimate; add f″(a)δ²/2."),
        ]
    solution: list[list[Any]] = [
        [
            "With f(x) = ",
            f,
            f", a = {center} and δ = {_decimal(step)}: f′(x) = ",
            d1,
            *([", f″(x) = ", d2] if level == 2 else []),
            ".",
        ],
        [
            "f(a) = ",
            f0,
            ", f′(a) = ",
            f1,
            *([", f″(a) = ", f2] if level == 2 else []),
            ".",
        ],
        [
            "f(a + δ) ≈ f(a) + f′(a)δ" + (" + f″(a)δ²/2" if level == 2 else "") + " = ",
            answer,
            ".",
        ],
    ]
    return Draft(
        prompt=[
            f"Estimate {shown} with the {order} Taylor polynomial of f(x) = ",
            f,
            f" about x = {center}"
            + (" (log is the natural logarithm)" if family == "log" else "")
            + ". Give the value of the polynomial as an exact fraction.",
        ],
        kind="number",
        answer=answer,
        params={
            "family": family,
            "center": center,
            "step": exact_param(step),
            "order": level,
        },
        solution=solution,
        hints=[
            "Write the point as a + δ with a where f is easy to evaluate.",
            "f(a + δ) ≈ f(a) + f′(a)δ" + (" + f″(a)δ²/2." if level == 2 else "."),
        ],
        mistakes=distinct_mistakes("number", answer, wrong),
    )


_COEFFICIENT_FAMILIES = ("exp", "log1p", "geometric", "cos", "sin", "binomial")


def _coefficient_function(params: Mapping[str, Any]) -> Callable[[complex], complex]:
    family, a, b, m = params["family"], params["a"], params["b"], params["m"]
    return {
        "exp": lambda z: np.exp(a * z),
        "log1p": lambda z: np.log(1 + a * z),
        "geometric": lambda z: 1 / (1 - a * z),
        "cos": lambda z: np.cos(a * z),
        "sin": lambda z: np.sin(a * z),
        "binomial": lambda z: (1 + a * z) ** m,
        "exp-geometric": lambda z: np.exp(a * z) / (1 - b * z),
        "exp-binomial": lambda z: np.exp(a * z) * (1 + b * z) ** m,
    }[family]


def _coefficient_oracle(params: Mapping[str, Any]) -> float:
    """Cauchy's integral formula on a small circle, as a discrete Fourier sum."""
    return series_coefficient(_coefficient_function(params), params["n"])


def _single_coefficients(family: str, a: int, m: int, top: int) -> list[sympy.Rational]:
    """The Maclaurin coefficients c₀ … c_top of one family, from the textbook formulas."""
    a_ = sympy.Integer(a)
    out = []
    for n in range(top + 1):
        if family == "exp":
            out.append(a_**n / sympy.factorial(n))
        elif family == "log1p":
            out.append(sympy.Integer(0) if n == 0 else (-1) ** (n + 1) * a_**n / n)
        elif family == "geometric":
            out.append(a_**n)
        elif family == "cos":
            out.append(0 if n % 2 else (-1) ** (n // 2) * a_**n / sympy.factorial(n))
        elif family == "sin":
            out.append((-1) ** (n // 2) * a_**n / sympy.factorial(n) if n % 2 else 0)
        else:
            out.append(sympy.binomial(m, n) * a_**n)
    return [sympy.sympify(v) for v in out]


_SERIES = {
    "exp": Math("e^u = Σ uⁿ/n!", r"e^u = \sum_n \frac{u^n}{n!}"),
    "log1p": Math(
        "log(1 + u) = Σ_(n≥1) (−1)ⁿ⁺¹ uⁿ/n",
        r"\log(1 + u) = \sum_{n \ge 1} (-1)^{n+1} \frac{u^n}{n}",
    ),
    "geometric": Math("1/(1 − u) = Σ uⁿ", r"\frac{1}{1 - u} = \sum_n u^n"),
    "cos": Math("cos u = Σ (−1)ᵏ u²ᵏ/(2k)!", r"\cos u = \sum_k (-1)^k \frac{u^{2k}}{(2k)!}"),
    "sin": Math(
        "sin u = Σ (−1)ᵏ u²ᵏ⁺¹/(2k + 1)!", r"\sin u = \sum_k (-1)^k \frac{u^{2k+1}}{(2k+1)!}"
    ),
    "binomial": Math("(1 + u)ᵐ = Σ C(m, n) uⁿ", r"(1 + u)^m = \sum_n \binom{m}{n} u^n"),
}


@template(
    id="ca.series-coefficient",
    topic="ca.taylor",
    title="A coefficient of a Maclaurin series",
    oracle=_coefficient_oracle,
)
def series_coefficient_question(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: a coefficient of a standard series. Level 2: of a product of two series."""
    m = int(rng.integers(3, 7))
    if level == 1:
        family = pick(rng, _COEFFICIENT_FAMILIES)
        a, b = nonzero(rng, -3, 3), 0
        n = int(rng.integers(2, 5))
        if family == "cos" and n % 2:
            n += 1
        if family == "sin" and n % 2 == 0:
            n += 1
        coefficients = _single_coefficients(family, a, m, n)
        answer = coefficients[n]
        f = _SYMBOLIC_SERIES[family](a * x, m)
        steps = [
            [
                "Use ",
                _SERIES[family],
                " with u = ",
                a * x,
                *([f" and m = {m}"] if family == "binomial" else []),
                ".",
            ],
            ["The ", x**n, f" term comes from the n = {n} term: its coefficient is ", answer, "."],
        ]
        wrong = [(-answer, "Sign error: check the alternating sign of the series.")]
        if family in ("exp", "cos", "sin"):
            wrong.append(
                (
                    answer * math.factorial(n),
                    "Divide by n!: the series coefficient is f⁽ⁿ⁾(0)/n!.",
                )
            )
        if family == "log1p":
            wrong.append((answer * n, "The log series divides by n: uⁿ/n."))
        if family in ("exp", "geometric", "binomial"):
            wrong.append(
                (
                    sympy.Integer(a) if family != "binomial" else sympy.Integer(m * a),
                    "That is the coefficient of x, not of xⁿ.",
                )
            )
    else:
        family = pick(rng, ["exp-geometric", "exp-binomial"])
        a, b, m = nonzero(rng, -2, 2), nonzero(rng, -2, 2), int(rng.integers(2, 5))
        n = int(rng.integers(2, 4))
        first = _single_coefficients("exp", a, m, n)
        second = _single_coefficients(
            "geometric" if family == "exp-geometric" else "binomial", b, m, n
        )
        answer = sum((first[i] * second[n - i] for i in range(n + 1)), sympy.Integer(0))
        f = sympy.exp(a * x) * (1 / (1 - b * x) if family == "exp-geometric" else (1 + b * x) ** m)
        products = " + ".join(f"c{i}·d{n - i}" for i in range(n + 1))
        steps = [
            [
                "e^(",
                a * x,
                ") has coefficients cᵢ = (",
                sympy.Integer(a),
                ")ⁱ/i!: ",
                *listed(first),
                ".",
            ],
            ["The other factor has coefficients dⱼ: ", *listed(second), "."],
            [
                "A product's coefficient of ",
                x**n,
                f" is the convolution {products} = ",
                answer,
                ".",
            ],
        ]
        wrong = [
            (
                first[n] * second[n],
                "Coefficients of a product are not products of coefficients: sum cᵢ·dₙ₋ᵢ over i.",
            ),
            (first[n] + second[n], "Multiply the series: sum cᵢ·dₙ₋ᵢ over i, not cₙ + dₙ."),
            (answer * math.factorial(n), "That is f⁽ⁿ⁾(0); the coefficient is f⁽ⁿ⁾(0)/n!."),
        ]
    return Draft(
        prompt=[
            "What is the coefficient of ",
            x**n,
            " in the Maclaurin series of f(x) = ",
            f,
            " (log is the natural logarithm)?" if family == "log1p" else "?",
            " Give an exact fraction.",
        ],
        kind="number",
        answer=answer,
        params={"family": family, "a": a, "b": b, "m": m, "n": n},
        solution=[*steps, ["The coefficient is ", answer, "."]],
        hints=[
            "Substitute into a known series rather than differentiating n times.",
            "The coefficient of xⁿ is f⁽ⁿ⁾(0)/n!.",
        ],
        mistakes=distinct_mistakes("number", answer, wrong),
    )


_SYMBOLIC_SERIES: dict[str, Callable[[sympy.Expr, int], sympy.Expr]] = {
    "exp": lambda u, m: sympy.exp(u),
    "log1p": lambda u, m: sympy.log(1 + u),
    "geometric": lambda u, m: 1 / (1 - u),
    "cos": lambda u, m: sympy.cos(u),
    "sin": lambda u, m: sympy.sin(u),
    "binomial": lambda u, m: (1 + u) ** m,
}


__all__ = ["series_coefficient_question", "taylor_estimate", "taylor_polynomial"]
