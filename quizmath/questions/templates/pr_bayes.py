"""Bayes' rule templates: diagnostic tests and base rates, several hypotheses, naive Bayes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy
from sympy import Rational as R

from quizmath.questions.draw import distinct, pick, probabilities
from quizmath.questions.mistakes import distinct_mistakes
from quizmath.questions.model import Draft
from quizmath.questions.params import exact_param, float_param
from quizmath.questions.registry import template
from quizmath.questions.render import Math
from quizmath.questions.templates.pr_common import MIN_GAP, percent

_PREVALENCES = (R(1, 1000), R(1, 200), R(1, 100), R(2, 100), R(3, 100), R(5, 100), R(1, 10))
_SENSITIVITIES = (R(80, 100), R(85, 100), R(90, 100), R(95, 100), R(98, 100), R(99, 100))
_SPECIFICITIES = (R(80, 100), R(90, 100), R(95, 100), R(97, 100), R(98, 100), R(99, 100))
_CONDITIONS = ("a rare disease", "a thyroid condition", "a viral infection", "a genetic marker")

P_D_POS = Math("P(D | +)", r"P(D \mid +)")
P_D_NEG = Math("P(D | −)", r"P(D \mid -)")
P_D_TWO = Math("P(D | +, +)", r"P(D \mid +, +)")


def _bayes_test_oracle(params: Mapping[str, Any]) -> float:
    """Direct Bayes with floats: true cases over all cases showing the observed result."""
    prev, sens, spec = (
        float_param(params[k]) for k in ("prevalence", "sensitivity", "specificity")
    )
    match params["event"]:
        case "positive":
            sick, healthy = sens * prev, (1 - spec) * (1 - prev)
        case "negative":
            sick, healthy = (1 - sens) * prev, spec * (1 - prev)
        case _:
            sick, healthy = sens**2 * prev, (1 - spec) ** 2 * (1 - prev)
    return sick / (sick + healthy)


@template(
    id="pr.bayes-test",
    topic="pr.bayes",
    title="Posterior of a diagnostic test",
    oracle=_bayes_test_oracle,
)
def bayes_test(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: P(disease | positive) from prevalence, sensitivity and specificity.
    Level 2: P(disease | negative), or P(disease | two positives) for conditionally independent
    tests."""
    prev = pick(rng, _PREVALENCES)
    sens = pick(rng, _SENSITIVITIES)
    spec = pick(rng, _SPECIFICITIES)
    condition = pick(rng, _CONDITIONS)
    event = "positive" if level == 1 else pick(rng, ("negative", "two-positives"))
    false_pos = 1 - spec
    intro = (
        f"{condition.capitalize()} (D) has prevalence {percent(prev)}. A test for it has "
        f"sensitivity {percent(sens)} (P(+ | D)) and specificity {percent(spec)} "
        "(P(− | no D)). "
    )
    form = " Give an exact fraction or a decimal to 4 significant digits."
    if event == "positive":
        sick, healthy = sens * prev, false_pos * (1 - prev)
        asked, observed = P_D_POS, "tests positive"
        result = "+"
        sick_terms, healthy_terms = f"{sens}·{prev}", f"{false_pos}·{1 - prev}"
        mistakes = [
            (
                sens,
                "That is the sensitivity P(+ | D); the question asks P(D | +). Turn it "
                "around with Bayes' rule.",
            ),
            (
                sick,
                "That is P(+ and D) = P(+ | D)·P(D): divide by P(+), which also counts the "
                "false positives from the healthy majority.",
            ),
            (
                sens / (sens + false_pos),
                "You ignored the prevalence (base-rate neglect): weight "
                "the true and false positive rates by P(D) and P(no D).",
            ),
        ]
    elif event == "negative":
        sick, healthy = (1 - sens) * prev, spec * (1 - prev)
        asked, observed = P_D_NEG, "tests negative"
        result = "−"
        sick_terms, healthy_terms = f"{1 - sens}·{prev}", f"{spec}·{1 - prev}"
        positive_posterior = sens * prev / (sens * prev + false_pos * (1 - prev))
        mistakes = [
            (1 - sens, "That is P(− | D), the miss rate; the question asks P(D | −)."),
            (sick, "That is P(− and D) = P(− | D)·P(D): divide by P(−)."),
            (
                1 - positive_posterior,
                "P(D | −) is not 1 − P(D | +): condition on the negative "
                "result, whose likelihoods are 1 − sensitivity and the specificity.",
            ),
        ]
    else:
        sick, healthy = sens**2 * prev, false_pos**2 * (1 - prev)
        asked = P_D_TWO
        observed = "tests positive twice (the results are independent given the disease status)"
        result = "+, +"
        sick_terms, healthy_terms = f"({sens})²·{prev}", f"({false_pos})²·{1 - prev}"
        one_test = sens * prev / (sens * prev + false_pos * (1 - prev))
        mistakes = [
            (
                one_test,
                "That is the posterior after one positive test; use the second result "
                "too (the first posterior is the new prior).",
            ),
            (sens**2, "That is P(+, + | D); the question asks P(D | +, +)."),
            (
                sick,
                "That is P(+, + and D): divide by P(+, +), which includes the healthy "
                "people who test positive twice.",
            ),
        ]
    evidence = sick + healthy
    answer = sick / evidence
    return Draft(
        prompt=[intro, f"A randomly chosen person {observed}. What is ", asked, "?", form],
        kind="number",
        answer=answer,
        params={
            "prevalence": exact_param(prev),
            "sensitivity": exact_param(sens),
            "specificity": exact_param(spec),
            "event": event,
        },
        solution=[
            [f"With the disease: P({result} | D)·P(D) = {sick_terms} = ", sick, "."],
            [f"Without it: P({result} | no D)·P(no D) = {healthy_terms} = ", healthy, "."],
            [f"Total probability: P({result}) = ", sick, " + ", healthy, " = ", evidence, "."],
            ["Bayes' rule: ", asked, " = (", sick, ") / (", evidence, ") = ", answer, "."],
        ],
        hints=[
            "P(D | result) = P(result | D)·P(D) / P(result).",
            "P(result) sums over both groups: the sick and the healthy.",
        ],
        mistakes=distinct_mistakes("number", answer, mistakes, gap=MIN_GAP),
    )


