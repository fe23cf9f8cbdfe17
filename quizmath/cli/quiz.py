"""``quizmath quiz``: the daily session, interactive at a terminal and scriptable through a pipe.

Piped input is read one answer per line and the output is plain text; an end of input ends
the session cleanly with its summary. Each answer is committed before the next card shows.
"""

from __future__ import annotations

import sys
import time
from abc import ABC, abstractmethod
from dataclasses import replace
from enum import Enum
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

import click

from quizmath.cli.context import AppContext
from quizmath.errors import DeckError, QuizmathError

if TYPE_CHECKING:
    from rich.console import Console

    from quizmath.review.instance import Instance
    from quizmath.review.mock import MockSession
    from quizmath.review.record import Answer
    from quizmath.review.session import Next, StudySession
    from quizmath.ui.quiz import QuizScreen


class Outcome(Enum):
    ANSWERED = "answered"
    SKIPPED = "skipped"
    QUIT = "quit"


@click.command()
@click.option("--deck", "decks", multiple=True, metavar="D", help="Only cards of deck D.")
@click.option(
    "--topic", "topics", multiple=True, metavar="T", help="Only topic T (la.eigen) or area T (la)."
)
@click.option("--max", "max_cards", type=click.IntRange(min=1), help="Stop after N answers.")
@click.option(
    "--new",
    "new_per_day",
    type=click.IntRange(min=0),
    default=10,
    show_default=True,
    help="Today's limit of new cards (cards introduced earlier today count).",
)
@click.option(
    "--minutes",
    type=click.FloatRange(min=0, min_open=True),
    help="Start no new card after M minutes (a mock's time limit; default 30 with --mock).",
)
@click.option(
    "--plan",
    "plan_id",
    metavar="P",
    help="Only plan P's topics so far (all of P's topics when you do not follow P).",
)
@click.option(
    "--mock",
    is_flag=True,
    help="Timed practice: a mixed set (--max, default 20) scored per topic; "
    "no card's schedule changes.",
)
@click.pass_obj
def quiz(
    app: AppContext,
    decks: tuple[str, ...],
    topics: tuple[str, ...],
    max_cards: int | None,
    new_per_day: int,
    minutes: float | None,
    plan_id: str | None,
    mock: bool,
) -> None:
    """Review what is due, then learn new cards, with fresh numbers every time.

    Type the answer and press Enter. `?` shows a hint, `!` the worked solution, `s` skips the
    card, `q` ends the session. After the verdict, Enter keeps the suggested rating or 1-4
    changes it (Again, Hard, Good, Easy). With piped input, each line is one answer (concept
    cards take a grade 1-4) and the session ends at the end of the input.

    The small print under a question names its template, level and seed:
    `quizmath preview TEMPLATE --seed SEED --level LEVEL` shows it again with its solution.

    While you follow a study plan (`quizmath plan start`), new cards come from the plan's
    topics so far, today's first; due reviews come as usual. `--mock` draws a timed, mixed
    set from the plan's topics so far (or from every deck without a plan) and scores it per
    topic; the attempts are logged but no card's schedule moves, due or not.

    \b
    Example:
        quizmath quiz
        quizmath quiz --topic la --max 10
        quizmath quiz --mock --minutes 30
        quizmath quiz --plan interview-3w --new 5
        printf '3*sigmoid(3*x - 2)*(1 - sigmoid(3*x - 2))\\n' | quizmath quiz --max 1
    """
    from quizmath.decks.loader import load_decks
    from quizmath.plans.enrollment import current_enrollment
    from quizmath.plans.focus import mock_filter, quiz_filter, session_focus
    from quizmath.questions.registry import all_templates
    from quizmath.review.decks import sync
    from quizmath.review.mock import DEFAULT_MOCK_MINUTES, DEFAULT_MOCK_SIZE, MockSession
    from quizmath.review.queue import QueueOptions
    from quizmath.review.session import StudySession
    from quizmath.scheduling.day import study_day
    from quizmath.store.database import open_store
    from quizmath.ui.quiz import QuizScreen
    from quizmath.ui.terminal import Terminal

    _check_topics(topics)
    templates = all_templates()
    loaded = load_decks(known_templates=templates)
    for problem in loaded.problems:
        click.echo(f"Warning: {problem}", err=True)
    for deck in decks:
        if deck not in loaded.decks:
            raise DeckError(f"unknown deck {deck!r}; `quizmath decks` lists them")
    store = open_store(app.db, now=app.now())
    try:
        sync(store, loaded.decks.values(), {tid: t.topic for tid, t in templates.items()})
        focus = session_focus(current_enrollment(store, app.learner), study_day(app.now()), plan_id)
        terminal = Terminal.detect()
        console = terminal.console()
        screen = QuizScreen(console, plain=terminal.plain)
        if focus is not None:
            scope = "only its topics so far" if focus.only else "new cards from its topics so far"
            screen.note(f"Plan {focus.plan.id}, day {focus.day}: {scope}.")
        if mock:
            sitting = MockSession.start(
                store,
                app.learner,
                mock_filter(focus, decks, topics),
                size=max_cards or DEFAULT_MOCK_SIZE,
                minutes=minutes or DEFAULT_MOCK_MINUTES,
                clock=app.now,
            )
            screen.note(
                f"Mock: {len(sitting.cards)} questions in {sitting.minutes:g} minutes; "
                "the attempts are logged, no card's schedule changes."
            )
            MockRunner(sitting, screen, console, interactive=terminal.interactive).run()
        else:
            options = QueueOptions(quiz_filter(focus, decks, topics), new_per_day, max_cards)
            session = StudySession(store, app.learner, options, minutes=minutes, clock=app.now)
            QuizRunner(session, screen, console, interactive=terminal.interactive).run()
    finally:
        store.close()


