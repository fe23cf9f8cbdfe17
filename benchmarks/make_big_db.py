"""Generate a large quizmath database: 100,000 cards and 1,000,000 reviews for one learner.

The schema comes from the real migrations; rows go in through sqlite3's executemany in one
transaction, which takes a few tens of seconds. Card states look like a long-running
collection: stabilities from days to years, about a tenth of the cards due, some unseen.

    python benchmarks/make_big_db.py /tmp/quizmath-big.db
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from quizmath.questions.topics import TOPICS
from quizmath.store.database import open_store

LEARNER = "bench"
DECK = "bench"
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def stamp(at: datetime) -> str:
    """The text form SQLAlchemy uses for DATETIME columns on SQLite (naive UTC)."""
    return at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def generate(path: Path, *, cards: int = 100_000, reviews: int = 1_000_000, seed: int = 1) -> None:
    """Write a fresh database at ``path`` (replacing any file there)."""
    for old in path.parent.glob(path.name + "*"):
        old.unlink()
    open_store(str(path), now=NOW).close()
    rng = random.Random(seed)
    topics = sorted(TOPICS)
    started = int(cards * 0.9)
    per_card = reviews // started
    extra = reviews - per_card * started
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA synchronous = OFF")  # a throwaway file: no need to wait on disk
    try:
        with connection:
            connection.execute(
                "INSERT INTO learners (id, name, created_at) VALUES (1, ?, ?)",
                (LEARNER, stamp(NOW - timedelta(days=730))),
            )
            connection.execute(
                "INSERT INTO decks (id, slug, title, description) VALUES (1, ?, 'Benchmark', '')",
                (DECK,),
            )
            connection.executemany(
                "INSERT INTO cards (id, kind, ref, topic, question, answer) "
                "VALUES (?, 'concept', ?, ?, 'Question?', 'Answer.')",
                ((i, f"bench.{i:06d}", topics[i % len(topics)]) for i in range(1, cards + 1)),
            )
            connection.executemany(
                "INSERT INTO deck_cards (deck_id, card_id, position) VALUES (1, ?, ?)",
                ((i, i) for i in range(1, cards + 1)),
            )
            states = [_state(rng, card_id) for card_id in range(1, started + 1)]
            connection.executemany(
                "INSERT INTO card_states (learner_id, card_id, state, step, stability, "
                "difficulty, due, last_review, reps, lapses, streak) "
                "VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                states,
            )
            connection.executemany(
                "INSERT INTO reviews (learner_id, card_id, reviewed_at, rating, correct, answer, "
                "seed, level, response_ms, state_before, state_after, mock, mistake) "
                "VALUES (1, ?, ?, ?, ?, NULL, ?, NULL, ?, ?, ?, 0, NULL)",
                _reviews(rng, states, per_card, extra),
            )
    finally:
        connection.close()


def _state(rng: random.Random, card_id: int) -> tuple[object, ...]:
    stability = min(3650.0, rng.lognormvariate(3.0, 1.2))
    last = NOW - timedelta(days=rng.uniform(0, 1.1 * stability))
    kind = rng.choices((2, 1, 3), weights=(97, 2, 1))[0]
    due = last + (timedelta(days=stability) if kind == 2 else timedelta(minutes=10))
    step = None if kind == 2 else 0
    difficulty = rng.uniform(1, 10)
    reps = rng.randint(1, 30)
    return (
        card_id, kind, step, stability, difficulty, stamp(due), stamp(last), reps,
        rng.randint(0, 3), rng.randint(0, 8),
    )  # fmt: skip


def _reviews(
    rng: random.Random, states: list[tuple[object, ...]], per_card: int, extra: int
) -> Iterator[tuple[object, ...]]:
    after = json.dumps({"state": 2, "stability": 10.0, "due": stamp(NOW)})
    for index, state in enumerate(states):
        card_id = state[0]
        count = per_card + (1 if index < extra else 0)
        for number in range(count):
            # Older reviews spread over two years; every day of the last month has some.
            days = rng.uniform(0, 30) if number == count - 1 else rng.uniform(30, 730)
            rating = rng.choices((1, 2, 3, 4), weights=(10, 15, 65, 10))[0]
            before = None if number == 0 else after
            yield (
                card_id, stamp(NOW - timedelta(days=days)), rating, rating > 1,
                rng.getrandbits(32), rng.randint(2_000, 60_000), before, after,
            )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--reviews", type=int, default=1_000_000)
    args = parser.parse_args()
    started = time.perf_counter()
    generate(args.path, cards=args.cards, reviews=args.reviews)
    print(
        f"{args.path}: {args.cards} cards, {args.reviews} reviews "
        f"in {time.perf_counter() - started:.1f} s"
    )


if __name__ == "__main__":
    main()
