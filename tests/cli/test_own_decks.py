"""A learner's own deck files (``QUIZMATH_DECKS``): listed, quizzed, counted, and a broken one
reported in one line while the rest load.

Each command runs in its own process, as it does for a learner: the template registry reads
the parametric cards of the decks once per process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

MINE = """id = "mine"
title = "Mine"
description = "My own cards."

[[concepts]]
id = "mine.why-square"
topic = "ca.derivatives"
question = "Why does the derivative of x² grow with x?"
answer = "Its slope 2x grows linearly."

[[parametric]]
id = "mine.scaled-square"
topic = "ca.derivatives"
title = "Derivative of a scaled square"
kind = "expression"
variables = ["x"]
params = { a = [2, 9] }
prompt = "Differentiate f(x) = {a*x^2}."
answer = "2*a*x"
solution = ["f′(x) = {answer}."]

[[parametric.mistakes]]
answer = "a*x"
feedback = "Bring the exponent 2 down."

[[parametric.harder]]
params = { a = [11, 19] }
"""


def quizmath(
    tmp_path: Path, decks: Path, *args: str, input: str = ""
) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "QUIZMATH_DB": str(tmp_path / "own.db"),
        "QUIZMATH_LEARNER": "ann",
        "QUIZMATH_DECKS": str(decks),
        "QUIZMATH_NOW": "2026-03-02T09:00:00+00:00",
    }
    return subprocess.run(
        [sys.executable, "-m", "quizmath", *args],
        capture_output=True, text=True, input=input, cwd=tmp_path, env=env, timeout=120,
    )  # fmt: skip


@pytest.fixture
def decks(tmp_path: Path) -> Path:
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "mine.toml").write_text(MINE, encoding="utf-8")
    return folder


def test_own_decks_are_listed_previewed_and_quizzed(tmp_path: Path, decks: Path) -> None:
    listed = quizmath(tmp_path, decks, "decks", "--json")
    assert listed.returncode == 0, listed.stderr
    mine = {row["id"]: row for row in json.loads(listed.stdout)}["mine"]
    assert mine["templates"] == ["mine.scaled-square"] and mine["concepts"] == 1
    shown = quizmath(tmp_path, decks, "preview", "mine.scaled-square", "--seed", "3", "--json")
    assert shown.returncode == 0, shown.stderr
    question = json.loads(shown.stdout)
    assert question["prompt"].startswith("Differentiate f(x) = ")
    status = json.loads(quizmath(tmp_path, decks, "status", "--json").stdout)
    assert status["new_available"] == 10
    quiz = quizmath(tmp_path, decks, "quiz", "--deck", "mine", "--max", "2", input="1\n3\n")
    assert quiz.returncode == 0, quiz.stderr
    assert "mine.scaled-square" in quiz.stdout or "concept card" in quiz.stdout
    exported = quizmath(tmp_path, decks, "export", "csv", "mine.txt", "--deck", "mine")
    assert exported.returncode == 0, exported.stderr
    text = (tmp_path / "mine.txt").read_text(encoding="utf-8")
    assert "mine.scaled-square · level 1" in text and "QuizMath::Mine::Derivatives" in text


def test_a_broken_own_deck_is_one_warning_and_the_rest_load(tmp_path: Path, decks: Path) -> None:
    (decks / "broken.toml").write_text(
        MINE.replace('id = "mine"', 'id = "broken"')
        .replace("mine.", "broken.")
        .replace('answer = "2*a*x"', 'answer = "2*a*(x"'),
        encoding="utf-8",
    )
    listed = quizmath(tmp_path, decks, "decks", "--json")
    assert listed.returncode == 0, listed.stderr
    assert {row["id"] for row in json.loads(listed.stdout)} >= {"core", "mine"}
    warnings = listed.stderr.strip().splitlines()
    assert len(warnings) == 1 and f"{decks / 'broken.toml'}:11: answer '2*a*(x'" in warnings[0]


def test_a_missing_own_deck_folder_is_reported(tmp_path: Path) -> None:
    listed = quizmath(tmp_path, tmp_path / "nowhere", "decks")
    assert listed.returncode == 0
    assert "QUIZMATH_DECKS=" in listed.stderr and "not a folder of deck files" in listed.stderr
