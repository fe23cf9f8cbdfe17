"""Behaviour of the applied-ML templates beyond the all-templates harness.

The typical mistakes of each topic must be offered on every instance, decimal keys must not sit
next to an integer a learner would type instead, the float16 rounding rule must agree with NumPy,
and the formulas called unstable must really fail in float64.
"""

from __future__ import annotations

import numpy as np
import pytest
import sympy

from quizmath.questions.notation import superscript
from quizmath.questions.registry import Template, get_template
from quizmath.questions.templates import ml_numerics
from quizmath.questions.templates.ml_common import (
    near_integer,
    num,
    to_float,
    vec,
)

SEEDS = range(20)


def _drafts(template: Template, level: int) -> list:
    """Drafts rather than rendered questions: rendering is not under test and costs most."""
    return [template.build(np.random.default_rng(seed), level) for seed in SEEDS]


# (template, words that the feedback of one known mistake contains on every instance)
ALWAYS_OFFERED = [
    ("ml.batch-norm-train", "Add ε"),
    ("ml.batch-norm-train", "n − 1"),
    ("ml.attention-weights", "1/√d_k"),
    ("ml.logistic-gradient", "Sign error"),
    ("ml.mse-gradient", "Sign error"),
    ("ml.softmax-ce-gradient", "Sign error"),
    ("ml.backprop-weight-gradient", "Transposed"),
    ("ml.init-variance", "That is the"),
    ("ml.vae-kl", "factor ½"),
    ("ml.gan-discriminator", "p_data on top"),
]


@pytest.mark.parametrize(("template_id", "words"), ALWAYS_OFFERED)
def test_the_typical_mistake_is_offered_on_every_instance(template_id: str, words: str) -> None:
    template = get_template(template_id)
    for level in range(1, template.levels + 1):
        if template_id == "ml.gan-discriminator" and level == 3:
            continue  # the value of the game has no "swapped" form
        for seed, draft in zip(SEEDS, _drafts(template, level), strict=True):
            feedback = [text for _, text in draft.mistakes]
            assert any(words in f for f in feedback), (template_id, level, seed, feedback)


# (template, level) whose decimal keys could otherwise land within the tolerance of an integer
NEAR_INTEGER_RISK = [
    ("ml.vae-kl", 2),
    ("ml.vae-kl", 3),
    ("ml.gan-discriminator", 3),
    ("ml.softmax-probabilities", 3),
]


@pytest.mark.parametrize(("template_id", "level"), NEAR_INTEGER_RISK)
def test_decimal_keys_are_not_next_to_an_integer(template_id: str, level: int) -> None:
    for seed, draft in zip(SEEDS, _drafts(get_template(template_id), level), strict=True):
        entries = draft.answer if draft.kind == "vector" else [draft.answer]
        assert not any(near_integer(v) for v in entries), (template_id, level, seed, entries)


def test_tiny_float_spacings_keep_their_mistakes() -> None:
    for draft in _drafts(get_template("ml.float-spacing"), 2):
        assert len(draft.mistakes) == 3, (draft.params, draft.mistakes)


def test_float16_sum_rounds_like_numpy() -> None:
    for a in range(2048, 2 * 8192, 52):
        step = 2 ** (int(np.log2(a)) - 10)
        a -= a % step
        for b in range(1, 9):
            expected = float(np.float16(a) + np.float16(b))
            if expected >= 2 * 2 ** int(np.log2(a)):
                continue  # crossed into the next binade, outside what the template asks
            assert ml_numerics._round_half_even(a + b, step) == expected, (a, b)


@pytest.mark.parametrize(
    "builder", ml_numerics._OVERFLOW + ml_numerics._CANCELLATION, ids=lambda b: b.__name__
)
def test_formulas_called_unstable_fail_in_float64(builder: object) -> None:
    for seed in range(100):
        scenario, x, case = builder(np.random.default_rng(seed))  # type: ignore[operator]
        argument = x if case in ("softmax", "lse", "variance") else float(x)
        formulas = ml_numerics._float64_formulas(case, argument)
        reference = float(ml_numerics._reference(case, x))
        with np.errstate(all="ignore"):
            errors = {
                text: abs(formula() - reference) / abs(reference)
                for text, formula in formulas.items()
            }
        assert errors[scenario.stable.formula] < 1e-12, (case, x, errors)
        for option in (scenario.naive, scenario.third):
            error = errors[option.formula]
            assert not np.isfinite(error) or error > 1e-2, (case, x, option.formula, errors)


def test_prompt_numbers_read_as_people_write_them() -> None:
    assert num(sympy.Rational(1, 4)).text == "0.25"  # type: ignore[union-attr]
    assert num(sympy.Rational(-3, 8)).latex == "-0.375"  # type: ignore[union-attr]
    assert num(sympy.Rational(1, 3)).text == "1/3"  # type: ignore[union-attr]
    assert vec([1, -2, sympy.Rational(1, 2)]).text == "(1, −2, 0.5)"
    assert vec([sympy.Rational(1, 2)], exact=True).text == "(1/2)"
    assert num(sympy.Rational(3125, 2048)).text == "3125/2048"  # type: ignore[union-attr]
    assert superscript(-40) == "⁻⁴⁰"


def test_near_integer_flags_only_decimals_within_the_tolerance() -> None:
    assert near_integer(sympy.Rational(4003, 1000))
    assert not near_integer(sympy.Integer(4))
    assert not near_integer(sympy.Rational(41, 10))
    assert not near_integer(sympy.Rational(1, 1000))  # next to 0, which no one types for it


def test_fast_float_evaluation_matches_sympy() -> None:
    from quizmath.checking.functions import sigmoid

    expr = sigmoid(sympy.Rational(3, 2)) * sympy.log(7) - sympy.sqrt(2) * sympy.exp(-3)
    assert to_float(expr) == pytest.approx(float(sympy.N(expr.rewrite(sympy.exp))), rel=1e-14)
