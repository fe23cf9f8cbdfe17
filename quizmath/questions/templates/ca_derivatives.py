"""Derivative rules: products, quotients and the limits that define derivatives."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import sympy

from quizmath.questions.draw import nonzero, pick
from quizmath.questions.mistakes import distinct_mistakes
from quizmath.questions.model import Draft
from quizmath.questions.notation import minus
from quizmath.questions.registry import template
from quizmath.questions.render import Math, latex_math, unicode_math
from quizmath.questions.templates.ca_numeric import complex_step, two_sided_limit

x = sympy.Symbol("x")

# A factor is [kind, coefficient list or number]: ["poly", [a, b]] is ax + b (highest power
# first), ["exp", c] is e^(cx), ["sin", c], ["cos", c], ["log", 1] is log(x).
Factor = list[Any]


def _symbolic(factor: Factor) -> sympy.Expr:
    kind, value = factor
    if kind == "poly":
        return sympy.Poly(value, x).as_expr()
    if kind == "log":
        return sympy.log(x)
    function = {"exp": sympy.exp, "sin": sympy.sin, "cos": sympy.cos}[kind]
    return function(value * x)


def _numeric(factor: Factor, at: complex) -> complex:
    kind, value = factor
    if kind == "poly":
        return complex(np.polyval(value, at))
    if kind == "log":
        return complex(np.log(at))
    function = {"exp": np.exp, "sin": np.sin, "cos": np.cos}[kind]
    return complex(function(value * at))


def _product_oracle(params: Mapping[str, Any]) -> Callable[..., float]:
    """f′(x) by a complex step through NumPy's product of the factors."""

    def f(at: complex) -> complex:
        return complex(np.prod([_numeric(factor, at) for factor in params["factors"]]))

    return lambda x: complex_step(f, x)


def _product_factors(rng: np.random.Generator, level: int) -> list[Factor]:
    linear = ["poly", [nonzero(rng, -4, 4), int(rng.integers(-5, 6))]]
    if level == 1:
        return [linear, ["exp", nonzero(rng, -3, 3)]]
    if level == 2:
        quadratic = ["poly", [nonzero(rng, -3, 3), 0, nonzero(rng, -4, 4)]]
        kind = pick(rng, ["sin", "cos", "log"])
        rate = int(rng.integers(1, 4))
        return [quadratic, [kind, 1 if kind == "log" else rate]]
    return [
        ["poly", [1, nonzero(rng, -4, 4)]],
        ["exp", nonzero(rng, -2, 2)],
        [pick(rng, ["sin", "cos"]), int(rng.integers(1, 4))],
    ]