def _check_topics(topics: tuple[str, ...]) -> None:
    from quizmath.questions.topics import AREAS, TOPICS

    for topic in topics:
        if topic not in TOPICS and topic not in AREAS:
            raise QuizmathError(f"unknown topic {topic!r}; `quizmath templates` lists topics")


class Sitting(Protocol):
    """What the loop needs from a session: the daily ``StudySession`` or a ``MockSession``."""

    problems: list[str]

    def next(self) -> Next | None: ...

    def skip(self, instance: Instance) -> None: ...

    def record(self, instance: Instance, answer: Answer) -> object: ...


S = TypeVar("S", bound=Sitting)


class Runner(ABC, Generic[S]):
    """The question-and-answer loop; the session does the bookkeeping, the screen the output."""

    def __init__(self, session: S, screen: QuizScreen, console: Console, *, interactive: bool):
        self.session = session
        self.screen = screen
        self.console = console
        self.interactive = interactive

    def run(self) -> None:
        step = self._next()
        if step is None:
            self.nothing()
            return
        while step is not None:
            if self.ask(step) is Outcome.QUIT:
                break
            step = self._next()
        self.finish()

    @abstractmethod
    def nothing(self) -> None:
        """Say why not a single card came up."""

    @abstractmethod
    def finish(self) -> None:
        """The closing summary."""

    @abstractmethod
    def _commit(self, step: Next, answer: Answer) -> Outcome:
        """Record a checked answer."""

    def _next(self) -> Next | None:
        step = self.session.next()
        while self.session.problems:
            self.screen.warn(self.session.problems.pop(0))
        return step

    def ask(self, step: Next) -> Outcome:
        self.screen.question(step)
        try:
            if step.instance.question is None:
                return self._ask_concept(step)
            return self._ask_template(step)
        except KeyboardInterrupt:
            return Outcome.QUIT

    def _ask_template(self, step: Next) -> Outcome:
        from quizmath.review.record import answer_from_verdict, check

        instance = step.instance
        question = instance.question
        assert question is not None
        hints = 0
        helped = revealed = False
        started = time.monotonic()
        while True:
            line = self._read("Answer")
            if line is None or line.lower() in ("q", "quit"):
                return Outcome.QUIT
            if line.lower() in ("s", "skip"):
                return self._skip(step)
            if line == "?":
                hints += 1
                helped = True
                self.screen.hint(question.hints, hints)
                continue
            if line.lower() in ("!", "solution"):
                helped = revealed = True
                self.screen.solution(question)
                continue
            if not line:
                continue
            verdict = check(instance, line)
            if verdict.error:
                self.screen.not_understood(verdict.error)
                continue
            break
        elapsed = round((time.monotonic() - started) * 1000)
        self.screen.verdict(verdict)
        if not verdict.correct and not revealed:
            self.screen.solution(question)
        answer = answer_from_verdict(line, verdict, helped=helped, response_ms=elapsed)
        return self._commit(step, answer)

    def _ask_concept(self, step: Next) -> Outcome:
        from quizmath.review.record import self_graded
        from quizmath.scheduling.rating import parse_rating

        started = time.monotonic()
        if self.interactive:
            line = self._read("Press Enter to see the model answer (s skip, q quit)")
            if line is None or line.lower() in ("q", "quit"):
                return Outcome.QUIT
            if line.lower() in ("s", "skip"):
                return self._skip(step)
            self.screen.concept_answer(step.instance.card.answer)
        while True:
            line = self._read("How well did you know it? 1 Again, 2 Hard, 3 Good, 4 Easy")
            if line is None or line.lower() in ("q", "quit"):
                return Outcome.QUIT
            if line.lower() in ("s", "skip"):
                return self._skip(step)
            rating = parse_rating(line)
            if rating is not None:
                break
            self.screen.not_understood("grade yourself with 1, 2, 3 or 4")
        if not self.interactive:
            self.screen.concept_answer(step.instance.card.answer)
        elapsed = round((time.monotonic() - started) * 1000)
        self.session.record(step.instance, self_graded(rating, response_ms=elapsed))
        self.screen.rating(rating, overridden=True)
        return Outcome.ANSWERED

    def _skip(self, step: Next) -> Outcome:
        self.session.skip(step.instance)
        self.screen.skipped()
        return Outcome.SKIPPED

    def _read(self, prompt: str) -> str | None:
        """One line of input without its newline, or None at the end of input."""
        if self.interactive:
            try:
                return self.console.input(f"{prompt} › ").strip()
            except EOFError:
                return None
        line = sys.stdin.readline()
        if not line:
            return None
        line = line.strip()
        self.screen.echo(line)
        return line


