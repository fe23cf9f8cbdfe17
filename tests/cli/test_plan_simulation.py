"""Twenty-one simulated days of ``interview-3w`` through the CLI, with ``QUIZMATH_NOW``.

The decks are cut down to one concept card per topic (plus one template, so known mistakes
get made), which keeps each day's step to a few cards: the learner keeps up with
``--new 5``. Each day at 9:00 they answer everything the quiz offers, every fifth answer
wrong (a concept card known is graded Easy, to keep the run short). They skip plan days 9
and 10, which must leave them behind until the quiz has caught up. At the end,
``plan status --json`` and ``stats --json`` must agree with the review log.
"""

from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from quizmath.decks import loader as deck_loader
from quizmath.plans.loader import load_plans
from quizmath.scheduling.day import study_day
from quizmath.store.database import open_store
from quizmath.store.models import CardRow, CardStateRow, DeckCardRow, ReviewRow
from tests.cli.quiz_driver import (
    invoke_at,
    right_answer,
    waiting_after,
    wrong_answer,
)

PLAN = load_plans().plans["interview-3w"]
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
SKIPPED = {9, 10}
NEW_PER_DAY = 5
TEMPLATE = "pr.bayes-test"


def _deck_text() -> str:
    topics = list(dict.fromkeys(t for step in PLAN.steps for t in step.topics))
    cards = "".join(
        f'\n[[concepts]]\nid = "sim.{topic.replace(".", "-")}"\ntopic = "{topic}"\n'
        f'question = "What matters in {topic}?"\nanswer = "The key formula of {topic}."\n'
        for topic in topics
    )
    return f'id = "sim"\ntitle = "Simulation"\ntemplates = ["{TEMPLATE}"]\n{cards}'


def _invoke(db: Path, now: datetime, *args: str, input: str = "") -> str:
    return invoke_at(db, "sim", now, *args, input=input)


