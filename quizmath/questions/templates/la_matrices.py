"""Matrix-operation templates: products and their shape rules, linear layers, trace and Hadamard."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy

from quizmath.questions.draw import int_matrix, pick
from quizmath.questions.mistakes import distinct_mistakes
from quizmath.questions.model import Draft
from quizmath.questions.params import exact_param, float_param
from quizmath.questions.registry import template
from quizmath.questions.render import Math
from quizmath.questions.templates.la_tools import vec


def _product_oracle(params: Mapping[str, Any]) -> np.ndarray:
    return float_param(params["A"]) @ float_param(params["B"])


@template(
    id="la.matrix-product",
    topic="la.matrix-ops",
    title="Matrix product",
    oracle=_product_oracle,
)
def matrix_product(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: two 2×2 matrices. Level 2: rectangular factors (m×k)(k×n) with m, k, n in {2, 3}."""
    if level == 1:
        m = k = n = 2
    else:
        m, k, n = pick(rng, [(2, 3, 2), (3, 2, 3), (2, 3, 3), (3, 2, 2), (2, 2, 3), (3, 3, 2)])
    while True:
        a = int_matrix(rng, m, k, -3, 4)
        b = int_matrix(rng, k, n, -3, 4)
        if a * b != b.T * a.T or m != n:  # a symmetric product hides the order mistake
            break
    answer = a * b
    first = answer[0, :]
    candidates: list[tuple[Any, str] | None] = [
        (b * a, "That is BA: the product is not commutative; row i of A meets column j of B.")
        if m == n
        else None,
        (
            a.T * b,
            "You combined columns of A with columns of B (that is AᵀB): "
            "entry (i, j) of AB is row i of A times column j of B.",
        )
        if m == k
        else None,
        (
            answer.T,
            "That is (AB)ᵀ = BᵀAᵀ: entry (i, j) of AB uses row i of A and column j of B."
            if m == n
            else f"That is (AB)ᵀ, written column by column: AB is {m}×{n}, with row i of A "
            "times column j of B in row i, column j.",
        ),
        (
            a.multiply_elementwise(b),
            "That is the Hadamard (entrywise) product A ∘ B, not the matrix product.",
        )
        if a.shape == b.shape
        else None,
    ]
    entry = Math("(AB)₁₁", r"(AB)_{11}")
    return Draft(
        prompt=[
            "Compute AB for A = ",
            a,
            " and B = ",
            b,
            ". Give the matrix as [[…], […]].",
        ],
        kind="matrix",
        answer=answer,
        params={"A": exact_param(a), "B": exact_param(b)},
        solution=[
            [f"A is {m}×{k} and B is {k}×{n}, so AB is {m}×{n}."],
            [
                "Entry (i, j) is row i of A times column j of B, e.g. ",
                entry,
                " = ",
                vec(a[0, :]),
                "·",
                vec(b[:, 0]),
                " = ",
                first[0],
                ".",
            ],
            ["AB = ", answer, "."],
        ],
        hints=[
            "Row i of A times column j of B gives entry (i, j).",
            "The inner dimensions must match; the outer ones give the shape of the result.",
        ],
        mistakes=distinct_mistakes("matrix", answer, candidates),
    )


def _relu(values: list[Any]) -> list[Any]:
    return [sympy.Max(0, v) for v in values]


def _layer_oracle(params: Mapping[str, Any]) -> np.ndarray:
    z = float_param(params["W"]) @ float_param(params["x"]) + float_param(params["b"])
    return np.maximum(z, 0.0) if params["relu"] else z