class QuizRunner(Runner["StudySession"]):
    """The daily quiz: a rating to confirm after each answer, the day's summary at the end."""

    session: StudySession

    def nothing(self) -> None:
        summary = self.session.summary()
        self.screen.nothing_due(summary.next_due, self.session.clock())

    def finish(self) -> None:
        self.screen.summary(self.session.summary(), self.session.clock())

    def _commit(self, step: Next, answer: Answer) -> Outcome:
        """Offer the rating override (at a terminal), then record the answer at once.

        Ctrl-C at the override prompt still records the answer, then ends the session.
        """
        from quizmath.scheduling.rating import RATING_NAMES, parse_rating

        outcome = Outcome.ANSWERED
        overridden = False
        if self.interactive:
            name = RATING_NAMES[answer.rating]
            try:
                line = self._read(f"Rating {name}: Enter to keep it, or 1-4 to change it")
            except KeyboardInterrupt:
                line, outcome = None, Outcome.QUIT
            chosen = parse_rating(line) if line else None
            if chosen is not None and chosen != answer.rating:
                answer, overridden = replace(answer, rating=chosen), True
        self.session.record(step.instance, answer)
        self.screen.rating(answer.rating, overridden=overridden)
        return outcome


class MockRunner(Runner["MockSession"]):
    """Timed practice: no rating to adjust (nothing is scheduled), a per-topic score at the end."""

    session: MockSession

    def nothing(self) -> None:
        self.screen.mock_empty()

    def finish(self) -> None:
        self.screen.mock_score(self.session.score())

    def _commit(self, step: Next, answer: Answer) -> Outcome:
        self.session.record(step.instance, answer)
        self.screen.mock_recorded(answer.correct)
        return Outcome.ANSWERED


__all__ = ["quiz"]
