"""The questions the rest of quizmath asks the database, each one indexed query.

Results are rows and plain data; turning them into scheduling states is the caller's job, so
this module needs nothing but SQLAlchemy. The counts ``quizmath status`` also shows are written
once, as plain SQL in ``quizmath.store.sqlread``, and run here through the session.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    and_,
    delete,
    func,
    literal,
    or_,
    select,
    true,
)
from sqlalchemy.orm import Session

from quizmath.store import sqlread
from quizmath.store.models import (
    REVIEW_STATE,
    CardRow,
    CardStateRow,
    DeckCardRow,
    DeckRow,
    LearnerRow,
    ReviewRow,
)
from quizmath.store.sqlread import CardFilter, DueCounts, SqlAlchemyReader
from quizmath.store.types import UTCDateTime

_CHUNK = 500  # bound on parameters per IN (...) list


@dataclass(frozen=True)
class CardSpec:
    """A card as a deck file describes it; concept cards carry their text."""

    kind: str
    ref: str
    topic: str
    question: str | None = None
    answer: str | None = None


@dataclass(frozen=True)
class DeckSpec:
    slug: str
    title: str
    description: str
    cards: Sequence[CardSpec]


# -- learners -----------------------------------------------------------------------------


def find_learner(session: Session, name: str) -> LearnerRow | None:
    return session.scalars(select(LearnerRow).where(LearnerRow.name == name)).one_or_none()


def ensure_learner(session: Session, name: str, at: datetime) -> LearnerRow:
    """The learner called ``name``, created on first use (call inside a write transaction)."""
    learner = find_learner(session, name)
    if learner is None:
        learner = LearnerRow(name=name, created_at=at)
        session.add(learner)
        session.flush()
    return learner


# -- decks and cards ----------------------------------------------------------------------


def sync_decks(session: Session, decks: Iterable[DeckSpec]) -> None:
    """Make the deck and card rows match the deck files (call inside a write transaction).

    Cards are never deleted (their reviews refer to them); a card dropped from a deck file just
    leaves that deck.
    """
    specs = list(decks)
    cards = {(card.kind, card.ref): card for deck in specs for card in deck.cards}
    ids = _sync_cards(session, cards.values())
    for spec in specs:
        deck = session.scalars(select(DeckRow).where(DeckRow.slug == spec.slug)).one_or_none()
        if deck is None:
            deck = DeckRow(slug=spec.slug, title=spec.title, description=spec.description)
            session.add(deck)
            session.flush()
        else:
            deck.title, deck.description = spec.title, spec.description
        wanted = {ids[(card.kind, card.ref)]: position for position, card in enumerate(spec.cards)}
        members = select(DeckCardRow.card_id, DeckCardRow.position).where(
            DeckCardRow.deck_id == deck.id
        )
        held = {card_id: position for card_id, position in session.execute(members)}
        if held == wanted:
            continue
        session.execute(delete(DeckCardRow).where(DeckCardRow.deck_id == deck.id))
        session.add_all(
            DeckCardRow(deck_id=deck.id, card_id=card_id, position=position)
            for card_id, position in wanted.items()
        )
    session.flush()


def _sync_cards(session: Session, specs: Iterable[CardSpec]) -> dict[tuple[str, str], int]:
    wanted = list(specs)
    rows = {(row.kind, row.ref): row for row in _cards_by_ref(session, wanted)}
    for spec in wanted:
        row = rows.get((spec.kind, spec.ref))
        if row is None:
            row = CardRow(kind=spec.kind, ref=spec.ref)
            session.add(row)
            rows[(spec.kind, spec.ref)] = row
        row.topic, row.question, row.answer = spec.topic, spec.question, spec.answer
    session.flush()
    return {key: row.id for key, row in rows.items()}


def _cards_by_ref(session: Session, specs: Sequence[CardSpec]) -> Iterator[CardRow]:
    for kind in {spec.kind for spec in specs}:
        refs = [spec.ref for spec in specs if spec.kind == kind]
        for start in range(0, len(refs), _CHUNK):
            chunk = refs[start : start + _CHUNK]
            yield from session.scalars(
                select(CardRow).where(CardRow.kind == kind, CardRow.ref.in_(chunk))
            )


def started_refs(
    session: Session, learner_id: int, refs: Iterable[tuple[str, str]]
) -> set[tuple[str, str]]:
    """Which of ``refs`` (kind, ref) the learner has already reviewed at least once."""
    return sqlread.started_refs(SqlAlchemyReader(session), learner_id, refs)


def get_card(session: Session, card_id: int) -> CardRow:
    return session.get_one(CardRow, card_id)


def _card_filter(card_filter: CardFilter) -> ColumnElement[bool]:
    conditions: list[ColumnElement[bool]] = []
    if card_filter.decks:
        in_decks = (
            select(DeckCardRow.card_id)
            .join(DeckRow, DeckRow.id == DeckCardRow.deck_id)
            .where(DeckRow.slug.in_(list(card_filter.decks)))
        )
        conditions.append(CardRow.id.in_(in_decks))
    if card_filter.topics:
        conditions.append(_topic_condition(card_filter.topics))
    return and_(true(), *conditions)


def _topic_condition(topics: Collection[str]) -> ColumnElement[bool]:
    """A topic slug matches itself; an area (``la``) matches every topic under it."""
    slugs = [t for t in topics if "." in t]
    areas = [CardRow.topic.startswith(f"{t}.") for t in topics if "." not in t]
    return or_(*([CardRow.topic.in_(slugs)] if slugs else []), *areas)


# -- the queue ----------------------------------------------------------------------------


def _started_cards(
    learner_id: int, card_filter: CardFilter, exclude: Collection[int]
) -> list[ColumnElement[bool]]:
    """Conditions on ``card_states`` for the learner's cards that pass the filter."""
    conditions: list[ColumnElement[bool]] = [CardStateRow.learner_id == learner_id]
    if exclude:
        conditions.append(CardStateRow.card_id.not_in(list(exclude)))
    if card_filter.decks or card_filter.topics:
        conditions.append(
            CardStateRow.card_id.in_(select(CardRow.id).where(_card_filter(card_filter)))
        )
    return conditions


