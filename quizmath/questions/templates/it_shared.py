"""Exact information quantities for the information-theory templates.

Keys stay exact (rational multiples of logs of primes) so the learner may type either a log
expression or a decimal, and the printed key stays short.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import sympy

from quizmath.questions.render import Math

LOG2 = sympy.log(2)
DECIMAL_REL_TOL = 2e-3
"""For keys that combine several rounded terms (KL, information gain, mutual information, Gini
gain), asked to 4 decimal places and at least ``MIN_DECIMAL_KEY``: an answer worked from terms
rounded to 4 places, off by a unit in the last place, still lies within it."""
MIN_DECIMAL_KEY = 0.1


def log_sum(terms: Iterable[tuple[Any, Any]], bits: bool = False) -> sympy.Expr:
    """Σ cᵢ·log(vᵢ) for rationals cᵢ, vᵢ > 0, rewritten over logs of primes.

    In bits the log 2 terms become a rational and the others are divided by log 2, so that a
    key like 7/4 stays a plain fraction.
    """
    by_prime: dict[int, sympy.Rational] = defaultdict(lambda: sympy.Integer(0))
    for coefficient, value in terms:
        value = sympy.Rational(value)
        if coefficient == 0 or value == 1:
            continue
        for prime, power in sympy.factorint(value.p).items():
            by_prime[prime] += coefficient * power
        for prime, power in sympy.factorint(value.q).items():
            by_prime[prime] -= coefficient * power
    if not bits:
        return sympy.Add(*(c * sympy.log(p) for p, c in sorted(by_prime.items()) if c))
    return by_prime.get(2, sympy.Integer(0)) + sympy.Add(
        *(c * sympy.log(p) / LOG2 for p, c in sorted(by_prime.items()) if c and p != 2)
    )


def plogq(p: Sequence[Any], q: Sequence[Any], bits: bool = False) -> sympy.Expr:
    """Σ pᵢ·log(1/qᵢ), the cross-entropy H(p, q); terms with pᵢ = 0 vanish."""
    return log_sum(((pi, 1 / sympy.Rational(qi)) for pi, qi in zip(p, q, strict=True) if pi), bits)


def entropy(p: Sequence[Any], bits: bool = False) -> sympy.Expr:
    """H(p) = Σ pᵢ·log(1/pᵢ)."""
    return plogq(p, p, bits)


def kl(p: Sequence[Any], q: Sequence[Any], bits: bool = False) -> sympy.Expr:
    """KL(p‖q) = Σ pᵢ·log(pᵢ/qᵢ)."""
    pairs = ((pi, sympy.Rational(pi) / qi) for pi, qi in zip(p, q, strict=True) if pi)
    return log_sum(pairs, bits)


def log_terms(terms: Sequence[tuple[Any, Any]], bits: bool = False) -> Math:
    """``(5/6)·log(6/5) + (1/6)·log(6)``: the written-out sum Σ cᵢ·log(vᵢ) of a solution step."""
    name, name_latex = ("log₂", r"\log_2") if bits else ("log", r"\log")
    texts, latexes = [], []
    for coefficient, value in terms:
        c, v = sympy.Rational(coefficient), sympy.Rational(value)
        c_text = "" if c == 1 else (f"{c}·" if c.q == 1 else f"({c})·")
        c_latex = "" if c == 1 else sympy.latex(c) + r"\,"
        texts.append(f"{c_text}{name}({v})")
        latexes.append(rf"{c_latex}{name_latex}\left({sympy.latex(v)}\right)")
    return Math(" + ".join(texts), " + ".join(latexes))


def from_counts(counts: Sequence[int]) -> list[sympy.Rational]:
    """Class counts as a probability vector."""
    total = sum(counts)
    return [sympy.Rational(c, total) for c in counts]


def numeric_entropy(p: np.ndarray, base: float = np.e) -> float:
    """−Σ p log p by a direct NumPy sum, skipping zeros (0·log 0 = 0)."""
    p = p[p > 0]
    return float(-np.sum(p * np.log(p)) / np.log(base))


__all__ = [
    "DECIMAL_REL_TOL",
    "LOG2",
    "MIN_DECIMAL_KEY",
    "entropy",
    "from_counts",
    "kl",
    "log_sum",
    "log_terms",
    "numeric_entropy",
    "plogq",
]
