"""Read queries as plain SQL, runnable through the stdlib ``sqlite3`` or SQLAlchemy.

The read-only commands (``status``, ``plan today|status|list``, ``stats``) on a SQLite file
already at the newest schema read it with ``sqlite3`` alone, which saves the import of
SQLAlchemy (several times the cost of the queries). Every other caller runs the very same
statements through a SQLAlchemy connection, so there is one version of each query whichever
way the database is opened. This module holds the readers and the queries shared by the
quiz and those commands; ``plans.tallies`` and ``stats.query`` hold their own.

Instants are stored as naive UTC: text such as ``2026-11-21 09:00:00.000000`` in SQLite, whose
string order is time order, and ``timestamp`` elsewhere.
"""

from __future__ import annotations

import sqlite3
from collections.abc import (
    Callable,
    Collection,
    Generator,
    Iterable,
    Iterator,
    Mapping,
    Sequence,
)
from contextlib import AbstractContextManager, closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
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


class Reader(Protocol):
    """Runs one SQL statement with ``:named`` parameters and converts instants for it."""

    @property
    def dialect(self) -> str:
        """The database's SQLAlchemy dialect name: ``sqlite``, ``postgresql``, ..."""
        ...

    def rows(self, sql: str, params: Mapping[str, Any]) -> list[Sequence[Any]]: ...

    def stream(self, sql: str, params: Mapping[str, Any]) -> Generator[Sequence[Any]]:
        """The rows one by one, so a caller that needs the first few stops reading early."""
        ...

    def instant(self, at: datetime) -> Any: ...


class ReadSource(Protocol):
    """Something that lends a ``Reader`` for the length of a ``with`` block."""

    def sql_reader(self) -> AbstractContextManager[Reader]: ...


@dataclass(frozen=True)
class DueCounts:
    reviews: int
    learning: int
    learning_later: int


@dataclass(frozen=True)
class CardFilter:
    """Narrows which cards a query sees: decks by slug, topics by slug or area (``la``).

    ``new_topics`` narrows new cards only (a study plan introducing this week's topics while
    every started card keeps coming back), and new cards come topic by topic in its order;
    None allows every topic, in deck order.
    """

    decks: Collection[str] = ()
    topics: Collection[str] = ()
    new_topics: Sequence[str] | None = None


# -- readers ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SqliteReader:
    """A ``Reader`` over a ``sqlite3`` connection."""

    connection: sqlite3.Connection
    dialect = "sqlite"

    def rows(self, sql: str, params: Mapping[str, Any]) -> list[Sequence[Any]]:
        return self.connection.execute(sql, params).fetchall()

    def stream(self, sql: str, params: Mapping[str, Any]) -> Generator[Sequence[Any]]:
        cursor = self.connection.execute(sql, params)
        try:
            yield from cursor
        finally:
            cursor.close()

    def instant(self, at: datetime) -> str:
        """The text SQLAlchemy's SQLite dialect writes for a DATETIME, microseconds included."""
        return _naive_utc(at).isoformat(" ", "microseconds")


@dataclass
class SqlAlchemyReader:
    """A ``Reader`` over a SQLAlchemy connection or session (any dialect the store supports)."""

    connection: Connection | Session

    def rows(self, sql: str, params: Mapping[str, Any]) -> list[Sequence[Any]]:
        from sqlalchemy import text

        return list(self.connection.execute(text(sql), dict(params)).all())

    def stream(self, sql: str, params: Mapping[str, Any]) -> Generator[Sequence[Any]]:
        from sqlalchemy import text

        statement = text(sql).execution_options(yield_per=64)
        result = self.connection.execute(statement, dict(params))
        try:
            yield from result
        finally:
            result.close()

    @property
    def dialect(self) -> str:
        return str(self._dialect.name)

    def instant(self, at: datetime) -> Any:
        return self._to_db(at)

    @cached_property
    def _dialect(self) -> Any:
        from sqlalchemy.orm import Session

        bind = self.connection
        return (bind.get_bind() if isinstance(bind, Session) else bind).dialect

    @cached_property
    def _to_db(self) -> Callable[[datetime], Any]:
        """The store's own column type converts, exactly as for the ORM's writes."""
        from quizmath.store.types import UTCDateTime

        dialect = self._dialect
        return UTCDateTime().dialect_impl(dialect).bind_processor(dialect) or _naive_utc


