"""Jacobians of small maps, Hessians, and classifying critical points by the Hessian."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from quizmath.questions.draw import nonzero, pick
from quizmath.questions.mistakes import distinct_mistakes
from quizmath.questions.model import Draft
from quizmath.questions.notation import listed, subscript, tuple_text
from quizmath.questions.params import exact_param, float_param
from quizmath.questions.registry import template
from quizmath.questions.render import Math
from quizmath.questions.templates.ca_numeric import gradient, hessian, jacobian
from quizmath.questions.templates.ca_terms import (
    CUBIC_2D,
    CUBIC_3D,
    NAMES,
    Term,
    draw_terms,
    lower,
    numeric,
    symbolic,
    variables,
)

r, theta = sympy.symbols("r theta")


def _at(expr: sympy.Expr, count: int, point: list[int]) -> sympy.Expr:
    return sympy.sympify(expr).xreplace(dict(zip(variables(count), point, strict=True)))


def _jacobian_oracle(params: Mapping[str, Any]) -> np.ndarray:
    """Complex-step Jacobian of the map in NumPy."""
    if params["map"] == "polar":
        a, b = params["scale"]
        angle = float_param(params["angle"]) * np.pi

        def polar(p: np.ndarray) -> np.ndarray:
            return np.array([a * p[0] * np.cos(p[1]), b * p[0] * np.sin(p[1])])

        return jacobian(polar, [params["radius"], angle])
    components = params["components"]
    return jacobian(
        lambda p: np.array([numeric(terms, p) for terms in components]), params["point"]
    )


_ANGLES = [Fraction(k, 6) for k in range(12)] + [Fraction(k, 4) for k in (1, 3, 5, 7)]


@template(
    id="ca.jacobian",
    topic="ca.jacobian-hessian",
    title="The Jacobian of a map",
    oracle=_jacobian_oracle,
    levels=3,
)
def jacobian_matrix(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: a polynomial map R² → R². Level 2: R³ → R². Level 3: scaled polar coordinates."""
    if level == 3:
        return _polar_jacobian(rng)
    inputs = 1 + level
    components = [draw_terms(rng, CUBIC_3D if inputs == 3 else CUBIC_2D, 2, 3) for _ in range(2)]
    point = [int(v) for v in rng.integers(-2, 3, size=inputs)]
    functions = [symbolic(terms) for terms in components]
    answer = sympy.Matrix(
        2,
        inputs,
        lambda i, j: _at(symbolic(lower(components[i], j)), inputs, point),
    )
    names = ", ".join(NAMES[:inputs])
    return Draft(
        prompt=[
            f"Let F({names}) = (",
            functions[0],
            ", ",
            functions[1],
            f"). Give its Jacobian at {tuple_text(point)} as a 2×{inputs} matrix [[…], …], "
            "one row per output.",
        ],
        kind="matrix",
        answer=answer,
        params={"map": "polynomial", "components": components, "point": point},
        solution=[
            [
                "Row i holds the gradient of output i: ",
                Math("Jᵢⱼ = ∂Fᵢ/∂xⱼ", r"J_{ij} = \partial F_i / \partial x_j"),
                f", a 2×{inputs} matrix.",
            ],
            *(
                [
                    f"Row {i + 1}: ∇F{subscript(i + 1)} = (",
                    *listed([symbolic(lower(components[i], j)) for j in range(inputs)]),
                    ").",
                ]
                for i in range(2)
            ),
            [f"At {tuple_text(point)}: J = ", answer, "."],
        ],
        hints=[
            "One row per output component, one column per input variable.",
            "Differentiate, then substitute the point.",
        ],
        mistakes=distinct_mistakes(
            "matrix",
            answer,
            [
                (
                    answer.T,
                    "That is the transpose: rows follow outputs (∂Fᵢ), columns follow "
                    "inputs (∂xⱼ).",
                ),
            ],
        ),
    )


def _polar_jacobian(rng: np.random.Generator) -> Draft:
    a, b = int(rng.integers(1, 4)), int(rng.integers(1, 4))
    radius = int(rng.integers(1, 6))
    angle = pick(rng, _ANGLES)
    phi = sympy.pi * sympy.Rational(angle.numerator, angle.denominator)
    F = [a * r * sympy.cos(theta), b * r * sympy.sin(theta)]
    symbolic_jacobian = sympy.Matrix(
        [
            [a * sympy.cos(theta), -a * r * sympy.sin(theta)],
            [b * sympy.sin(theta), b * r * sympy.cos(theta)],
        ]
    )
    at = {r: radius, theta: phi}
    answer = symbolic_jacobian.xreplace(at)
    no_radius = sympy.Matrix(
        [[a * sympy.cos(phi), -a * sympy.sin(phi)], [b * sympy.sin(phi), b * sympy.cos(phi)]]
    )
    no_sign = sympy.Matrix([[answer[0, 0], -answer[0, 1]], [answer[1, 0], answer[1, 1]]])
    return Draft(
        prompt=[
            "Let F(r, θ) = (",
            F[0],
            ", ",
            F[1],
            "). Give its Jacobian ",
            Math("∂(F₁, F₂)/∂(r, θ)", r"\partial(F_1, F_2)/\partial(r, \theta)"),
            " at r = ",
            sympy.Integer(radius),
            ", θ = ",
            phi,
            " as a matrix [[…], …] of exact values (sqrt allowed), one row per output.",
        ],
        kind="matrix",
        answer=answer,
        params={"map": "polar", "scale": [a, b], "radius": radius, "angle": exact_param(angle)},
        solution=[
            "Row i differentiates Fᵢ; column 1 is ∂/∂r, column 2 is ∂/∂θ.",
            ["J = ", symbolic_jacobian, "."],
            ["At r = ", sympy.Integer(radius), ", θ = ", phi, ": J = ", answer, "."],
        ],
        hints=[
            "(cos θ)′ = −sin θ and (sin θ)′ = cos θ.",
            "∂/∂θ keeps the factor r.",
        ],
        mistakes=distinct_mistakes(
            "matrix",
            answer,
            [
                (no_radius, "∂/∂θ of r·cos θ is −r·sin θ: keep the factor r."),
                (no_sign, "Sign error: ∂(cos θ)/∂θ = −sin θ."),
                (answer.T, "That is the transpose: rows follow outputs, columns inputs."),
            ],
        ),
    )


