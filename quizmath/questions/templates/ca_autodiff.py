"""Automatic differentiation by hand: dual numbers, reverse mode on a small graph, JVPs and VJPs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy

from quizmath.questions.draw import nonzero, pick
from quizmath.questions.mistakes import distinct_mistakes
from quizmath.questions.model import Draft
from quizmath.questions.notation import listed, minus, tuple_text
from quizmath.questions.registry import template
from quizmath.questions.render import Math
from quizmath.questions.templates.ca_numeric import five_point, jacobian
from quizmath.questions.templates.ca_terms import (
    CUBIC_2D,
    CUBIC_3D,
    NAMES,
    draw_terms,
    lower,
    numeric,
    symbolic,
    variables,
)

x = sympy.Symbol("x")
y, z, q_ = sympy.symbols("y z q")
EPSILON = Math("ε", r"\varepsilon")


def _dual_function(params: Mapping[str, Any]) -> Any:
    a, b, c, d = params["coefficients"]
    if params["form"] == "product":
        return lambda t: (a * t + b) * (c * t * t + d)
    return lambda t: (t * t + a) / (t + b)


def _dual_oracle(params: Mapping[str, Any]) -> list[float]:
    """The value in floating point and the derivative by a five-point central difference."""
    f, at = _dual_function(params), params["at"]
    return [f(at), five_point(f, at)]


def _dual(real: sympy.Expr, infinitesimal: sympy.Expr) -> list[Any]:
    """real + infinitesimal·ε with its sign shown once, e.g. (12 − 3ε)."""
    sign = " − " if infinitesimal < 0 else " + "
    size = abs(infinitesimal)
    if size == 1:
        return ["(", real, sign, "ε)"]
    if size.is_Integer:
        return ["(", real, sign, size, "ε)"]
    return ["(", real, sign, "(", size, ")ε)"]


@template(
    id="ca.dual-numbers",
    topic="ca.autodiff",
    title="Forward mode with dual numbers",
    oracle=_dual_oracle,
)
def dual_numbers(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: a product (ax + b)(cx² + d). Level 2: a quotient (x² + a)/(x + b)."""
    at = int(rng.integers(-3, 4))
    if level == 1:
        a, b, c, d = (
            nonzero(rng, -3, 3),
            int(rng.integers(-4, 5)),
            nonzero(rng, -3, 3),
            nonzero(rng, -4, 4),
        )
        u, v = a * x + b, c * x**2 + d
        form = "product"
    else:
        while True:
            a, b = nonzero(rng, -5, 5), nonzero(rng, -4, 4)
            if at + b != 0:
                break
        c = d = 0
        u, v = x**2 + a, x + b
        form = "quotient"
    u0, v0 = u.xreplace({x: at}), v.xreplace({x: at})
    du, dv = sympy.diff(u, x).xreplace({x: at}), sympy.diff(v, x).xreplace({x: at})
    if form == "product":
        f = u * v
        answer = [u0 * v0, du * v0 + u0 * dv]
        rule = Math(
            "(u + u′ε)(v + v′ε) = uv + (u′v + uv′)ε",
            r"(u + u'\varepsilon)(v + v'\varepsilon) = uv + (u'v + uv')\varepsilon",
        )
        wrong = [
            (
                [u0 * v0, du * dv],
                "The ε parts don't simply multiply: ε² = 0, and the cross terms give u′v + uv′.",
            )
        ]
    else:
        f = u / v
        answer = [u0 / v0, (du * v0 - u0 * dv) / v0**2]
        rule = Math(
            "(u + u′ε)/(v + v′ε) = u/v + ((u′v − uv′)/v²)ε",
            r"\frac{u + u'\varepsilon}{v + v'\varepsilon} = "
            r"\frac{u}{v} + \frac{u'v - uv'}{v^2}\varepsilon",
        )
        wrong = [
            (
                [u0 / v0, du / dv],
                "Dividing the ε parts is wrong: multiply by the conjugate (v − v′ε)/v² instead.",
            ),
            ([u0 / v0, (u0 * dv - du * v0) / v0**2], "Sign error: the ε part is (u′v − uv′)/v²."),
        ]
    wrong.append((answer[::-1], "The order is [real part, ε part] = [f(x₀), f′(x₀)]."))
    return Draft(
        prompt=[
            "Forward-mode autodiff: evaluate f(x) = ",
            f,
            " at the dual number x = ",
            sympy.Integer(at),
            " + ε, where ε² = 0. Give the result as a vector [real part, ε part].",
        ],
        kind="vector",
        answer=answer,
        params={"form": form, "coefficients": [a, b, c, d], "at": at},
        solution=[
            [
                "Seed x = ",
                *_dual(sympy.Integer(at), sympy.Integer(1)),
                ": the ε part carries dx/dx = 1.",
            ],
            ["Then u = ", u, " = ", *_dual(u0, du), " and v = ", v, " = ", *_dual(v0, dv), "."],
            ["Dual arithmetic: ", rule, "."],
            ["f = ", *_dual(answer[0], answer[1]), ": f(x₀) and f′(x₀) in one pass."],
        ],
        hints=[
            "Carry (value, derivative) pairs through each operation.",
            ["Use ε² = 0: ", rule, "."],
        ],
        mistakes=distinct_mistakes("vector", answer, wrong),
    )


