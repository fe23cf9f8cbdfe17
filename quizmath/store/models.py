"""The database schema as SQLAlchemy 2 typed models.

The review log is append-only and is the source of truth; ``card_states`` is a cache of what
replaying a card's reviews through the scheduler gives, kept so the queue is one indexed query.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from quizmath.store.sqlread import REVIEW_STATE
from quizmath.store.types import UTCDateTime

# Named constraints let later migrations alter tables on SQLite (batch mode recreates them).
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class LearnerRow(Base):
    """One person; a shared database serves a whole class."""

    __tablename__ = "learners"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class DeckRow(Base):
    """A deck file as last synced; the file stays the authority on its content."""

    __tablename__ = "decks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")


class CardRow(Base):
    """A template or concept card, identified by (kind, ref) across decks and databases.

    Concept cards keep their text here so a card stays reviewable after its deck is gone.
    """

    __tablename__ = "cards"
    __table_args__ = (UniqueConstraint("kind", "ref"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    ref: Mapped[str] = mapped_column(String(200))
    topic: Mapped[str] = mapped_column(String(64))
    question: Mapped[str | None] = mapped_column(Text)
    answer: Mapped[str | None] = mapped_column(Text)


class DeckCardRow(Base):
    """Which cards a deck holds, in the deck file's order (new cards are introduced in it)."""

    __tablename__ = "deck_cards"
    __table_args__ = (Index(None, "card_id"), Index(None, "deck_id", "position"))

    deck_id: Mapped[int] = mapped_column(ForeignKey("decks.id"), primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)


class CardStateRow(Base):
    """A learner's FSRS state of one card; no row means the card is new to that learner.

    ``streak`` counts consecutive correct answers and sets the template level. The index on
    (learner_id, due, state) answers every due count without touching the table.
    """

    __tablename__ = "card_states"
    __table_args__ = (Index("ix_card_states_learner_due", "learner_id", "due", "state"),)

    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id"), primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id"), primary_key=True)
    state: Mapped[int] = mapped_column(SmallInteger)
    step: Mapped[int | None] = mapped_column(SmallInteger)
    stability: Mapped[float | None] = mapped_column(Float)
    difficulty: Mapped[float | None] = mapped_column(Float)
    due: Mapped[datetime] = mapped_column(UTCDateTime())
    last_review: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reps: Mapped[int] = mapped_column(Integer, default=0)
    lapses: Mapped[int] = mapped_column(Integer, default=0)
    streak: Mapped[int] = mapped_column(Integer, default=0)


class ReviewRow(Base):
    """One answered review, never updated or deleted.

    ``state_before`` is NULL for a card's first review, which is how cards introduced today
    are counted. ``mock`` reviews (timed practice) are logged but do not move the schedule.
    ``topic`` (the card's topic when answered) and ``interval_days`` (the interval the card
    had been scheduled for, NULL on its first review) let statistics read one covering index
    instead of every row; only rows written by other tools leave them NULL.
    """

    __tablename__ = "reviews"
    __table_args__ = (
        Index("ix_reviews_card_learner_time", "card_id", "learner_id", "reviewed_at"),
        Index("ix_reviews_learner_time", "learner_id", "reviewed_at"),
        Index(
            "ix_reviews_learner_stats",
            "learner_id",
            "reviewed_at",
            "topic",
            "correct",
            "mock",
            "interval_days",
            "response_ms",
            "mistake",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id"))
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id"))
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    rating: Mapped[int] = mapped_column(SmallInteger)
    correct: Mapped[bool] = mapped_column(Boolean)
    answer: Mapped[str | None] = mapped_column(Text)
    seed: Mapped[int] = mapped_column(BigInteger)
    level: Mapped[int | None] = mapped_column(SmallInteger)
    response_ms: Mapped[int | None] = mapped_column(Integer)
    state_before: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    state_after: Mapped[dict[str, Any]] = mapped_column(JSON)
    mock: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    mistake: Mapped[str | None] = mapped_column(Text)
    topic: Mapped[str | None] = mapped_column(String(64))
    interval_days: Mapped[float | None] = mapped_column(Float)


class EnrollmentRow(Base):
    """The study plan a learner follows (at most one) and the study day it started on."""

    __tablename__ = "plan_enrollments"

    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id"), primary_key=True)
    plan: Mapped[str] = mapped_column(String(100))
    start_day: Mapped[date] = mapped_column(Date)
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime())


__all__ = [
    "Base",
    "CardRow",
    "CardStateRow",
    "DeckCardRow",
    "DeckRow",
    "EnrollmentRow",
    "LearnerRow",
    "NAMING_CONVENTION",
    "REVIEW_STATE",
    "ReviewRow",
]