@dataclass
class SqliteFile:
    """A SQLite file opened read-only with ``sqlite3``, for readers that need nothing more."""

    path: Path
    connection: sqlite3.Connection

    @contextmanager
    def sql_reader(self) -> Iterator[Reader]:
        """One read transaction, so every query of a report sees the same snapshot."""
        with translated(self.path):
            self.connection.execute("BEGIN")
            try:
                yield SqliteReader(self.connection)
            finally:
                self.connection.execute("ROLLBACK")

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
        conditions.append(f"card_id NOT IN ({listed(params, 'x', exclude)})")
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
            f"ON decks.id = deck_cards.deck_id WHERE decks.slug IN ({listed(params, 'd', decks)}))"
        )
    if topics:
        parts.append(_topic_match(params, "t", topics))
    return f"card_id IN (SELECT cards.id FROM cards WHERE {' AND '.join(parts)})"


def _topic_match(params: dict[str, Any], prefix: str, topics: Collection[str]) -> str:
    """``cards.topic`` is one of ``topics``: a slug itself, an area (``la``) any topic under it."""
    return f"({' OR '.join(_topic_tests(params, prefix, topics))})"


def _topic_rank(params: dict[str, Any], prefix: str, topics: Sequence[str]) -> str:
    """The place in ``topics`` of the first entry a card's topic matches (else their number)."""
    tests = _topic_tests(params, prefix, topics, each=True)
    whens = " ".join(f"WHEN {test} THEN {rank}" for rank, test in enumerate(tests))
    return f"CASE {whens} ELSE {len(topics)} END"


def _topic_tests(
    params: dict[str, Any], prefix: str, topics: Collection[str], *, each: bool = False
) -> list[str]:
    """SQL tests of ``cards.topic``: slugs in one IN list (or one each), areas by prefix."""
    tests = []
    slugs = [topic for topic in topics if "." in topic]
    if slugs and not each:
        tests.append(f"cards.topic IN ({listed(params, prefix, slugs)})")
    for number, topic in enumerate(topics):
        name = f"{prefix}_{number}"
        if "." not in topic:
            params[name] = f"{topic}."
            tests.append(f"cards.topic LIKE :{name} || '%'")
        elif each:
            params[name] = topic
            tests.append(f"cards.topic = :{name}")
    return tests


def new_card_stream(
    reader: Reader,
    learner: int | None,
    card_filter: CardFilter,
    *,
    exclude: Collection[int] = (),
) -> Generator[tuple[int, str]]:
    """(id, topic) of the filtered decks' cards the learner (None: nobody yet) never started.

    They stream in deck order (decks by slug, cards by position; topic by topic in the order
    of ``new_topics`` when given), each card once, so a caller that needs a few stops
    reading early instead of reading a whole collection. The quiz and ``plan today`` both
    pick their new cards from this stream.
    """
    params: dict[str, Any] = {"learner": learner}
    found = _new_cards_where(params, card_filter, exclude)
    if found is None:
        return
    where, rank = found
    order = (
        "decks.slug, deck_cards.position"
        if rank is None
        else f"{rank}, decks.slug, deck_cards.position"
    )
    sql = f"SELECT cards.id, cards.topic {where} ORDER BY {order}"
    seen: set[int] = set()
    for card_id, topic in reader.stream(sql, params):
        if card_id not in seen:
            seen.add(card_id)
            yield int(card_id), str(topic)


def count_new_cards(
    reader: Reader, learner: int | None, card_filter: CardFilter, *, limit: int
) -> int:
    """How many cards ``new_card_stream`` holds, counting no further than ``limit``.

    Cards are introduced in deck order, so the unstarted ones sit at the end of their decks:
    walking the deck index backwards finds ``limit`` of them after a few rows, where the
    stream's order would first pass every card already started.
    """
    params: dict[str, Any] = {"learner": learner}
    found = _new_cards_where(params, card_filter, ())
    if found is None or limit <= 0:
        return 0
    sql = f"SELECT cards.id {found[0]} ORDER BY deck_cards.deck_id DESC, deck_cards.position DESC"
    seen: set[int] = set()
    rows = reader.stream(sql, params)
    with closing(rows):
        for (card_id,) in rows:
            seen.add(card_id)
            if len(seen) >= limit:
                break
    return len(seen)


