"""``quizmath quiz --mock``: a timed, mixed set, scored per topic, that moves no schedule."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from quizmath.plans.focus import Focus, mock_filter
from quizmath.plans.loader import load_plans
from quizmath.review.audit import audit_reviews
from quizmath.review.instance import instance_seed, mock_seed
from quizmath.review.mock import MockSession, draw
from quizmath.review.record import Answer
from quizmath.scheduling.rating import Rating
from quizmath.scheduling.scheduler import Scheduler
from quizmath.stats.collect import stats_report
from quizmath.store.database import open_store
from quizmath.store.models import CardRow, CardStateRow, ReviewRow
from quizmath.store.queries import CardFilter
from tests.cli.quiz_driver import (
    LiveQuiz,
    invoke_at,
    right_answer,
    shown_in,
    wrong_answer,
)

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
MOCK_AT = NOW + timedelta(minutes=30)  # the learning steps of this morning are due again


pytestmark = pytest.mark.usefixtures("local_time_is_utc")


def _invoke(db: Path, at: datetime, *args: str, input: str = "") -> str:
    return invoke_at(db, "ann", at, *args, input=input)


def _states(db: Path) -> dict[int, tuple[object, ...]]:
    store = open_store(str(db))
    try:
        with store.reading() as session:
            return {
                s.card_id: (s.state, s.due, s.stability, s.reps, s.streak)
                for s in session.scalars(select(CardStateRow))
            }
    finally:
        store.close()


@pytest.fixture
def studied(tmp_path: Path) -> Path:
    """Two core cards answered once this morning, so they are due again by ``MOCK_AT``."""
    db = tmp_path / "mock.db"
    args = ("quiz", "--deck", "core", "--new", "2", "--max", "1")
    for _ in range(2):
        (shown,) = shown_in(_invoke(db, NOW, *args))[:1]
        _invoke(db, NOW, *args, input=f"{right_answer(shown)}\n")
    return db


def test_a_mock_is_scored_per_topic_and_moves_no_schedule(studied: Path) -> None:
    before = _states(studied)
    env = {**os.environ, "QUIZMATH_DB": str(studied), "QUIZMATH_LEARNER": "ann",
           "QUIZMATH_NOW": MOCK_AT.isoformat(), "PYTHONUNBUFFERED": "1", "TZ": "UTC"}  # fmt: skip
    process = subprocess.Popen(
        [sys.executable, "-m", "quizmath", "quiz", "--mock", "--deck", "core", "--max", "4"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        cwd=studied.parent, env=env,
    )  # fmt: skip
    quiz = LiveQuiz(process)
    shown = []
    for plan in ("right", "wrong", "skip", "right"):
        line = quiz.read_until(" · level ", "Mock over")
        assert line is not None and "Mock over" not in line, "".join(quiz.transcript)
        (question,) = shown_in(line)
        shown.append(question)
        if plan == "skip":
            quiz.send("s")
            assert quiz.read_until("Skipped") is not None
        else:
            quiz.answer(right_answer(question) if plan == "right" else wrong_answer(question))
    assert quiz.read_until("Mock over") is not None
    assert quiz.read_until("Skipped 1.") is not None
    code, errors = quiz.finish()
    transcript = "".join(quiz.transcript)
    assert code == 0, errors
    assert "Mock: 4 questions in 30 minutes" in transcript
    assert "Answered 3, right 2 (67%)" in transcript
    assert transcript.count("· mock · 30 min left]") == 4
    # a mixed set: the four core templates are four topics, one question each
    assert len({q.ref for q in shown}) == 4

    assert _states(studied) == before, "a mock attempt moved a schedule"
    store = open_store(str(studied))
    try:
        with store.reading() as session:
            mocks = session.execute(
                select(ReviewRow, CardRow).join(CardRow, CardRow.id == ReviewRow.card_id)
                .where(ReviewRow.mock.is_(True)).order_by(ReviewRow.id)
            ).all()  # fmt: skip
        assert audit_reviews(store, Scheduler()) == []
        report = stats_report(store, "ann", MOCK_AT, 7)
    finally:
        store.close()
    answered = [q for q, plan in zip(shown, ("right", "wrong", "skip", "right"), strict=True)
                if plan != "skip"]  # fmt: skip
    assert [card.ref for _, card in mocks] == [q.ref for q in answered]
    assert [review.correct for review, _ in mocks] == [True, False, True]
    assert mocks[1][0].mistake and mocks[1][0].topic == mocks[1][1].topic
    for (review, card), question in zip(mocks, answered, strict=True):
        assert review.seed == question.seed == mock_seed("ann", card.kind, card.ref, 0)
        reps = review.state_before["reps"] if review.state_before else 0
        assert review.seed != instance_seed("ann", card.kind, card.ref, reps)
    assert report.total_reviews == 2 + 3 and report.retention == []
    # the daily quiz still has the two due cards: the mock did not review them
    status = _invoke(studied, MOCK_AT, "status", "--json")
    assert '"due_now": 2' in status and '"reviewed_today": 2' in status


def test_a_mock_follows_the_plans_topics_so_far(studied: Path) -> None:
    _invoke(studied, NOW, "plan", "start", "interview-3w", "--start", "2026-02-25")  # day 6
    output = _invoke(studied, MOCK_AT, "quiz", "--mock", "--max", "3", input="q\n")
    assert "Plan interview-3w, day 6" in output and "Mock: 3 questions in 30 minutes" in output
    assert "Mock over. Answered 0, right 0" in output
    plan = load_plans().plans["interview-3w"]
    store = open_store(str(studied))
    try:
        sitting = MockSession.start(
            store, "ann", mock_filter(Focus(plan, 6), (), ()), size=200, clock=lambda: MOCK_AT
        )
    finally:
        store.close()
    topics = {card.topic for card in sitting.cards}
    assert topics == set(plan.topics_until(6))  # every topic so far, none later
    assert all(card.kind == "template" for card in sitting.cards)


def test_the_time_limit_ends_a_mock_and_counts_what_was_left(studied: Path) -> None:
    clock = [0.0]
    store = open_store(str(studied))
    try:
        sitting = MockSession.start(
            store, "ann", CardFilter(("core",)), size=4, minutes=1,
            clock=lambda: MOCK_AT, timer=lambda: clock[0],
        )  # fmt: skip
        step = sitting.next()
        assert step is not None and step.seconds_left == 60 and step.tag == "mock"
        clock[0] = 30.0
        sitting.record(step.instance, Answer("x", True, Rating.Good, 30_000))
        clock[0] = 61.0
        assert sitting.next() is None
    finally:
        store.close()
    score = sitting.score()
    assert (score.answered, score.right, score.unanswered) == (1, 1, 3)
    assert [(t.topic, t.answered, t.right) for t in score.topics] == [
        (step.instance.card.topic, 1, 1)
    ]


def test_draw_covers_every_topic_before_any_repeats() -> None:
    candidates = [(i, f"t{i % 5}") for i in range(40)]
    chosen = draw(candidates, 12, random.Random(3))
    topics = [f"t{i % 5}" for i in chosen]
    assert len(chosen) == len(set(chosen)) == 12
    assert len(set(topics[:5])) == 5 and len(set(topics[5:10])) == 5
    assert draw(candidates, 12, random.Random(3)) == chosen
    assert sorted(draw(candidates[:3], 10, random.Random(3))) == [0, 1, 2]
    assert draw([], 5, random.Random(1)) == []
