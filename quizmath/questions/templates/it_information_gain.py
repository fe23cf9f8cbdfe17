"""Split-quality and dependence templates: information gain, Gini impurity, mutual information."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import sympy

from quizmath.checking.spec import DEFAULT_REL_TOL
from quizmath.questions.draw import pick
from quizmath.questions.mistakes import distinct_mistakes
from quizmath.questions.model import Draft
from quizmath.questions.params import exact_param, float_param
from quizmath.questions.registry import template
from quizmath.questions.templates.it_shared import (
    DECIMAL_REL_TOL,
    MIN_DECIMAL_KEY,
    entropy,
    from_counts,
    kl,
    log_sum,
    numeric_entropy,
)
from quizmath.questions.templates.op_shared import MIN_GAP, approx, grp, seq

R = sympy.Rational
CLASS_NAMES = ("A", "B", "C")


def _split(rng: np.random.Generator, classes: int, children: int) -> list[list[int]]:
    """Class counts per child (rows), every child non-empty, totals at most 16."""
    while True:
        rows = [[int(v) for v in rng.integers(0, 6, size=classes)] for _ in range(children)]
        parent = [sum(col) for col in zip(*rows, strict=True)]
        if all(sum(r) > 0 for r in rows) and all(parent) and sum(parent) <= 16:
            return rows


def _describe(counts: Sequence[int]) -> str:
    return ", ".join(f"{c} of class {name}" for c, name in zip(counts, CLASS_NAMES, strict=False))


def _entropy_bits(counts: Sequence[int]) -> sympy.Expr:
    return entropy(from_counts(counts), bits=True)


def _gain(rows: list[list[int]], bits: bool) -> sympy.Expr:
    """H(parent) − Σ (nₖ/n)·H(childₖ) as one combination of logs, so the key stays short."""
    parent = [sum(col) for col in zip(*rows, strict=True)]
    n = sum(parent)
    terms = [(R(c, n), R(n, c)) for c in parent if c]
    terms += [(R(-c, n), R(sum(r), c)) for r in rows for c in r if c]
    return log_sum(terms, bits)


def _gain_oracle(params: Mapping[str, Any]) -> float:
    """H(parent) − Σ (nₖ/n)·H(childₖ) in bits by direct NumPy sums over the counts."""
    rows = [np.array(r, dtype=float) for r in params["children"]]
    parent = np.sum(rows, axis=0)
    n = parent.sum()
    weighted = sum(r.sum() / n * numeric_entropy(r / r.sum(), 2.0) for r in rows)
    return numeric_entropy(parent / n, 2.0) - weighted


@template(
    id="it.information-gain",
    topic="it.information-gain",
    title="Information gain of a split",
    oracle=_gain_oracle,
)
def information_gain(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: two classes, two children. Level 2: three classes, two children (or two classes,
    three children)."""
    classes, children = (2, 2) if level == 1 else pick(rng, ((3, 2), (2, 3)))
    while True:
        rows = _split(rng, classes, children)
        parent = [sum(col) for col in zip(*rows, strict=True)]
        n = sum(parent)
        child_h = [_entropy_bits(r) for r in rows]
        weighted = sum(R(sum(r), n) * h for r, h in zip(rows, child_h, strict=True))
        answer = _gain(rows, bits=True)
        if float(answer) >= MIN_DECIMAL_KEY:
            break
    unweighted = sum(child_h) / children
    candidates = [
        (_entropy_bits(parent) - unweighted, "Weight each child's entropy by its share of the "
         "examples, nₖ/n."),
        (weighted, "That is the weighted entropy after the split; the gain subtracts it from the "
         "parent's entropy."),
        (_gain(rows, bits=False), "That is the gain in nats: use log base 2 for bits."),
    ]  # fmt: skip
    sides = ("left", "right") if children == 2 else ("first", "second", "third")
    description = "; ".join(f"the {side} child gets {_describe(r)}" for side, r in
                            zip(sides, rows, strict=True))  # fmt: skip
    prompt = [f"A decision-tree node holds {_describe(parent)} ({n} examples). A split sends "
              f"them to {children} children: {description}. Compute the information gain of "
              "the split in bits, exactly (a log expression) or as a decimal rounded to 4 "
              "decimal places."]  # fmt: skip
    child_lines = [
        [f"H({side}) = H", seq(from_counts(r)), *_about(h), " bits",
         f" ({sum(r)} example{'s' if sum(r) > 1 else ''})."]
        for side, r, h in zip(sides, rows, child_h, strict=True)
    ]  # fmt: skip
    weighted_text = " + ".join(
        f"({sum(r)}/{n})·{approx(h) if h else 0}" for r, h in zip(rows, child_h, strict=True)
    )
    return Draft(
        prompt=prompt,
        kind="number",
        answer=answer,
        params={"children": rows},
        solution=[
            [
                "H(parent) = H",
                seq(from_counts(parent)),
                " ≈ ",
                approx(_entropy_bits(parent)),
                " bits.",
            ],
            *child_lines,
            [
                "IG = H(parent) − Σ (nₖ/n)·H(childₖ) ≈ ",
                approx(_entropy_bits(parent)),
                " − (",
                weighted_text,
                ") ≈ ",
                approx(answer),
                " bits; exactly, IG = ",
                answer,
                ".",
            ],
        ],  # fmt: skip
        hints=[
            "Entropy of a node: H = Σ pᵢ log₂(1/pᵢ) over its class proportions (0·log 0 = 0).",
            "Subtract the children's entropies weighted by their sizes nₖ/n.",
        ],
        mistakes=distinct_mistakes("number", answer, candidates, gap=MIN_GAP),
        rel_tol=DECIMAL_REL_TOL,
        decimals=4,
    )