@template(
    id="ca.product-rule",
    topic="ca.derivatives",
    title="Derivative of a product",
    oracle=_product_oracle,
    levels=3,
)
def product_rule(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: (ax + b)e^(cx). Level 2: (ax² + b) times sin, cos or log. Level 3: three factors."""
    factors = _product_factors(rng, level)
    parts = [_symbolic(factor) for factor in factors]
    slopes = [sympy.diff(part, x) for part in parts]
    terms = [
        sympy.Mul(*(slopes[i] if j == i else part for j, part in enumerate(parts)))
        for i in range(len(parts))
    ]
    answer = sympy.Add(*terms)
    has_log = any(kind == "log" for kind, _ in factors)
    domain = {"x": (0.5, 3.0)} if has_log else {}
    names = ["u", "v", "w"][: len(parts)]
    rule = {
        2: Math("(uv)′ = u′v + uv′", r"(uv)' = u'v + uv'"),
        3: Math("(uvw)′ = u′vw + uv′w + uvw′", r"(uvw)' = u'vw + uv'w + uvw'"),
    }[len(parts)]
    definitions: list[Any] = ["Write f as a product: "]
    for i, (name, part) in enumerate(zip(names, parts, strict=True)):
        definitions += [("" if i == 0 else ", ") + f"{name} = ", part]
    slopes_step: list[Any] = ["Differentiate each factor: "]
    for i, (name, slope) in enumerate(zip(names, slopes, strict=True)):
        slopes_step += [("" if i == 0 else ", ") + f"{name}′ = ", slope]
    return Draft(
        prompt=[
            "Differentiate f(x) = ",
            sympy.Mul(*parts),
            " with respect to x" + (" (log is the natural logarithm)." if has_log else "."),
        ],
        kind="expression",
        answer=answer,
        params={"factors": factors},
        variables=("x",),
        domain=domain,
        solution=[
            [*definitions, "."],
            [*slopes_step, "."],
            ["Product rule ", rule, ": one term per factor, that factor differentiated."],
            ["f′(x) = ", answer, "."],
        ],
        hints=[
            ["Product rule: ", rule, "."],
            "Each factor's own derivative may need the chain rule, e.g. (e^(cx))′ = c·e^(cx).",
        ],
        mistakes=distinct_mistakes(
            "expression",
            answer,
            _product_mistakes(factors, parts, slopes, terms),
            variables=("x",),
            domain=domain,
        ),
    )


def _product_mistakes(
    factors: list[Factor],
    parts: list[sympy.Expr],
    slopes: list[sympy.Expr],
    terms: list[sympy.Expr],
) -> list[tuple[sympy.Expr, str]]:
    """Slips of the product rule, and of the chain rule inside one factor."""

    def with_slope(index: int, slope: sympy.Expr) -> sympy.Expr:
        """The product-rule sum with one factor's derivative replaced."""
        changed = [slope if i == index else s for i, s in enumerate(slopes)]
        return sympy.Add(
            *(
                sympy.Mul(*(changed[i] if j == i else part for j, part in enumerate(parts)))
                for i in range(len(parts))
            )
        )

    wrong: list[tuple[sympy.Expr, str]] = [
        (
            sympy.Add(*terms[:-1]),
            "You dropped a term of the product rule: every factor takes a turn "
            "being differentiated while the others stay as they are.",
        ),
        (
            sympy.Mul(*slopes),
            "The derivative of a product is not the product of the derivatives: use u′v + uv′.",
        ),
    ]
    for index, (kind, rate) in enumerate(factors):
        if kind in ("exp", "sin", "cos"):
            outer = {"exp": sympy.exp, "sin": sympy.cos, "cos": lambda u: -sympy.sin(u)}[kind]
            wrong.append(
                (
                    with_slope(index, outer(rate * x)),
                    f"Chain rule inside {unicode_math(parts[index])}: its derivative carries "
                    f"the inner slope {rate}.".replace("-", "−"),
                )
            )
        if kind == "cos":
            wrong.append(
                (
                    with_slope(index, rate * sympy.sin(rate * x)),
                    "Sign error: (cos u)′ = −sin u · u′.",
                )
            )
    if len(parts) == 2:
        wrong.append(
            (
                terms[0] - terms[1],
                "The product rule adds its two terms, u′v + uv′; the minus belongs to the "
                "quotient rule.",
            )
        )
    return wrong


def _quotient_oracle(params: Mapping[str, Any]) -> Callable[..., float]:
    """f′(x) by a complex step through NumPy's quotient."""
    top, bottom = params["numerator"], params["denominator"]

    def f(at: complex) -> complex:
        return _numeric(top, at) / _numeric(bottom, at)

    return lambda x: complex_step(f, x)


@template(
    id="ca.quotient-rule",
    topic="ca.derivatives",
    title="Derivative of a quotient",
    oracle=_quotient_oracle,
)
def quotient_rule(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: (ax + b)/(cx + d). Level 2: e^(ax), sin(ax) or ax² + b over x² + k."""
    if level == 1:
        while True:
            a, b, d = (nonzero(rng, -4, 4) for _ in range(3))
            c = int(rng.integers(1, 4))
            if a * d - b * c != 0:
                break
        top: Factor = ["poly", [a, b]]
        bottom: Factor = ["poly", [c, d]]
        pole = -d / c
        domain = {"x": (pole + 0.5, pole + 3.5)}
    else:
        kind = pick(rng, ["exp", "sin", "poly"])
        a, k = nonzero(rng, -3, 3), int(rng.integers(1, 5))
        b = pick(rng, [v for v in range(-4, 5) if v not in (0, a * k)])
        top = ["poly", [a, 0, b]] if kind == "poly" else [kind, a]
        bottom = ["poly", [1, 0, k]]
        domain = {}
    u, v = _symbolic(top), _symbolic(bottom)
    du, dv = sympy.diff(u, x), sympy.diff(v, x)
    numerator = du * v - u * dv
    if top[0] == "poly":
        numerator = sympy.expand(numerator)
    answer = numerator / v**2
    rule = Math("(u/v)′ = (u′v − uv′)/v²", r"\left(\frac{u}{v}\right)' = \frac{u'v - uv'}{v^2}")
    return Draft(
        prompt=["Differentiate f(x) = ", u / v, " with respect to x."],
        kind="expression",
        answer=answer,
        params={"numerator": top, "denominator": bottom},
        variables=("x",),
        domain=domain,
        solution=[
            [
                "Numerator u = ",
                u,
                " with u′ = ",
                du,
                "; denominator v = ",
                v,
                " with v′ = ",
                dv,
                ".",
            ],
            ["Quotient rule: ", rule, "."],
            ["u′v − uv′ = ", numerator, ", so f′(x) = ", answer, "."],
        ],
        hints=[
            ["Quotient rule: ", rule, " (numerator's derivative first)."],
            "The denominator is squared.",
        ],
        mistakes=distinct_mistakes(
            "expression",
            answer,
            [
                (
                    (u * dv - du * v) / v**2,
                    "The numerator is u′v − uv′, in that order: you have the sign reversed.",
                ),
                (
                    numerator / v,
                    "The denominator of the quotient rule is v², not v.",
                ),
                (
                    du / dv,
                    "The derivative of a quotient is not the quotient of the derivatives.",
                ),
            ],
            variables=("x",),
            domain=domain,
        ),
    )


_LIMIT_FAMILIES = {1: ("power", "exp", "sin", "log"), 2: ("cos", "exp2", "log2", "double")}


def _limit_function(family: str, a: int, b: int) -> Callable[[float], float]:
    """The function whose limit is asked, in NumPy."""
    functions: dict[str, Callable[[float], float]] = {
        "power": lambda t: (t**a - b**a) / (t - b),
        "exp": lambda t: np.expm1(a * t) / (b * t),
        "sin": lambda t: np.sin(a * t) / (b * t),
        "log": lambda t: np.log1p(a * t) / (b * t),
        "cos": lambda t: (1 - np.cos(a * t)) / (b * t**2),
        "exp2": lambda t: (np.expm1(a * t) - a * t) / (b * t**2),
        "log2": lambda t: (a * t - np.log1p(a * t)) / (b * t**2),
        "double": lambda t: (t**3 - 3 * b**2 * t + 2 * b**3) / (t - b) ** 2,
    }
    return functions[family]


def _limit_oracle(params: Mapping[str, Any]) -> float:
    """The limit from symmetric samples near the point, Richardson-extrapolated."""
    family, a, b = params["family"], params["a"], params["b"]
    at = b if family in ("power", "double") else 0
    return two_sided_limit(_limit_function(family, a, b), at)


@template(
    id="ca.limit",
    topic="ca.derivatives",
    title="Limits of the form 0/0",
    oracle=_limit_oracle,
)
def limit(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: a first-order 0/0 limit (a derivative in disguise). Level 2: second order."""
    family = pick(rng, _LIMIT_FAMILIES[level])
    if family == "power":
        a, b = int(rng.integers(2, 5)), nonzero(rng, -3, 3)
    elif family == "double":
        a, b = 3, nonzero(rng, -4, 4)
    else:
        a, b = nonzero(rng, -5, 5), int(rng.integers(1, 6))
    expression, point, answer, steps, slips = _limit_case(family, a, b)
    wrong = [
        (
            sympy.Integer(0),
            "0/0 is not 0: it is indeterminate. Expand the numerator to leading order "
            "(or use L'Hôpital's rule).",
        ),
        *slips,
    ]
    shown = minus(str(point))
    natural = " (log is the natural logarithm)" if family in ("log", "log2") else ""
    return Draft(
        prompt=[
            "Compute ",
            Math(f"lim_(x→{shown})", rf"\lim_{{x \to {point}}}"),
            " ",
            expression,
            f"{natural}. Give an exact number.",
        ],
        kind="number",
        answer=answer,
        params={"family": family, "a": a, "b": b},
        solution=[*steps, ["The limit is ", answer, "."]],
        hints=[
            f"Substituting x = {shown} gives 0/0: expand the numerator around that point.",
            "Useful expansions near 0: e^u ≈ 1 + u + u²/2, sin u ≈ u, cos u ≈ 1 − u²/2, "
            "log(1 + u) ≈ u − u²/2.",
        ],
        mistakes=distinct_mistakes("number", answer, wrong),
    )


def _limit_case(
    family: str, a: int, b: int
) -> tuple[sympy.Expr | Math, int, sympy.Expr, list[list[Any]], list[tuple[sympy.Expr, str]]]:
    """The limit's expression, point, value, worked steps and family-specific slips."""
    half = sympy.Rational(1, 2)
    missing_half = "You dropped the 1/2 of the second-order term (u²/2, not u²)."
    if family == "power":
        value = sympy.Integer(a * b ** (a - 1))
        return (
            (x**a - b**a) / (x - b),
            b,
            value,
            [
                [
                    "This is the derivative of ",
                    x**a,
                    f" at x = {minus(str(b))}: the difference quotient (f(x) − f(b))/(x − b) "
                    f"with b = {minus(str(b))}.",
                ],
                ["Power rule: ", Math("d/dx xⁿ = n xⁿ⁻¹", r"\frac{d}{dx} x^n = n x^{n-1}"), "."],
            ],
            [
                (
                    sympy.Integer(b ** (a - 1)),
                    "The power rule brings the exponent down: n·xⁿ⁻¹, not xⁿ⁻¹.",
                ),
            ],
        )
    if family == "double":
        value = sympy.Integer(3 * b)
        return (
            (x**3 - 3 * b**2 * x + 2 * b**3) / (x - b) ** 2,
            b,
            value,
            [
                [
                    "The numerator p(x) and p′(x) = ",
                    3 * x**2 - 3 * b**2,
                    f" both vanish at x = {minus(str(b))}, and so do the denominator "
                    "and its derivative.",
                ],
                [
                    "L'Hôpital twice: the limit is p″(x)/2 with p″(x) = 6x, at x = ",
                    b,
                    ": ",
                    value,
                    ".",
                ],
            ],
            [
                (
                    sympy.Integer(6 * b),
                    f"Differentiate the denominator twice as well: {unicode_math((x - b) ** 2)} "
                    "becomes 2, so the limit is p″/2.",
                )
            ],
        )
    ratio = sympy.Rational(a, b)
    ax = unicode_math(a * x)
    ax_latex = latex_math(a * x)
    sign, size = ("+", unicode_math(a * x)) if a > 0 else ("−", unicode_math(-a * x))
    log_text = f"log(1 {sign} {size})"
    log_latex = rf"\log(1 {'+' if a > 0 else '-'} {latex_math(abs(a) * x)})"
    exp_text, exp_latex = unicode_math(sympy.exp(a * x)), latex_math(sympy.exp(a * x))
    if family in ("exp", "sin", "log"):
        numerator = {
            "exp": sympy.exp(a * x) - 1,
            "sin": sympy.sin(a * x),
            "log": sympy.log(1 + a * x),
        }[family]
        top = {
            "exp": (f"{exp_text} − 1", f"{exp_latex} - 1"),
            "sin": (unicode_math(numerator), latex_math(numerator)),
            "log": (log_text, log_latex),
        }[family]
        return (
            _fraction(top, b * x),
            0,
            ratio,
            [
                ["Near 0 the numerator ", Math(*top), " ≈ ", a * x, " to first order."],
                ["So the ratio tends to ", _fraction((ax, ax_latex), b * x), " = ", ratio, "."],
            ],
            [
                (
                    sympy.Rational(1, b),
                    f"You dropped the chain-rule factor: the numerator behaves like {ax}, not x.",
                ),
                (
                    sympy.Rational(b, a),
                    "You inverted the ratio: the numerator's slope goes on top.",
                ),
            ],
        )
    minus_ax = ("−", unicode_math(a * x)) if a > 0 else ("+", unicode_math(-a * x))
    top = {
        "cos": (f"1 − {unicode_math(sympy.cos(a * x))}", rf"1 - {latex_math(sympy.cos(a * x))}"),
        "exp2": (
            f"{exp_text} − 1 {minus_ax[0]} {minus_ax[1]}",
            f"{exp_latex} - 1 {'-' if a > 0 else '+'} {latex_math(abs(a) * x)}",
        ),
        "log2": (f"{ax} − {log_text}", f"{ax_latex} - {log_latex}"),
    }[family]
    value = half * a**2 / b
    return (
        _fraction(top, b * x**2),
        0,
        value,
        [
            ["To second order the numerator ", Math(*top), " ≈ ", half * (a * x) ** 2, "."],
            ["Divide by ", b * x**2, "; the x² cancels."],
        ],
        [
            (sympy.Rational(a**2, b), missing_half),
            (
                half * a / b,
                f"The second-order term is ({ax})²/2: the factor {abs(a)} is squared too.",
            ),
        ],
    )


def _fraction(top: tuple[str, str], bottom: sympy.Expr) -> Math:
    """top/bottom with the numerator written in a learner's order, e.g. (e^(2x) − 1)/(3x)."""
    above, below = top[0], unicode_math(bottom)
    depth, bare = 0, True
    for char in above:
        depth += {"(": 1, ")": -1}.get(char, 0)
        bare = bare and not (char == " " and depth == 0)
    if not bare:
        above = f"({above})"
    if bottom.is_Mul:
        below = f"({below})"
    return Math(f"{above}/{below}", rf"\frac{{{top[1]}}}{{{latex_math(bottom)}}}")


__all__ = ["limit", "product_rule", "quotient_rule"]
