"""Ratings from verdicts, and the pure rules of a session: interleaving and limits."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Rating

from quizmath.scheduling.queue import LEARN_AHEAD, Window, interleave, new_allowance
from quizmath.scheduling.rating import parse_rating, rating_for

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("correct", "helped", "rating"),
    [(False, False, Rating.Again), (False, True, Rating.Again),
     (True, True, Rating.Hard), (True, False, Rating.Good)],
)  # fmt: skip
def test_rating_from_a_verdict(correct: bool, helped: bool, rating: Rating) -> None:
    assert rating_for(correct, helped=helped) is rating


@pytest.mark.parametrize(
    ("text", "rating"),
    [("1", Rating.Again), (" 2 ", Rating.Hard), ("3", Rating.Good), ("easy", Rating.Easy),
     ("5", None), ("", None), ("good job", None)],
)  # fmt: skip
def test_parse_rating(text: str, rating: Rating | None) -> None:
    assert parse_rating(text) is rating


def test_interleave_alternates_topics_keeping_each_topics_order() -> None:
    cards = ["la1", "la2", "la3", "ca1", "pr1", "ca2"]
    every = ["la1", "ca1", "pr1", "la2", "ca2", "la3"]
    assert interleave(cards, lambda c: c[:2], 10) == every
    assert interleave(cards, lambda c: c[:2], 4) == every[:4]
    assert interleave([], str, 3) == [] and interleave(cards, str, 0) == []


def test_interleave_stops_reading_once_the_answer_is_settled() -> None:
    read: list[str] = []

    def stream():
        for card in ["la1", "la2", "ca1", "pr1", "op1", "it1"]:
            read.append(card)
            yield card

    assert interleave(stream(), lambda c: c[:2], 3) == ["la1", "ca1", "pr1"]
    assert read == ["la1", "la2", "ca1", "pr1"]


def test_new_allowance_counts_cards_introduced_today() -> None:
    assert new_allowance(10, 0) == 10
    assert new_allowance(10, 7) == 3
    assert new_allowance(10, 12) == 0


def test_the_window_looks_ahead_twenty_minutes() -> None:
    assert (
        Window(NOW, NOW + timedelta(hours=19)).ahead
        == NOW + LEARN_AHEAD
        == NOW + timedelta(minutes=20)
    )
