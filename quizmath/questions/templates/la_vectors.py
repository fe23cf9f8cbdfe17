"""Vector templates: cosine similarity, the L1/L2/L∞ norms, and the projection of a onto b."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy

from quizmath.questions.draw import pick
from quizmath.questions.mistakes import distinct_mistakes
from quizmath.questions.model import Draft
from quizmath.questions.params import float_param
from quizmath.questions.registry import template
from quizmath.questions.render import Math, latex_math, unicode_math
from quizmath.questions.templates.la_tools import dot, vec


def _nonzero_vector(rng: np.random.Generator, size: int, low: int, high: int) -> list[int]:
    """An integer vector that is not a multiple of a coordinate axis (so norms are not trivial)."""
    while True:
        values = [int(v) for v in rng.integers(low, high + 1, size=size)]
        if sum(v != 0 for v in values) >= 2:
            return values


def _cosine_oracle(params: Mapping[str, Any]) -> float:
    a, b = float_param(params["a"]), float_param(params["b"])
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


@template(
    id="la.cosine-similarity",
    topic="la.vectors",
    title="Cosine similarity of two vectors",
    oracle=_cosine_oracle,
)
def cosine_similarity(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: two vectors in R². Level 2: two vectors in R³ or R⁴ with negative entries."""
    size = 2 if level == 1 else int(rng.integers(3, 5))
    while True:
        a = _nonzero_vector(rng, size, -4, 5)
        b = _nonzero_vector(rng, size, -4, 5)
        if dot(a, b) != 0 and dot(a, b) ** 2 != dot(a, a) * dot(b, b):  # not orthogonal or parallel
            break
    ab, aa, bb = dot(a, b), dot(a, a), dot(b, b)
    answer = ab / sympy.sqrt(aa * bb)
    cos = Math("cos θ", r"\cos\theta")
    return Draft(
        prompt=[
            "Compute the cosine similarity of a = ",
            vec(a),
            " and b = ",
            vec(b),
            ". Give the exact value, e.g. 3/sqrt(10) (it need not be simplified).",
        ],
        kind="number",
        answer=answer,
        params={"a": a, "b": b},
        solution=[
            ["a·b = ", ab, "."],
            [
                Math("‖a‖ = ", r"\|a\| = "),
                sympy.sqrt(aa),
                Math(" and ‖b‖ = ", r"\text{ and } \|b\| = "),
                sympy.sqrt(bb),
                ".",
            ],
            [
                cos,
                Math(" = a·b / (‖a‖‖b‖) = ", r" = \frac{a\cdot b}{\|a\|\,\|b\|} = "),
                answer,
                ".",
            ],
        ],
        hints=[
            Math("cos θ = a·b / (‖a‖ ‖b‖).", r"\cos\theta = \frac{a\cdot b}{\|a\|\,\|b\|}."),
            "Both norms are square roots of sums of squares; simplify the product under one root.",
        ],
        mistakes=distinct_mistakes(
            "number",
            answer,
            [
                (ab, "That is the dot product; divide it by both norms."),
                (
                    ab / aa,
                    "You divided by ‖a‖², which gives the projection coefficient, "
                    "not the cosine: divide by ‖a‖‖b‖.",
                ),
                (ab / (aa * bb), "Divide by the norms ‖a‖‖b‖, not by their squares."),
            ],
        ),
    )


_NORMS = {
    "1": (Math("‖v‖₁", r"\|v\|_1"), "the L1 norm (sum of absolute values)"),
    "2": (Math("‖v‖₂", r"\|v\|_2"), "the L2 norm (Euclidean length)"),
    "inf": (Math("‖v‖∞", r"\|v\|_\infty"), "the L∞ norm (largest absolute value)"),
}


def _norm_oracle(params: Mapping[str, Any]) -> float:
    v = params["c"][0] * float_param(params["a"]) + params["c"][1] * float_param(params["b"])
    order = {"1": 1, "2": 2, "inf": np.inf}[params["p"]]
    return float(np.linalg.norm(v, ord=order))


def _norms(v: list[int]) -> dict[str, sympy.Expr]:
    return {
        "1": sympy.Integer(sum(abs(x) for x in v)),
        "2": sympy.sqrt(sum(x * x for x in v)),
        "inf": sympy.Integer(max(abs(x) for x in v)),
    }


def _norm_working(p: str, v: list[int], value: sympy.Expr) -> Math:
    """The sum or maximum written out, e.g. ``|2| + |−3| = 5``."""
    entries = [sympy.Integer(x) for x in v]
    if p == "1":
        parts = [Math(f"|{unicode_math(x)}|", rf"|{x}|") for x in entries]
        text, latex = " + ".join(m.text for m in parts), " + ".join(m.latex for m in parts)
    elif p == "2":
        text = (
            "√("
            + " + ".join(
                f"{unicode_math(x)}²" if x >= 0 else f"({unicode_math(x)})²" for x in entries
            )
            + ")"
        )
        latex = r"\sqrt{" + " + ".join(f"{x}^2" if x >= 0 else f"({x})^2" for x in entries) + "}"
    else:
        text = "max(" + ", ".join(f"|{unicode_math(x)}|" for x in entries) + ")"
        latex = r"\max(" + ", ".join(f"|{x}|" for x in entries) + ")"
    return Math(f"{text} = {unicode_math(value)}", f"{latex} = {latex_math(value)}")