def _day(db: Path, now: datetime, answered: int) -> int:
    """Answer everything the quiz offers at ``now``; the running count of answers."""
    args = ("quiz", "--new", str(NEW_PER_DAY))
    shown = waiting_after(_invoke(db, now, *args))
    for _ in range(100):
        if shown is None:
            return answered
        answered += 1
        if answered % 5 == 0:
            answer = wrong_answer(shown)
        else:  # a concept card known well is graded Easy, which skips its learning steps
            answer = "4" if shown.is_concept else right_answer(shown)
        output = _invoke(db, now, *args, input=f"{answer}\n")
        assert "Recorded:" in output
        shown = waiting_after(output)
    raise AssertionError(f"the quiz at {now} never ended")


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The whole run; what ``plan today --json`` said each morning, and the final reports."""
    folder = tmp_path_factory.mktemp("plan-sim")
    decks = folder / "decks"
    decks.mkdir()
    (decks / "sim.toml").write_text(_deck_text(), encoding="utf-8")
    db = folder / "sim.db"
    mornings: dict[int, dict[str, Any]] = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TZ", "UTC")
        time.tzset()
        patch.setattr(deck_loader, "bundled_deck_dir", lambda: decks)
        _invoke(db, START, "plan", "start", PLAN.id)
        answered = 0
        for day in range(1, PLAN.length_days + 1):
            now = START + timedelta(days=day - 1)
            if day in SKIPPED:
                continue
            mornings[day] = json.loads(_invoke(db, now, "plan", "today", "--json", "--new", "5"))
            answered = _day(db, now, answered)
        end = START + timedelta(days=PLAN.length_days - 1, hours=10)
        status = json.loads(_invoke(db, end, "plan", "status", "--json"))
        stats = json.loads(_invoke(db, end, "stats", "--json", "--days", "30"))
        text = _invoke(db, end, "plan", "status") + _invoke(db, end, "stats")
    time.tzset()
    return {"db": db, "mornings": mornings, "status": status, "stats": stats, "text": text,
            "answered": answered, "end": end}  # fmt: skip


def _log(db: Path) -> list[tuple[ReviewRow, str]]:
    store = open_store(str(db))
    try:
        with store.reading() as session:
            query = select(ReviewRow, CardRow.topic).join(CardRow, CardRow.id == ReviewRow.card_id)
            return [(review, topic) for review, topic in session.execute(query)]
    finally:
        store.close()


def _introduced_by_day(db: Path) -> dict[date, set[str]]:
    introduced: dict[date, set[str]] = defaultdict(set)
    for review, topic in _log(db):
        if review.state_before is None and not review.mock:
            introduced[study_day(review.reviewed_at)].add(topic)
    return introduced


def test_each_study_day_introduces_that_days_topics(run: dict[str, Any]) -> None:
    introduced = _introduced_by_day(run["db"])
    checked = 0
    for step in PLAN.steps:
        if step.kind != "study" or step.day in SKIPPED:
            continue
        day = START.date() + timedelta(days=step.day - 1)
        assert set(step.topics) <= introduced[day], (step.day, step.title)
        checked += 1
    assert checked == 13
    assert run["answered"] > 100


def test_no_topic_is_introduced_before_its_day(run: dict[str, Any]) -> None:
    opened = {t: s.day for s in reversed(PLAN.steps) for t in s.topics}
    for day, topics in _introduced_by_day(run["db"]).items():
        plan_day = (day - START.date()).days + 1
        assert all(opened[t] <= plan_day for t in topics), (plan_day, topics)


def test_skipping_two_days_leaves_the_learner_behind_until_caught_up(
    run: dict[str, Any],
) -> None:
    mornings = run["mornings"]
    assert [d for d, m in mornings.items() if m["behind"]] == [11, 12, 13]
    gaps = mornings[11]["behind_steps"]
    assert [g["number"] for g in gaps] == [9, 10]
    assert [g["unintroduced"] for g in gaps] == [4, 4]
    # the quiz brings today's topics first, then the oldest gap
    planned = [entry["topic"] for entry in mornings[11]["quiz"]["new_by_topic"]]
    assert planned[:2] == ["pr.mle-map", "ml.linear-regression"]
    assert planned[2:] == ["op.newton", "op.convexity", "op.constrained"]
    assert mornings[14]["step"]["kind"] == "mock" and mornings[14]["suggest"]
    assert mornings[7]["step"]["kind"] == "review" and "--mock" in mornings[7]["suggest"]
    # before the first quiz has loaded the decks there is nothing to count
    assert mornings[1]["day"] == 1 and mornings[1]["quiz"]["new_cards"] == 0
    assert [e["topic"] for e in mornings[2]["quiz"]["new_by_topic"]] == list(PLAN.steps[1].topics)


def test_plan_status_agrees_with_the_review_log(run: dict[str, Any]) -> None:
    status = run["status"]
    assert status["day"] == 21 and not status["behind"]
    store = open_store(str(run["db"]))
    try:
        with store.reading() as session:
            cards = Counter(
                session.scalars(
                    select(CardRow.topic).where(CardRow.id.in_(select(DeckCardRow.card_id)))
                )
            )
            started = Counter(
                session.scalars(
                    select(CardRow.topic).join(CardStateRow, CardStateRow.card_id == CardRow.id)
                )
            )
    finally:
        store.close()
    answers: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for review, topic in _log(run["db"]):
        answers[topic] += 1
        right[topic] += review.correct
    for step in status["steps"]:
        topics = step["topics"]
        assert step["cards"] == sum(cards[t] for t in topics)
        assert step["introduced"] == sum(started[t] for t in topics)
        assert step["reviews"] == sum(answers[t] for t in topics)
        assert step["correct"] == sum(right[t] for t in topics)
        expected = "today" if step["number"] == 21 else "done"
        assert step["status"] == expected, step
    mastery = {m["topic"]: m for m in status["mastery"]}
    assert mastery["pr.bayes"]["cards"] == 2 and mastery["pr.bayes"]["started"] == 2
    assert all(0.5 < m["mastery"] <= 1.0 for m in mastery.values())


def test_stats_agree_with_the_review_log(run: dict[str, Any]) -> None:
    stats, log = run["stats"], _log(run["db"])
    per_day = Counter(study_day(review.reviewed_at).isoformat() for review, _ in log)
    assert stats["total_reviews"] == len(log) == run["answered"]
    assert {c["day"]: c["reviews"] for c in stats["calendar"] if c["reviews"]} == per_day
    assert stats["streak"] == {"current": 11, "longest": 11}
    by_topic = {t["topic"]: (t["reviews"], t["correct"]) for t in stats["topics"]}
    expected: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for review, topic in log:
        expected[topic][0] += 1
        expected[topic][1] += review.correct
    assert by_topic == {topic: tuple(counts) for topic, counts in expected.items()}
    made = Counter(review.mistake for review, _ in log if review.mistake)
    assert {m["mistake"]: m["count"] for m in stats["most_made_mistakes"]} == dict(made)
    store = open_store(str(run["db"]))
    try:
        with store.reading() as session:
            dues = [study_day(due) for due in session.scalars(select(CardStateRow.due))]
    finally:
        store.close()
    today = study_day(run["end"])
    horizon = today + timedelta(days=30)
    assert [day["due"] for day in stats["forecast"]] == [
        sum(1 for due in dues if max(due, today) == today + timedelta(days=offset))
        for offset in range(30)
    ]
    assert sum(day["due"] for day in stats["forecast"]) == sum(1 for d in dues if d < horizon)


def test_the_text_reports_draw_bars_and_a_calendar(run: dict[str, Any]) -> None:
    text = run["text"]
    assert "Mastery" in text and "█" in text
    assert "Reviews per day" in text and "Mon" in text and "Sun" in text
