"""The shipped study plans load, name only topics some deck teaches, and broken plans are caught."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizmath.plans.loader import load_plan, load_plans

SHIPPED = {"interview-3w", "linalg-6w", "mlmath-30", "mathcoding-27"}


def test_every_shipped_plan_loads() -> None:
    loaded = load_plans()
    assert loaded.problems == []
    assert set(loaded.plans) == SHIPPED


def test_every_topic_a_plan_names_is_taught_by_some_deck() -> None:
    from quizmath.decks.loader import load_decks
    from quizmath.questions.registry import all_templates

    templates = all_templates()
    taught = set()
    for deck in load_decks(known_templates=templates).decks.values():
        taught |= {templates[t].topic for t in deck.templates}
        taught |= {card.topic for card in deck.concepts}
    for plan in load_plans().plans.values():
        for step in plan.steps:
            missing = set(step.topics) - taught
            assert not missing, f"{plan.id} step {step.number} names untaught topics {missing}"


def test_the_interview_plan_has_its_routine_and_review_and_mock_days() -> None:
    plan = load_plans().plans["interview-3w"]
    assert plan.length_days == 21
    assert len(plan.routine) == 4
    assert [s.day for s in plan.steps if s.kind == "review"] == [7, 13, 19]
    assert [s.day for s in plan.steps if s.kind == "mock"] == [14, 20, 21]
    assert plan.step_on(1).topics[0].startswith("la.")
    assert plan.step_on(3).topics[0].startswith("ca.")
    assert plan.step_on(5).topics[0].startswith("pr.")


def test_step_on_and_topics_until_follow_the_plan_days() -> None:
    plan = load_plans().plans["linalg-6w"]
    assert plan.step_on(1).number == 1
    assert plan.step_on(3).number == 1
    assert plan.step_on(4).number == 2
    assert plan.step_on(100).number == 12
    assert plan.topics_until(3) == ("la.vectors",)
    assert plan.topics_until(4) == ("la.vectors", "la.orthogonality")


BASE = """id = "p"
title = "P"
unit = "day"

[[steps]]
day = 1
title = "One"
topics = ["la.vectors"]
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (BASE.replace('"la.vectors"', '"la.nothing"'), "bad.toml:8: unknown topic 'la.nothing'"),
        (BASE.replace("day = 1", "day = 0"), "bad.toml:5: a step needs a 'day'"),
        (BASE + '\n[[steps]]\nday = 1\ntitle = "x"\nkind = "party"\n', "bad.toml:10: kind must"),
        (BASE + '\n[[steps]]\nday = 2\ntitle = "Two"\ntopics = []\n', "bad.toml:10: a study step"),
        (BASE.replace('unit = "day"\n', ""), "bad.toml:1: missing or empty 'unit'"),
        (BASE + '\n[[steps]]\nday = 0\ntitle = "Back"\nkind = "review"\n', "bad.toml:10:"),
        ("id = ", "bad.toml:1: TOML syntax error"),
    ],
)
def test_a_broken_plan_is_reported_and_skipped(tmp_path: Path, text: str, expected: str) -> None:
    (tmp_path / "bad.toml").write_text(text, encoding="utf-8")
    (tmp_path / "good.toml").write_text(BASE.replace('id = "p"', 'id = "good"'), encoding="utf-8")
    loaded = load_plans(tmp_path)
    assert list(loaded.plans) == ["good"]
    assert loaded.problems[0].startswith(expected), loaded.problems


def test_a_plan_is_named_after_its_file_and_loads_alone(tmp_path: Path) -> None:
    (tmp_path / "good.toml").write_text(BASE.replace('id = "p"', 'id = "good"'), encoding="utf-8")
    (tmp_path / "other.toml").write_text(BASE, encoding="utf-8")
    loaded = load_plans(tmp_path)
    assert list(loaded.plans) == ["good"]
    assert loaded.problems == ["other.toml:1: plan id 'p' must be the file's name"]
    assert load_plan("good", tmp_path) == loaded.plans["good"]
    for missing in ("other", "p", "nope", "../good", ""):
        assert load_plan(missing, tmp_path) is None
    for plan_id, plan in load_plans().plans.items():
        assert load_plan(plan_id) == plan
