"""Softmax templates: probabilities (with temperature), the cross-entropy gradient p − y, and
the log-sum-exp trick on logits too large to exponentiate."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy
from sympy import Rational

from quizmath.questions.draw import distinct, pick, probabilities
from quizmath.questions.mistakes import distinct_mistakes
from quizmath.questions.model import Draft
from quizmath.questions.notation import subscript
from quizmath.questions.params import exact_param, float_param
from quizmath.questions.registry import template
from quizmath.questions.render import Math
from quizmath.questions.templates.ml_common import MIN_GAP, SIG4, approx, num, to_float, vec

SOFTMAX = Math(
    "softmax(z)ᵢ = e^(zᵢ) / Σⱼ e^(zⱼ)", r"\mathrm{softmax}(z)_i = e^{z_i} / \sum_j e^{z_j}"
)


def _logits(params: Mapping[str, Any]) -> np.ndarray:
    """Logits from params: integers, or shift + log k for the exact-fraction instances."""
    if "k" in params:
        return params["shift"] + np.log(np.array(params["k"], dtype=float))
    return np.array(params["z"], dtype=float)


def _np_softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max())
    return e / e.sum()


def _softmax_oracle(params: Mapping[str, Any]) -> list[float]:
    """NumPy softmax of the (tempered) logits."""
    return list(_np_softmax(_logits(params) / float_param(params["temperature"])))


def _log_logits(rng: np.random.Generator, size: int) -> tuple[list[int], int, list[sympy.Expr]]:
    """Logits shift + log k whose softmax is k / Σk, exact fractions."""
    ks = [int(v) for v in rng.integers(1, 8, size=size)]
    while len(set(ks)) == 1:
        ks = [int(v) for v in rng.integers(1, 8, size=size)]
    shift = int(rng.integers(-2, 3))
    return ks, shift, [shift + sympy.log(k) for k in ks]


@template(
    id="ml.softmax-probabilities",
    topic="ml.softmax",
    title="Softmax of a logit vector",
    oracle=_softmax_oracle,
    levels=3,
)
def softmax_probabilities(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: logits c + log kᵢ, whose softmax is kᵢ/Σk. Level 2: small integer logits.
    Level 3: integer logits at a temperature T."""
    temperature: sympy.Rational = sympy.S.One
    if level == 1:
        ks, shift, logits = _log_logits(rng, 3)
        total = sum(ks)
        answer: list[Any] = [Rational(k, total) for k in ks]
        params: dict[str, Any] = {"k": ks, "shift": shift, "temperature": "1"}
        exponentials = [sympy.exp(shift) * k for k in ks]
        factor = (
            ["e^(zᵢ) = kᵢ."]
            if shift == 0
            else ["e^(zᵢ) = e^(", shift, ")·kᵢ: the common factor cancels in the ratio."]
        )
        steps: list[Any] = [
            factor,
            ["softmax(z) = k / Σk with k = ", vec(ks), ", Σk = ", total, "."],
            ["softmax(z) = ", vec(answer, exact=True), "."],
        ]
        candidates: list[tuple[Any, str]] = [
            (exponentials, "Normalize: divide each e^(zᵢ) by their sum."),
        ]
        if sum(logits) != 0:
            candidates.append(
                (
                    [z / sum(logits) for z in logits],
                    "Exponentiate first: softmax divides e^(zᵢ), not zᵢ, by the sum.",
                )
            )
        exactness = "exactly (fractions allowed)"
    else:
        while True:  # a spread above 5 makes a probability round to 1.000 at 4 digits
            zs = [int(v) for v in rng.integers(-2, 4, size=3)]
            if level == 3:
                temperature = pick(rng, [Rational(2), Rational(1, 2), Rational(3), Rational(1, 3)])
            if len(set(zs)) > 1 and (max(zs) - min(zs)) / temperature <= 5:
                break
        logits = zs
        scaled = [z / temperature for z in zs]
        top = max(scaled)
        shifted = [sympy.exp(s - top) for s in scaled]
        denominator = sympy.Add(*shifted)
        answer = [e / denominator for e in shifted]
        params = {"z": zs, "temperature": exact_param(temperature)}
        steps = []
        if level == 3:
            steps.append(["Divide by T first: z/T = ", vec(scaled), "."])
        steps += [
            ["Subtract the max (", num(top), "): e^(zᵢ − max) = ", vec(shifted), "."],
            ["Divide by their sum ", denominator, "."],
            ["softmax = ", vec(answer), " ≈ ", vec([approx(a) for a in answer]), "."],
        ]
        candidates = [
            (shifted, "Subtracting the max is fine, but still divide by the sum."),
        ]
        if sum(scaled) != 0:
            candidates.append(
                (
                    [s / sum(scaled) for s in scaled],
                    "Exponentiate first: softmax divides e^(zᵢ), not zᵢ, by the sum.",
                )
            )
        if level == 3:
            times = [z * temperature for z in zs]
            top_t = max(times)
            raw = [sympy.exp(v - top_t) for v in times]
            candidates += [
                (
                    [e / sympy.Add(*raw) for e in raw],
                    "Divide the logits by the temperature, do not multiply.",
                ),
                (
                    [sympy.exp(z - max(zs)) / sympy.Add(*[sympy.exp(v - max(zs)) for v in zs])
                     for z in zs],
                    "Apply the temperature: softmax(z/T).",
                ),
            ]  # fmt: skip
        exactness = SIG4
    mistakes = distinct_mistakes("vector", answer, candidates, gap=MIN_GAP)
    setting = "" if level < 3 else f" at temperature T = {temperature} (that is, softmax(z/T))"
    return Draft(
        prompt=[
            "Compute the softmax of the logits z = ",
            vec(logits),
            setting,
            f". Give [p₁, p₂, p₃] {exactness}.",
        ],
        kind="vector",
        answer=answer,
        params=params,
        solution=[[SOFTMAX, "."], *steps],
        hints=[
            "softmax is unchanged by adding a constant to every logit: subtract the largest.",
            "e^(c + log k) = e^c·k."
            if level == 1
            else "A temperature T divides every logit before the softmax.",
        ],
        mistakes=mistakes,
    )


