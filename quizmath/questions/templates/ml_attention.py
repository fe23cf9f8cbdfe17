"""Attention templates: scaled dot-product weights and outputs, and the quadratic cost in n."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy

from quizmath.questions.draw import pick
from quizmath.questions.mistakes import distinct_mistakes
from quizmath.questions.model import Draft
from quizmath.questions.notation import subscript
from quizmath.questions.registry import template
from quizmath.questions.render import Math, Part
from quizmath.questions.templates.ml_common import MIN_GAP, SIG4, approx, num, vec

ATTENTION = Math(
    "αᵢ = softmax(q·kᵢ/√d_k)",
    r"\alpha_i = \mathrm{softmax}_i\!\left(q \cdot k_i / \sqrt{d_k}\right)",
)


def _softmax(scores: list[Any]) -> list[Any]:
    """Exact softmax, written relative to the largest score."""
    top = max(scores)
    shifted = [sympy.exp(s - top) for s in scores]
    total = sympy.Add(*shifted)
    return [e / total for e in shifted]


def _draw_scores(
    rng: np.random.Generator, keys: int, dim: int, low: int
) -> tuple[list[int], list[list[int]], list[int]]:
    """A query and keys with integer raw scores that are not all equal."""
    while True:
        query = [int(v) for v in rng.integers(low, 3, size=dim)]
        key_rows = [[int(v) for v in rng.integers(low, 3, size=dim)] for _ in range(keys)]
        raw = [sum(a * b for a, b in zip(query, row, strict=True)) for row in key_rows]
        if len(set(raw)) > 1 and max(raw) - min(raw) <= 8:
            return query, key_rows, raw


def _np_weights(params: Mapping[str, Any]) -> np.ndarray:
    query = np.array(params["q"], dtype=float)
    keys = np.array(params["K"], dtype=float)
    scores = keys @ query / np.sqrt(query.size)
    e = np.exp(scores - scores.max())
    return e / e.sum()


def _weights_oracle(params: Mapping[str, Any]) -> list[float]:
    """NumPy scores K q / √d_k and their softmax."""
    return list(_np_weights(params))


def _given(query: list[int], key_rows: list[list[int]]) -> list[Part]:
    parts: list[Part] = ["q = ", vec(query), " and keys "]
    for i, row in enumerate(key_rows, start=1):
        parts += [", " if i > 1 else "", f"k{subscript(i)} = ", vec(row)]
    return parts


def _names(letter: str, count: int) -> str:
    """``[α₁, α₂, α₃]``: the order in which a vector answer is asked for."""
    return "[" + ", ".join(f"{letter}{subscript(i)}" for i in range(1, count + 1)) + "]"


@template(
    id="ml.attention-weights",
    topic="ml.attention",
    title="Scaled dot-product attention weights",
    oracle=_weights_oracle,
    levels=3,
)
def attention_weights(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: one query, two keys, d_k = 4. Level 2: three keys. Level 3: three keys in
    d_k = 9."""
    keys = 2 if level == 1 else 3
    dim = 9 if level == 3 else 4
    query, key_rows, raw = _draw_scores(rng, keys, dim, -1)
    root = sympy.sqrt(dim)
    scaled = [sympy.Integer(s) / root for s in raw]
    answer = _softmax(scaled)
    mistakes = distinct_mistakes(
        "vector",
        answer,
        [
            (
                _softmax([sympy.Integer(s) for s in raw]),
                f"You took the softmax of the raw scores q·kᵢ: scale them by 1/√d_k = 1/{root} "
                "first.",
            ),
            (
                _softmax([sympy.Integer(s) / dim for s in raw]),
                f"Divide the scores by √d_k = {root}, not by d_k = {dim}.",
            ),
        ],
        gap=MIN_GAP,
    )
    return Draft(
        prompt=[
            f"In scaled dot-product attention with d_k = {dim}, the query ",
            *_given(query, key_rows),
            ". Compute the attention weights ",
            ATTENTION,
            f" as a vector {_names('α', keys)}, {SIG4}.",
        ],
        kind="vector",
        answer=answer,
        params={"q": query, "K": key_rows},
        solution=[
            ["Raw scores q·kᵢ = ", vec(raw), "."],
            ["Divide by √d_k = ", root, ": ", vec(scaled), "."],
            ["Softmax: ", vec(answer), "."],
            ["≈ ", vec([approx(a) for a in answer]), "."],
        ],
        hints=[
            "Scores are dot products q·kᵢ divided by √d_k.",
            "Subtract the largest scaled score before exponentiating.",
        ],
        mistakes=mistakes,
    )