def learning_due(
    session: Session,
    learner_id: int,
    until: datetime,
    card_filter: CardFilter,
    *,
    exclude: Collection[int] = (),
    limit: int | None = None,
) -> list[tuple[CardRow, CardStateRow]]:
    """Cards in (re)learning steps due by ``until``, soonest first."""
    query = (
        select(CardRow, CardStateRow)
        .join(CardStateRow, CardStateRow.card_id == CardRow.id)
        .where(
            *_started_cards(learner_id, card_filter, exclude),
            CardStateRow.state != REVIEW_STATE,
            CardStateRow.due <= until,
        )
        .order_by(CardStateRow.due, CardStateRow.card_id)
        .limit(limit)
    )
    return [(card, state) for card, state in session.execute(query)]


def reviews_due(
    session: Session,
    learner_id: int,
    now: datetime,
    day_end: datetime,
    card_filter: CardFilter,
    *,
    exclude: Collection[int] = (),
    limit: int | None = None,
) -> list[tuple[CardRow, CardStateRow]]:
    """Review cards due before ``day_end``, the least likely to be recalled first.

    FSRS retrievability falls as (time since the last review) / stability grows, the same
    curve for every card, so ordering by that ratio is ordering by retrievability; the
    database computes it, so only ``limit`` rows ever leave it.
    """
    order = (*_lowest_recall_first(session, now), CardStateRow.due, CardStateRow.card_id)
    chosen = (
        select(CardStateRow.card_id)
        .where(
            *_started_cards(learner_id, card_filter, exclude),
            CardStateRow.state == REVIEW_STATE,
            CardStateRow.due < day_end,
        )
        .order_by(*order)
        .limit(limit)
        .subquery()
    )
    query = (
        select(CardRow, CardStateRow)
        .join(CardStateRow, CardStateRow.card_id == CardRow.id)
        .join(chosen, chosen.c.card_id == CardStateRow.card_id)
        .where(CardStateRow.learner_id == learner_id)
        .order_by(*order)
    )
    return [(card, state) for card, state in session.execute(query)]


def _lowest_recall_first(session: Session, now: datetime) -> list[ColumnElement[Any]]:
    dialect = session.get_bind().dialect.name
    moment = literal(now, UTCDateTime())
    if dialect == "sqlite":
        elapsed = func.julianday(moment) - func.julianday(CardStateRow.last_review)
    elif dialect == "postgresql":
        elapsed = func.extract("epoch", moment - CardStateRow.last_review) / 86400.0
    else:  # no portable date arithmetic: fall back to the most overdue first
        return []
    return [(elapsed / CardStateRow.stability).desc()]


def cards_by_id(session: Session, card_ids: Sequence[int]) -> list[CardRow]:
    """The cards of ``card_ids``, in that order."""
    found = {
        card.id: card for card in session.scalars(select(CardRow).where(CardRow.id.in_(card_ids)))
    }
    return [found[card_id] for card_id in card_ids]


def get_state(session: Session, learner_id: int, card_id: int) -> CardStateRow | None:
    return session.get(CardStateRow, (learner_id, card_id))


# -- timed practice -----------------------------------------------------------------------


def practice_cards(session: Session, card_filter: CardFilter) -> list[tuple[int, str]]:
    """(card id, topic) of every template card in the filtered decks: what a mock draws from."""
    query = (
        select(CardRow.id, CardRow.topic)
        .where(
            CardRow.kind == "template",
            CardRow.id.in_(select(DeckCardRow.card_id)),
            _card_filter(card_filter),
        )
        .order_by(CardRow.id)
    )
    return [(card_id, topic) for card_id, topic in session.execute(query)]