def _ce_gradient_oracle(params: Mapping[str, Any]) -> list[float]:
    """Central differences of the NumPy cross-entropy with respect to the logits."""
    if "p" in params:
        logits = np.log(float_param(params["p"]))
    else:
        logits = _logits(params)
    size = len(logits)
    target = np.full(size, float_param(params["smoothing"]) / size)
    target[params["label"] - 1] += 1 - float_param(params["smoothing"])

    def loss(z: np.ndarray) -> float:
        return float(-(target * (z - np.logaddexp.reduce(z))).sum())

    h = 1e-5
    return [(loss(logits + h * u) - loss(logits - h * u)) / (2 * h) for u in np.eye(size)]


@template(
    id="ml.softmax-ce-gradient",
    topic="ml.softmax",
    title="Gradient of softmax cross-entropy",
    oracle=_ce_gradient_oracle,
    levels=3,
)
def softmax_ce_gradient(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: probabilities given, one-hot target. Level 2: logits c + log kᵢ for four
    classes. Level 3: the same with label smoothing ε."""
    size = 3 if level == 1 else 4
    label = int(rng.integers(1, size + 1))
    smoothing = sympy.S.Zero
    if level == 1:
        p = probabilities(rng, 3, 10)
        shown = ["The model's softmax output is p = ", vec(p)]
        params: dict[str, Any] = {"p": exact_param(p)}
        steps: list[Any] = []
    else:
        ks, shift, logits = _log_logits(rng, size)
        p = [Rational(k, sum(ks)) for k in ks]
        shown = ["The logits are z = ", vec(logits)]
        params = {"k": ks, "shift": shift}
        steps = [["p = softmax(z) = k/Σk with k = ", vec(ks), ": p = ", vec(p, exact=True), "."]]
        if level == 3:
            smoothing = pick(rng, [Rational(1, 10), Rational(1, 5), Rational(2, 5)])
    one_hot = [sympy.Integer(int(i == label)) for i in range(1, size + 1)]
    target = [(1 - smoothing) * y + smoothing / size for y in one_hot]
    answer = [a - b for a, b in zip(p, target, strict=True)]
    params.update({"label": label, "smoothing": exact_param(smoothing)})
    wrt_p = [-1 / p[label - 1] if y else sympy.S.Zero for y in one_hot]
    candidates: list[tuple[Any, str]] = [
        ([-v for v in answer], "Sign error: the gradient is p − y (predicted minus target)."),
        (p, "Subtract the target distribution y from p."),
        (wrt_p, "That is ∂L/∂p; through the softmax, ∂L/∂z = p − y."),
    ]
    if level == 3:
        candidates += [
            (
                [a - b for a, b in zip(p, one_hot, strict=True)],
                "The target is the smoothed distribution, not the one-hot vector.",
            ),
            (
                [a - ((1 - smoothing) * y + smoothing) for a, y in zip(p, one_hot, strict=True)],
                "Label smoothing spreads ε over all K classes: each gets ε/K.",
            ),
        ]
    mistakes = distinct_mistakes("vector", answer, candidates, gap=MIN_GAP)
    order = "[" + ", ".join(f"∂L/∂z{subscript(k)}" for k in range(1, size + 1)) + "]"
    target_text: list[Any] = [f"the true class is {label} (one-hot target y)"]
    if level == 3:
        target_text = [
            f"the true class is {label}, with label smoothing ε = ",
            num(smoothing),
            f" over K = {size} classes: y = (1 − ε)·onehot + ε/K",
        ]
        steps.append(["Smoothed target y = ", vec(target, exact=True), "."])
    steps += [
        ["For L = −Σ yₖ log pₖ with p = softmax(z), ∂L/∂zₖ = pₖ − yₖ."],
        ["∇_z L = p − y = ", vec(answer, exact=True), "."],
    ]
    return Draft(
        prompt=[
            *shown,
            "; ",
            *target_text,
            ". For the cross-entropy L = −Σₖ yₖ log pₖ, compute the gradient with respect to "
            f"the logits as a vector {order}, exactly (fractions allowed).",
        ],
        kind="vector",
        answer=answer,
        params=params,
        solution=steps,
        hints=[
            "Softmax and cross-entropy together have the gradient p − y.",
            "y sums to 1, so the entries of the gradient sum to 0.",
        ],
        mistakes=mistakes,
    )


def _lse_oracle(params: Mapping[str, Any]) -> float:
    """NumPy's overflow-free logaddexp, minus the chosen logit for a log-probability."""
    z = np.array(params["z"], dtype=float)
    total = float(np.logaddexp.reduce(z))
    if params["log_prob_of"] is None:
        return total
    return float(z[params["log_prob_of"] - 1]) - total


@template(
    id="ml.log-sum-exp",
    topic="ml.softmax",
    title="Log-sum-exp of large logits",
    oracle=_lse_oracle,
    levels=3,
)
def log_sum_exp(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: log(e^a + e^b) for two logits in the hundreds. Level 2: three logits.
    Level 3: a log-softmax probability z_c − LSE(z)."""
    size = 2 if level == 1 else 3
    top = int(rng.integers(710, 1001))  # e^710 overflows float64: the trick is needed
    gaps = [0, *distinct(rng, 1, 3, size - 1)]
    zs = [top - g for g in gaps]
    order = list(rng.permutation(size))
    zs = [zs[i] for i in order]
    rest = sympy.Add(*[sympy.exp(-g) for g in sorted(gaps)])
    tail = sympy.log(rest)
    lse = top + tail
    chosen = int(rng.integers(1, size + 1)) if level == 3 else None
    zsym = Math("z", "z")
    if chosen is None:
        answer = lse
        what = ["LSE(", zsym, ") = log Σᵢ e^(zᵢ)"]
        candidates: list[tuple[Any, str]] = [
            (sympy.Integer(top), "The max is only the leading term: add log Σ e^(zᵢ − max)."),
            (tail, "After factoring e^max out, add the max back: LSE = max + log Σ e^(zᵢ − max)."),
            (top + rest - 1, "log(1 + u) is not u: keep the logarithm of the sum."),
        ]
    else:
        picked = zs[chosen - 1]
        answer = picked - lse
        what = [f"log softmax(z){subscript(chosen)} = z{subscript(chosen)} − log Σᵢ e^(zᵢ)"]
        candidates = [
            (-answer, "Sign: a log-probability is ≤ 0; it is z_c − LSE(z)."),
            (
                sympy.Integer(picked - top),
                "Keep the log Σ e^(zᵢ − max) term of the log-sum-exp.",
            ),
            (picked - tail, "LSE(z) = max + log Σ e^(zᵢ − max): add the max back."),
        ]
    tol = min(1e-3, 1e-4 / abs(to_float(answer)))
    mistakes = distinct_mistakes("number", answer, candidates, gap=10 * tol)
    steps: list[Any] = [
        ["e^(zᵢ) overflows (e^709.8 is about the largest double), so factor out e^max."],
        ["LSE(z) = max + log Σ e^(zᵢ − max) = ", top, " + ", tail, "."],
    ]
    if chosen is not None:
        steps.append([f"log p{subscript(chosen)} = z{subscript(chosen)} − LSE(z) = ", answer, "."])
    decimal = f"{to_float(answer):.6f}"
    steps.append(["≈ ", Math(decimal.replace("-", "−"), decimal), "."])
    return Draft(
        prompt=[
            "For the logits z = ",
            vec(zs),
            ", compute ",
            *what,
            " to 4 decimal places (or exactly).",
        ],
        kind="number",
        answer=answer,
        params={"z": zs, "log_prob_of": chosen},
        solution=steps,
        hints=[
            "LSE(z) = m + log Σ e^(zᵢ − m) with m = max zᵢ.",
            "Every e^(zᵢ − m) is at most 1, so nothing overflows.",
        ],
        mistakes=mistakes,
        rel_tol=tol,
        decimals=4,
    )


__all__ = ["log_sum_exp", "softmax_ce_gradient", "softmax_probabilities"]