def _about(value: sympy.Expr) -> list[Any]:
    """`` = 0`` for a pure node, else `` ≈ 0.9183``: entropies are worked with 4 decimals."""
    return [" = ", 0] if value == 0 else [" ≈ ", approx(value)]


def _gini(counts: Sequence[int]) -> sympy.Rational:
    total = sum(counts)
    return 1 - sum(R(c, total) ** 2 for c in counts)


def _gini_oracle(params: Mapping[str, Any]) -> float:
    """1 − Σ p² for one node, or the parent's impurity minus the children's weighted one."""
    rows = [np.array(r, dtype=float) for r in params["children"]]

    def impurity(counts: np.ndarray) -> float:
        return float(1.0 - np.sum((counts / counts.sum()) ** 2))

    parent = np.sum(rows, axis=0)
    if len(rows) == 1:
        return impurity(parent)
    n = parent.sum()
    return impurity(parent) - sum(r.sum() / n * impurity(r) for r in rows)


@template(
    id="it.gini",
    topic="it.information-gain",
    title="Gini impurity and Gini gain",
    oracle=_gini_oracle,
)
def gini(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: the Gini impurity 1 − Σ pᵢ² of a node with 2–3 classes. Level 2: the decrease in
    Gini impurity achieved by a split into two children."""
    if level == 1:
        classes = int(rng.integers(2, 4))
        while True:
            counts = [int(v) for v in rng.integers(1, 9, size=classes)]
            if len(set(counts)) > 1 or classes == 3:
                break
        rows = [counts]
        answer = _gini(counts)
        n = sum(counts)
        candidates = [
            (1 - answer, "That is Σ pᵢ², the chance two draws agree; the impurity is 1 − Σ pᵢ²."),
            (entropy(from_counts(counts), bits=True), "That is the entropy in bits; Gini impurity "
             "is 1 − Σ pᵢ²."),
        ]  # fmt: skip
        prompt = [f"A decision-tree node holds {_describe(counts)} ({n} examples). Compute its "
                  "Gini impurity as an exact fraction (or a decimal to 4 significant digits)."
                  ]  # fmt: skip
        rel_tol = DEFAULT_REL_TOL
        squares = " + ".join(f"({c}/{n})²" for c in counts)
        solution: list[Any] = [
            ["Gini impurity is the chance that two examples drawn at random (with replacement) "
             "have different classes: 1 − Σ pᵢ²."],
            ["Gini = 1 − (", squares, ") = ", answer, "."],
        ]  # fmt: skip
    else:
        classes = int(rng.integers(2, 4))
        while True:
            rows = _split(rng, classes, 2)
            parent = [sum(col) for col in zip(*rows, strict=True)]
            n = sum(parent)
            child_g = [_gini(r) for r in rows]
            weighted = sum(R(sum(r), n) * g for r, g in zip(rows, child_g, strict=True))
            answer = _gini(parent) - weighted
            if answer >= MIN_DECIMAL_KEY and sum(rows[0]) != sum(rows[1]):
                break
        candidates = [
            (_gini(parent) - sum(child_g) / 2, "Weight each child's impurity by its share of "
             "the examples, nₖ/n."),
            (weighted, "That is the weighted impurity after the split; the gain subtracts it "
             "from the parent's impurity."),
        ]  # fmt: skip
        prompt = [f"A decision-tree node holds {_describe(parent)} ({n} examples). A split sends "
                  f"{_describe(rows[0])} left and {_describe(rows[1])} right. Compute the "
                  "decrease in Gini impurity (parent minus weighted children) as an exact "
                  "fraction or a decimal rounded to 4 decimal places."]  # fmt: skip
        rel_tol = DECIMAL_REL_TOL
        solution = [
            ["Gini(parent) = ", _gini(parent), ", Gini(left) = ", child_g[0], ", Gini(right) = ",
             child_g[1], "."],
            ["Weighted: ", R(sum(rows[0]), n), "·", grp(child_g[0]), " + ", R(sum(rows[1]), n),
             "·", grp(child_g[1]), " = ", weighted, "."],
            ["Gain = ", _gini(parent), " − ", weighted, " = ", answer, " ≈ ", approx(answer), "."],
        ]  # fmt: skip
    return Draft(
        prompt=prompt,
        kind="number",
        answer=answer,
        params={"children": rows},
        solution=solution,
        hints=[
            "Gini impurity = 1 − Σ pᵢ² over the class proportions.",
            "For a split, weight each child by nₖ/n.",
        ],
        mistakes=distinct_mistakes("number", answer, candidates, gap=MIN_GAP),
        rel_tol=rel_tol,
        decimals=None if level == 1 else 4,
    )


def _mutual_information_oracle(params: Mapping[str, Any]) -> float:
    """Σ p(x, y)·log(p(x, y)/(p(x)p(y))) by a direct NumPy double sum."""
    joint = float_param(params["joint"])
    px, py = joint.sum(axis=1), joint.sum(axis=0)
    value = float(np.sum(joint * np.log(joint / np.outer(px, py))))
    return value / np.log(2) if params["unit"] == "bits" else value


@template(
    id="it.mutual-information",
    topic="it.information-gain",
    title="Mutual information from a joint table",
    oracle=_mutual_information_oracle,
)
def mutual_information(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: I(X; Y) in nats from a 2×2 joint table. Level 2: in bits from a 2×3 table."""
    cols = 2 if level == 1 else 3
    unit = "nats" if level == 1 else "bits"
    bits = level == 2
    while True:
        denominator = pick(rng, (8, 10, 12, 16, 20))
        cuts = sorted(int(v) for v in rng.choice(np.arange(1, denominator), 2 * cols - 1, False))
        counts = np.diff([0, *cuts, denominator]).tolist()
        joint = [[R(c, denominator) for c in counts[r * cols : (r + 1) * cols]] for r in range(2)]
        px = [sum(row) for row in joint]
        py = [sum(col) for col in zip(*joint, strict=True)]
        flat = [v for row in joint for v in row]
        product = [a * b for a in px for b in py]
        answer = kl(flat, product, bits)
        if float(answer) >= MIN_DECIMAL_KEY:
            break
    joint_entropy = entropy(flat, bits)
    candidates = [
        (kl(flat, product, not bits), f"Wrong unit: the question asks for "
         f"{unit}."),
        (joint_entropy, "That is the joint entropy H(X, Y); I(X; Y) = H(X) + H(Y) − H(X, Y)."),
        (entropy(px, bits) + entropy(py, bits), "Subtract the joint entropy: I(X; Y) = H(X) + H(Y) "
         "− H(X, Y)."),
    ]  # fmt: skip
    table = sympy.Matrix(joint)
    prompt = ["The joint distribution of X ∈ {0, 1} (rows) and Y ∈ {", ", ".join(
        str(j) for j in range(cols)), "} (columns) is ", table, f". Compute the mutual "
        f"information I(X; Y) in {unit}, exactly (a sum of logs) or as a decimal rounded to 4 "
        "decimal places."]  # fmt: skip
    h_x, h_y = entropy(px, bits), entropy(py, bits)
    return Draft(
        prompt=prompt,
        kind="number",
        answer=answer,
        params={"joint": exact_param(joint), "unit": unit},
        solution=[
            ["Marginals: p(x) = ", seq(px), ", p(y) = ", seq(py), "."],
            [
                "I(X; Y) = Σ p(x, y)·log(p(x, y)/(p(x)p(y))) = KL(p(x, y) ‖ p(x)p(y)) "
                "= H(X) + H(Y) − H(X, Y)."
            ],
            [
                f"In {unit}: H(X) ≈ ",
                approx(h_x),
                ", H(Y) ≈ ",
                approx(h_y),
                ", H(X, Y) ≈ ",
                approx(joint_entropy),
                ", so I(X; Y) = ",
                answer,
                " ≈ ",
                approx(answer),
                f" {unit}.",
            ],
        ],  # fmt: skip
        hints=[
            "Compute both marginals first.",
            "I(X; Y) = H(X) + H(Y) − H(X, Y), and it is 0 exactly when X and Y are independent.",
        ],
        mistakes=distinct_mistakes("number", answer, candidates, gap=MIN_GAP),
        rel_tol=DECIMAL_REL_TOL,
        decimals=4,
    )


__all__ = ["gini", "information_gain", "mutual_information"]
