"""``quizmath status``: due now and later today, new cards, reviews today, streak, next due."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizmath.cli import cli
from quizmath.decks.loader import all_card_refs, load_decks

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
KEYS = {
    "learner", "due_now", "due_later_today", "new_available", "reviewed_today", "streak",
    "next_due",
}  # fmt: skip


pytestmark = pytest.mark.usefixtures("local_time_is_utc")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "status.db"


def run(db: Path, *args: str, at: datetime = NOW, input: str = "") -> str:
    result = CliRunner().invoke(
        cli,
        ["--db", str(db), "--learner", "ann", *args],
        input=input,
        env={"QUIZMATH_NOW": at.isoformat()},
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return result.output


def status(db: Path, at: datetime = NOW) -> dict[str, object]:
    report = json.loads(run(db, "status", "--json", at=at))
    assert set(report) == KEYS
    return report


def grade(db: Path, topic: str, grade: str, at: datetime = NOW) -> None:
    """Answer the one concept card of ``topic`` in the core deck."""
    output = run(db, "quiz", "--deck", "core", "--topic", topic, "--max", "1", at=at, input=grade)
    assert "Recorded:" in output


def test_a_new_learner_sees_only_new_cards(db: Path) -> None:
    deck_cards = len(all_card_refs(load_decks().decks.values()))
    assert status(db) == {
        "learner": "ann", "due_now": 0, "due_later_today": 0,
        "new_available": min(10, deck_cards), "reviewed_today": 0, "streak": 0, "next_due": None,
    }  # fmt: skip


def test_counts_after_a_few_reviews(db: Path) -> None:
    grade(db, "ca.activations", "4\n")  # Easy: a review days away
    grade(db, "it.kl", "1\n")  # Again: a learning step a minute away
    report = status(db)
    assert report["due_now"] == 1 and report["due_later_today"] == 0
    assert report["reviewed_today"] == 2 and report["streak"] == 1
    deck_cards = len(all_card_refs(load_decks().decks.values()))
    assert report["new_available"] == min(deck_cards - 2, 10 - 2)
    assert isinstance(report["next_due"], str)
    assert datetime.fromisoformat(report["next_due"]) > NOW + timedelta(days=1)

    # Half an hour earlier the learning step was still ahead, later that day.
    earlier = status(db, NOW - timedelta(minutes=30))
    assert (earlier["due_now"], earlier["due_later_today"]) == (0, 1)
    assert earlier["next_due"] == (NOW + timedelta(minutes=1)).isoformat()


def test_the_streak_counts_study_days_and_survives_until_the_day_ends(db: Path) -> None:
    grade(db, "ca.activations", "4\n", at=NOW)
    grade(db, "it.kl", "4\n", at=NOW + timedelta(days=1))
    assert status(db, NOW + timedelta(days=1))["streak"] == 2
    assert status(db, NOW + timedelta(days=2))["streak"] == 2  # not studied yet today
    assert status(db, NOW + timedelta(days=3))["streak"] == 0
    grade(db, "pr.bayes", "4\n", at=NOW + timedelta(days=3))
    late = NOW + timedelta(days=3, hours=18, minutes=30)  # 03:30 next morning: same study day
    assert status(db, late)["streak"] == 1
    assert status(db, late)["reviewed_today"] == 1


def test_the_text_report(db: Path) -> None:
    grade(db, "ca.activations", "4\n")
    text = run(db, "status")
    assert "Learner ann" in text and "Due now: 0" in text and "Reviewed today: 1" in text
    assert "Streak: 1 day\n" in text
    assert "\x1b[" not in text
