"""Choice questions must be decided by the mathematics, not by the shape of the prompt.

For every registered choice template, at every level, over seeds 0-299: no option is the key of
more than 75% of the instances, every option that can occur at that level does, and no prompt
family (the ``family``/``case``/``setting``/``activation`` parameter a template draws its
function or scenario from) always has the same key. All choice templates together take a few
seconds, so the full 300 seeds are used.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from fractions import Fraction
from functools import cache

import pytest

from quizmath.questions.model import Question
from quizmath.questions.registry import all_templates

SEEDS = range(300)
MAX_SHARE = 0.75
# A family may lean towards one answer, but never (almost) always give it.
MAX_FAMILY_SHARE = 0.9
MIN_FAMILY_SIZE = 10
FAMILY_KEYS = ("family", "case", "setting", "activation")
# Options that cannot be the key at a level: a level-1 critical point has a nonsingular Hessian.
IMPOSSIBLE = {("ca.critical-point", 1): {"inconclusive"}}

TEMPLATES = all_templates()
CHOICE_IDS = sorted(
    t for t, template in TEMPLATES.items() if template.generate(0, 1).kind == "choice"
)


@cache
def _instances(template_id: str, level: int) -> tuple[Question, ...]:
    template = TEMPLATES[template_id]
    return tuple(template.generate(seed, level) for seed in SEEDS)


def _levels(template_id: str) -> range:
    return range(1, TEMPLATES[template_id].levels + 1)


def _family(question: Question) -> str:
    return "/".join(str(question.params[key]) for key in FAMILY_KEYS if key in question.params)


def test_the_choice_templates_are_found() -> None:
    assert {"op.convexity-check", "la.invertible", "la.definiteness"} <= set(CHOICE_IDS)


@pytest.mark.parametrize("template_id", CHOICE_IDS)
def test_no_option_dominates_a_level(template_id: str) -> None:
    for level in _levels(template_id):
        counts = Counter(q.answer for q in _instances(template_id, level))
        answer, count = counts.most_common(1)[0]
        assert count <= MAX_SHARE * len(SEEDS), (
            f"{template_id} level {level}: {answer!r} is the key of {count}/{len(SEEDS)}: "
            f"{dict(counts)}"
        )


@pytest.mark.parametrize("template_id", CHOICE_IDS)
def test_every_possible_option_occurs(template_id: str) -> None:
    for level in _levels(template_id):
        questions = _instances(template_id, level)
        possible = set(questions[0].spec.choices) - IMPOSSIBLE.get((template_id, level), set())
        seen = {q.answer for q in questions}
        assert possible <= seen, f"{template_id} level {level} never asks for {possible - seen}"


@pytest.mark.parametrize("template_id", CHOICE_IDS)
def test_no_prompt_family_has_a_fixed_answer(template_id: str) -> None:
    for level in _levels(template_id):
        families: defaultdict[str, Counter[str]] = defaultdict(Counter)
        for question in _instances(template_id, level):
            families[_family(question)][question.answer] += 1
        for family, counts in families.items():
            total = sum(counts.values())
            if total < MIN_FAMILY_SIZE:
                continue
            answer, count = counts.most_common(1)[0]
            assert count <= MAX_FAMILY_SHARE * total, (
                f"{template_id} level {level} family {family or '(all)'}: {answer!r} is the key "
                f"of {count}/{total}"
            )


def test_the_unbiased_option_does_not_stand_out_by_its_weights() -> None:
    """Every option of a mean estimator is built alike, so an unusual weight is no tell."""
    pool = {Fraction(v) for v in ("0", "1/4", "1/3", "1/2", "2/3", "3/4", "1", "2", "-1/2", "-1")}
    odd_is_key, odd_alone = 0, 0
    for question in _instances("pr.unbiased-estimator", 1):
        odd = [
            label
            for label, option in zip("ABCD", question.params["options"], strict=True)
            if any(Fraction(str(w)) not in pool for w in option["weights"])
        ]
        if len(odd) == 1:
            odd_alone += 1
            odd_is_key += odd[0] == question.answer
    assert odd_is_key <= 0.5 * max(odd_alone, 1), f"{odd_is_key} of {odd_alone}"
