"""Rules of probability: conditional probability from counts, total probability, complements
("at least one") and independence."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy
from sympy import Rational as R

from quizmath.questions.draw import distinct, pick, probabilities
from quizmath.questions.mistakes import distinct_mistakes
from quizmath.questions.model import Draft
from quizmath.questions.notation import superscript
from quizmath.questions.params import exact_param, float_param
from quizmath.questions.registry import template
from quizmath.questions.templates.pr_common import MIN_GAP, percent

# (noun, row groups, column outcomes, "they ..." for a row, for a column, for "not" a column)
_TABLES = (
    (
        "survey respondents",
        ("north", "south", "west"),
        ("tea", "coffee", "juice"),
        "live in the {r}",
        "prefer {c}",
        "do not prefer {c}",
    ),
    (
        "patients",
        ("under 40", "aged 40–60", "over 60"),
        ("recovered", "improved", "unchanged"),
        "are {r}",
        "had the outcome “{c}”",
        "did not have the outcome “{c}”",
    ),
    (
        "students",
        ("math", "physics", "biology"),
        ("an A", "a B", "a C"),
        "study {r}",
        "got {c}",
        "did not get {c}",
    ),
    (
        "emails",
        ("from a contact", "from a mailing list", "from an unknown sender"),
        ("spam", "promotions", "personal"),
        "came {r}",
        "were labelled {c}",
        "were not labelled {c}",
    ),
)


def _conditional_oracle(params: Mapping[str, Any]) -> float:
    """Counts in the target cell over counts in the conditioning event, with NumPy sums."""
    counts = np.array(params["counts"], dtype=float)
    row, col = params["row"], params["col"]
    if params["negated"]:
        given = np.delete(counts, col, axis=1)
        return float(given[row].sum() / given.sum())
    return float(counts[row, col] / counts[:, col].sum())


@template(
    id="pr.conditional-table",
    topic="pr.rules",
    title="Conditional probability from a table of counts",
    oracle=_conditional_oracle,
)
def conditional_table(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: P(row | column) from a 2×2 table of counts. Level 2: a 3×3 table, conditioning on
    the complement of a column ("given not c")."""
    size = 2 if level == 1 else 3
    noun, rows, cols, row_phrase, col_phrase, not_phrase = pick(rng, _TABLES)
    counts = rng.integers(2, 31, size=(size, size)).tolist()
    row, col = int(rng.integers(size)), int(rng.integers(size))
    negated = level == 2
    total = sum(map(sum, counts))
    # The condition is one column, or (level 2) every column but one.
    kept = [c for c in range(size) if (c != col) == negated]
    hits = sum(counts[row][c] for c in kept)
    given = sum(counts[r][c] for r in range(size) for c in kept)
    condition = (not_phrase if negated else col_phrase).format(c=cols[col])
    answer = R(hits, given)
    reversed_ = R(hits, sum(counts[row]))
    joint = R(hits, total)
    lines = "; ".join(
        f"{rows[r]}: " + ", ".join(f"{counts[r][c]} {cols[c]}" for c in range(size))
        for r in range(size)
    )
    target = row_phrase.format(r=rows[row])
    return Draft(
        prompt=[
            f"{total} {noun} are counted by group and outcome ({lines}). One of them is picked "
            f"at random. Given that they {condition}, what is the probability that they "
            f"{target}? Give an exact fraction.",
        ],
        kind="number",
        answer=answer,
        params={"counts": counts, "row": row, "col": col, "negated": negated},
        solution=[
            [f"Events: A, they {target}; B, they {condition}. Restrict to B: {given} {noun}."],
            [f"Of these, {hits} {target}: |A ∩ B| = {hits}."],
            [
                f"P(A | B) = |A ∩ B| / |B| = {hits}/{given}",
                *([] if answer.q == given else [" = ", answer]),
                ".",
            ],
        ],
        hints=[
            "P(A | B) = P(A ∩ B) / P(B): the condition shrinks the population to B.",
            "Only the column(s) of the condition count in the denominator.",
        ],
        mistakes=distinct_mistakes(
            "number",
            answer,
            [
                (
                    reversed_,
                    "That is the reverse conditional, P(condition | group): divide by the "
                    "number that meet the condition, not by the size of the group.",
                ),
                (
                    joint,
                    f"That is the joint probability, a fraction of all {total}: divide by the "
                    "number that meet the condition instead.",
                ),
            ],
            gap=MIN_GAP,
        ),
    )


