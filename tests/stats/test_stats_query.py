"""The report summed by the database equals ``build_report`` over the same review log.

A hundred and twenty days of reviews go in through the review service (mock attempts
included), in New York time so study days start at 4 am across a clock change; the facts
for ``build_report`` are then read back row by row, maturity straight from each review's
``state_before``, and the two reports must match field for field.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Rating
from sqlalchemy import select

from quizmath.review.cards import StudyCard, state_from_row
from quizmath.review.instance import Instance
from quizmath.review.record import Answer, record_answer, record_mock_answer
from quizmath.scheduling.day import study_day
from quizmath.scheduling.scheduler import Scheduler
from quizmath.scheduling.state import CardState
from quizmath.stats.collect import MATURE_DAYS, stats_report
from quizmath.stats.facts import ReviewFact
from quizmath.stats.report import build_report
from quizmath.store.database import Store, open_store
from quizmath.store.models import CardRow, CardStateRow, ReviewRow
from quizmath.store.queries import CardSpec, DeckSpec, get_state, sync_decks
from quizmath.store.settings import HEAD
from quizmath.store.sqlread import open_sqlite_at

START = datetime(2026, 1, 5, 14, 0, tzinfo=UTC)
DAYS = 120
TOPICS = ("la.eigen", "it.kl", "pr.bayes", "ca.chain-rule")
MISTAKES = ("swapped P and Q", "forgot the base rate")


@pytest.fixture
def new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _simulate(store: Store) -> datetime:
    """Review each card when due, twice a day, the morning slot straddling 4 am local."""
    rng = random.Random(7)
    scheduler = Scheduler()
    specs = [CardSpec("template", f"t{i}", TOPICS[i % len(TOPICS)]) for i in range(12)]
    with store.writing() as session:
        sync_decks(session, [DeckSpec("d", "D", "", specs)])
    with store.reading() as session:
        cards = [StudyCard.from_rows(c) for c in session.scalars(select(CardRow))]
    states: dict[int, CardState] = {}
    for day in range(DAYS):
        if day % 9 == 4:
            continue  # a day off now and then breaks the streak
        for hour in (8.0 + 2 * rng.random(), 20.0):  # 03:00-05:00 New York time in winter
            at = START.replace(hour=0) + timedelta(days=day, hours=hour)
            for card in cards:
                before = states.get(card.card_id)
                studied = StudyCard(card.card_id, card.kind, card.ref, card.topic, state=before)
                instance = Instance(studied, before.reps if before else 0, rng.getrandbits(32), 1)
                correct = rng.random() < 0.8
                answer = Answer(
                    "x",
                    correct,
                    Rating.Good if correct else Rating.Again,
                    rng.choice([None, 2000, 3000, 4500, 9000]),
                    None if correct else rng.choice((None, *MISTAKES)),
                )
                if before is None or before.due <= at:
                    states[card.card_id] = record_answer(
                        store, "ann", instance, answer, at, scheduler
                    )
                elif rng.random() < 0.03:
                    record_mock_answer(store, "ann", instance, answer, at)
    return START + timedelta(days=DAYS, hours=1)


def _reference(store: Store, now: datetime, window: int) -> dict[str, object]:
    """``build_report`` over facts read one review at a time."""
    facts, studied = [], set()
    with store.reading() as session:
        rows = session.execute(
            select(ReviewRow, CardRow.topic).join(CardRow, CardRow.id == ReviewRow.card_id)
        )
        for review, topic in rows:
            before = review.state_before
            mature = bool(before and before["last_review"]) and (
                datetime.fromisoformat(before["due"])
                - datetime.fromisoformat(before["last_review"])
            ) >= timedelta(days=MATURE_DAYS)
            day = study_day(review.reviewed_at)
            facts.append(
                ReviewFact(day, topic, review.correct, mature, review.response_ms,
                           review.mistake, review.mock)
            )  # fmt: skip
            if not review.mock:
                studied.add(day)
        due = [study_day(d) for d in session.scalars(select(CardStateRow.due))]
    return build_report("ann", facts, studied, due, study_day(now), window).to_dict()


@pytest.fixture
def history(new_york: None, tmp_path: Path) -> Iterator[tuple[Store, datetime]]:
    store = open_store(str(tmp_path / "stats.db"), now=START)
    now = _simulate(store)
    yield store, now
    store.close()


@pytest.mark.parametrize("window", [1, 30, 61, 365])
def test_the_store_report_equals_build_report_on_the_same_log(
    history: tuple[Store, datetime], window: int
) -> None:
    store, now = history
    report = stats_report(store, "ann", now, window)
    assert report.to_dict() == _reference(store, now, window)


@pytest.mark.parametrize("window", [1, 30, 365])
def test_sqlite3_alone_reads_the_report_the_store_reads(
    history: tuple[Store, datetime], tmp_path: Path, window: int
) -> None:
    store, now = history
    fast = open_sqlite_at(tmp_path / "stats.db", HEAD, timeout=1.0)
    assert fast is not None
    try:
        assert stats_report(fast, "ann", now, window) == stats_report(store, "ann", now, window)
    finally:
        fast.close()


def test_the_log_exercises_every_part_of_the_report(history: tuple[Store, datetime]) -> None:
    store, now = history
    report = stats_report(store, "ann", now, 365)
    assert report.retention and all(w.mature_reviews for w in report.retention)
    assert report.mistakes and {m for m, _ in report.mistakes} <= set(MISTAKES)
    assert report.missed_topics and report.longest_streak >= 4
    assert 0 < sum(n for _, n in report.forecast) <= 12
    with store.reading() as session:
        mocks = session.scalars(select(ReviewRow).where(ReviewRow.mock.is_(True))).all()
    assert mocks, "no mock attempt in the log"
    assert report.total_reviews == sum(n for _, n in report.calendar)


def test_a_mock_attempt_is_an_answer_but_no_study_day_and_moves_no_schedule(
    history: tuple[Store, datetime],
) -> None:
    store, now = history
    with store.reading() as session:
        card = session.scalars(select(CardRow)).first()
        assert card is not None
        state = get_state(session, 1, card.id)
        assert state is not None
    studied = StudyCard(card.id, card.kind, card.ref, card.topic, state=state_from_row(state))
    instance = Instance(studied, state.reps, 1, 1)
    later = now + timedelta(days=3)  # nothing scheduled was answered in between
    record_mock_answer(store, "ann", instance, Answer("x", False, Rating.Again, 100), later)
    report = stats_report(store, "ann", later, 30)
    assert report.to_dict() == _reference(store, later, 30)
    assert report.calendar[-1][1] == 1 and report.current_streak == 0
    with store.reading() as session:
        unchanged = get_state(session, 1, card.id)
        assert unchanged is not None
        assert (unchanged.due, unchanged.reps, unchanged.stability) == (
            state.due, state.reps, state.stability,
        )  # fmt: skip


def test_an_unknown_learner_gets_an_empty_report(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "empty.db"), now=START)
    try:
        report = stats_report(store, "nobody", START, 7)
    finally:
        store.close()
    assert report.total_reviews == 0 and report.current_streak == 0
    assert [n for _, n in report.calendar] == [0] * 7
    assert [n for _, n in report.forecast] == [0] * 30
    assert report.calendar[-1][0] == date(2026, 1, 5)