def cards_with_states(
    session: Session, learner_id: int | None, card_ids: Sequence[int]
) -> list[tuple[CardRow, CardStateRow | None]]:
    """The cards ``card_ids`` in that order, each with the learner's state (None: new)."""
    cards: dict[int, CardRow] = {}
    states: dict[int, CardStateRow] = {}
    for chunk in _chunks(card_ids):
        cards.update(
            (c.id, c) for c in session.scalars(select(CardRow).where(CardRow.id.in_(chunk)))
        )
        if learner_id is not None:
            query = select(CardStateRow).where(
                CardStateRow.learner_id == learner_id, CardStateRow.card_id.in_(chunk)
            )
            states.update((state.card_id, state) for state in session.scalars(query))
    return [(cards[i], states.get(i)) for i in card_ids if i in cards]


def mock_attempts(session: Session, learner_id: int, card_ids: Sequence[int]) -> dict[int, int]:
    """How many mock attempts the learner has made at each of ``card_ids`` (absent: none)."""
    attempts: dict[int, int] = {}
    for chunk in _chunks(card_ids):
        query = (
            select(ReviewRow.card_id, func.count())
            .where(
                ReviewRow.learner_id == learner_id,
                ReviewRow.card_id.in_(chunk),
                ReviewRow.mock.is_(True),
            )
            .group_by(ReviewRow.card_id)
        )
        attempts.update((card_id, count) for card_id, count in session.execute(query))
    return attempts


def _chunks(ids: Sequence[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield list(ids[start : start + _CHUNK])


# -- counts for status --------------------------------------------------------------------


def due_counts(
    session: Session,
    learner_id: int,
    ahead: datetime,
    day_end: datetime,
    card_filter: CardFilter | None = None,
    *,
    exclude: Collection[int] = (),
) -> DueCounts:
    """Reviews due today, learning steps due by ``ahead``, and learning steps later today."""
    narrow = card_filter or CardFilter()
    return sqlread.due_counts(
        SqlAlchemyReader(session),
        learner_id,
        ahead,
        day_end,
        decks=narrow.decks,
        topics=narrow.topics,
        exclude=exclude,
    )


def next_due(
    session: Session, learner_id: int, ahead: datetime, day_end: datetime
) -> datetime | None:
    """When the next card falls due after those available now."""
    return sqlread.next_due(SqlAlchemyReader(session), learner_id, ahead, day_end)


def count_due_before(session: Session, learner_id: int, before: datetime) -> int:
    """Started cards falling due before ``before`` (used for "due tomorrow")."""
    return (
        session.scalar(
            select(func.count()).where(
                CardStateRow.learner_id == learner_id, CardStateRow.due < before
            )
        )
        or 0
    )


def count_reviews(
    session: Session, learner_id: int, since: datetime, *, first_only: bool = False
) -> int:
    """Reviews since ``since``, mock ones aside; ``first_only`` counts cards introduced."""
    reader = SqlAlchemyReader(session)
    return sqlread.count_reviews(reader, learner_id, since, first_only=first_only)


# -- the review log -----------------------------------------------------------------------


def append_review(session: Session, review: ReviewRow, state: CardStateRow) -> None:
    """Log one review and store the state it led to (inside the caller's write transaction)."""
    session.add(review)
    session.merge(state)
    session.flush()


def card_histories(
    session: Session, learner_id: int | None = None
) -> Iterator[tuple[CardStateRow, list[ReviewRow]]]:
    """Each stored card state with its scheduled reviews, oldest first, one card at a time."""
    states = select(CardStateRow).order_by(CardStateRow.learner_id, CardStateRow.card_id)
    if learner_id is not None:
        states = states.where(CardStateRow.learner_id == learner_id)
    for state in session.scalars(states):
        reviews = session.scalars(
            select(ReviewRow)
            .where(
                ReviewRow.card_id == state.card_id,
                ReviewRow.learner_id == state.learner_id,
                ReviewRow.mock.is_(False),
            )
            .order_by(ReviewRow.reviewed_at, ReviewRow.id)
        ).all()
        yield state, list(reviews)


def orphan_reviews(session: Session) -> int:
    """Scheduled reviews whose card has no stored state: a log and a cache that disagree."""
    has_state = (
        select(CardStateRow.card_id)
        .where(
            CardStateRow.card_id == ReviewRow.card_id,
            CardStateRow.learner_id == ReviewRow.learner_id,
        )
        .exists()
    )
    return session.scalar(select(func.count()).where(ReviewRow.mock.is_(False), ~has_state)) or 0


__all__ = [
    "CardFilter",
    "CardSpec",
    "DeckSpec",
    "DueCounts",
    "append_review",
    "card_histories",
    "cards_by_id",
    "cards_with_states",
    "count_due_before",
    "count_reviews",
    "due_counts",
    "ensure_learner",
    "find_learner",
    "get_card",
    "get_state",
    "learning_due",
    "mock_attempts",
    "next_due",
    "orphan_reviews",
    "practice_cards",
    "reviews_due",
    "started_refs",
    "sync_decks",
]