@template(
    id="la.linear-layer",
    topic="la.matrix-ops",
    title="A linear layer Wx + b",
    oracle=_layer_oracle,
)
def linear_layer(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: z = Wx + b with a square W. Level 2: h = ReLU(Wx + b) with a rectangular W."""
    if level == 1:
        n_out = n_in = int(rng.integers(2, 4))
    else:
        n_out, n_in = pick(rng, [(2, 3), (3, 2), (3, 4), (2, 4)])
    while True:
        w = int_matrix(rng, n_out, n_in, -3, 3)
        x = [int(v) for v in rng.integers(-3, 4, size=n_in)]
        bias = [int(v) for v in rng.integers(-3, 4, size=n_out)]
        z = list(w * sympy.Matrix(x) + sympy.Matrix(bias))
        negative = sum(1 for v in z if v < 0)
        if any(bias) and (level == 1 or 0 < negative < n_out):
            break
    relu = level == 2
    answer = _relu(z) if relu else z
    wx = list(w * sympy.Matrix(x))
    candidates: list[tuple[Any, str] | None] = [
        (
            _relu(wx) if relu else wx,
            "You left out the bias b: add it to Wx before anything else.",
        ),
        (z, "That is the pre-activation Wx + b: apply ReLU, max(0, ·), entrywise.")
        if relu
        else None,
        (
            list(w.T * sympy.Matrix(x) + sympy.Matrix(bias)),
            "You used Wᵀ: output i is row i of W dotted with x.",
        )
        if n_in == n_out
        else None,
    ]
    what = "h = ReLU(Wx + b)" if relu else "z = Wx + b"
    steps: list[list[Any]] = [
        ["Wx = ", vec(wx), " (row i of W dotted with x)."],
        ["Wx + b = ", vec(z), "."],
    ]
    if relu:
        steps.append(["ReLU zeroes the negative entries: h = ", vec(answer), "."])
    return Draft(
        prompt=[
            "A layer has weights W = ",
            w,
            ", bias b = ",
            vec(bias),
            " and input x = ",
            vec(x),
            f". Compute {what} as a vector [{what[0]}₁, {what[0]}₂, …].",
        ],
        kind="vector",
        answer=answer,
        params={"W": exact_param(w), "x": x, "b": bias, "relu": relu},
        solution=steps,
        hints=[
            f"W is {n_out}×{n_in}, so the output has {n_out} entries.",
            *(["ReLU(u) = max(0, u), entry by entry."] if relu else []),
        ],
        mistakes=distinct_mistakes("vector", answer, candidates),
    )


def _batch_oracle(params: Mapping[str, Any]) -> np.ndarray:
    x, w, b = float_param(params["X"]), float_param(params["W"]), float_param(params["b"])
    return (x @ w.T if params["torch"] else x @ w) + b[None, :]


@template(
    id="la.batch-forward",
    topic="la.matrix-ops",
    title="Batch forward pass XW + b",
    oracle=_batch_oracle,
)
def batch_forward(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: Z = XW + b for a batch of rows, b broadcast over the rows. Level 2: a
    PyTorch-style layer storing W as (out × in) and computing Z = XWᵀ + b."""
    torch = level == 2
    if level == 1:
        n, d_in, d_out = 2, pick(rng, [2, 3]), 2
    else:
        n, d_in = 3, pick(rng, [2, 3])
        d_out = d_in
    while True:
        x = int_matrix(rng, n, d_in, -2, 3)
        w = int_matrix(rng, d_out, d_in, -2, 2) if torch else int_matrix(rng, d_in, d_out, -2, 2)
        bias = [int(v) for v in rng.integers(-3, 4, size=d_out)]
        if any(bias) and w != w.T:
            break
    b_row = sympy.Matrix([bias] * n)
    product = x * w.T if torch else x * w
    answer = product + b_row
    candidates: list[tuple[Any, str] | None] = [
        (product, "You left out the bias: add b to every row."),
        (
            x * w + b_row,
            "nn.Linear stores W as (out × in), so the layer computes XWᵀ + b, not XW + b.",
        )
        if torch
        else None,
        (
            product + sympy.Matrix([[v] * d_out for v in bias]),
            "b is broadcast across the rows: bⱼ is added to column j of every row, "
            "not bᵢ to row i.",
        )
        if n == d_out
        else None,
    ]
    formula = "Z = XWᵀ + b" if torch else "Z = XW + b"
    setup = (
        f"A PyTorch-style linear layer stores its weights as W ({d_out} × {d_in}, out × in) and "
        f"computes {formula} for a batch X with one example per row, adding the bias row b to "
        "every row."
        if torch
        else f"A linear layer computes {formula} for a batch X with one example per row, "
        "adding the bias row b to every row."
    )
    return Draft(
        prompt=[
            setup,
            " X = ",
            x,
            ", W = ",
            w,
            ", b = ",
            vec(bias),
            ". Compute Z as a matrix [[…], […]].",
        ],
        kind="matrix",
        answer=answer,
        params={"X": exact_param(x), "W": exact_param(w), "b": bias, "torch": torch},
        solution=[
            [f"X is {n}×{d_in}; the output Z is {n}×{d_out} (one row per example)."],
            [("XWᵀ = " if torch else "XW = "), product, "."],
            ["Adding b to every row: Z = ", answer, "."],
        ],
        hints=[
            "Row i of Z is the layer applied to example i.",
            "Wᵀ swaps rows and columns: (XWᵀ)ᵢⱼ = row i of X · row j of W."
            if torch
            else "(XW)ᵢⱼ = row i of X · column j of W.",
        ],
        mistakes=distinct_mistakes("matrix", answer, candidates),
    )


def _trace_oracle(params: Mapping[str, Any]) -> float:
    a, b = float_param(params["A"]), float_param(params["B"])
    return float(np.trace(a.T @ b) if params["transpose"] else np.trace(a @ b))


@template(
    id="la.trace-product",
    topic="la.matrix-ops",
    title="Trace of a product",
    oracle=_trace_oracle,
)
def trace_product(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: tr(AB) for 2×2 matrices. Level 2: tr(AᵀB) for 3×3 matrices, the sum of the
    Hadamard product A ∘ B (the Frobenius inner product)."""
    size = 2 if level == 1 else 3
    transpose = level == 2
    a = int_matrix(rng, size, size, -3, 4)
    b = int_matrix(rng, size, size, -3, 4)
    if transpose:
        hadamard = a.multiply_elementwise(b)
        answer = sum(hadamard)
        what = Math("tr(AᵀB)", r"\operatorname{tr}(A^\top B)")
        steps: list[list[Any]] = [
            [what, " = Σᵢⱼ AᵢⱼBᵢⱼ: the sum of the entries of A ∘ B."],
            ["A ∘ B = ", hadamard, "."],
            [what, " = ", answer, "."],
        ]
        wrong_product = (a * b).trace()
        wrong = (wrong_product, "That is tr(AB); tr(AᵀB) pairs entry (i, j) of A with (i, j) of B.")
    else:
        diagonal = [(a[i, :] * b[:, i])[0] for i in range(size)]
        answer = sum(diagonal)
        what = Math("tr(AB)", r"\operatorname{tr}(AB)")
        steps = [
            [what, " is the sum of the diagonal entries of AB; only those need computing."],
            [
                "(AB)₁₁ = ",
                vec(a[0, :]),
                "·",
                vec(b[:, 0]),
                " = ",
                diagonal[0],
                " and (AB)₂₂ = ",
                vec(a[1, :]),
                "·",
                vec(b[:, 1]),
                " = ",
                diagonal[1],
                ".",
            ],
            [what, " = ", answer, "."],
        ]
        wrong = (
            sum(a.multiply_elementwise(b)),
            "That is Σ AᵢⱼBᵢⱼ = tr(AᵀB); tr(AB) = Σ AᵢⱼBⱼᵢ pairs (i, j) with (j, i).",
        )
    return Draft(
        prompt=["Compute ", what, " for A = ", a, " and B = ", b, "."],
        kind="number",
        answer=sympy.Integer(answer),
        params={"A": exact_param(a), "B": exact_param(b), "transpose": transpose},
        solution=steps,
        hints=[
            "The trace is the sum of the diagonal entries; you need only the diagonal of the "
            "product.",
            Math("tr(AᵀB) = Σᵢⱼ AᵢⱼBᵢⱼ.", r"\operatorname{tr}(A^\top B) = \sum_{ij} A_{ij}B_{ij}.")
            if transpose
            else Math("(AB)ᵢᵢ = Σⱼ AᵢⱼBⱼᵢ.", r"(AB)_{ii} = \sum_j A_{ij}B_{ji}."),
        ],
        mistakes=distinct_mistakes(
            "number",
            sympy.Integer(answer),
            [
                wrong,
                (
                    a.trace() * b.trace(),
                    "The trace is not multiplicative: "
                    + ("tr(AᵀB) ≠ tr(A)·tr(B)." if transpose else "tr(AB) ≠ tr(A)·tr(B)."),
                ),
            ],
        ),
    )


__all__ = ["batch_forward", "linear_layer", "matrix_product", "trace_product"]