def _new_cards_where(
    params: dict[str, Any], card_filter: CardFilter, exclude: Collection[int]
) -> tuple[str, str | None] | None:
    """FROM and WHERE of the learner's unstarted cards under ``card_filter``, and the rank of
    a card's topic in ``new_topics`` (None without them); None when nothing can match."""
    conditions = [
        "NOT EXISTS (SELECT 1 FROM card_states WHERE card_states.learner_id = :learner "
        "AND card_states.card_id = deck_cards.card_id)"
    ]
    if card_filter.decks:
        conditions.append(f"decks.slug IN ({listed(params, 'd', card_filter.decks)})")
    if card_filter.topics:
        conditions.append(_topic_match(params, "t", card_filter.topics))
    rank = None
    if card_filter.new_topics is not None:
        if not card_filter.new_topics:
            return None
        conditions.append(_topic_match(params, "m", card_filter.new_topics))
        rank = _topic_rank(params, "n", card_filter.new_topics)
    if exclude:
        conditions.append(f"cards.id NOT IN ({listed(params, 'x', exclude)})")
    where = (
        "FROM cards JOIN deck_cards ON deck_cards.card_id = cards.id "
        f"JOIN decks ON decks.id = deck_cards.deck_id WHERE {' AND '.join(conditions)}"
    )
    return where, rank


def holds_deck_cards(reader: Reader) -> bool:
    """Whether the decks' cards are in the database yet (the first quiz loads them)."""
    return bool(reader.rows("SELECT EXISTS (SELECT 1 FROM deck_cards)", {})[0][0])


def enrollment(reader: Reader, learner: int) -> tuple[str, date] | None:
    """The plan the learner follows and its first study day, if any."""
    sql = "SELECT plan, start_day FROM plan_enrollments WHERE learner_id = :learner"
    rows = reader.rows(sql, {"learner": learner})
    if not rows:
        return None
    plan, start = rows[0]
    return str(plan), date.fromisoformat(start) if isinstance(start, str) else start


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
            placeholders = listed(params, "r", names[start : start + _CHUNK])
            sql = (
                "SELECT cards.ref FROM cards JOIN card_states ON card_states.card_id = cards.id "
                "WHERE card_states.learner_id = :learner AND cards.kind = :kind "
                f"AND cards.ref IN ({placeholders})"
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
    found = [from_db(value) for value in reader.rows(sql, params)[0] if value is not None]
    return min(found) if found else None


def last_review_before(reader: Reader, learner: int, before: datetime) -> datetime | None:
    """The latest review before ``before``: walking back with it finds a study streak."""
    sql = (
        "SELECT max(reviewed_at) FROM reviews WHERE learner_id = :learner "
        "AND reviewed_at < :before AND mock = :mock"
    )
    params = {"learner": learner, "before": reader.instant(before), "mock": False}
    value = reader.rows(sql, params)[0][0]
    return None if value is None else from_db(value)


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


def listed(params: dict[str, Any], prefix: str, values: Iterable[Any]) -> str:
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


def from_db(value: str | datetime) -> datetime:
    """SQLite returns the stored text, other databases a naive UTC ``datetime``."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment.replace(tzinfo=UTC)


__all__ = [
    "REVIEW_STATE",
    "CardFilter",
    "DueCounts",
    "ReadSource",
    "Reader",
    "SqlAlchemyReader",
    "SqliteFile",
    "SqliteReader",
    "count_new_cards",
    "count_reviews",
    "due_counts",
    "enrollment",
    "first_day_without_reviews",
    "from_db",
    "holds_deck_cards",
    "last_review_before",
    "learner_id",
    "listed",
    "new_card_stream",
    "next_due",
    "open_sqlite_at",
    "started_refs",
    "translated",
]
