"""Thirty simulated days of study, driven through ``quizmath quiz`` with ``QUIZMATH_NOW``.

Each day at 9:00 the learner answers everything the quiz offers, every fifth answer wrong,
and skips two days in the middle. The review log must then show what spaced repetition
promises, and agree with the stored card states.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from quizmath.questions.registry import get_template
from quizmath.review.audit import audit_reviews
from quizmath.review.instance import instance_seed, template_level
from quizmath.scheduling.day import study_day
from quizmath.scheduling.scheduler import Scheduler
from quizmath.store.database import open_store
from quizmath.store.models import CardRow, ReviewRow
from tests.cli.quiz_driver import (
    invoke_at,
    right_answer,
    waiting_after,
    wrong_answer,
)

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
NEW_PER_DAY = 3
DAYS_OFF = {12, 13}


pytestmark = pytest.mark.usefixtures("local_time_is_utc")


def _invoke(db: Path, now: datetime, *args: str, input: str = "") -> str:
    return invoke_at(db, "sim", now, *args, input=input)


def _study(db: Path) -> int:
    answered = 0
    for day in range(30):
        if day in DAYS_OFF:
            continue
        now = START + timedelta(days=day)
        args = ("quiz", "--deck", "core", "--new", str(NEW_PER_DAY))
        shown = waiting_after(_invoke(db, now, *args))
        for _ in range(200):
            if shown is None:
                break
            answered += 1
            answer = wrong_answer(shown) if answered % 5 == 0 else right_answer(shown)
            output = _invoke(db, now, *args, input=f"{answer}\n")
            assert "Recorded:" in output
            shown = waiting_after(output)
        else:
            raise AssertionError(f"day {day} never ended")
    return answered


@pytest.fixture(scope="module")
def history(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, list[tuple[ReviewRow, CardRow]]]:
    db = tmp_path_factory.mktemp("study") / "study.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TZ", "UTC")
        time.tzset()
        answered = _study(db)
    time.tzset()
    store = open_store(str(db))
    with store.reading() as session:
        query = select(ReviewRow, CardRow).join(CardRow, CardRow.id == ReviewRow.card_id)
        rows = [(review, card) for review, card in session.execute(query.order_by(ReviewRow.id))]
    store.close()
    assert len(rows) == answered > 40
    return db, rows


def test_the_daily_new_card_limit_holds(history: tuple[Path, list]) -> None:
    _, rows = history
    introduced = Counter(study_day(r.reviewed_at) for r, _ in rows if r.state_before is None)
    total_cards = len({card.id for _, card in rows})
    assert max(introduced.values()) == NEW_PER_DAY
    assert sum(introduced.values()) == total_cards
    days = sorted(introduced)
    assert days == [START.date() + timedelta(days=d) for d in range(len(days))]


def test_wrong_answers_bring_the_card_back_the_same_day(history: tuple[Path, list]) -> None:
    _, rows = history
    lapses = [(i, r, c) for i, (r, c) in enumerate(rows) if r.rating == 1]
    assert len(lapses) >= 5
    for index, review, card in lapses:
        later = [r for r, c in rows[index + 1 :] if c.id == card.id]
        assert later and study_day(later[0].reviewed_at) == study_day(review.reviewed_at)


def test_right_answers_push_the_intervals_out(history: tuple[Path, list]) -> None:
    _, rows = history
    grew = 0
    for review, _ in rows:
        before, after = review.state_before, review.state_after
        if review.correct and before and before["state"] == 2:
            assert after["stability"] > before["stability"]
            grew += 1
    assert grew >= 10
    intervals = [datetime.fromisoformat(r.state_after["due"]) - r.reviewed_at for r, _ in rows]
    assert max(intervals) > timedelta(days=10)


def test_levels_and_seeds_follow_the_review_log(history: tuple[Path, list]) -> None:
    _, rows = history
    count: dict[int, int] = defaultdict(int)
    levels = set()
    for review, card in rows:
        assert review.seed == instance_seed("sim", card.kind, card.ref, count[card.id])
        count[card.id] += 1
        if card.kind == "template":
            streak = review.state_before["streak"] if review.state_before else 0
            assert review.level == template_level(get_template(card.ref).levels, streak)
            levels.add(review.level)
    assert levels >= {1, 2}


def test_the_card_states_are_the_replay_of_the_review_log(history: tuple[Path, list]) -> None:
    db, _ = history
    store = open_store(str(db))
    try:
        assert audit_reviews(store, Scheduler()) == []
    finally:
        store.close()
    assert "card states match the review log" in _invoke(db, START, "db", "check")
