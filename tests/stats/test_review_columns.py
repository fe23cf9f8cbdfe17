"""The review columns statistics read: written with every answer, filled in by migration 0002."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from alembic import command
from fsrs import Rating
from sqlalchemy import select

from quizmath.review.cards import StudyCard
from quizmath.review.instance import Instance
from quizmath.review.record import Answer, record_answer
from quizmath.scheduling.scheduler import Scheduler
from quizmath.store.database import open_store
from quizmath.store.migrate import HEAD, alembic_config
from quizmath.store.models import CardRow, ReviewRow
from quizmath.store.queries import CardSpec, DeckSpec, sync_decks

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_each_answer_stores_its_topic_and_the_interval_it_was_scheduled_for(
    tmp_path: Path,
) -> None:
    store = open_store(str(tmp_path / "q.db"), now=NOW)
    try:
        with store.writing() as session:
            sync_decks(session, [DeckSpec("d", "D", "", [CardSpec("template", "t", "it.kl")])])
        with store.reading() as session:
            card = StudyCard.from_rows(session.scalars(select(CardRow)).one())
        scheduler = Scheduler()
        first = record_answer(
            store, "ann", Instance(card, 0, 1), Answer("x", True, Rating.Good), NOW, scheduler
        )
        again = NOW + timedelta(minutes=30)
        second = record_answer(
            store,
            "ann",
            Instance(StudyCard(card.card_id, card.kind, card.ref, card.topic, state=first), 1, 2),
            Answer("x", True, Rating.Good),
            again,
            scheduler,
        )
        assert second.reps == 2
        with store.reading() as session:
            rows = session.scalars(select(ReviewRow).order_by(ReviewRow.id)).all()
    finally:
        store.close()
    assert [row.topic for row in rows] == ["it.kl", "it.kl"]
    assert rows[0].interval_days is None
    assert first.last_review is not None
    expected = (first.due - first.last_review).total_seconds() / 86400
    assert rows[1].interval_days == expected


def test_migration_0002_fills_in_the_reviews_already_logged(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    command.upgrade(alembic_config(f"sqlite:///{path}"), "0001")
    before = {"state": 2, "step": None, "stability": 30.0, "difficulty": 5.0,
              "due": "2026-03-01T09:00:00+00:00", "last_review": "2026-02-06T09:00:00+00:00",
              "reps": 3, "lapses": 0, "streak": 3}  # fmt: skip
    after = {**before, "due": "2026-04-01T09:00:00+00:00", "reps": 4}
    with sqlite3.connect(path) as connection:
        connection.execute("INSERT INTO learners VALUES (1, 'ann', '2026-01-01 00:00:00.000000')")
        connection.execute("INSERT INTO cards VALUES (7, 'concept', 'c', 'pr.bayes', 'Q', 'A')")
        rows = [
            (1, None, json.dumps(before)),  # a first review: no interval
            (2, json.dumps(before), json.dumps(after)),
        ]
        connection.executemany(
            "INSERT INTO reviews (id, learner_id, card_id, reviewed_at, rating, correct, seed, "
            "state_before, state_after, mock) VALUES (?, 1, 7, '2026-03-01 10:00:00.000000', "
            "3, 1, 5, ?, ?, 0)",
            rows,
        )
    connection.close()
    store = open_store(str(path), now=NOW)
    try:
        assert store.revision() == HEAD
        with store.reading() as session:
            found = session.execute(
                select(ReviewRow.id, ReviewRow.topic, ReviewRow.interval_days).order_by(
                    ReviewRow.id
                )
            ).all()
    finally:
        store.close()
    assert [tuple(row) for row in found] == [(1, "pr.bayes", None), (2, "pr.bayes", 23.0)]
    assert list(tmp_path.glob("old.db.bak-*")), "a database holding data is backed up first"


def test_migration_0002_goes_down_and_up_again(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'round.db'}"
    config = alembic_config(url)
    command.upgrade(config, "head")
    command.downgrade(config, "0001")
    with sqlite3.connect(tmp_path / "round.db") as connection:
        columns = {row[1] for row in connection.execute("PRAGMA table_info(reviews)")}
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    connection.close()
    assert not {"topic", "interval_days"} & columns and "plan_enrollments" not in tables
    command.upgrade(config, "head")
    store = open_store(url, migrate=False)
    try:
        assert store.revision() == HEAD
    finally:
        store.close()
