"""``quizmath quiz`` from piped input: answers, hints, skips, concept cards, limits, messages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import select

from quizmath.cli import cli
from quizmath.errors import DeckError, QuizmathError
from quizmath.review.instance import instance_seed
from quizmath.store.database import open_store
from quizmath.store.models import ReviewRow
from tests.cli.quiz_driver import Shown, right_answer, shown_in, wrong_answer

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


pytestmark = pytest.mark.usefixtures("local_time_is_utc")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "quiz.db"


def quiz(db: Path, *args: str, input: str = "", now: datetime = NOW) -> Result:
    result = CliRunner().invoke(
        cli,
        ["--db", str(db), "--learner", "ann", "quiz", "--deck", "core", *args],
        input=input,
        env={"QUIZMATH_NOW": now.isoformat(), "NO_COLOR": None},
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return result


def first_shown(db: Path, *args: str) -> Shown:
    return shown_in(quiz(db, *args).output)[0]


def reviews(db: Path) -> list[ReviewRow]:
    store = open_store(str(db))
    try:
        with store.reading() as session:
            return list(session.scalars(select(ReviewRow).order_by(ReviewRow.id)))
    finally:
        store.close()


def test_a_right_answer_is_checked_recorded_and_summarized(db: Path) -> None:
    shown = first_shown(db)
    answer = right_answer(shown)
    result = quiz(db, "--max", "1", input=f"{answer}\n")
    assert "[1 of " in result.output
    assert f"> {answer}" in result.output
    assert "Right." in result.output and "Recorded: Good" in result.output
    assert "Session over. Answered 1, right 1" in result.output
    (review,) = reviews(db)
    assert (review.rating, review.correct, review.answer) == (3, True, answer)
    assert (review.seed, review.level, review.state_before) == (shown.seed, 1, None)
    assert review.state_after["reps"] == 1 and not review.mock
    assert review.seed == instance_seed("ann", "template", shown.ref, 0)


def test_the_output_is_plain_text_without_escape_codes(db: Path) -> None:
    result = quiz(db, "--max", "1", input="q\n")
    assert "\x1b[" not in result.output
    assert shown_in(result.output)[0].seed is not None


def test_an_unanswered_question_is_shown_again_with_the_same_numbers(db: Path) -> None:
    first = first_shown(db)
    assert first_shown(db) == first
    quiz(db, "--max", "1", input=f"{right_answer(first)}\n")
    later = shown_in(quiz(db, input="s\n" * 20).output)
    again = [s for s in later if s.ref == first.ref]
    assert again and again[0].seed != first.seed


def test_a_known_mistake_gets_its_feedback_the_solution_and_comes_back(db: Path) -> None:
    shown = first_shown(db)
    from quizmath.questions.registry import get_template

    question = get_template(shown.ref).generate(shown.seed or 0, shown.level or 1)
    result = quiz(db, input=f"{wrong_answer(shown)}\n" + "s\n" * 20)
    assert "Not quite." in result.output
    assert question.mistakes[0].feedback in result.output
    assert "Solution:" in result.output and f"Answer: {question.answer_text}" in result.output
    assert "Recorded: Again" in result.output
    (review,) = reviews(db)
    assert (review.rating, review.correct) == (1, False)
    assert review.mistake == question.mistakes[0].feedback
    after = shown_in(result.output.split("Recorded: Again", 1)[1])
    assert shown.ref in [s.ref for s in after], "a lapse comes back in the same session"


@pytest.mark.parametrize("help_command", ["?", "!"])
def test_right_after_a_hint_or_the_solution_is_hard(db: Path, help_command: str) -> None:
    shown = first_shown(db)
    result = quiz(db, "--max", "1", input=f"{help_command}\n{right_answer(shown)}\n")
    assert ("Hint 1 of" in result.output) == (help_command == "?")
    assert ("Solution:" in result.output) == (help_command == "!")
    assert "Recorded: Hard" in result.output
    assert [r.rating for r in reviews(db)] == [2]


def test_an_answer_that_does_not_parse_is_asked_again_not_counted(db: Path) -> None:
    shown = first_shown(db)
    result = quiz(db, "--max", "1", input=f"((\n\n{right_answer(shown)}\n")
    assert "Not understood:" in result.output
    assert [(r.rating, r.correct) for r in reviews(db)] == [(3, True)]


def test_skip_quit_and_end_of_input_record_nothing(db: Path) -> None:
    skipped = quiz(db, input="s\ns\n")
    assert skipped.output.count("Skipped") == 2
    assert len(shown_in(skipped.output)) == 3  # the third question meets the end of input
    quitted = quiz(db, input="q\n")
    assert len(shown_in(quitted.output)) == 1 and "Session over. Answered 0" in quitted.output
    assert reviews(db) == []


def test_a_concept_card_is_self_graded_and_shows_the_model_answer(db: Path) -> None:
    result = quiz(db, "--topic", "ca.activations", input="7\n2\n")
    # Graded Hard, the new card stays in its first learning step and comes back at the end.
    assert set(shown_in(result.output)) == {Shown("core.sigmoid-derivative", None, None)}
    assert "σ(x) = 1/(1 + e^(−x))" in result.output or "σ(x) = 1/(1 + e^(-x))" in result.output
    assert "Not understood: grade yourself with 1, 2, 3 or 4" in result.output
    assert "Model answer:" in result.output and "Recorded: Hard" in result.output
    (review,) = reviews(db)
    assert (review.rating, review.correct, review.answer, review.level) == (2, True, None, None)


def test_with_nothing_left_the_quiz_says_when_the_next_review_is(db: Path) -> None:
    quiz(db, "--topic", "ca.activations", input="4\n")  # Easy: straight to a review in days
    result = quiz(db, "--topic", "ca.activations")
    assert "Nothing to review right now and no new cards left for today." in result.output
    due = reviews(db)[0].state_after["due"]
    assert f"Next review: {datetime.fromisoformat(due):%Y-%m-%d %H:%M}" in result.output


def test_max_caps_the_answers_of_a_session(db: Path) -> None:
    result = quiz(db, "--max", "1", input=f"{right_answer(first_shown(db))}\n" + "3\n" * 5)
    assert "[1 of 1 ·" in result.output and len(shown_in(result.output)) == 1
    assert len(reviews(db)) == 1


def test_new_cards_respect_the_daily_limit_and_interleave_topics(db: Path) -> None:
    assert len(shown_in(quiz(db, "--new", "2", input="s\n" * 20).output)) == 2
    assert "Nothing to review" in quiz(db, "--new", "0").output
    everything = shown_in(quiz(db, "--new", "50", input="s\n" * 50).output)
    from quizmath.decks.loader import load_decks

    core = load_decks().decks["core"]
    assert len(everything) == len(core.card_refs())
    topics = {c.id: c.topic for c in core.concepts}
    from quizmath.questions.registry import get_template

    sequence = [topics.get(s.ref) or get_template(s.ref).topic for s in everything]
    assert all(a != b for a, b in zip(sequence, sequence[1:], strict=False)), sequence


def test_the_new_limit_counts_cards_introduced_earlier_today(db: Path) -> None:
    shown = first_shown(db, "--new", "2")
    quiz(db, "--new", "2", "--max", "1", input=f"{right_answer(shown)}\n")
    later = quiz(db, "--new", "2", input="s\n" * 20, now=NOW + timedelta(hours=3))
    refs = [s.ref for s in shown_in(later.output)]
    assert len(refs) == 2 and shown.ref in refs  # the started card is due, one new card left


def test_an_unknown_deck_or_topic_is_a_user_error(db: Path) -> None:
    with pytest.raises(DeckError, match="unknown deck 'nope'"):
        quiz(db, "--deck", "nope")
    with pytest.raises(QuizmathError, match="unknown topic 'xx.nope'"):
        quiz(db, "--topic", "xx.nope")
