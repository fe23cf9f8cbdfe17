"""The study service under the quiz: queue order, limits, skips, time box and summary.

Concept cards only, so no question template (and no SymPy) is involved.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from quizmath.decks.model import ConceptCard, Deck
from quizmath.review.decks import sync
from quizmath.review.instance import instance_seed, make_instance, template_level
from quizmath.review.queue import QueueOptions, build_queue
from quizmath.review.record import self_graded
from quizmath.review.session import StudySession
from quizmath.scheduling.rating import Rating
from quizmath.store.database import Store, open_store
from quizmath.store.queries import CardFilter

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
TOPICS = ["la.eigen", "la.eigen", "la.eigen", "ca.chain-rule", "ca.chain-rule", "pr.bayes"]
DECK = Deck(
    id="mini",
    title="Mini",
    description="",
    templates=(),
    concepts=tuple(
        ConceptCard(f"mini.{n}-{topic}", topic, f"Question {n}?", f"Answer {n}.")
        for n, topic in enumerate(TOPICS)
    ),
    path="mini.toml",
)


pytestmark = pytest.mark.usefixtures("local_time_is_utc")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(str(tmp_path / "session.db"), now=NOW)
    sync(opened, [DECK], {})
    yield opened
    opened.close()


class Clock:
    """A settable clock for review times and a stopwatch for the session's time box."""

    def __init__(self) -> None:
        self.now = NOW
        self.seconds = 0.0

    def __call__(self) -> datetime:
        return self.now


def session(store: Store, clock: Clock, **options: object) -> StudySession:
    return StudySession(
        store, "ann", QueueOptions(**options), clock=clock, timer=lambda: clock.seconds
    )


def refs(store: Store, now: datetime = NOW, **options: object) -> list[str]:
    with store.reading() as db:
        queue = build_queue(db, "ann", now, QueueOptions(**options))
    assert len(queue.cards) == queue.total
    return [card.ref for card in queue.cards]


def answer(study: StudySession, rating: Rating) -> str:
    step = study.next()
    assert step is not None
    study.record(step.instance, self_graded(rating))
    return step.instance.card.ref


def test_new_cards_interleave_topics_in_deck_order(store: Store) -> None:
    assert refs(store) == [
        "mini.0-la.eigen", "mini.3-ca.chain-rule", "mini.5-pr.bayes",
        "mini.1-la.eigen", "mini.4-ca.chain-rule", "mini.2-la.eigen",
    ]  # fmt: skip
    assert refs(store, new_per_day=2) == ["mini.0-la.eigen", "mini.3-ca.chain-rule"]
    assert refs(store, card_filter=CardFilter(topics=["ca"])) == [
        "mini.3-ca.chain-rule", "mini.4-ca.chain-rule"
    ]  # fmt: skip
    only_bayes = CardFilter(new_topics=["pr.bayes"])
    assert refs(store, card_filter=only_bayes) == ["mini.5-pr.bayes"]


def test_due_steps_come_first_then_new_then_steps_coming_up(store: Store) -> None:
    clock = Clock()
    study = session(store, clock)
    first = answer(study, Rating.Again)  # relearns in a minute
    second = answer(study, Rating.Good)  # next step in ten minutes
    order = refs(store)
    assert order[-2:] == [first, second] and len(order) == 6
    clock.now = NOW + timedelta(minutes=2)
    assert refs(store, NOW + timedelta(minutes=2))[0] == first


def test_the_daily_limit_counts_cards_introduced_today(store: Store) -> None:
    clock = Clock()
    study = session(store, clock, new_per_day=3)
    answer(study, Rating.Easy)
    answer(study, Rating.Easy)
    assert len(refs(store, new_per_day=3)) == 1
    assert len(refs(store, NOW + timedelta(days=1), new_per_day=3)) == 3


def test_max_cards_caps_the_session_and_its_total(store: Store) -> None:
    clock = Clock()
    study = session(store, clock, max_cards=2)
    step = study.next()
    assert step is not None and (step.position, step.total) == (1, 2)
    answer(study, Rating.Easy)
    answer(study, Rating.Easy)
    assert study.next() is None


def test_a_skipped_card_stays_out_of_this_session_and_uses_a_new_slot(store: Store) -> None:
    clock = Clock()
    study = session(store, clock, new_per_day=2)
    step = study.next()
    assert step is not None
    study.skip(step.instance)
    following = study.next()
    assert following is not None and following.instance.card.ref != step.instance.card.ref
    assert (following.position, following.total) == (2, 2)
    study.skip(following.instance)
    assert study.next() is None
    assert study.summary().waiting == 2


def test_the_time_box_ends_the_session_before_the_next_card(store: Store) -> None:
    clock = Clock()
    study = session(store, clock)
    study.minutes = 1
    answer(study, Rating.Good)
    clock.seconds = 59
    assert study.next() is not None
    clock.seconds = 61
    assert study.next() is None


def test_the_summary(store: Store) -> None:
    clock = Clock()
    study = session(store, clock)
    answer(study, Rating.Easy)
    answer(study, Rating.Again)
    clock.seconds = 75
    summary = study.summary()
    assert (summary.answered, summary.right, summary.seconds) == (2, 1, 75)
    assert summary.waiting == 5  # four new cards and the one relearning in a minute
    assert summary.due_tomorrow == 1
    assert summary.next_due is not None and summary.next_due > NOW + timedelta(days=1)


def test_instances_are_seeded_by_learner_card_and_review_number(store: Store) -> None:
    assert instance_seed("ann", "template", "ca.sigmoid-chain", 0) == 2519179778
    assert instance_seed("ann", "template", "ca.sigmoid-chain", 1) != 2519179778
    assert instance_seed("bob", "template", "ca.sigmoid-chain", 0) != 2519179778
    with store.reading() as db:
        card = build_queue(db, "ann", NOW, QueueOptions()).cards[0]
    shown = make_instance(card, "ann")
    assert (shown.review_number, shown.level, shown.question) == (0, None, None)
    assert shown.seed == instance_seed("ann", "concept", card.ref, 0)


@pytest.mark.parametrize(
    ("levels", "streak", "level"),
    [(2, 0, 1), (2, 1, 1), (2, 2, 2), (2, 9, 2), (3, 4, 3), (1, 6, 1)],
)
def test_the_level_grows_one_step_per_two_right_answers(
    levels: int, streak: int, level: int
) -> None:
    assert template_level(levels, streak) == level


def test_a_card_whose_template_is_gone_is_set_aside_with_a_note(store: Store) -> None:
    ghost = Deck("ghost", "Ghost", "", ("no.such-template",), (), "ghost.toml")
    sync(store, [ghost], {"no.such-template": "la.eigen"})
    clock = Clock()
    study = session(store, clock, card_filter=CardFilter(decks=["ghost", "mini"]))
    step = study.next()
    assert step is not None and step.instance.card.kind == "concept"
    (note,) = study.problems
    assert note.startswith("no.such-template skipped: ") and "no.such-template" in note[25:]