def _output_oracle(params: Mapping[str, Any]) -> list[float]:
    """NumPy weights times the value matrix."""
    return list(_np_weights(params) @ np.array(params["V"], dtype=float))


@template(
    id="ml.attention-output",
    topic="ml.attention",
    title="Output of scaled dot-product attention",
    oracle=_output_oracle,
)
def attention_output(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: two keys and values, d_k = 4. Level 2: three keys and values."""
    keys = level + 1
    query, key_rows, raw = _draw_scores(rng, keys, 4, -1)
    while True:  # no coordinate shared by every value, so no output is trivially a given number
        values = [[int(v) for v in rng.integers(-3, 4, size=2)] for _ in range(keys)]
        if all(len({v[j] for v in values}) > 1 for j in range(2)):
            break
    scaled = [sympy.Integer(s) / 2 for s in raw]
    weights = _softmax(scaled)
    top = max(scaled)

    def mix(ws: list[Any]) -> list[Any]:
        return [sympy.Add(*[w * v[j] for w, v in zip(ws, values, strict=True)])
                for j in range(2)]  # fmt: skip

    def output(scores: list[Any]) -> list[Any]:
        """Σ e^(sᵢ − max)vᵢ / Σ e^(sᵢ − max): one fraction per entry prints (and checks) fast."""
        exps = [sympy.exp(s - max(scores)) for s in scores]
        return [total / sympy.Add(*exps) for total in mix(exps)]

    shifted = [sympy.exp(s - top) for s in scaled]
    answer = output(scaled)
    mistakes = distinct_mistakes(
        "vector",
        answer,
        [
            (
                output([sympy.Integer(s) for s in raw]),
                "You took the softmax of the raw scores q·kᵢ: scale them by 1/√d_k = 1/2 first.",
            ),
            (
                mix([sympy.Rational(1, keys)] * keys),
                "That is the plain mean of the values: weight them by the softmax of the scores.",
            ),
            (
                mix(shifted),
                "Normalize the exponentiated scores so the weights sum to 1.",
            ),
        ],
        gap=MIN_GAP,
    )
    value_parts: list[Part] = []
    for i, row in enumerate(values, start=1):
        value_parts += [", " if i > 1 else "", f"v{subscript(i)} = ", vec(row)]
    return Draft(
        prompt=[
            "In scaled dot-product attention with d_k = 4, the query ",
            *_given(query, key_rows),
            ", and values ",
            *value_parts,
            ". Compute the output Σᵢ αᵢvᵢ with ",
            ATTENTION,
            f", as a vector [o₁, o₂], {SIG4}.",
        ],
        kind="vector",
        answer=answer,
        params={"q": query, "K": key_rows, "V": values},
        solution=[
            ["Scores q·kᵢ/√4 = ", vec(scaled), "."],
            ["Weights α = softmax ≈ ", vec([approx(w) for w in weights]), "."],
            ["Output Σ αᵢvᵢ = ", vec(answer), "."],
            ["≈ ", vec([approx(a) for a in answer]), "."],
        ],
        hints=[
            "Weights first: softmax of q·kᵢ/√d_k.",
            "The output is a convex combination of the value vectors.",
        ],
        mistakes=mistakes,
    )


def _cost_oracle(params: Mapping[str, Any]) -> float:
    """Products of the matrix shapes involved, in exact integer arithmetic."""
    n, batch, heads = params["n"], params["batch"], params["heads"]
    if params["ask"] == "scores":
        return float(batch * np.prod([n, params["d"], n], dtype=np.int64))
    if params["ask"] == "heads":
        head_dim = params["d"] // heads
        per_head = np.prod([n, head_dim, n], dtype=np.int64) * 2  # QKᵀ, then A·V
        return float(heads * per_head)
    entries = np.prod([batch, heads, n, n], dtype=np.int64)
    return float(entries * params["bytes"] / 2**20)


@template(
    id="ml.attention-cost",
    topic="ml.attention",
    title="Quadratic cost of attention",
    oracle=_cost_oracle,
    levels=3,
)
def attention_cost(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: multiplications for the scores QKᵀ of a batch. Level 2: multiplications for
    scores and weighted values over all heads. Level 3: memory of the attention matrices."""
    n = pick(rng, [128, 256, 512, 1024, 2048, 4096])
    batch = pick(rng, [1, 2, 4, 8, 16, 32])
    heads = pick(rng, [4, 8, 12, 16])
    d = pick(rng, [32, 64, 96, 128]) if level == 1 else heads * pick(rng, [32, 64, 128])
    bytes_per = pick(rng, [2, 4])
    params: dict[str, Any] = {"n": n, "d": d, "batch": batch, "heads": heads, "bytes": bytes_per}
    sequences = f"{batch} sequence" + ("s" if batch > 1 else "")
    if level == 1:
        params["ask"] = "scores"
        answer = sympy.Integer(batch * n * n * d)
        prompt: list[Part] = [
            f"A batch of {sequences}, each of n = {n} tokens, has queries and keys of "
            f"dimension d_k = {d}. How many scalar multiplications does computing all the "
            "score matrices QKᵀ take?"
        ]
        candidates: list[tuple[Any, str]] = [
            (sympy.Integer(batch * n * d * d), "QKᵀ is (n × d_k)(d_k × n): n²·d_k, not n·d_k²."),
            (sympy.Integer(n * n * d), f"Multiply by the batch size {batch}."),
            (sympy.Integer(batch * n * n), "Each of the n² scores is a d_k-term dot product."),
        ]
        steps: list[Any] = [
            ["QKᵀ: (n × d_k)·(d_k × n), n² entries of d_k products each: n²d_k."],
            [f"Times the batch: {batch}·{n}²·{d} = ", answer, "."],
        ]
    elif level == 2:
        params["ask"] = "heads"
        head_dim = d // heads
        answer = sympy.Integer(2 * n * n * d)
        prompt = [
            f"Multi-head attention over n = {n} tokens has model width d = {d} split into "
            f"h = {heads} heads (d_k = d_v = d/h). Not counting the Q, K, V and output "
            "projections, how many scalar multiplications do the score matrices QKᵀ and the "
            "products A·V take over all heads, for one sequence?"
        ]
        candidates = [
            (sympy.Integer(n * n * d), "Count A·V as well as QKᵀ: each costs n²·d_k per head."),
            (sympy.Integer(2 * heads * n * n * d), f"Each head works in d/h = {head_dim} dims."),
            (sympy.Integer(2 * n * d * d), "Attention is quadratic in n: n²·d, not n·d²."),
        ]
        steps = [
            [f"Per head: QKᵀ costs n²d_k and A·V costs n²d_v, with d_k = d_v = {head_dim}."],
            [f"All heads: h·2n²(d/h) = 2n²d = 2·{n}²·{d} = ", answer, "."],
        ]
    else:
        params["ask"] = "memory"
        answer = sympy.Rational(batch * heads * n * n * bytes_per, 2**20)
        precision = {2: "16-bit", 4: "32-bit"}[bytes_per]
        prompt = [
            f"Training stores the attention weight matrices (softmax outputs) of one layer for "
            f"a batch of {sequences} of n = {n} tokens with h = {heads} heads, in "
            f"{precision} floats. How many MiB (2²⁰ bytes) do they take?"
        ]
        candidates = [
            (sympy.Rational(batch * n * n * bytes_per, 2**20), "Each head has its own n × n."),
            (sympy.Rational(batch * heads * n * n * (6 - bytes_per), 2**20),
             f"A {precision} float takes {bytes_per} bytes."),
            (sympy.Rational(batch * heads * n * bytes_per, 2**20), "Each matrix is n × n."),
        ]  # fmt: skip
        steps = [
            [f"Entries: batch·h·n² = {batch}·{heads}·{n}² = ", batch * heads * n * n, "."],
            [f"Bytes: × {bytes_per}; MiB: ÷ 2²⁰ → ", num(answer), "."],
        ]
    mistakes = distinct_mistakes("number", answer, candidates, gap=MIN_GAP)
    return Draft(
        prompt=[*prompt, " Give an exact number (a product such as 3*2^20 is fine)."],
        kind="number",
        answer=answer,
        params=params,
        solution=steps,
        hints=[
            "A (p × q)(q × r) product takes p·q·r multiplications.",
            "Attention scores form an n × n matrix per head and sequence: the cost is O(n²d).",
        ],
        mistakes=mistakes,
    )


__all__ = ["attention_cost", "attention_output", "attention_weights"]
