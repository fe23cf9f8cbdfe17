"""The store's queries: deck sync, due counts, new cards in deck order, the review log."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from quizmath.store.database import Store
from quizmath.store.models import CardRow, CardStateRow, DeckCardRow, ReviewRow
from quizmath.store.queries import (
    CardFilter,
    CardSpec,
    DeckSpec,
    append_review,
    cards_by_id,
    count_due_before,
    count_reviews,
    due_counts,
    ensure_learner,
    find_learner,
    learning_due,
    next_due,
    reviews_due,
    started_refs,
    sync_decks,
)
from quizmath.store.sqlread import (
    SqlAlchemyReader,
    count_new_cards,
    first_day_without_reviews,
    last_review_before,
    new_card_stream,
)

LEARNING, REVIEW = 1, 2

ALGEBRA = DeckSpec(
    "algebra",
    "Algebra",
    "",
    [
        CardSpec("template", "la.a", "la.eigen"),
        CardSpec("template", "la.b", "la.eigen"),
        CardSpec("template", "ca.c", "ca.chain-rule"),
        CardSpec("concept", "c.d", "pr.bayes", "Why?", "Because."),
    ],
)
CALCULUS = DeckSpec("calculus", "Calculus", "", [CardSpec("template", "ca.c", "ca.chain-rule")])


@pytest.fixture
def synced(store: Store) -> Store:
    with store.writing() as session:
        sync_decks(session, [ALGEBRA, CALCULUS])
    return store


def _card_ids(store: Store) -> dict[str, int]:
    with store.reading() as session:
        return {ref: id_ for id_, ref in session.execute(select(CardRow.id, CardRow.ref))}


def _start(
    store: Store,
    learner: str,
    ref: str,
    *,
    state: int,
    due: datetime,
    at: datetime,
    stability: float = 3.0,
) -> None:
    """Give ``learner`` a card state and its first review, as recording an answer would."""
    card_id = _card_ids(store)[ref]
    with store.writing() as session:
        learner_id = ensure_learner(session, learner, at).id
        row = CardStateRow(
            learner_id=learner_id, card_id=card_id, state=state, step=None, stability=stability,
            difficulty=5.0, due=due, last_review=at, reps=1, lapses=0, streak=1,
        )  # fmt: skip
        review = ReviewRow(
            learner_id=learner_id, card_id=card_id, reviewed_at=at, rating=3, correct=True,
            answer="x", seed=7, level=1, response_ms=1200, state_before=None,
            state_after={"due": due.isoformat()},
        )  # fmt: skip
        append_review(session, review, row)


def test_sync_creates_each_card_once_and_keeps_deck_order(synced: Store) -> None:
    with synced.reading() as session:
        assert session.scalar(select(func.count()).select_from(CardRow)) == 4
        concept = session.scalars(select(CardRow).where(CardRow.kind == "concept")).one()
        assert (concept.question, concept.answer) == ("Why?", "Because.")
        positions = session.execute(
            select(CardRow.ref, DeckCardRow.position)
            .join(DeckCardRow, DeckCardRow.card_id == CardRow.id)
            .order_by(DeckCardRow.deck_id, DeckCardRow.position)
        ).all()
    assert [tuple(p) for p in positions] == [
        ("la.a", 0), ("la.b", 1), ("ca.c", 2), ("c.d", 3), ("ca.c", 0)
    ]  # fmt: skip


def test_sync_again_updates_text_and_membership_without_duplicates(synced: Store) -> None:
    changed = DeckSpec(
        "algebra",
        "Algebra 2",
        "new",
        [CardSpec("concept", "c.d", "pr.bayes", "Why now?", "Still because."),
         CardSpec("template", "la.a", "la.eigen")],
    )  # fmt: skip
    with synced.writing() as session:
        sync_decks(session, [changed])
    with synced.reading() as session:
        assert session.scalar(select(func.count()).select_from(CardRow)) == 4
        assert session.scalar(select(CardRow.question).where(CardRow.ref == "c.d")) == "Why now?"
        members = session.scalars(
            select(CardRow.ref)
            .join(DeckCardRow, DeckCardRow.card_id == CardRow.id)
            .where(DeckCardRow.deck_id == 1)
            .order_by(DeckCardRow.position)
        ).all()
    assert members == ["c.d", "la.a"]


def test_new_candidates_follow_the_deck_and_respect_filters(synced: Store, now: datetime) -> None:
    _start(synced, "ann", "la.a", state=REVIEW, due=now + timedelta(days=3), at=now)
    with synced.reading() as session:
        ann = find_learner(session, "ann")
        assert ann is not None

        reader = SqlAlchemyReader(session)

        def refs(card_filter: CardFilter, learner: int | None = ann.id, exclude=()):
            stream = new_card_stream(reader, learner, card_filter, exclude=exclude)
            return [row.ref for row in cards_by_id(session, [card_id for card_id, _ in stream])]

        assert refs(CardFilter()) == ["la.b", "ca.c", "c.d"]
        assert refs(CardFilter(), learner=None) == ["la.a", "la.b", "ca.c", "c.d"]
        assert refs(CardFilter(decks=["calculus"])) == ["ca.c"]
        assert refs(CardFilter(topics=["la"])) == ["la.b"]
        assert refs(CardFilter(topics=["pr.bayes", "ca.chain-rule"])) == ["ca.c", "c.d"]
        assert refs(CardFilter(new_topics=["ca"])) == ["ca.c"]
        assert refs(CardFilter(new_topics=[])) == []
        assert refs(CardFilter(new_topics=["pr.bayes", "la"]), learner=None) == [
            "c.d",
            "la.a",
            "la.b",
        ]
        assert refs(
            CardFilter(decks=["algebra"], topics=["la", "pr"], new_topics=["la.eigen"])
        ) == ["la.b"]
        assert refs(CardFilter(), exclude=[_card_ids(synced)["ca.c"]]) == ["la.b", "c.d"]
        filters = [
            CardFilter(),
            CardFilter(new_topics=["ca", "pr.bayes"]),
            CardFilter(topics=["la"]),
        ]
        for card_filter in filters:  # ca.c is in both decks: counted once
            for limit in range(6):
                for learner in (ann.id, None):
                    expected = min(limit, len(refs(card_filter, learner)))
                    assert count_new_cards(reader, learner, card_filter, limit=limit) == expected


def test_due_counts_split_reviews_learning_now_and_later(synced: Store, now: datetime) -> None:
    day_end = now + timedelta(hours=19)  # 04:00 the next morning
    ahead = now + timedelta(minutes=20)
    _start(synced, "ann", "la.a", state=REVIEW, due=now + timedelta(hours=6), at=now)
    _start(synced, "ann", "la.b", state=LEARNING, due=now + timedelta(minutes=10), at=now)
    _start(synced, "ann", "ca.c", state=LEARNING, due=now + timedelta(hours=2), at=now)
    _start(synced, "ann", "c.d", state=REVIEW, due=now + timedelta(days=2), at=now)
    _start(synced, "bob", "c.d", state=REVIEW, due=now - timedelta(days=2), at=now)
    ids = _card_ids(synced)
    with synced.reading() as session:
        ann = find_learner(session, "ann")
        assert ann is not None
        counts = due_counts(session, ann.id, ahead, day_end)
        assert (counts.reviews, counts.learning, counts.learning_later) == (1, 1, 1)
        only_la = due_counts(session, ann.id, ahead, day_end, CardFilter(topics=["la"]))
        assert (only_la.reviews, only_la.learning, only_la.learning_later) == (1, 1, 0)
        skipped = due_counts(session, ann.id, ahead, day_end, exclude=[ids["la.a"]])
        assert skipped.reviews == 0
        assert next_due(session, ann.id, ahead, day_end) == now + timedelta(hours=2)
        assert count_due_before(session, ann.id, day_end + timedelta(days=1)) == 3
        steps = learning_due(session, ann.id, day_end, CardFilter())
        assert [card.ref for card, _ in steps] == ["la.b", "ca.c"]
        assert [c.ref for c, _ in learning_due(session, ann.id, ahead, CardFilter())] == ["la.b"]
        reviews = reviews_due(session, ann.id, now, day_end, CardFilter())
        assert [card.ref for card, _ in reviews] == ["la.a"]


def test_reviews_come_lowest_recall_first(synced: Store, now: datetime) -> None:
    # Same time since the last review: the less stable memory is the likelier to be lost.
    _start(synced, "ann", "la.a", state=REVIEW, due=now, at=now - timedelta(days=4), stability=9)
    _start(synced, "ann", "la.b", state=REVIEW, due=now, at=now - timedelta(days=4), stability=2)
    # Longer ago, but far more stable: recalled more surely than either.
    _start(synced, "ann", "c.d", state=REVIEW, due=now, at=now - timedelta(days=8), stability=90)
    with synced.reading() as session:
        ann = find_learner(session, "ann")
        assert ann is not None
        day_end = now + timedelta(hours=19)
        ordered = reviews_due(session, ann.id, now, day_end, CardFilter())
        assert [card.ref for card, _ in ordered] == ["la.b", "la.a", "c.d"]
        first = reviews_due(session, ann.id, now, day_end, CardFilter(), limit=1)
        assert [card.ref for card, _ in first] == ["la.b"]


def test_review_counts_streak_walk_and_started_cards(synced: Store, now: datetime) -> None:
    earlier = now - timedelta(days=1)
    _start(synced, "ann", "la.a", state=REVIEW, due=now, at=earlier)
    _start(synced, "ann", "la.b", state=REVIEW, due=now, at=now)
    with synced.reading() as session:
        ann = find_learner(session, "ann")
        assert ann is not None
        assert count_reviews(session, ann.id, now) == 1
        assert count_reviews(session, ann.id, earlier) == 2
        assert count_reviews(session, ann.id, earlier, first_only=True) == 2
        reader = SqlAlchemyReader(session)
        assert last_review_before(reader, ann.id, now) == earlier
        assert last_review_before(reader, ann.id, earlier) is None
        asked = [("template", "la.a"), ("template", "ca.c"), ("concept", "la.b")]
        assert started_refs(session, ann.id, asked) == {("template", "la.a")}
        day = timedelta(days=1)
        spans = [(now, now + day), (earlier, now), (earlier - day, earlier)]
        assert first_day_without_reviews(reader, ann.id, spans) == 2
        assert first_day_without_reviews(reader, ann.id, spans[:2]) is None
