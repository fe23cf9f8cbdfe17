"""``quizmath plan list|start|today|status|stop``, and the plan's effect on ``quizmath quiz``."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from quizmath.cli import cli, main
from quizmath.store.database import open_store
from quizmath.store.models import CardRow, ReviewRow
from tests.cli.quiz_driver import shown_in

NOW = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)  # day 3 of a plan started on 2 March


pytestmark = pytest.mark.usefixtures("local_time_is_utc")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "plan.db"


def run(db: Path, *args: str, code: int = 0, input: str = "") -> Any:
    result = CliRunner().invoke(
        cli,
        ["--db", str(db), "--learner", "ann", *args],
        input=input,
        env={"QUIZMATH_NOW": NOW.isoformat()},
        catch_exceptions=False,
    )
    assert result.exit_code == code, result.output
    return result


def as_json(db: Path, *args: str) -> Any:
    return json.loads(run(db, *args, "--json").output)


def test_list_shows_the_four_plans_with_unit_and_length(db: Path) -> None:
    listed = as_json(db, "plan", "list")
    rows = {p["id"]: p for p in listed["plans"]}
    assert set(rows) == {"interview-3w", "linalg-6w", "mlmath-30", "mathcoding-27"}
    assert (rows["interview-3w"]["unit"], rows["interview-3w"]["days"]) == ("day", 21)
    assert rows["interview-3w"]["length"] == "21 days"
    assert rows["linalg-6w"]["length"].startswith("12 lessons over ")
    assert listed["active"] is None
    text = run(db, "plan", "list").output
    assert "interview-3w" in text and "12 lessons over" in text and "plan start" in text


def test_start_today_status_and_stop(db: Path) -> None:
    started = as_json(db, "plan", "start", "interview-3w", "--start", "2026-03-02")
    assert started == {"plan": "interview-3w", "start": "2026-03-02", "day": 3, "replaced": None}
    assert as_json(db, "plan", "list")["active"] == "interview-3w"
    today = as_json(db, "plan", "today")
    assert today["day"] == 3 and today["step"]["title"].startswith("Calculus I")
    assert today["step"]["topics"] == ["ca.derivatives", "ca.chain-rule", "ca.activations"]
    assert len(today["routine"]) == 4
    status = as_json(db, "plan", "status")
    assert [s["status"] for s in status["steps"][:4]] == ["done", "done", "today", "ahead"]
    assert "once `quizmath quiz` has loaded the decks" in run(db, "plan", "status").output
    run(db, "quiz")  # loads the decks; shows a question, answers nothing
    status = as_json(db, "plan", "status")
    assert [s["status"] for s in status["steps"][:4]] == ["behind", "behind", "today", "ahead"]
    assert status["behind"] and status["steps"][0]["cards"] > 0
    text = run(db, "plan", "today").output
    assert "Day 3 of 21" in text and "Goals:" in text and "Daily routine:" in text
    assert "quizmath quiz" in text
    assert "Mastery" in run(db, "plan", "status").output
    stopped = run(db, "plan", "stop").output
    assert "Stopped following interview-3w" in stopped
    assert "not following a plan" in run(db, "plan", "stop").output


def test_starting_another_plan_replaces_the_first_and_says_so(db: Path) -> None:
    run(db, "plan", "start", "linalg-6w")
    output = run(db, "plan", "start", "interview-3w").output
    assert "You were following linalg-6w" in output and "replaced by interview-3w" in output
    replaced = as_json(db, "plan", "start", "mlmath-30")
    assert replaced["replaced"] == {"plan": "interview-3w", "start": "2026-03-04"}


def test_a_plan_starting_later_is_not_in_force_yet(db: Path) -> None:
    output = run(db, "plan", "start", "interview-3w", "--start", "2026-03-09").output
    assert "starts in 5 days" in output
    today = as_json(db, "plan", "today")
    assert today["day"] == -4 and today["step"] is None and not today["started"]
    assert "Starts on 2026-03-09" in run(db, "plan", "today").output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("plan", "start", "nope"), "Error: unknown plan 'nope'"),
        (("plan", "today"), "Error: you are not following a plan"),
        (("plan", "status"), "Error: you are not following a plan"),
        (("quiz", "--plan", "nope"), "Error: unknown plan 'nope'"),
    ],
)
def test_user_errors_are_one_line(
    db: Path, args: tuple[str, ...], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--db", str(db), "--learner", "ann", *args])
    assert exit_.value.code == 1
    error = capsys.readouterr().err
    assert error.startswith(message) and error.count("\n") == 1, error


def test_a_bad_start_date_is_a_usage_error(db: Path) -> None:
    result = run(db, "plan", "start", "interview-3w", "--start", "March 2", code=2)
    assert "is not a date like 2026-03-02" in result.output


def _first_question(db: Path, *args: str) -> str:
    shown = shown_in(run(db, "quiz", *args).output)
    assert shown, "the quiz showed no question"
    store = open_store(str(db))
    try:
        with store.reading() as session:
            return session.scalars(select(CardRow.topic).where(CardRow.ref == shown[0].ref)).one()
    finally:
        store.close()


def test_the_quiz_introduces_todays_topics_first(db: Path) -> None:
    run(db, "plan", "start", "interview-3w", "--start", "2026-03-02")
    assert _first_question(db, "--new", "3").startswith("ca.")
    assert (
        "Plan interview-3w, day 3: new cards from its topics so far."
        in run(db, "quiz", "--max", "1").output
    )


def test_plan_option_keeps_the_session_to_the_plans_topics(db: Path) -> None:
    # not enrolled: the whole plan's topics, today's step does not exist
    assert _first_question(db, "--plan", "linalg-6w").startswith("la.")
    output = run(db, "quiz", "--plan", "linalg-6w", "--max", "1").output
    assert "Plan linalg-6w, day 39: only its topics so far." in output


def test_without_a_plan_new_cards_come_in_deck_order(db: Path) -> None:
    assert _first_question(db).startswith("ml.")  # applied-ml is the first deck by name
    store = open_store(str(db))
    try:
        with store.reading() as session:
            assert session.scalars(select(ReviewRow)).all() == []  # showing records nothing
    finally:
        store.close()


def test_status_counts_the_new_cards_the_plan_lets_the_quiz_introduce(db: Path) -> None:
    run(db, "plan", "start", "linalg-6w")  # lesson 1 opens la.vectors alone
    assert as_json(db, "status")["new_available"] == 10  # decks not loaded: every deck card
    run(db, "quiz")  # loads the decks; shows a question, answers nothing
    today = as_json(db, "plan", "today")
    assert today["quiz"]["new_by_topic"] == [{"topic": "la.vectors", "cards": 4}]
    assert as_json(db, "status")["new_available"] == 4
    run(db, "plan", "stop")
    assert as_json(db, "status")["new_available"] == 10
