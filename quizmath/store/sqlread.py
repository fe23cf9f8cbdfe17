"""The status queries as plain SQL, runnable through the stdlib ``sqlite3`` or SQLAlchemy.

``quizmath status`` on a SQLite file already at the newest schema reads it with ``sqlite3``
alone, which saves the import of SQLAlchemy (several times the cost of the queries). Every
other caller runs the very same statements through a SQLAlchemy connection, so there is one
version of each query whichever way the database is opened.

Instants are stored as naive UTC: text such as ``2026-11-21 09:00:00.000000`` in SQLite, whose
string order is time order, and ``timestamp`` elsewhere.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from quizmath.errors import StoreError

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

REVIEW_STATE = 2
"""``card_states.state`` holds ``fsrs.State`` values: 1 learning, 2 review, 3 relearning."""

_CHUNK = 500  # bound on parameters per IN (...) list
_SQLITE_INSTANT = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy's SQLite dialect writes a DATETIME


class Reader(Protocol):
    """Runs one SQL statement with ``:named`` parameters and converts instants for it."""

    def rows(self, sql: str, params: Mapping[str, Any]) -> list[Sequence[Any]]: ...

    def instant(self, at: datetime) -> Any: ...


class ReadSource(Protocol):
    """Something that lends a ``Reader`` for the length of a ``with`` block."""

    def sql_reader(self) -> AbstractContextManager[Reader]: ...


@dataclass(frozen=True)
class DueCounts:
    reviews: int
    learning: int
    learning_later: int


# -- readers ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SqliteReader:
    """A ``Reader`` over a ``sqlite3`` connection."""

    connection: sqlite3.Connection

    def rows(self, sql: str, params: Mapping[str, Any]) -> list[Sequence[Any]]:
        return self.connection.execute(sql, params).fetchall()

    def instant(self, at: datetime) -> str:
        return _naive_utc(at).strftime(_SQLITE_INSTANT)


@dataclass
class SqlAlchemyReader:
    """A ``Reader`` over a SQLAlchemy connection or session (any dialect the store supports)."""

    connection: Connection | Session

    def rows(self, sql: str, params: Mapping[str, Any]) -> list[Sequence[Any]]:
        from sqlalchemy import text

        return list(self.connection.execute(text(sql), dict(params)).all())

    def instant(self, at: datetime) -> Any:
        return self._to_db(at)

    @cached_property
    def _to_db(self) -> Callable[[datetime], Any]:
        """The store's own column type converts, exactly as for the ORM's writes."""
        from sqlalchemy.orm import Session

        from quizmath.store.types import UTCDateTime

        bind = self.connection
        dialect = (bind.get_bind() if isinstance(bind, Session) else bind).dialect
        return UTCDateTime().dialect_impl(dialect).bind_processor(dialect) or _naive_utc


@dataclass
class SqliteFile:
    """A SQLite file opened read-only with ``sqlite3``, for readers that need nothing more."""

    path: Path
    connection: sqlite3.Connection

    @contextmanager
    def sql_reader(self) -> Iterator[Reader]:
        with translated(self.path):
            yield SqliteReader(self.connection)

    def close(self) -> None:
        self.connection.close()


def open_sqlite_at(path: Path, revision: str, *, timeout: float) -> SqliteFile | None:
    """``path`` opened read-only when it is a SQLite file at schema ``revision``, else None.

    None sends the caller to the full store, which creates, migrates or reports the file.
    """
    if not path.is_file():
        return None
    try:
        uri = f"{path.resolve().as_uri()}?mode=ro"
        connection = sqlite3.connect(uri, uri=True, timeout=timeout)
    except sqlite3.Error:
        return None
    try:
        connection.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        found = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.Error:
        connection.close()
        return None
    if found != [(revision,)]:
        connection.close()
        return None
    return SqliteFile(path, connection)


@contextmanager
def translated(path: Path) -> Iterator[None]:
    """A ``sqlite3`` failure (corrupt file, lock held too long) as a one-line ``StoreError``."""
    try:
        yield
    except sqlite3.Error as error:
        lines = str(error).strip().splitlines()
        message = lines[0] if lines else type(error).__name__
        raise StoreError(f"database {path}: {message}") from None


# -- queries ------------------------------------------------------------------------------


def learner_id(reader: Reader, name: str) -> int | None:
    rows = reader.rows("SELECT id FROM learners WHERE name = :name", {"name": name})
    return int(rows[0][0]) if rows else None


def due_counts(
    reader: Reader,
    learner: int,
    ahead: datetime,
    day_end: datetime,
    *,
    decks: Collection[str] = (),
    topics: Collection[str] = (),
    exclude: Collection[int] = (),
) -> DueCounts:
    """Reviews due today, learning steps due by ``ahead``, and learning steps later today.

    ``decks`` and ``topics`` (slugs, or areas such as ``la``) narrow the cards counted;
    ``exclude`` leaves out cards by id.
    """
    params: dict[str, Any] = {
        "learner": learner,
        "review": REVIEW_STATE,
        "ahead": reader.instant(ahead),
        "day_end": reader.instant(day_end),
        "until": reader.instant(max(day_end, ahead)),
    }
    conditions = [_card_condition(params, decks, topics)] if decks or topics else []
    if exclude:
        conditions.append(f"card_id NOT IN ({_listed(params, 'x', exclude)})")
    sql = (
        "SELECT count(CASE WHEN state = :review AND due < :day_end THEN 1 END), "
        "count(CASE WHEN state != :review AND due <= :ahead THEN 1 END), "
        "count(CASE WHEN state != :review AND due > :ahead AND due < :day_end THEN 1 END) "
        "FROM card_states WHERE learner_id = :learner AND due < :until"
        + "".join(f" AND {condition}" for condition in conditions)
    )
    reviews, learning, later = reader.rows(sql, params)[0]
    return DueCounts(reviews or 0, learning or 0, later or 0)


def _card_condition(params: dict[str, Any], decks: Collection[str], topics: Collection[str]) -> str:
    """``card_id`` within the decks and topics; a topic area matches every topic under it."""
    parts = []
    if decks:
        parts.append(
            "cards.id IN (SELECT deck_cards.card_id FROM deck_cards JOIN decks "
            f"ON decks.id = deck_cards.deck_id WHERE decks.slug IN ({_listed(params, 'd', decks)}))"
        )
    if topics:
        slugs = [topic for topic in topics if "." in topic]
        areas = [f"{topic}." for topic in topics if "." not in topic]
        matches = [f"cards.topic IN ({_listed(params, 't', slugs)})"] if slugs else []
        for number, area in enumerate(areas):
            params[f"a{number}"] = area
            matches.append(f"cards.topic LIKE :a{number} || '%'")
        parts.append(f"({' OR '.join(matches)})")
    return f"card_id IN (SELECT cards.id FROM cards WHERE {' AND '.join(parts)})"


def started_refs(
    reader: Reader, learner: int, refs: Iterable[tuple[str, str]]
) -> set[tuple[str, str]]:
    """Which of ``refs`` (kind, ref) the learner has already reviewed at least once."""
    by_kind: dict[str, list[str]] = {}
    for kind, ref in refs:
        by_kind.setdefault(kind, []).append(ref)
    started: set[tuple[str, str]] = set()
    for kind, names in by_kind.items():
        for start in range(0, len(names), _CHUNK):
            params: dict[str, Any] = {"learner": learner, "kind": kind}
            listed = _listed(params, "r", names[start : start + _CHUNK])
            sql = (
                "SELECT cards.ref FROM cards JOIN card_states ON card_states.card_id = cards.id "
                "WHERE card_states.learner_id = :learner AND cards.kind = :kind "
                f"AND cards.ref IN ({listed})"
            )
            started.update((kind, row[0]) for row in reader.rows(sql, params))
    return started


def count_reviews(
    reader: Reader, learner: int, since: datetime, *, first_only: bool = False
) -> int:
    """Reviews since ``since``, mock ones aside; ``first_only`` counts cards introduced."""
    sql = (
        "SELECT count(*) FROM reviews WHERE learner_id = :learner "
        "AND reviewed_at >= :since AND mock = :mock"
    )
    if first_only:
        sql += " AND state_before IS NULL"
    params = {"learner": learner, "since": reader.instant(since), "mock": False}
    return int(reader.rows(sql, params)[0][0] or 0)


def next_due(reader: Reader, learner: int, ahead: datetime, day_end: datetime) -> datetime | None:
    """When the next card falls due after those available now."""
    sql = (
        "SELECT (SELECT min(due) FROM card_states WHERE learner_id = :learner "
        "AND state != :review AND due > :ahead AND due < :day_end), "
        "(SELECT min(due) FROM card_states WHERE learner_id = :learner AND due >= :day_end)"
    )
    params = {
        "learner": learner,
        "review": REVIEW_STATE,
        "ahead": reader.instant(ahead),
        "day_end": reader.instant(day_end),
    }
    found = [_from_db(value) for value in reader.rows(sql, params)[0] if value is not None]
    return min(found) if found else None


def last_review_before(reader: Reader, learner: int, before: datetime) -> datetime | None:
    """The latest review before ``before``: walking back with it finds a study streak."""
    sql = (
        "SELECT max(reviewed_at) FROM reviews WHERE learner_id = :learner "
        "AND reviewed_at < :before AND mock = :mock"
    )
    params = {"learner": learner, "before": reader.instant(before), "mock": False}
    value = reader.rows(sql, params)[0][0]
    return None if value is None else _from_db(value)


def first_day_without_reviews(
    reader: Reader, learner: int, days: Sequence[tuple[datetime, datetime]]
) -> int | None:
    """The index of the first (start, end) span in ``days`` without a review, if any.

    One query however many days, each span one index lookup inside the database.
    """
    params: dict[str, Any] = {"learner": learner, "mock": False}
    rows = []
    for number, (since, until) in enumerate(days):
        params[f"s{number}"], params[f"u{number}"] = reader.instant(since), reader.instant(until)
        rows.append(f"({number}, :s{number}, :u{number})")
    sql = (
        f"WITH spans (number, since, until) AS (VALUES {', '.join(rows)}) "
        "SELECT min(number) FROM spans WHERE NOT EXISTS (SELECT 1 FROM reviews "
        "WHERE reviews.learner_id = :learner AND reviews.reviewed_at >= spans.since "
        "AND reviews.reviewed_at < spans.until AND reviews.mock = :mock)"
    )
    value = reader.rows(sql, params)[0][0]
    return None if value is None else int(value)


# -- conversions --------------------------------------------------------------------------


def _listed(params: dict[str, Any], prefix: str, values: Iterable[Any]) -> str:
    """Adds ``values`` to ``params`` and returns their placeholders for an IN (...) list."""
    names = []
    for number, value in enumerate(values):
        params[f"{prefix}{number}"] = value
        names.append(f":{prefix}{number}")
    return ", ".join(names)


def _naive_utc(at: datetime) -> datetime:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("naive datetime refused: the store holds aware UTC instants")
    return at.astimezone(UTC).replace(tzinfo=None)


def _from_db(value: str | datetime) -> datetime:
    """SQLite returns the stored text, other databases a naive UTC ``datetime``."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment.replace(tzinfo=UTC)


__all__ = [
    "REVIEW_STATE",
    "DueCounts",
    "ReadSource",
    "Reader",
    "SqlAlchemyReader",
    "SqliteFile",
    "SqliteReader",
    "count_reviews",
    "due_counts",
    "first_day_without_reviews",
    "last_review_before",
    "learner_id",
    "next_due",
    "open_sqlite_at",
    "started_refs",
    "translated",
]