def _hessian_oracle(params: Mapping[str, Any]) -> np.ndarray:
    """Five-point differences of complex-step partials of NumPy's f."""
    return hessian(lambda p: numeric(params["terms"], p), params["point"])


def _hessian_of(terms: list[Term], count: int, point: list[int]) -> sympy.Matrix:
    return sympy.Matrix(
        count, count, lambda i, j: _at(symbolic(lower(lower(terms, i), j)), count, point)
    )


@template(
    id="ca.hessian",
    topic="ca.jacobian-hessian",
    title="The Hessian matrix",
    oracle=_hessian_oracle,
    levels=3,
)
def hessian_matrix(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: a quadratic (constant Hessian). Level 2: a cubic at a point. Level 3: in x, y, z."""
    if level == 1:
        count = 2
        coefficients = [nonzero(rng, -4, 4), nonzero(rng, -5, 5), nonzero(rng, -4, 4)]
        linear = [int(v) for v in rng.integers(-5, 6, size=2)]
        powers = [[2, 0], [1, 1], [0, 2], [1, 0], [0, 1]]
        terms = [[c, p, "id"] for c, p in zip([*coefficients, *linear], powers, strict=True) if c]
        point = [0, 0]
    else:
        count = level
        terms = draw_terms(rng, CUBIC_2D[:7] if count == 2 else CUBIC_3D[:-1], 3, 3)
        point = [int(v) for v in rng.integers(-2, 3, size=count)]
    answer = _hessian_of(terms, count, point)
    f = symbolic(terms)
    names = ", ".join(NAMES[:count])
    where = "" if level == 1 else f" at {tuple_text(point)}"
    wrong: list[tuple[sympy.Matrix, str]] = [
        (
            sympy.diag(*(answer[i, i] for i in range(count))),
            "The off-diagonal entries are the mixed partials ∂²f/∂xᵢ∂xⱼ; they are not 0 here.",
        )
    ]
    if level == 1:
        a, b, c = coefficients
        wrong += [
            (
                sympy.Matrix([[a, b], [b, c]]),
                "∂²(ax²)/∂x² = 2a: the diagonal is twice the coefficient of x².",
            ),
            (
                sympy.Matrix([[a, sympy.Rational(b, 2)], [sympy.Rational(b, 2), c]]),
                "That is the matrix A of f = [x y]A[x y]ᵀ + …; the Hessian is 2A.",
            ),
        ]
    symbolic_hessian = sympy.Matrix(count, count, lambda i, j: symbolic(lower(lower(terms, i), j)))
    return Draft(
        prompt=[
            f"Let f({names}) = ",
            f,
            f". Give its Hessian{where} as a {count}×{count} matrix [[…], …].",
        ],
        kind="matrix",
        answer=answer,
        params={"terms": terms, "point": point},
        solution=[
            [
                "The Hessian holds the second partial derivatives ",
                Math(
                    "Hᵢⱼ = ∂²f/∂xᵢ∂xⱼ", r"H_{ij} = \frac{\partial^2 f}{\partial x_i \partial x_j}"
                ),
                "; it is symmetric.",
            ],
            ["H = ", symbolic_hessian, "."],
            *([] if level == 1 else [[f"At {tuple_text(point)}: H = ", answer, "."]]),
        ],
        hints=[
            "Differentiate the gradient once more, component by component.",
            "Mixed partials agree: ∂²f/∂x∂y = ∂²f/∂y∂x.",
        ],
        mistakes=distinct_mistakes("matrix", answer, wrong),
    )


CLASSES = ("local minimum", "local maximum", "saddle point", "inconclusive")


def _critical_oracle(params: Mapping[str, Any]) -> str:
    """Classify by the signs of the numeric Hessian's eigenvalues, after checking ∇f = 0."""

    def f(p: np.ndarray) -> complex:
        return numeric(params["terms"], p)

    point = params["point"]
    if np.max(np.abs(gradient(f, point))) > 1e-8:
        return "not a critical point"
    h = hessian(f, point)
    eigenvalues = np.linalg.eigvalsh((h + h.T) / 2)
    if np.min(np.abs(eigenvalues)) < 1e-6:
        return "inconclusive"
    if np.all(eigenvalues > 0):
        return "local minimum"
    if np.all(eigenvalues < 0):
        return "local maximum"
    return "saddle point"


@template(
    id="ca.critical-point",
    topic="ca.jacobian-hessian",
    title="Classifying a critical point",
    oracle=_critical_oracle,
)
def critical_point(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: a quadratic with a nonsingular Hessian. Level 2: a cubic, sometimes degenerate."""
    target = pick(rng, CLASSES[:3] * 3 + (CLASSES[3],) if level == 2 else CLASSES[:3])
    while True:
        p, q = (int(v) for v in rng.integers(-2, 3, size=2))
        if level == 1:
            a, c, b = nonzero(rng, -3, 3), nonzero(rng, -3, 3), int(rng.integers(-4, 5))
            fxx, fxy, fyy = 2 * a, b, 2 * c
        else:
            a, c, b = nonzero(rng, -2, 2), nonzero(rng, -2, 2), int(rng.integers(-3, 4))
            fxx, fxy, fyy = 6 * a * p, b, 6 * c * q
        if _class_of(fxx * fyy - fxy**2, fxx) == target:
            break
    if level == 1:
        powers = [[2, 0], [1, 1], [0, 2], [1, 0], [0, 1]]
        values = [a, b, c, -(2 * a * p + b * q), -(b * p + 2 * c * q)]
    else:
        powers = [[3, 0], [1, 1], [0, 3], [1, 0], [0, 1]]
        values = [a, b, c, -(3 * a * p * p + b * q), -(3 * c * q * q + b * p)]
    terms = [[v, w, "id"] for v, w in zip(values, powers, strict=True) if v]
    point = [p, q]
    h = _hessian_of(terms, 2, point)
    fxx, fxy, fyy = h[0, 0], h[0, 1], h[1, 1]
    det = fxx * fyy - fxy**2
    answer, wrong = _classify(det, fxx, fyy)
    f = symbolic(terms)
    return Draft(
        prompt=[
            "The function f(x, y) = ",
            f,
            f" has a critical point at {tuple_text(point)}. Classify it with the "
            "second-derivative test: " + ", ".join(CLASSES) + ".",
        ],
        kind="choice",
        answer=answer,
        choices=CLASSES,
        params={"terms": terms, "point": point},
        solution=[
            [
                "∇f = (",
                *listed([symbolic(lower(terms, i)) for i in range(2)]),
                ") vanishes there.",
            ],
            [f"The Hessian at {tuple_text(point)} is H = ", h, "."],
            ["det H = f_xx·f_yy − f_xy² = ", det, ", f_xx = ", fxx, "."],
            [_verdict_text(det, fxx)],
        ],
        hints=[
            "det H < 0: saddle. det H > 0: minimum if f_xx > 0, maximum if f_xx < 0.",
            "det H = 0: the test says nothing.",
        ],
        mistakes=wrong,
    )


def _class_of(det: int, fxx: int) -> str:
    if det < 0:
        return "saddle point"
    if det == 0:
        return "inconclusive"
    return "local minimum" if fxx > 0 else "local maximum"


def _classify(
    det: sympy.Expr, fxx: sympy.Expr, fyy: sympy.Expr
) -> tuple[str, list[tuple[str, str]]]:
    """The class and the typical wrong classes for this Hessian."""
    if det < 0:
        guess = "local minimum" if fxx + fyy > 0 else "local maximum"
        return "saddle point", [
            (
                guess,
                "det H < 0 means eigenvalues of opposite signs: a saddle, whatever the sign "
                "of f_xx.",
            )
        ]
    if det == 0:
        guess = "local minimum" if fxx + fyy > 0 else "local maximum"
        return "inconclusive", [
            (guess, "det H = 0: a zero eigenvalue, so the second-derivative test cannot decide.")
        ]
    if fxx > 0:
        return "local minimum", [
            ("local maximum", "f_xx > 0 with det H > 0: f curves up in every direction."),
            ("saddle point", "det H > 0 rules out a saddle: both eigenvalues share a sign."),
        ]
    return "local maximum", [
        ("local minimum", "f_xx < 0 with det H > 0: f curves down in every direction."),
        ("saddle point", "det H > 0 rules out a saddle: both eigenvalues share a sign."),
    ]


def _verdict_text(det: sympy.Expr, fxx: sympy.Expr) -> str:
    if det < 0:
        return "det H < 0: the eigenvalues have opposite signs, so it is a saddle point."
    if det == 0:
        return "det H = 0: a zero eigenvalue, so the test is inconclusive."
    if fxx > 0:
        return "det H > 0 and f_xx > 0: both eigenvalues positive, a local minimum."
    return "det H > 0 and f_xx < 0: both eigenvalues negative, a local maximum."


__all__ = ["CLASSES", "critical_point", "hessian_matrix", "jacobian_matrix"]