# (noun, what hypothesis i says, one observation, two observations, hit word, miss word)
_EVIDENCE = (
    (
        "coin",
        "coin {i} lands heads with probability {p}",
        "The chosen coin is tossed once",
        "The chosen coin is tossed twice",
        "heads",
        "tails",
    ),
    (
        "urn",
        "urn {i} has a fraction {p} of red balls (the rest are blue)",
        "One ball is drawn from the chosen urn",
        "Two balls are drawn from the chosen urn with replacement",
        "red",
        "blue",
    ),
    (
        "machine",
        "machine {i} makes a defective part with probability {p}",
        "One part from the chosen machine is inspected",
        "Two parts from the chosen machine are inspected (defects occur independently)",
        "defective",
        "good",
    ),
)
_HEADS = (R(1, 5), R(1, 4), R(1, 3), R(2, 5), R(1, 2), R(3, 5), R(2, 3), R(3, 4), R(4, 5))


def _hypotheses_oracle(params: Mapping[str, Any]) -> list[float]:
    """Posterior ∝ prior × likelihood of the whole sequence, normalized with NumPy."""
    prior = float_param(params["prior"])
    rate = float_param(params["rate"])
    likelihood = np.ones_like(prior)
    for hit in params["observed"]:
        likelihood *= rate if hit else 1 - rate
    joint = prior * likelihood
    return list(joint / joint.sum())