def _reverse_loss(params: Mapping[str, Any], values: list[float]) -> float:
    form, constants = params["form"], params["constants"]
    if form == "add-multiply":
        x_, y_, z_ = values
        return (x_ + constants[0] * y_) * z_
    if form == "multiply-add":
        x_, y_, z_ = values
        return (x_ * y_ + constants[0]) * z_
    if form == "square":
        w, b = values
        x_, t = constants
        return (w * x_ + b - t) ** 2
    w, b, v = values
    x_, t = constants
    return (v * max(0.0, w * x_ + b) - t) ** 2


def _reverse_oracle(params: Mapping[str, Any]) -> list[float]:
    """Each partial by a five-point central difference of the loss in floating point."""
    point = [float(v) for v in params["values"]]
    partials = []
    for i in range(len(point)):

        def along(s: float, i: int = i) -> float:
            moved = list(point)
            moved[i] = s
            return _reverse_loss(params, moved)

        partials.append(five_point(along, point[i]))
    return partials


@template(
    id="ca.reverse-mode",
    topic="ca.autodiff",
    title="Reverse mode on a small graph",
    oracle=_reverse_oracle,
    levels=3,
)
def reverse_mode(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: a three-input gate graph. Level 2: a squared error (wx + b − t)².
    Level 3: a one-unit ReLU network (v·relu(wx + b) − t)²."""
    if level == 1:
        return _gate_graph(rng)
    if level == 2:
        return _squared_error(rng)
    return _relu_network(rng)


def _gate_graph(rng: np.random.Generator) -> Draft:
    form = pick(rng, ["add-multiply", "multiply-add"])
    k = nonzero(rng, -3, 3)
    values = [int(v) for v in rng.integers(-4, 5, size=3)]
    xv, yv, zv = (sympy.Integer(v) for v in values)
    if form == "add-multiply":
        q = xv + k * yv
        graph = ["q = ", x + k * y, ", f = q·z"]
        answer = [zv, k * zv, q]
        steps = [
            ["Forward: q = ", q, ", f = q·z = ", q * zv, "."],
            ["Backward: ∂f/∂q = z = ", zv, " and ∂f/∂z = q = ", q, "."],
            [
                "The add gate passes ∂f/∂q on, scaled by its coefficients: ∂f/∂x = ",
                zv,
                ", ∂f/∂y = ",
                k * zv,
                ".",
            ],
        ]
        wrong = [
            (
                [zv, zv, q],
                minus(f"The path through y is scaled by its coefficient {k}: ∂q/∂y = {k}."),
            ),
            (
                [q, k * q, zv],
                "At a multiply gate each input's gradient is the other input's value.",
            ),
        ]
    else:
        q = xv * yv
        graph = ["q = x·y, f = ", (q_ + k) * z]
        answer = [yv * zv, xv * zv, q + k]
        steps = [
            [
                "Forward: q = ",
                q,
                ", s = ",
                q_ + k,
                " = ",
                q + k,
                ", f = s·z = ",
                (q + k) * zv,
                ".",
            ],
            [
                "Backward: ∂f/∂s = z = ",
                zv,
                ", ∂f/∂z = s = ",
                q + k,
                ", and the add gate gives ∂f/∂q = ",
                zv,
                ".",
            ],
            [
                "The multiply gate q = x·y swaps: ∂f/∂x = y·(",
                zv,
                ") = ",
                yv * zv,
                ", ∂f/∂y = x·(",
                zv,
                ") = ",
                xv * zv,
                ".",
            ],
        ]
        wrong = [
            ([yv, xv, q + k], "Multiply by the upstream gradient ∂f/∂q = z (chain rule)."),
            (
                [xv * zv, yv * zv, q + k],
                "At a multiply gate each input's gradient is the other input's value.",
            ),
        ]
    return Draft(
        prompt=[
            "A computational graph computes ",
            *graph,
            minus(f" at x = {values[0]}, y = {values[1]}, z = {values[2]}. ")
            + "Backpropagate and give [∂f/∂x, ∂f/∂y, ∂f/∂z].",
        ],
        kind="vector",
        answer=answer,
        params={"form": form, "constants": [k], "values": values},
        solution=[*steps, ["∇f = ", *listed(answer, parentheses=True), "."]],
        hints=[
            "Run the graph forward, then send ∂f/∂f = 1 backward through each gate.",
            "Add gates distribute the gradient; multiply gates swap the input values.",
        ],
        mistakes=distinct_mistakes("vector", answer, wrong),
    )


def _squared_error(rng: np.random.Generator) -> Draft:
    while True:
        w, b, t = nonzero(rng, -3, 3), int(rng.integers(-3, 4)), int(rng.integers(-5, 6))
        x_in = nonzero(rng, -3, 3)
        r = w * x_in + b - t
        if r != 0:
            break
    answer = [sympy.Integer(2 * r * x_in), sympy.Integer(2 * r)]
    return Draft(
        prompt=[
            "A model predicts p = w·x + b and its loss is L = (p − t)². "
            + minus(f"With w = {w}, b = {b}, input x = {x_in} and target t = {t}, ")
            + "backpropagate and give [∂L/∂w, ∂L/∂b].",
        ],
        kind="vector",
        answer=answer,
        params={"form": "square", "constants": [x_in, t], "values": [w, b]},
        solution=[
            [minus(f"Forward: p = {w * x_in + b}, residual r = p − t = {r}, L = r² = {r * r}.")],
            [minus(f"Backward: ∂L/∂p = 2r = {2 * r}.")],
            [
                minus(f"∂p/∂w = x = {x_in} and ∂p/∂b = 1, so ∇L = "),
                *listed(answer, parentheses=True),
                ".",
            ],
        ],
        hints=["∂L/∂p = 2(p − t).", "Then multiply by ∂p/∂w = x and ∂p/∂b = 1."],
        mistakes=distinct_mistakes(
            "vector",
            answer,
            [
                ([sympy.Integer(r * x_in), sympy.Integer(r)], "d(r²)/dr = 2r: you dropped the 2."),
                (
                    [-v for v in answer],
                    "Sign error: the residual is p − t, prediction minus target.",
                ),
                ([sympy.Integer(2 * r), sympy.Integer(2 * r)], "∂p/∂w = x: multiply by the input."),
            ],
        ),
    )


def _relu_network(rng: np.random.Generator) -> Draft:
    active = bool(rng.integers(3))
    while True:
        w, b, v = nonzero(rng, -3, 3), int(rng.integers(-3, 4)), nonzero(rng, -3, 3)
        x_in, t = nonzero(rng, -2, 2), int(rng.integers(-4, 5))
        z = w * x_in + b
        h = max(0, z)
        r = v * h - t
        if z != 0 and (z > 0) == active and r != 0:
            break
    gate = 1 if z > 0 else 0
    answer = [
        sympy.Integer(2 * r * v * gate * x_in),
        sympy.Integer(2 * r * v * gate),
        sympy.Integer(2 * r * h),
    ]
    wrong = [
        (
            [sympy.Integer(r * v * gate * x_in), sympy.Integer(r * v * gate), sympy.Integer(r * h)],
            "d(r²)/dr = 2r: you dropped the 2.",
        )
    ]
    if not gate:
        wrong.append(
            (
                [sympy.Integer(2 * r * v * x_in), sympy.Integer(2 * r * v), sympy.Integer(0)],
                "The ReLU's input is negative, so its slope is 0: no gradient reaches w and b.",
            )
        )
    wrong.append(
        ([-e for e in answer], "Sign error: the residual is p − t, prediction minus target.")
    )
    return Draft(
        prompt=[
            "A one-unit network computes z = w·x + b, h = relu(z), p = v·h, L = (p − t)². "
            + minus(f"With w = {w}, b = {b}, v = {v}, input x = {x_in} and target t = {t}, ")
            + "backpropagate and give [∂L/∂w, ∂L/∂b, ∂L/∂v].",
        ],
        kind="vector",
        answer=answer,
        params={"form": "relu", "constants": [x_in, t], "values": [w, b, v]},
        solution=[
            [minus(f"Forward: z = {z}, h = {h}, p = {v * h}, r = p − t = {r}.")],
            [
                minus(
                    f"Backward: ∂L/∂p = 2r = {2 * r}; ∂L/∂v = 2r·h = {2 * r * h}; "
                    f"∂L/∂h = 2r·v = {2 * r * v}."
                )
            ],
            [
                minus(
                    f"relu′(z) = {gate} (z {'>' if gate else '<'} 0), "
                    f"so ∂L/∂z = {2 * r * v * gate}; ∂L/∂w = ∂L/∂z·x = {2 * r * v * gate * x_in}, "
                    f"∂L/∂b = ∂L/∂z = {2 * r * v * gate}."
                )
            ],
        ],
        hints=[
            "Forward first, keeping z, h, p; then go backward one node at a time.",
            "relu′(z) is 1 for z > 0 and 0 for z < 0.",
        ],
        mistakes=distinct_mistakes("vector", answer, wrong),
    )


def _jvp_oracle(params: Mapping[str, Any]) -> np.ndarray:
    """The complex-step Jacobian times the tangent, or the cotangent times it."""
    components, point = params["components"], params["point"]
    J = jacobian(lambda p: np.array([numeric(terms, p) for terms in components]), point)
    if params["mode"] == "forward":
        return J @ np.array(params["seed"], dtype=float)
    return np.array(params["seed"], dtype=float) @ J


@template(
    id="ca.jvp-vjp",
    topic="ca.autodiff",
    title="Jacobian-vector and vector-Jacobian products",
    oracle=_jvp_oracle,
)
def jvp_vjp(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: forward mode pushes a tangent v: J·v for F: R² → R².
    Level 2: reverse mode pulls a cotangent u: uᵀJ for F: R³ → R²."""
    inputs = 1 + level
    components = [draw_terms(rng, CUBIC_3D if inputs == 3 else CUBIC_2D, 2, 3) for _ in range(2)]
    point = [int(v) for v in rng.integers(-2, 3, size=inputs)]
    at = dict(zip(variables(inputs), point, strict=True))
    J = sympy.Matrix(2, inputs, lambda i, j: symbolic(lower(components[i], j)).xreplace(at))
    names = ", ".join(NAMES[:inputs])
    where = tuple_text(point)
    F = ["F(", names, ") = (", symbolic(components[0]), ", ", symbolic(components[1]), ")"]
    if level == 1:
        seed = [nonzero(rng, -2, 2) for _ in range(inputs)]
        answer = list(J * sympy.Matrix(seed))
        wrong = [
            (
                list(J.T * sympy.Matrix(seed)),
                "That is Jᵀv, the reverse-mode product; forward mode gives J·v.",
            ),
        ]
        prompt = [
            "Forward mode pushes a tangent through ",
            *F,
            f". At {where} with tangent v = "
            + tuple_text(seed)
            + ", what tangent comes out? Give J·v as a vector.",
        ]
        product = ["J·v = ", *listed(answer, parentheses=True)]
        mode = "forward"
    else:
        seed = [nonzero(rng, -2, 2) for _ in range(2)]
        answer = list(sympy.Matrix([seed]) * J)
        swapped = list(sympy.Matrix([seed[::-1]]) * J)
        wrong = [
            (swapped, "Pair each cotangent component with its own output: u₁ with F₁'s row."),
        ]
        prompt = [
            "Reverse mode pulls a cotangent back through ",
            *F,
            f". At {where} with output cotangent u = "
            + tuple_text(seed)
            + ", what gradient reaches the inputs? Give uᵀJ as a vector.",
        ]
        product = ["uᵀJ = u₁·(row 1) + u₂·(row 2) = ", *listed(answer, parentheses=True)]
        mode = "reverse"
    return Draft(
        prompt=prompt,
        kind="vector",
        answer=answer,
        params={"components": components, "point": point, "seed": seed, "mode": mode},
        solution=[
            ["The Jacobian at ", where, " is J = ", J, " (row i: ∇Fᵢ)."],
            [*product, "."],
            [
                "Autodiff never builds J: forward mode computes J·v in one pass, reverse "
                "mode uᵀJ in one pass."
            ],
        ],
        hints=[
            "Write the Jacobian at the point first.",
            "Forward mode: J·v (one input direction). Reverse mode: uᵀJ (one output weighting).",
        ],
        mistakes=distinct_mistakes("vector", answer, wrong),
    )


__all__ = ["dual_numbers", "jvp_vjp", "reverse_mode"]
