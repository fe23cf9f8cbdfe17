"""From a checked answer to an FSRS rating, and the learner's 1-4 override."""

from __future__ import annotations

from fsrs import Rating

RATING_NAMES: dict[Rating, str] = {
    Rating.Again: "Again",
    Rating.Hard: "Hard",
    Rating.Good: "Good",
    Rating.Easy: "Easy",
}


def rating_for(correct: bool, *, helped: bool = False) -> Rating:
    """Wrong is Again; right after a hint or a revealed solution is Hard; right is Good.

    Easy is never inferred: only the learner knows an answer came effortlessly.
    """
    if not correct:
        return Rating.Again
    return Rating.Hard if helped else Rating.Good


def parse_rating(text: str) -> Rating | None:
    """``1``-``4`` (or a rating's name) as a Rating; anything else is None."""
    word = text.strip().lower()
    for rating, name in RATING_NAMES.items():
        if word in (str(int(rating)), name.lower()):
            return rating
    return None


__all__ = ["RATING_NAMES", "Rating", "parse_rating", "rating_for"]
