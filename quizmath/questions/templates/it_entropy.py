"""Entropy templates: Shannon entropy in bits and nats, binary entropy, entropy of a count."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy

from quizmath.questions.draw import pick, probabilities
from quizmath.questions.mistakes import distinct_mistakes
from quizmath.questions.model import Draft
from quizmath.questions.params import exact_param, float_param
from quizmath.questions.registry import template
from quizmath.questions.render import Math
from quizmath.questions.templates.it_shared import entropy, log_sum, log_terms, numeric_entropy
from quizmath.questions.templates.op_shared import MIN_GAP, approx, seq

R = sympy.Rational
H_X = Math("H(X)", "H(X)")


def _dyadic(rng: np.random.Generator, size: int) -> list[sympy.Rational]:
    """Probabilities that are powers of 1/2 (at least 1/16), made by splitting mass in halves."""
    masses = [R(1)]
    while len(masses) < size:
        splittable = [i for i, m in enumerate(masses) if m > R(1, 16)]
        i = pick(rng, splittable)
        half = masses.pop(i) / 2
        masses += [half, half]
    order = rng.permutation(size)
    return [masses[int(i)] for i in order]


def _entropy_oracle(params: Mapping[str, Any]) -> float:
    """−Σ p log p by a direct NumPy sum, in the requested base."""
    return numeric_entropy(float_param(params["p"]), 2.0 if params["unit"] == "bits" else np.e)


@template(
    id="it.entropy-discrete",
    topic="it.entropy",
    title="Entropy of a discrete distribution",
    oracle=_entropy_oracle,
)
def entropy_discrete(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: a distribution of powers of 1/2, whose entropy in bits is a simple fraction.
    Level 2: general fractions, in nats."""
    if level == 1:
        size = int(rng.integers(3, 6))
        p = _dyadic(rng, size)
        unit = "bits"
        answer = entropy(p, bits=True)
        nats = entropy(p)
        other = (nats, "That is the value in nats: for bits use log base 2 (log₂(1/pᵢ) is the "
                 "number of halvings).")  # fmt: skip
        terms = " + ".join(f"{pi}·{int(sympy.log(1 / pi, 2))}" for pi in p)
        working: list[Any] = ["H = Σ pᵢ·log₂(1/pᵢ) = ", terms, " = ", answer, " bits."]
        form = "an exact fraction"
    else:
        size = int(rng.integers(3, 5))
        p = probabilities(rng, size, pick(rng, (6, 8, 10, 12)))
        unit = "nats"
        answer = entropy(p)
        other = (entropy(p, bits=True), "That is the value in bits: for nats use the natural log.")
        working = ["H = Σ pᵢ·log(1/pᵢ) = ", log_terms([(pi, 1 / pi) for pi in p]), " = ", answer,
                   " ≈ ", approx(answer), " nats."]  # fmt: skip
        form = "an exact form (e.g. log(2)/2 + log(3)/3) or a decimal to 4 significant digits"
    candidates = [
        other,
        (-answer, "Entropy is never negative: H = −Σ p log p, and log p < 0."),
        (log_sum([(1, size)], unit == "bits"), f"log{'₂' if unit == 'bits' else ''} {size} is "
         f"the entropy of the uniform distribution on {size} values, the maximum; this "
         "distribution is not uniform."),
    ]  # fmt: skip
    return Draft(
        prompt=[
            "A random variable X takes ",
            size,
            " values with probabilities ",
            seq(p),
            ". Compute its entropy ",
            H_X,
            f" in {unit}, as {form}.",
        ],
        kind="number",
        answer=answer,
        params={"p": exact_param(p), "unit": unit},
        solution=[
            [H_X, " = −Σ pᵢ log pᵢ = Σ pᵢ log(1/pᵢ)", " (base 2 for bits, e for nats)."],
            working,
        ],
        hints=[
            "H(X) = Σ pᵢ log(1/pᵢ): each outcome contributes its probability times its surprise.",
            "log₂(1/pᵢ) is an integer when pᵢ is a power of 1/2."
            if level == 1
            else "Group equal probabilities: k outcomes of probability p contribute k·p·log(1/p).",
        ],
        mistakes=distinct_mistakes("number", answer, candidates, gap=MIN_GAP),
    )


