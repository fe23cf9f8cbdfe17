"""A killed quiz loses no answer, and two quizzes on one database lose nothing either."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

from click.testing import CliRunner

from quizmath.cli import cli
from quizmath.review.audit import audit_reviews
from quizmath.scheduling.scheduler import Scheduler
from quizmath.store.database import open_store
from tests.cli.quiz_driver import LiveQuiz, right_answer, shown_in, wrong_answer

NOW = "2026-03-02T09:00:00+00:00"


def launch(db: Path, cwd: Path) -> LiveQuiz:
    env = {
        **os.environ,
        "QUIZMATH_DB": str(db),
        "QUIZMATH_LEARNER": "ann",
        "QUIZMATH_NOW": NOW,
        "PYTHONUNBUFFERED": "1",
        "TZ": "UTC",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "quizmath", "quiz", "--deck", "core"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=cwd,
        env=env,
    )
    return LiveQuiz(process)


def review_count(db: Path) -> int:
    with sqlite3.connect(db) as connection:
        (count,) = connection.execute("SELECT count(*) FROM reviews").fetchone()
    connection.close()
    return int(count)


def assert_consistent(db: Path) -> None:
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    connection.close()
    store = open_store(str(db))
    try:
        assert audit_reviews(store, Scheduler()) == []
    finally:
        store.close()


def test_sigkill_keeps_every_answered_review(tmp_path: Path) -> None:
    db = tmp_path / "kill.db"
    quiz = launch(db, tmp_path)
    for number in range(4):
        shown = quiz.next_question()
        assert shown is not None, "".join(quiz.transcript)
        quiz.answer(wrong_answer(shown) if number == 1 else right_answer(shown))
    waiting = quiz.next_question()
    quiz.process.send_signal(signal.SIGKILL)
    assert quiz.finish()[0] == -signal.SIGKILL

    assert review_count(db) == 4
    assert_consistent(db)
    resumed = CliRunner().invoke(
        cli, ["--db", str(db), "--learner", "ann", "quiz", "--deck", "core"],
        env={"QUIZMATH_NOW": NOW, "TZ": "UTC"}, catch_exceptions=False,
    )  # fmt: skip
    assert shown_in(resumed.output)[0] == waiting, "the unanswered question comes back unchanged"


def test_two_quizzes_on_one_database_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    quizzes = [launch(db, tmp_path) for _ in range(2)]
    answered = [0, 0]
    failures: list[BaseException] = []

    def study(index: int) -> None:
        quiz = quizzes[index]
        try:
            for _ in range(6):
                shown = quiz.next_question()
                if shown is None:
                    return
                quiz.answer(right_answer(shown))
                answered[index] += 1
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            failures.append(error)

    threads = [threading.Thread(target=study, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=240)
    outcomes = [quiz.finish() for quiz in quizzes]
    assert not failures, failures
    assert [code for code, _ in outcomes] == [0, 0], outcomes
    errors = [text for _, text in outcomes]
    assert all("locked" not in text and "Error" not in text for text in errors), errors
    assert answered[0] > 0 and answered[1] > 0
    assert review_count(db) == sum(answered)
    assert_consistent(db)
