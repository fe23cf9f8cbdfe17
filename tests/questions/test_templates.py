"""Every registered template, over hundreds of seeds: key = oracle, the checker agrees, variety.

New templates are covered automatically: the parameters come from the registry.
"""

from __future__ import annotations

from functools import cache

import pytest

from quizmath.decks.loader import load_decks
from quizmath.questions.registry import Template, all_templates
from quizmath.questions.topics import TOPICS
from tests.questions.oracle_compare import assert_matches_oracle

SEEDS = range(300)
# The four signature questions of the starter deck are held to 500 seeds.
CORE_SEEDS = range(500)
CORE = {"ca.sigmoid-chain", "it.kl-discrete", "pr.bayes-test", "la.eigen-2x2"}
TEMPLATES = all_templates()
IDS = sorted(TEMPLATES)
# Parametric cards of the deck files are named after their deck, the others after their area.
PARAMETRIC = {card.id: deck.id for deck in load_decks().decks.values() for card in deck.parametric}


def _level(template: Template, seed: int) -> int:
    return 1 + seed % template.levels


@cache
def _questions(template_id: str) -> list:
    template = TEMPLATES[template_id]
    seeds = CORE_SEEDS if template_id in CORE else SEEDS
    return [template.generate(seed, _level(template, seed)) for seed in seeds]


@pytest.mark.parametrize("template_id", IDS)
def test_key_equals_the_oracle(template_id: str) -> None:
    oracle = TEMPLATES[template_id].oracle
    for question in _questions(template_id):
        try:
            assert_matches_oracle(question, oracle(question.params))
        except AssertionError as failure:
            raise AssertionError(f"{template_id} seed {question.seed}: {failure}") from None


@pytest.mark.parametrize("template_id", IDS)
def test_checker_accepts_the_key_and_rejects_known_mistakes(template_id: str) -> None:
    from quizmath.checking import check_answer

    for question in _questions(template_id):
        where = f"{template_id} seed {question.seed} level {question.level}"
        verdict = check_answer(question.answer, question.spec)
        assert verdict.correct, f"{where}: key {question.answer!r} refused: {verdict.reason}"
        for mistake in question.mistakes:
            verdict = check_answer(mistake.answer, question.spec, question.mistakes)
            assert not verdict.correct, f"{where}: mistake {mistake.answer!r} accepted"
            assert verdict.mistake == mistake, f"{where}: {mistake.answer!r} not recognised"


@pytest.mark.parametrize("template_id", IDS)
def test_instances_are_well_posed(template_id: str) -> None:
    for question in _questions(template_id):
        where = f"{template_id} seed {question.seed}"
        assert question.prompt and question.solution, where
        assert "nan" not in question.answer and "zoo" not in question.answer, where
        mistakes = [m.answer for m in question.mistakes]
        assert question.answer not in mistakes, f"{where}: a known mistake equals the key"
        assert len(set(mistakes)) == len(mistakes), f"{where}: repeated known mistakes"


@pytest.mark.parametrize("template_id", IDS)
def test_instances_vary(template_id: str) -> None:
    template = TEMPLATES[template_id]
    for level in range(1, template.levels + 1):
        prompts = {template.generate(seed, level).prompt for seed in range(20)}
        assert len(prompts) >= 15, f"{template_id} level {level}: {len(prompts)} distinct in 20"


def test_the_core_templates_exist() -> None:
    assert CORE <= set(TEMPLATES)


@pytest.mark.parametrize("template_id", IDS)
def test_template_is_described(template_id: str) -> None:
    template = TEMPLATES[template_id]
    assert template.topic in TOPICS
    assert template.levels >= 2, f"{template_id} needs two or more difficulty levels"
    prefix = PARAMETRIC.get(template_id, template.topic.split(".")[0])
    assert template.title and template.id.split(".")[0] == prefix
    assert template.build.__doc__, f"{template_id} has no docstring"


def test_every_topic_has_at_least_two_templates() -> None:
    counts = {slug: 0 for slug in TOPICS}
    for template in TEMPLATES.values():
        counts[template.topic] += 1
    thin = {slug: n for slug, n in counts.items() if n < 2}
    assert not thin, f"topics with fewer than two templates: {thin}"


def test_the_topic_list_is_the_curriculum() -> None:
    """The slugs match the curriculum's topic list where it sits beside the repository."""
    import re
    from pathlib import Path

    curriculum = Path(__file__).resolve().parents[3] / "shared" / "topics.md"
    if not curriculum.exists():
        pytest.skip("the curriculum's topics.md is not beside this checkout")
    slugs = re.findall(r"^- `([a-z]{2}\.[a-z-]+)`", curriculum.read_text(encoding="utf-8"), re.M)
    assert slugs == list(TOPICS)