@template(
    id="pr.bayes-hypotheses",
    topic="pr.bayes",
    title="Posterior over several hypotheses",
    oracle=_hypotheses_oracle,
)
def bayes_hypotheses(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: two or three coins (urns, machines), one observation. Level 2: three hypotheses
    and two observations in a row."""
    count = int(rng.integers(2, 4)) if level == 1 else 3
    kind, line, one_draw, two_draws, hit_word, miss_word = pick(rng, _EVIDENCE)
    rates = [_HEADS[i] for i in sorted(distinct(rng, 0, len(_HEADS) - 1, count))]
    prior = probabilities(rng, count, int(pick(rng, (4, 5, 6, 8, 10))))
    length = level
    observed = [bool(rng.integers(2)) for _ in range(length)]
    likelihood = []
    for rate in rates:
        value = sympy.Integer(1)
        for hit in observed:
            value *= rate if hit else 1 - rate
        likelihood.append(value)
    joint = [p * lk for p, lk in zip(prior, likelihood, strict=True)]
    evidence = sum(joint)
    answer = [j / evidence for j in joint]
    words = ", ".join(hit_word if hit else miss_word for hit in observed)
    described = "; ".join(line.format(i=i + 1, p=rate) for i, rate in enumerate(rates))
    prior_text = ", ".join(f"{kind} {i + 1}: {p}" for i, p in enumerate(prior))
    total_like = sum(likelihood)
    mistakes = [
        (
            [lk / total_like for lk in likelihood],
            "You normalized the likelihoods alone: multiply each by its prior before normalizing.",
        ),
        (
            joint,
            "These are the joint probabilities P(H)·P(data | H); divide each by their sum P(data).",
        ),
        (list(prior), "That is the prior: update it with the likelihood of what was observed."),
    ]
    return Draft(
        prompt=[
            f"One of {count} {kind}s is chosen with prior probabilities ({prior_text}); ",
            described,
            f". {one_draw if level == 1 else two_draws}: {words}. ",
            f"Give the posterior probabilities of {kind}s 1–{count}, in order, as a vector "
            "[p1, p2, ...] of exact fractions or decimals to 4 significant digits.",
        ],
        kind="vector",
        answer=answer,
        params={"prior": exact_param(prior), "rate": exact_param(rates), "observed": observed},
        solution=[
            [
                "Likelihood of the observations under each hypothesis: ",
                sympy.Tuple(*likelihood),
                ".",
            ],
            ["Prior × likelihood: ", sympy.Tuple(*joint), "; their sum P(data) = ", evidence, "."],
            ["Divide by P(data): posterior = ", sympy.Tuple(*answer), "."],
        ],
        hints=[
            "Posterior ∝ prior × likelihood; the posteriors sum to 1.",
            "Independent observations multiply: P(data | H) is a product over the outcomes.",
        ],
        mistakes=distinct_mistakes("vector", answer, mistakes, gap=MIN_GAP),
    )


_WORDS = ("free", "winner", "offer", "invoice", "urgent", "meeting", "click", "prize")
_SPAM_RATES = (R(3, 10), R(2, 5), R(1, 2), R(3, 5), R(7, 10), R(1, 4), R(1, 5))
_HAM_RATES = (R(1, 20), R(1, 10), R(3, 20), R(1, 5), R(1, 4), R(3, 10), R(2, 5))
_SPAM_PRIORS = (R(1, 5), R(1, 4), R(3, 10), R(2, 5), R(3, 5), R(7, 10))


def _naive_bayes_oracle(params: Mapping[str, Any]) -> float:
    """Naive Bayes with floats: product of per-word likelihoods (absent words use 1 − rate)."""
    prior = float_param(params["prior"])
    spam = float_param(params["spam"])
    ham = float_param(params["ham"])
    present = np.array(params["present"], dtype=bool)
    spam_like = np.prod(np.where(present, spam, 1 - spam))
    ham_like = np.prod(np.where(present, ham, 1 - ham))
    return float(prior * spam_like / (prior * spam_like + (1 - prior) * ham_like))


@template(
    id="pr.naive-bayes",
    topic="pr.bayes",
    title="Naive Bayes spam posterior",
    oracle=_naive_bayes_oracle,
)
def naive_bayes(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: two words, both in the message. Level 2: three words, one of them absent, which
    contributes the factor 1 − P(word | class)."""
    count = 2 if level == 1 else 3
    words = [_WORDS[i] for i in distinct(rng, 0, len(_WORDS) - 1, count)]
    prior = pick(rng, _SPAM_PRIORS)
    spam = [pick(rng, _SPAM_RATES) for _ in words]
    # A word with equal rates in both classes carries no evidence: keep every word informative.
    ham = [pick(rng, [h for h in _HAM_RATES if h != s]) for s in spam]
    present = [True] * count
    if level == 2:
        present[int(rng.integers(count))] = False
    spam_factors = [p if here else 1 - p for p, here in zip(spam, present, strict=True)]
    ham_factors = [p if here else 1 - p for p, here in zip(ham, present, strict=True)]
    spam_text = _product(
        [str(p) if here else f"1 − {p}" for p, here in zip(spam, present, strict=True)]
    )
    ham_text = _product(
        [str(p) if here else f"1 − {p}" for p, here in zip(ham, present, strict=True)]
    )
    spam_like = sympy.Mul(*spam_factors)
    ham_like = sympy.Mul(*ham_factors)
    spam_joint, ham_joint = prior * spam_like, (1 - prior) * ham_like
    answer = spam_joint / (spam_joint + ham_joint)
    table = "; ".join(
        f"“{w}” appears in {percent(s)} of spam and {percent(h)} of ham"
        for w, s, h in zip(words, spam, ham, strict=True)
    )
    contains = [w for w, here in zip(words, present, strict=True) if here]
    lacks = [w for w, here in zip(words, present, strict=True) if not here]
    message = "contains “" + "” and “".join(contains) + "”"
    if lacks:
        message += f" but not “{lacks[0]}”"
    mistakes = [
        (
            spam_like / (spam_like + ham_like),
            "You left out the prior: multiply each class's "
            "likelihood by P(spam) or P(ham) before normalizing.",
        ),
        (spam_like, "That is P(words | spam); the question asks P(spam | words)."),
    ]
    if lacks:
        kept = [i for i, here in enumerate(present) if here]
        s_only = prior * sympy.Mul(*[spam[i] for i in kept])
        h_only = (1 - prior) * sympy.Mul(*[ham[i] for i in kept])
        mistakes.append(
            (
                s_only / (s_only + h_only),
                "An absent word is evidence too: it "
                "contributes 1 − P(word | class) to each class's likelihood.",
            )
        )
    return Draft(
        prompt=[
            f"A spam filter assumes words occur independently given the class. "
            f"P(spam) = {percent(prior)}. {table}. A message {message}. "
            "What is P(spam | message)? Give an exact fraction or a decimal to 4 significant "
            "digits."
        ],
        kind="number",
        answer=answer,
        params={
            "prior": exact_param(prior),
            "spam": exact_param(spam),
            "ham": exact_param(ham),
            "present": present,
        },
        solution=[
            [
                f"Spam: P(spam)·Π P(word | spam) = {prior}·{spam_text} = ",
                spam_joint,
                ".",
            ],
            [
                f"Ham: P(ham)·Π P(word | ham) = {1 - prior}·{ham_text} = ",
                ham_joint,
                ".",
            ],
            [
                "Normalize: P(spam | message) = (",
                spam_joint,
                ") / (",
                spam_joint,
                " + ",
                ham_joint,
                ") = ",
                answer,
                ".",
            ],
        ],
        hints=[
            "Naive Bayes: P(class | words) ∝ P(class)·Π P(word | class).",
            "A word that is absent contributes 1 − P(word | class).",
        ][: 1 if level == 1 else 2],
        mistakes=distinct_mistakes("number", answer, mistakes, gap=MIN_GAP),
    )


def _product(factors: list[str]) -> str:
    """``(1/2)·(7/10)``: each factor in brackets, so a reader sees every word's contribution."""
    return "·".join(f"({f})" for f in factors)


__all__ = ["bayes_hypotheses", "bayes_test", "naive_bayes"]
