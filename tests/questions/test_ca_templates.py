"""Calculus templates: mistakes that coincide with the key are dropped, and every case occurs."""

from __future__ import annotations

import math
import re
from fractions import Fraction

import sympy

from quizmath.questions.registry import get_template

x = sympy.Symbol("x")


def test_sigmoid_chain_with_inner_slope_one_drops_the_chain_factor_mistake() -> None:
    question = get_template("ca.sigmoid-chain").generate(16, 1)
    assert question.answer == "(1 - sigmoid(x + 1))*sigmoid(x + 1)"
    assert [m.answer for m in question.mistakes] == [
        "sigmoid(x + 1)",
        "-(1 - sigmoid(x + 1))*sigmoid(x + 1)",
    ]


def test_critical_points_of_every_class_occur() -> None:
    template = get_template("ca.critical-point")
    seen = {template.generate(seed, 2).answer for seed in range(40)}
    assert seen == {"local minimum", "local maximum", "saddle point", "inconclusive"}


def test_relu_questions_include_inactive_units() -> None:
    template = get_template("ca.relu-slope")
    solutions = [" ".join(template.generate(seed, 1).solution) for seed in range(20)]
    assert any("inactive" in text for text in solutions)
    assert any("active (slope 1)" in text for text in solutions)


def test_reverse_mode_relu_network_sometimes_blocks_the_gradient() -> None:
    template = get_template("ca.reverse-mode")
    answers = [template.generate(seed, 3).answer for seed in range(30)]
    assert any(answer.startswith("[0, 0, ") for answer in answers)
    assert any(not answer.startswith("[0, 0, ") for answer in answers)


def test_tanh_keeps_the_drawn_argument_instead_of_pulling_out_a_minus() -> None:
    for template_id in ("ca.tanh-chain", "ca.gated-activation"):
        template = get_template(template_id)
        prompts = [template.generate(seed, 2).prompt for seed in range(30)]
        assert not any("−tanh" in prompt for prompt in prompts), template_id
        assert any("tanh(−" in prompt for prompt in prompts), template_id


def test_product_rule_mistakes_are_slips_of_the_rule_not_a_negated_key() -> None:
    template = get_template("ca.product-rule")
    question = template.generate(7, 3)  # (x + 2)·e^(2x)·cos(3x)
    feedback = [m.feedback for m in question.mistakes]
    assert any("inner slope 2" in text for text in feedback)
    assert any("inner slope 3" in text for text in feedback)
    assert any("(cos u)′ = −sin u" in text for text in feedback)
    for seed in range(20):
        question = template.generate(seed, 1 + seed % 3)
        negated = f"-({question.answer})"
        assert all(m.answer != negated for m in question.mistakes)


def test_second_order_taylor_estimates_differ_from_the_linear_one_in_three_digits() -> None:
    template = get_template("ca.taylor-estimate")
    for seed in range(60):
        question = template.generate(seed, 2)
        key = float(Fraction(question.answer))
        linear = next(m for m in question.mistakes if "first-order estimate" in m.feedback)
        unit = 10.0 ** (math.floor(math.log10(abs(key))) - 2)
        assert abs(key - float(Fraction(linear.answer))) >= 2 * unit - 1e-12, question.prompt


def test_central_difference_says_which_answer_kind_each_level_wants() -> None:
    template = get_template("ca.central-difference")
    one = template.generate(3, 1)
    two = template.generate(3, 2)
    assert one.kind == "number" and "one number" in one.prompt
    assert two.kind == "vector" and "as a vector [" in two.prompt


def test_central_difference_estimates_are_apart_from_the_exact_derivative() -> None:
    template = get_template("ca.central-difference")
    for seed in range(40):
        question = template.generate(seed, 1)
        exact = next(m for m in question.mistakes if "exact derivative" in m.feedback)
        key, wrong = float(Fraction(question.answer)), float(Fraction(exact.answer))
        assert abs(key - wrong) >= 1e-3 * abs(key), question.prompt


def test_texts_use_true_minus_signs_and_no_zero_terms() -> None:
    cases = [("ca.limit", 2, 2), ("ca.reverse-mode", 2, 1), ("ca.relu-slope", 0, 1)]
    for template_id, seed, level in cases:
        question = get_template(template_id).generate(seed, level)
        for text in (question.prompt, *question.solution, *(m.feedback for m in question.mistakes)):
            assert not re.search(r"(?<![\w)\]])-\d", text), (template_id, text)
            assert "+ −" not in text and "− −" not in text, (template_id, text)
    cosine = get_template("ca.taylor-polynomial").generate(22, 1)  # 2cos(2x): no x term
    assert cosine.answer == "2 - 4*x**2"
