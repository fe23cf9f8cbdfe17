"""The store queries statistics are read from, each summed inside the database.

Study days start at 4 am local time, which SQL cannot know, so a day (or week) is handed to
the database as a span of UTC instants and every span is counted in one statement. Reviews
are read through one covering index (``ix_reviews_learner_stats``), never row by row.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, String, case, cast, func, select, text
from sqlalchemy.orm import InstrumentedAttribute, Session

from quizmath.store.models import ReviewRow
from quizmath.store.types import UTCDateTime

Span = tuple[datetime, datetime]

_MAX_SPANS = 400  # spans per statement, well inside every database's parameter limit


def day_tallies(
    session: Session, learner_id: int, spans: Sequence[Span], mature_days: float
) -> list[tuple[int, int, int]]:
    """Per span: answers (mock attempts included), then reviews of mature cards and how many
    of those were right (mock attempts aside), in one pass over the index."""
    mature = "reviews.mock = :mock AND reviews.interval_days >= :mature"
    found = _per_span(
        session,
        f"SELECT spans.number, count(*), sum(CASE WHEN {mature} THEN 1 ELSE 0 END), "
        f"sum(CASE WHEN {mature} AND reviews.correct THEN 1 ELSE 0 END) FROM spans "
        "JOIN reviews ON reviews.learner_id = :learner AND reviews.reviewed_at >= spans.since "
        "AND reviews.reviewed_at < spans.until GROUP BY spans.number",
        spans,
        {"learner": learner_id, "mock": False, "mature": mature_days},
    )
    empty = (0, 0, 0)
    return [found.get(number, empty) for number in range(len(spans))]


def spans_with_reviews(session: Session, learner_id: int, spans: Sequence[Span]) -> list[bool]:
    """Whether each span holds a scheduled review (mock attempts make no study day)."""
    found = _per_span(
        session,
        "SELECT spans.number, 1 FROM spans WHERE EXISTS (SELECT 1 FROM reviews "
        "WHERE reviews.learner_id = :learner AND reviews.reviewed_at >= spans.since "
        "AND reviews.reviewed_at < spans.until AND reviews.mock = :mock)",
        spans,
        {"learner": learner_id, "mock": False},
    )
    return [number in found for number in range(len(spans))]


def due_per_span(session: Session, learner_id: int, spans: Sequence[Span]) -> list[int]:
    """Cards falling due within each span."""
    found = _per_span(
        session,
        "SELECT spans.number, count(*) FROM spans JOIN card_states "
        "ON card_states.learner_id = :learner AND card_states.due >= spans.since "
        "AND card_states.due < spans.until GROUP BY spans.number",
        spans,
        {"learner": learner_id},
    )
    return [found.get(number, (0,))[0] for number in range(len(spans))]


def topic_summary(
    session: Session, learner_id: int, since: datetime, until: datetime
) -> list[tuple[str, int, int, list[int]]]:
    """Per topic in [since, until): answers, right answers and every response time (ms).

    Mock attempts included. The times come back joined into one string per topic, which
    costs far less than a row per answer.
    """
    times = _joined(session, ReviewRow.response_ms)
    query = (
        select(
            ReviewRow.topic,
            func.count(),
            func.sum(case((ReviewRow.correct, 1), else_=0)),
            times,
        )
        .where(
            ReviewRow.learner_id == learner_id,
            ReviewRow.reviewed_at >= since,
            ReviewRow.reviewed_at < until,
            ReviewRow.topic.is_not(None),
        )
        .group_by(ReviewRow.topic)
    )
    return [
        (topic, n, int(right or 0), [int(ms) for ms in joined.split(",")] if joined else [])
        for topic, n, right, joined in session.execute(query)
    ]


def _joined(session: Session, column: InstrumentedAttribute[Any]) -> ColumnElement[str]:
    """``column``'s non-null values of a group as one comma-separated string."""
    if session.get_bind().dialect.name == "postgresql":
        return func.string_agg(cast(column, String), ",")
    return func.group_concat(column, ",")


def mistake_counts(
    session: Session, learner_id: int, since: datetime, until: datetime
) -> list[tuple[str, int]]:
    """How often each known mistake (by its feedback) was made in [since, until)."""
    query = (
        select(ReviewRow.mistake, func.count())
        .where(
            ReviewRow.learner_id == learner_id,
            ReviewRow.reviewed_at >= since,
            ReviewRow.reviewed_at < until,
            ReviewRow.mistake.is_not(None),
        )
        .group_by(ReviewRow.mistake)
    )
    return [(mistake, count) for mistake, count in session.execute(query) if mistake]


def first_review(session: Session, learner_id: int) -> datetime | None:
    """When the learner's first scheduled review was."""
    return session.scalar(
        select(func.min(ReviewRow.reviewed_at)).where(
            ReviewRow.learner_id == learner_id, ReviewRow.mock.is_(False)
        )
    )


def _per_span(
    session: Session, statement: str, spans: Sequence[Span], params: dict[str, Any]
) -> dict[int, tuple[Any, ...]]:
    """Run ``statement`` over a ``spans (number, since, until)`` table, in batches.

    Written as text: with hundreds of spans, building the statement through the SQL
    expression layer would cost far more than running it.
    """
    dialect = session.get_bind().dialect
    to_db = UTCDateTime().dialect_impl(dialect).bind_processor(dialect) or (lambda v: v)
    found: dict[int, tuple[Any, ...]] = {}
    for offset in range(0, len(spans), _MAX_SPANS):
        batch = spans[offset : offset + _MAX_SPANS]
        values = dict(params)
        rows = []
        for index, (since, until) in enumerate(batch):
            values[f"s{index}"], values[f"u{index}"] = to_db(since), to_db(until)
            rows.append(f"({offset + index}, :s{index}, :u{index})")
        sql = f"WITH spans (number, since, until) AS (VALUES {', '.join(rows)}) {statement}"
        for number, *rest in session.execute(text(sql), values):
            found[number] = tuple(int(value or 0) for value in rest)
    return found


__all__ = [
    "Span",
    "day_tallies",
    "due_per_span",
    "first_review",
    "mistake_counts",
    "spans_with_reviews",
    "topic_summary",
]