@template(
    id="la.vector-norm",
    topic="la.vectors",
    title="L1, L2 and L∞ norms",
    oracle=_norm_oracle,
)
def vector_norm(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: one norm of a vector in R³ or R⁴. Level 2: a norm of a combination c₁a + c₂b."""
    p = pick(rng, ["1", "2", "inf"])
    symbol, name = _NORMS[p]
    size = int(rng.integers(3, 5))
    steps: list[list[Any]] = []
    if level == 1:
        a = _nonzero_vector(rng, size, -6, 6)
        b, c, v = [0] * size, [1, 0], a
        where: list[Any] = ["v = ", vec(a)]
    else:
        while True:
            a = _nonzero_vector(rng, size, -3, 3)
            b = _nonzero_vector(rng, size, -3, 3)
            c = [pick(rng, [1, 2, 3, -1]), pick(rng, [-2, -1, 2, 3])]
            v = [c[0] * x + c[1] * y for x, y in zip(a, b, strict=True)]
            if sum(x != 0 for x in v) >= 2:
                break
        combo = c[0] * sympy.Symbol("a") + c[1] * sympy.Symbol("b")
        where = ["v = ", combo, " with a = ", vec(a), " and b = ", vec(b)]
        steps.append(["v = ", combo, " = ", vec(v), "."])
    norms = _norms(v)
    answer = norms[p]
    steps.append([symbol, " is ", name, "."])
    steps.append([symbol, " = ", _norm_working(p, v, answer), "."])
    candidates: list[tuple[Any, str] | None] = [
        (norms[q], f"That is {_NORMS[q][1]}; the question asks for {name}.")
        for q in _NORMS
        if q != p
    ]
    if p == "2":
        candidates.insert(0, (answer**2, "That is ‖v‖₂²: take the square root."))
    if p == "1":
        candidates.insert(
            0, (sympy.Integer(sum(v)), "That is the plain sum: take absolute values first.")
        )
    if p == "inf":
        candidates.insert(
            0,
            (
                sympy.Integer(max(v)),
                "That is the largest entry with its sign; ‖v‖∞ is the largest absolute value.",
            ),
        )
    return Draft(
        prompt=["Compute ", symbol, " for ", *where, ". Give the exact value."],
        kind="number",
        answer=answer,
        params={"a": a, "b": b, "c": c, "p": p},
        solution=steps,
        hints=[
            "‖v‖₁ = Σ|vᵢ|, ‖v‖₂ = √(Σvᵢ²), ‖v‖∞ = max|vᵢ|.",
            *(["Form v entry by entry first."] if level == 2 else []),
        ],
        mistakes=distinct_mistakes("number", answer, candidates),
    )


def _projection_oracle(params: Mapping[str, Any]) -> np.ndarray:
    a, b = float_param(params["a"]), float_param(params["b"])
    return (a @ b) / (b @ b) * b


@template(
    id="la.projection",
    topic="la.vectors",
    title="Projection of a onto b",
    oracle=_projection_oracle,
)
def projection(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: project a onto b in R². Level 2: the same in R³."""
    size = 2 if level == 1 else 3
    while True:
        a = _nonzero_vector(rng, size, -4, 5)
        b = _nonzero_vector(rng, size, -3, 3)
        ab, bb, aa = dot(a, b), dot(b, b), dot(a, a)
        if ab != 0 and ab**2 != aa * bb:  # not orthogonal, not parallel
            break
    coefficient = ab / bb
    answer = [coefficient * x for x in b]
    proj = Math("proj_b(a)", r"\operatorname{proj}_b(a)")
    return Draft(
        prompt=[
            "Compute the orthogonal projection ",
            proj,
            " of a = ",
            vec(a),
            " onto b = ",
            vec(b),
            f". Give it as a vector {'[x, y]' if size == 2 else '[x, y, z]'} with exact fractions.",
        ],
        kind="vector",
        answer=answer,
        params={"a": a, "b": b},
        solution=[
            ["a·b = ", ab, " and b·b = ", bb, "."],
            [
                proj,
                Math(" = (a·b / b·b) b = ", r" = \frac{a\cdot b}{b\cdot b}\,b = "),
                coefficient,
                " · ",
                vec(b),
                ".",
            ],
            [proj, " = ", vec(answer), "."],
        ],
        hints=[
            Math(
                "proj_b(a) = (a·b / b·b) b.",
                r"\operatorname{proj}_b(a) = \frac{a\cdot b}{b\cdot b}\,b.",
            ),
            "The result is a multiple of b, not of a.",
        ],
        mistakes=distinct_mistakes(
            "vector",
            answer,
            [
                (
                    [ab / aa * x for x in a],
                    "That projects b onto a; the projection of a onto b is a multiple of b.",
                ),
                (
                    [ab / sympy.sqrt(bb) * x for x in b],
                    "Divide by b·b = ‖b‖², not by ‖b‖ (or normalise b on both factors).",
                ),
                (
                    [x - coefficient * y for x, y in zip(a, b, strict=True)],
                    "That is a − proj_b(a), the part of a orthogonal to b.",
                ),
                ([ab * x for x in b], "Divide by b·b: b is not a unit vector."),
            ],
        ),
    )


__all__ = ["cosine_similarity", "projection", "vector_norm"]
