"""Shared fixtures: an isolated database, learner and clock for every test."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """No test touches the user's real database, learner name or clock."""
    db = tmp_path / "quizmath.db"
    monkeypatch.setenv("QUIZMATH_DB", str(db))
    monkeypatch.setenv("QUIZMATH_LEARNER", "tester")
    monkeypatch.delenv("QUIZMATH_NOW", raising=False)
    monkeypatch.delenv("QUIZMATH_DECKS", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    yield db


@pytest.fixture
def local_time_is_utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Pin local time to UTC so the 4 am day boundary falls where a test expects it."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
