"""``plan today`` and ``plan status`` on a small, hand-built review log."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Rating
from sqlalchemy import select

from quizmath.plans.agenda import plan_agenda
from quizmath.plans.enrollment import Enrollment, get_plan, start_plan
from quizmath.plans.focus import Focus, quiz_filter
from quizmath.plans.progress import plan_progress
from quizmath.plans.tallies import retrievability
from quizmath.review.cards import StudyCard, state_from_row
from quizmath.review.instance import Instance
from quizmath.review.queue import QueueOptions, build_queue
from quizmath.review.record import Answer, record_answer
from quizmath.scheduling.scheduler import Scheduler
from quizmath.scheduling.state import CardState
from quizmath.store.database import Store, open_store
from quizmath.store.models import CardRow, CardStateRow
from quizmath.store.queries import CardSpec, DeckSpec, sync_decks
from quizmath.store.settings import HEAD
from quizmath.store.sqlread import open_sqlite_at

PLAN = get_plan("interview-3w")
START = date(2026, 3, 2)
NOW = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)  # day 3
CARDS = [
    CardSpec("template", "vec.1", "la.vectors"),
    CardSpec("template", "vec.2", "la.vectors"),
    CardSpec("template", "mat.1", "la.matrix-ops"),
    CardSpec("concept", "det.1", "la.det-inverse", "Q", "A"),
    CardSpec("template", "eig.1", "la.eigen"),
    CardSpec("template", "eig.2", "la.eigen"),
    CardSpec("template", "der.1", "ca.derivatives"),
]
# (card, correct, when): vec.1 before the plan started, the rest of day 1's topics on days 1-2
ANSWERS = [
    ("vec.1", True, datetime(2026, 3, 1, 12, 0, tzinfo=UTC)),
    ("vec.2", False, datetime(2026, 3, 2, 12, 0, tzinfo=UTC)),
    ("mat.1", True, datetime(2026, 3, 2, 12, 5, tzinfo=UTC)),
    ("det.1", True, datetime(2026, 3, 3, 12, 0, tzinfo=UTC)),
]


@pytest.fixture
def store(local_time_is_utc: None, tmp_path: Path) -> Iterator[Store]:
    opened = open_store(str(tmp_path / "progress.db"), now=NOW)
    with opened.writing() as session:
        sync_decks(session, [DeckSpec("d", "D", "", CARDS)])
    scheduler = Scheduler()
    with opened.reading() as session:
        cards = {c.ref: StudyCard.from_rows(c) for c in session.scalars(select(CardRow))}
    for ref, correct, at in ANSWERS:
        answer = Answer("x", correct, Rating.Good if correct else Rating.Again)
        record_answer(opened, "ann", Instance(cards[ref], 0, 1), answer, at, scheduler)
    start_plan(opened, "ann", PLAN, START, NOW)
    yield opened
    opened.close()


def _states(store: Store) -> dict[str, CardState]:
    with store.reading() as session:
        rows = session.execute(
            select(CardRow.ref, CardStateRow).join(CardStateRow, CardStateRow.card_id == CardRow.id)
        )
        return {ref: state_from_row(state) for ref, state in rows}


def test_steps_are_done_behind_today_or_ahead(store: Store) -> None:
    progress = plan_progress(store, "ann", Enrollment(PLAN, START), NOW)
    assert progress.day == 3 and progress.behind
    first, second, third, fourth = progress.steps[:4]
    assert (first.status, first.cards, first.introduced) == ("done", 4, 4)
    assert (second.status, second.cards, second.introduced) == ("behind", 2, 0)
    assert (third.status, third.cards, third.introduced) == ("today", 1, 0)
    assert fourth.status == "ahead" and fourth.cards == 0
    assert {s.status for s in progress.steps[3:]} == {"ahead"}
    # accuracy counts answers since the plan started: vec.1's earlier answer is left out
    assert (first.reviews, first.correct, first.accuracy) == (3, 2, 2 / 3)
    assert second.accuracy is None


def test_mastery_is_the_mean_recall_of_a_topics_cards(store: Store) -> None:
    progress = plan_progress(store, "ann", Enrollment(PLAN, START), NOW)
    mastery = {t.topic: t for t in progress.mastery}
    assert list(mastery) == list(dict.fromkeys(t for s in PLAN.steps for t in s.topics))
    scheduler = Scheduler()
    states = _states(store)
    expected = (
        scheduler.retrievability(states["vec.1"], NOW)
        + scheduler.retrievability(states["vec.2"], NOW)
    ) / 2
    assert mastery["la.vectors"].mastery == pytest.approx(expected, abs=1e-12)
    assert 0 < mastery["la.vectors"].mastery < 1
    assert mastery["la.eigen"].mastery == 0.0 and mastery["la.eigen"].cards == 2
    assert mastery["ml.generative"].cards == 0 and mastery["ml.generative"].mastery == 0.0
    json = progress.to_dict()
    assert json["steps"][1]["status"] == "behind"
    assert json["mastery"][0]["title"] == "Vectors, norms and projections"


@pytest.mark.parametrize("days", [0.0, 0.4, 1.0, 2.7, 30.2, 400.0])
def test_the_recall_formula_is_fsrs(days: float) -> None:
    at = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    state = Scheduler().review(None, Rating.Good, at, correct=True, seed=1)
    state = Scheduler().review(state, Rating.Good, at + timedelta(hours=1), correct=True, seed=2)
    assert state.last_review is not None and state.stability is not None
    later = state.last_review + timedelta(days=days)
    assert retrievability(days, state.stability) == pytest.approx(
        Scheduler().retrievability(state, later), abs=1e-12
    )
    assert retrievability(days, None) == 0.0


def test_today_says_what_the_quiz_brings_and_that_the_learner_is_behind(store: Store) -> None:
    agenda = plan_agenda(store, "ann", Enrollment(PLAN, START), NOW, new_per_day=10)
    assert agenda.day == 3 and agenda.step is PLAN.steps[2]
    assert agenda.new_cards == [("ca.derivatives", 1), ("la.eigen", 2)]
    assert [(g.step.number, g.cards, g.unintroduced) for g in agenda.behind] == [(2, 2, 2)]
    assert agenda.due_reviews == 4  # everything answered so far is due again by now
    assert agenda.suggestion is None and agenda.loaded
    limited = plan_agenda(store, "ann", Enrollment(PLAN, START), NOW, new_per_day=2)
    assert limited.new_cards == [("ca.derivatives", 1), ("la.eigen", 1)]


def test_the_agenda_lists_the_new_cards_the_quiz_would_bring(store: Store) -> None:
    options = QueueOptions(quiz_filter(Focus(PLAN, 3), (), ()), new_per_day=10)
    with store.reading() as session:
        queue = build_queue(session, "ann", NOW, options)
    new = [card.topic for card in queue.cards if card.is_new]
    assert new == ["ca.derivatives", "la.eigen", "la.eigen"]


def test_review_and_mock_days_suggest_a_mock(store: Store) -> None:
    review_day = plan_agenda(store, "ann", Enrollment(PLAN, date(2026, 2, 26)), NOW)
    assert review_day.day == 7 and review_day.step is not None
    assert review_day.step.kind == "review" and review_day.suggestion == "quizmath quiz --mock"
    before = plan_agenda(store, "ann", Enrollment(PLAN, date(2026, 3, 10)), NOW)
    assert before.day < 1 and before.step is None and before.new_cards == []
    assert before.to_dict()["started"] is False
    after = plan_agenda(store, "ann", Enrollment(PLAN, date(2026, 1, 1)), NOW)
    assert after.finished and after.step is None


def test_recall_summed_here_equals_recall_summed_by_the_database(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quizmath.plans import tallies

    by_sql = plan_progress(store, "ann", Enrollment(PLAN, START), NOW).mastery
    monkeypatch.setattr(tallies, "_recall_sql", lambda *args: None)
    by_python = plan_progress(store, "ann", Enrollment(PLAN, START), NOW).mastery
    assert [t.topic for t in by_sql] == [t.topic for t in by_python]
    for sql, python in zip(by_sql, by_python, strict=True):
        assert (sql.cards, sql.started) == (python.cards, python.started)
        assert sql.recall == pytest.approx(python.recall, abs=1e-9)
    assert any(t.recall > 0 for t in by_sql)


@pytest.mark.parametrize("start", [START, date(2026, 2, 20), date(2026, 3, 10)])
def test_sqlite3_alone_reads_what_the_store_reads(
    store: Store, tmp_path: Path, start: date
) -> None:
    enrollment = Enrollment(PLAN, start)
    fast = open_sqlite_at(tmp_path / "progress.db", HEAD, timeout=1.0)
    assert fast is not None
    try:
        for source in (fast, store):
            assert plan_progress(source, "ann", enrollment, NOW).loaded
        assert plan_progress(fast, "ann", enrollment, NOW) == plan_progress(
            store, "ann", enrollment, NOW
        )
        assert plan_agenda(fast, "ann", enrollment, NOW) == plan_agenda(
            store, "ann", enrollment, NOW
        )
    finally:
        fast.close()