def _binary_oracle(params: Mapping[str, Any]) -> float:
    """Entropy of the distribution of one flip, or of the number of heads in two flips."""
    p = float_param(params["p"])
    base = 2.0 if params["unit"] == "bits" else np.e
    if params["flips"] == 1:
        return numeric_entropy(np.array([p, 1 - p]), base)
    counts = np.array([(1 - p) ** 2, 2 * p * (1 - p), p**2])
    return numeric_entropy(counts, base)


def _binary_probabilities() -> list[sympy.Rational]:
    """Reduced fractions k/n with n ≤ 12, other than 1/2."""
    values = {R(k, n) for n in range(3, 13) for k in range(1, n)}
    return sorted(values - {R(1, 2)})


_BINARY = _binary_probabilities()


@template(
    id="it.binary-entropy",
    topic="it.entropy",
    title="Binary entropy and the entropy of a count",
    oracle=_binary_oracle,
)
def binary_entropy(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: H(p) of a biased coin, in bits or nats. Level 2: the entropy of the number of
    heads in two flips, which is less than the entropy 2·H(p) of the ordered pair of flips."""
    p = pick(rng, _BINARY)
    unit = pick(rng, ("bits", "nats")) if level == 1 else "bits"
    bits = unit == "bits"
    single = entropy([p, 1 - p], bits)
    if level == 1:
        answer = single
        candidates = [
            (entropy([p, 1 - p], not bits), f"Wrong unit: the question asks "
             f"for {unit} ({'log base 2' if unit == 'bits' else 'natural log'})."),
            (log_sum([(p, 1 / p)], bits), "Include both outcomes: H(p) = −p log p − (1 − p) "
             "log(1 − p)."),
            (-single, "Entropy is never negative: H = −Σ p log p."),
        ]  # fmt: skip
        prompt = ["A coin lands heads with probability p = ", p, ". Compute the entropy of one "
                  f"flip in {unit}, exactly or to 4 significant digits."]  # fmt: skip
        solution = [
            ["H(p) = −p log p − (1 − p) log(1 − p) with p = ", p, ", 1 − p = ", 1 - p, "."],
            ["H = ", log_terms([(p, 1 / p), (1 - p, 1 / (1 - p))], bits), " = ", answer, " ≈ ",
             approx(answer), f" {unit}."],
        ]  # fmt: skip
    else:
        dist = [(1 - p) ** 2, 2 * p * (1 - p), p**2]
        answer = entropy(dist, bits=True)
        candidates = [
            (2 * single, "2·H(p) is the entropy of the ordered pair of flips; the count K "
             "merges HT and TH into K = 1, which loses 2p(1 − p) bits."),
            (entropy(dist), "That is the value in nats: for bits use log base 2."),
            (log_sum([(1, 3)], bits=True), "log₂ 3 would need the three counts to be "
             "equally likely."),
        ]  # fmt: skip
        prompt = ["A coin lands heads with probability p = ", p, ". Let K be the number of "
                  "heads in two independent flips. Compute H(K) in bits, exactly or to 4 "
                  "significant digits."]  # fmt: skip
        solution = [
            ["K takes the values 0, 1, 2 with probabilities (1 − p)², 2p(1 − p), p² = ",
             seq(dist), "."],
            ["H(K) = Σ P(K = k)·log₂(1/P(K = k)) = ", log_terms([(q, 1 / q) for q in dist], True),
             " = ", answer, " ≈ ", approx(answer), " bits."],
        ]  # fmt: skip
    return Draft(
        prompt=prompt,
        kind="number",
        answer=answer,
        params={"p": exact_param(p), "unit": unit, "flips": level},
        solution=solution,
        hints=[
            "H = Σ P(outcome)·log(1/P(outcome)).",
            "Bits use log base 2; nats use the natural log (1 bit = log 2 ≈ 0.693 nats).",
        ],
        mistakes=distinct_mistakes("number", answer, candidates, gap=MIN_GAP),
    )


__all__ = ["binary_entropy", "entropy_discrete"]
