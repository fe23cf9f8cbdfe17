"""The status queries in plain SQL: sqlite3 and SQLAlchemy agree, and status skips SQLAlchemy."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from quizmath.decks.model import CardRef
from quizmath.review.status import StatusReport, status_report
from quizmath.store.database import Store
from quizmath.store.models import CardStateRow, ReviewRow
from quizmath.store.queries import CardSpec, DeckSpec, append_review, ensure_learner, sync_decks
from quizmath.store.settings import BUSY_TIMEOUT_SECONDS, HEAD
from quizmath.store.sqlread import SqliteFile, open_sqlite_at
from tests.store.conftest import NOW

LEARNING, REVIEW = 1, 2
REFS = [f"la.t{number}" for number in range(8)]
DECK = DeckSpec("algebra", "Algebra", "", [CardSpec("template", ref, "la.eigen") for ref in REFS])
DECK_CARDS = [CardRef("template", ref) for ref in [*REFS, "la.not-synced"]]


pytestmark = pytest.mark.usefixtures("local_time_is_utc")


def _review(
    store: Store,
    learner: str,
    card: int,
    *,
    at: datetime,
    state: int,
    due: datetime,
    first: bool = True,
    mock: bool = False,
) -> None:
    with store.writing() as session:
        learner_id = ensure_learner(session, learner, at).id
        row = CardStateRow(
            learner_id=learner_id, card_id=card, state=state, step=None, stability=3.0,
            difficulty=5.0, due=due, last_review=at, reps=1, lapses=0, streak=1,
        )  # fmt: skip
        review = ReviewRow(
            learner_id=learner_id, card_id=card, reviewed_at=at, rating=3, correct=True,
            answer="x", seed=7, level=1, response_ms=900, mock=mock,
            state_before=None if first else {"state": state}, state_after={"state": state},
        )  # fmt: skip
        append_review(session, review, row)


@pytest.fixture
def filled(store: Store) -> Store:
    """Three learners: ann studies daily with every kind of state, bob lapsed, cy is new."""
    with store.writing() as session:
        sync_decks(session, [DECK])
    day = timedelta(days=1)
    for back in range(4, 0, -1):  # ann: one review a day for four days before today
        _review(store, "ann", 1, at=NOW - back * day, state=REVIEW, due=NOW + 2 * day, first=False)
    _review(store, "ann", 2, at=NOW - timedelta(hours=2), state=REVIEW, due=NOW - day)
    _review(store, "ann", 3, at=NOW - timedelta(hours=1), state=LEARNING, due=NOW)
    _review(store, "ann", 4, at=NOW, state=LEARNING, due=NOW + timedelta(minutes=10))
    _review(store, "ann", 5, at=NOW, state=LEARNING, due=NOW + timedelta(hours=3))
    _review(store, "ann", 6, at=NOW, state=REVIEW, due=NOW + 5 * day, mock=True)
    _review(store, "bob", 1, at=NOW - 9 * day, state=REVIEW, due=NOW + 30 * day)
    with store.writing() as session:
        ensure_learner(session, "cy", NOW)
    return store


def _fast(path: Path) -> SqliteFile:
    opened = open_sqlite_at(path, HEAD, timeout=BUSY_TIMEOUT_SECONDS)
    assert opened is not None
    return opened


@pytest.mark.parametrize("hours", [0, 5, 20, 24 * 3])
@pytest.mark.parametrize("learner", ["ann", "bob", "cy", "nobody"])
def test_sqlite3_and_sqlalchemy_give_the_same_report(
    filled: Store, db_path: Path, learner: str, hours: int
) -> None:
    at = NOW + timedelta(hours=hours)
    fast = _fast(db_path)
    try:
        expected = status_report(fast, learner, at, DECK_CARDS)
    finally:
        fast.close()
    assert status_report(filled, learner, at, DECK_CARDS) == expected


def test_the_report_itself(filled: Store, db_path: Path) -> None:
    fast = _fast(db_path)
    try:
        report = status_report(fast, "ann", NOW, DECK_CARDS)
    finally:
        fast.close()
    assert report == StatusReport(
        learner="ann", due_now=3, due_later_today=1, new_available=3, reviewed_today=4,
        streak=5, next_due=NOW + timedelta(hours=3),
    )  # fmt: skip


def test_only_a_sqlite_file_at_head_is_read_directly(tmp_path: Path, store: Store) -> None:
    assert open_sqlite_at(tmp_path / "missing.db", HEAD, timeout=1.0) is None
    assert open_sqlite_at(store.path or Path(), "0001", timeout=1.0) is None
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not a database at all" * 100)
    assert open_sqlite_at(garbage, HEAD, timeout=1.0) is None


PROBE = """
import sys
from quizmath.cli import main
try:
    main(sys.argv[1:])
except SystemExit as done:
    assert not done.code, done.code
print("LOADED:", ",".join(m for m in ("sqlalchemy", "alembic", "rich", "fsrs") if m in sys.modules))
"""


@pytest.mark.parametrize("args", [["status"], ["status", "--json"]], ids=["text", "json"])
def test_status_on_an_upgraded_sqlite_file_skips_sqlalchemy(
    filled: Store, db_path: Path, args: list[str]
) -> None:
    env = {
        **os.environ, "QUIZMATH_DB": str(db_path), "QUIZMATH_LEARNER": "ann",
        "QUIZMATH_NOW": NOW.isoformat(), "TZ": "UTC",
    }  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True, text=True, cwd=db_path.parent, env=env, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = result.stdout.rstrip().splitlines()
    assert lines[-1].startswith("LOADED:") and "sqlalchemy" not in lines[-1], lines
    assert "alembic" not in lines[-1] and "fsrs" not in lines[-1], lines
    assert "Streak: 5 days" in result.stdout or '"streak": 5' in result.stdout