_SOURCES = (
    (
        "A factory has machines {names} making {shares} of its parts; their defect rates are "
        "{rates}.",
        "a random part is defective",
        "machine",
    ),
    (
        "A cloud service runs on data centres {names} serving {shares} of requests; their failure "
        "rates are {rates}.",
        "a random request fails",
        "data centre",
    ),
    (
        "A shop buys from suppliers {names} in shares {shares}; the fractions of late deliveries "
        "are {rates}.",
        "a random delivery is late",
        "supplier",
    ),
)
_SHARES = (R(1, 10), R(1, 5), R(1, 4), R(3, 10), R(2, 5), R(1, 2), R(3, 5), R(7, 10))
_RATES = tuple(R(k, 100) for k in (1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20))


def _total_probability_oracle(params: Mapping[str, Any]) -> float:
    """Σ P(source)·P(event | source) as a NumPy dot product."""
    shares = float_param(params["shares"])
    rates = float_param(params["rates"])
    return float(shares @ rates)


@template(
    id="pr.total-probability",
    topic="pr.rules",
    title="Law of total probability",
    oracle=_total_probability_oracle,
)
def total_probability(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: two sources with given shares and conditional rates. Level 2: three sources."""
    count = level + 1
    text, event, unit = pick(rng, _SOURCES)
    names = "ABC"[:count]
    if count == 2:
        first = pick(rng, _SHARES)
        shares = [first, 1 - first]
    else:
        shares = probabilities(rng, 3, 10)
    rates = [_RATES[i] for i in distinct(rng, 0, len(_RATES) - 1, count)]
    terms = [s * r for s, r in zip(shares, rates, strict=True)]
    answer = sum(terms)
    listed = ", ".join(f"{unit} {n}: {percent(r)}" for n, r in zip(names, rates, strict=True))
    share_text = ", ".join(percent(s) for s in shares)
    prompt = text.format(names=", ".join(names), shares=share_text, rates=listed)
    return Draft(
        prompt=[prompt, f" What is the probability that {event}? Give an exact fraction."],
        kind="number",
        answer=answer,
        params={"shares": exact_param(shares), "rates": exact_param(rates)},
        solution=[
            [f"Total probability: P(E) = Σ P({unit})·P(E | {unit})."],
            [
                "P(E) = "
                + " + ".join(f"{s}·{r}" for s, r in zip(shares, rates, strict=True))
                + " = "
                + " + ".join(str(t) for t in terms)
                + "."
            ],
            ["Sum: P(E) = ", answer, "."],
        ],
        hints=[f"Split by {unit}: weight each conditional rate by that {unit}'s share."],
        mistakes=distinct_mistakes(
            "number",
            answer,
            [
                (
                    sum(rates) / count,
                    "You averaged the rates without weights: each rate counts in "
                    "proportion to its source's share.",
                ),
                (
                    terms[0],
                    f"That is only the {unit} A branch: add the other sources' contributions.",
                ),
                (sum(rates), "You added the conditional rates: weight each by its share."),
            ],
            gap=MIN_GAP,
        ),
    )


_EVENT_PROBS = (
    R(1, 2),
    R(1, 3),
    R(2, 3),
    R(1, 4),
    R(3, 4),
    R(1, 5),
    R(2, 5),
    R(3, 5),
    R(1, 6),
    R(1, 10),
    R(3, 10),
)
_TRIAL_PROBS = (R(1, 2), R(1, 3), R(1, 4), R(1, 5), R(1, 6), R(1, 10), R(2, 5), R(2, 3))
_TRIALS = (
    (
        "A basketball player makes each free throw with probability {p}, independently. In {n} "
        "throws, what is the probability of at least one basket?"
    ),
    (
        "Each of {n} independent servers is down with probability {p}. What is the probability "
        "that at least one is down?"
    ),
    (
        "A lottery ticket wins with probability {p}. With one ticket in each of {n} independent "
        "draws, what is the probability of winning at least once?"
    ),
)


def _at_least_one_oracle(params: Mapping[str, Any]) -> float:
    """1 − Π(1 − p_i), the complement of "none happens"."""
    probs = float_param(params["probs"])
    return float(1 - np.prod(1 - probs))


@template(
    id="pr.at-least-one",
    topic="pr.rules",
    title="At least one: unions and complements of independent events",
    oracle=_at_least_one_oracle,
    levels=3,
)
def at_least_one(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: P(A ∪ B) for independent A, B. Level 2: at least one success in n identical
    trials. Level 3: at least one of three independent events with different probabilities."""
    if level == 2:
        p = pick(rng, _TRIAL_PROBS)
        n = int(rng.integers(3, 7))
        probs = [p] * n
        prompt = [pick(rng, _TRIALS).format(p=p, n=n), " Give an exact fraction."]
        none_text: list[Any] = [
            f"P(none) = ({1 - p}){superscript(n)} = ",
            (1 - p) ** n,
            ".",
        ]
    else:
        count = 2 if level == 1 else 3
        probs = [_EVENT_PROBS[i] for i in distinct(rng, 0, len(_EVENT_PROBS) - 1, count)]
        names = "ABC"[:count]
        given = ", ".join(f"P({n}) = {p}" for n, p in zip(names, probs, strict=True))
        union = " ∪ ".join(names)
        prompt = [
            f"Events {', '.join(names)} are independent with {given}. What is "
            f"P({union}), the probability that at least one happens? Give an exact "
            "fraction."
        ]
        none_text = [
            "P(none) = " + "·".join(f"({1 - p})" for p in probs) + " (independent complements) = ",
            sympy.Mul(*[1 - p for p in probs]),
            ".",
        ]
    none = sympy.Mul(*[1 - p for p in probs])
    answer = 1 - none
    everything = sympy.Mul(*probs)
    mistakes = [
        (
            sum(probs),
            "Adding the probabilities counts the overlaps more than once (and can "
            "exceed 1): use 1 − P(none).",
        ),
        (everything, "That is the probability that all of them happen."),
        (none, "That is P(none happens); the question asks for its complement."),
    ]
    if level == 2:
        mistakes.append(
            (
                1 - probs[0] ** len(probs),
                "1 − pⁿ is 1 − P(all succeed); 'at least "
                "one' is the complement of 'none', (1 − p)ⁿ.",
            )
        )
    return Draft(
        prompt=prompt,
        kind="number",
        answer=answer,
        params={"probs": exact_param(probs)},
        solution=[
            ["'At least one' is the complement of 'none'."],
            none_text,
            ["P(at least one) = 1 − P(none) = ", answer, "."],
        ],
        hints=["Compute the probability that none happens; independence lets you multiply."],
        mistakes=distinct_mistakes("number", answer, mistakes, gap=MIN_GAP),
    )


_INDEPENDENT, _DEPENDENT = "independent", "dependent"
_MARGINALS = (R(1, 2), R(1, 3), R(2, 3), R(1, 4), R(3, 4), R(1, 5), R(2, 5), R(3, 5), R(4, 5))


def _independence_oracle(params: Mapping[str, Any]) -> str:
    """Compare the joint table with the outer product of its marginals in NumPy."""
    joint = float_param(params["joint"])
    product = np.outer(joint.sum(axis=1), joint.sum(axis=0))
    return _INDEPENDENT if np.allclose(joint, product, rtol=0, atol=1e-12) else _DEPENDENT


@template(
    id="pr.independence",
    topic="pr.rules",
    title="Independent or not",
    oracle=_independence_oracle,
)
def independence(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: events A, B given P(A), P(B), P(A ∩ B) (sometimes disjoint). Level 2: a 2×3 joint
    table of X and Y, where one cell can break independence."""
    independent = bool(rng.integers(2))
    if level == 1:
        pa, pb = pick(rng, _MARGINALS), pick(rng, _MARGINALS)
        if independent:
            pab = pa * pb
        elif pa + pb <= 1 and rng.integers(3) == 0:
            pab = sympy.Integer(0)
        else:
            shifts = [
                s
                for s in (R(-1, 10), R(-1, 20), R(1, 20), R(1, 10))
                if max(0, pa + pb - 1) < pa * pb + s <= min(pa, pb)
            ]
            pab = pa * pb + pick(rng, shifts)
        joint = [[pab, pa - pab], [pb - pab, 1 - pa - pb + pab]]
        prompt = [
            f"P(A) = {pa}, P(B) = {pb} and P(A ∩ B) = {pab}. Are A and B independent? "
            f"Answer “{_INDEPENDENT}” or “{_DEPENDENT}”."
        ]
        check = ["P(A)·P(B) = ", pa, "·", pb, " = ", pa * pb, " versus P(A ∩ B) = ", pab, "."]
        evidence = [check]
        verdict = (
            "P(A ∩ B) = P(A)·P(B), so A and B are independent."
            if independent
            else "P(A ∩ B) ≠ P(A)·P(B), so A and B are dependent."
        )
        if independent:
            feedback = (
                f"P(A)·P(B) = {pa * pb} is exactly P(A ∩ B), which is the definition of "
                "independence."
            )
        elif pab == 0:
            feedback = (
                "Disjoint is not independent: P(A ∩ B) = 0 but P(A)·P(B) > 0, so knowing A "
                "happened rules B out."
            )
        else:
            feedback = f"Independence needs P(A ∩ B) = P(A)·P(B) = {pa * pb}, but P(A ∩ B) = {pab}."
    else:
        px = pick(rng, _MARGINALS)
        denominator = int(pick(rng, (4, 5, 6)))
        py = probabilities(rng, 3, denominator)
        xs = [px, 1 - px]
        joint = [[a * b for b in py] for a in xs]
        if not independent:
            # Move one grid step of mass between two cells of a row: the X marginal stays, Y's
            # changes, and the table keeps the denominators of an independent one (no tell).
            unit = R(1, px.q * denominator)
            moves = [
                (r, c1, c2)
                for r in range(2)
                for c1 in range(3)
                for c2 in range(3)
                if c1 != c2 and joint[r][c2] > unit
            ]
            row, c1, c2 = pick(rng, moves)
            joint[row][c1] += unit
            joint[row][c2] -= unit
        table = sympy.Matrix(joint)
        prompt = [
            "X ∈ {0, 1} (rows: X = 0, 1) and Y ∈ {0, 1, 2} (columns: Y = 0, 1, 2) have the "
            "joint probability table ",
            table,
            f". Are X and Y independent? Answer “{_INDEPENDENT}” or “{_DEPENDENT}”.",
        ]
        rows = [sum(r) for r in joint]
        cols = [sum(joint[r][c] for r in range(2)) for c in range(3)]
        product = sympy.Matrix(2, 3, lambda r, c: rows[r] * cols[c])
        evidence = [
            ["Marginals: P(X) = ", sympy.Tuple(*rows), ", P(Y) = ", sympy.Tuple(*cols), "."],
            ["Product of marginals: ", product, "."],
        ]
        if independent:
            verdict = "The joint table equals the product in every cell: independent."
            feedback = (
                "Every joint probability equals the product of its marginals, so X and Y are "
                "independent."
            )
        else:
            r, c = next((r, c) for r in range(2) for c in range(3) if joint[r][c] != product[r, c])
            verdict = (
                f"They differ, e.g. P(X = {r}, Y = {c}) = {joint[r][c]} but "
                f"P(X = {r})·P(Y = {c}) = {product[r, c]}: dependent."
            )
            feedback = (
                "Independence needs P(x, y) = P(x)·P(y) in every cell; compare the table with "
                "the product of its marginals: at least one cell differs."
            )
    answer = _INDEPENDENT if independent else _DEPENDENT
    wrong = _DEPENDENT if independent else _INDEPENDENT
    return Draft(
        prompt=prompt,
        kind="choice",
        answer=answer,
        choices=(_INDEPENDENT, _DEPENDENT),
        params={"joint": exact_param(joint)},
        solution=[*evidence, [verdict]],
        hints=[
            "Independent means P(A ∩ B) = P(A)·P(B) (for variables: in every cell).",
            "Disjoint events with positive probabilities are never independent.",
        ],
        mistakes=[(wrong, feedback)],
    )


__all__ = ["at_least_one", "conditional_table", "independence", "total_probability"]
