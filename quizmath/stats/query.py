"""The store queries statistics are read from, each summed inside the database.

Study days start at 4 am local time, which SQL cannot know, so a day (or week) is handed to
the database as a span of UTC instants and every span is counted in one statement. Reviews
are read through one covering index (``ix_reviews_learner_stats``), never row by row. The
statements are plain SQL run through a ``Reader``, so ``quizmath stats`` can read a SQLite
file with ``sqlite3`` alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from quizmath.store.sqlread import Reader, from_db

Span = tuple[datetime, datetime]

_MAX_SPANS = 400  # spans per statement, well inside every database's parameter limit


def day_tallies(
    reader: Reader, learner_id: int, spans: Sequence[Span], mature_days: float
) -> list[tuple[int, int, int]]:
    """Per span: answers (mock attempts included), then reviews of mature cards and how many
    of those were right (mock attempts aside), in one pass over the index."""
    mature = "reviews.mock = :mock AND reviews.interval_days >= :mature"
    found = _per_span(
        reader,
        f"SELECT spans.number, count(*), sum(CASE WHEN {mature} THEN 1 ELSE 0 END), "
        f"sum(CASE WHEN {mature} AND reviews.correct THEN 1 ELSE 0 END) FROM spans "
        "JOIN reviews ON reviews.learner_id = :learner AND reviews.reviewed_at >= spans.since "
        "AND reviews.reviewed_at < spans.until GROUP BY spans.number",
        spans,
        {"learner": learner_id, "mock": False, "mature": mature_days},
    )
    empty = (0, 0, 0)
    return [found.get(number, empty) for number in range(len(spans))]


def spans_with_reviews(reader: Reader, learner_id: int, spans: Sequence[Span]) -> list[bool]:
    """Whether each span holds a scheduled review (mock attempts make no study day)."""
    found = _per_span(
        reader,
        "SELECT spans.number, 1 FROM spans WHERE EXISTS (SELECT 1 FROM reviews "
        "WHERE reviews.learner_id = :learner AND reviews.reviewed_at >= spans.since "
        "AND reviews.reviewed_at < spans.until AND reviews.mock = :mock)",
        spans,
        {"learner": learner_id, "mock": False},
    )
    return [number in found for number in range(len(spans))]


def due_per_span(reader: Reader, learner_id: int, spans: Sequence[Span]) -> list[int]:
    """Cards falling due within each span."""
    found = _per_span(
        reader,
        "SELECT spans.number, count(*) FROM spans JOIN card_states "
        "ON card_states.learner_id = :learner AND card_states.due >= spans.since "
        "AND card_states.due < spans.until GROUP BY spans.number",
        spans,
        {"learner": learner_id},
    )
    return [found.get(number, (0,))[0] for number in range(len(spans))]


def topic_summary(
    reader: Reader, learner_id: int, since: datetime, until: datetime
) -> list[tuple[str, int, int, list[int]]]:
    """Per topic in [since, until): answers, right answers and every response time (ms).

    Mock attempts included. The times come back joined into one string per topic, which
    costs far less than a row per answer.
    """
    if reader.dialect == "postgresql":
        times = "string_agg(CAST(response_ms AS VARCHAR), ',')"
    else:
        times = "group_concat(response_ms, ',')"
    sql = (
        f"SELECT topic, count(*), sum(CASE WHEN correct THEN 1 ELSE 0 END), {times} "
        "FROM reviews WHERE learner_id = :learner AND reviewed_at >= :since "
        "AND reviewed_at < :until AND topic IS NOT NULL GROUP BY topic"
    )
    return [
        (topic, int(n), int(right or 0), [int(ms) for ms in joined.split(",")] if joined else [])
        for topic, n, right, joined in reader.rows(sql, _window(reader, learner_id, since, until))
    ]


def mistake_counts(
    reader: Reader, learner_id: int, since: datetime, until: datetime
) -> list[tuple[str, int]]:
    """How often each known mistake (by its feedback) was made in [since, until)."""
    sql = (
        "SELECT mistake, count(*) FROM reviews WHERE learner_id = :learner "
        "AND reviewed_at >= :since AND reviewed_at < :until AND mistake IS NOT NULL "
        "GROUP BY mistake"
    )
    rows = reader.rows(sql, _window(reader, learner_id, since, until))
    return [(mistake, int(count)) for mistake, count in rows if mistake]


def first_review(reader: Reader, learner_id: int) -> datetime | None:
    """When the learner's first scheduled review was."""
    sql = "SELECT min(reviewed_at) FROM reviews WHERE learner_id = :learner AND mock = :mock"
    value = reader.rows(sql, {"learner": learner_id, "mock": False})[0][0]
    return None if value is None else from_db(value)


def _window(reader: Reader, learner_id: int, since: datetime, until: datetime) -> dict[str, Any]:
    return {"learner": learner_id, "since": reader.instant(since), "until": reader.instant(until)}


def _per_span(
    reader: Reader, statement: str, spans: Sequence[Span], params: dict[str, Any]
) -> dict[int, tuple[Any, ...]]:
    """Run ``statement`` over a ``spans (number, since, until)`` table, in batches."""
    found: dict[int, tuple[Any, ...]] = {}
    for offset in range(0, len(spans), _MAX_SPANS):
        batch = spans[offset : offset + _MAX_SPANS]
        values = dict(params)
        rows = []
        for index, (since, until) in enumerate(batch):
            values[f"s{index}"], values[f"u{index}"] = reader.instant(since), reader.instant(until)
            rows.append(f"({offset + index}, :s{index}, :u{index})")
        sql = f"WITH spans (number, since, until) AS (VALUES {', '.join(rows)}) {statement}"
        for number, *rest in reader.rows(sql, values):
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
