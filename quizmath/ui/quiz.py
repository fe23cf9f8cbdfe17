"""What the quiz prints: questions, verdicts, solutions, progress and the closing summary.

Rich panels and colour at a terminal; with ``plain`` the same content as bare lines, so piped
sessions and transcripts stay readable and diffable.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text

from quizmath.questions.topics import topic_title
from quizmath.scheduling.rating import RATING_NAMES, Rating
from quizmath.ui.latex import latex_to_text
from quizmath.ui.timefmt import duration_text, next_review_text

if TYPE_CHECKING:
    from quizmath.checking.spec import Verdict
    from quizmath.questions.model import Question
    from quizmath.review.mock import MockScore
    from quizmath.review.session import Next, Summary

_KIND_HINTS = {
    "expression": "an expression",
    "number": "a number (exact like 3/4 or sqrt(2), or a decimal)",
    "vector": "a vector like [1, 2]",
    "matrix": "a matrix like [[1, 2], [3, 4]]",
    "set": "a set like {1, 2} (order does not matter)",
    "choice": "one of the choices",
}
COMMANDS_HELP = "? hint · ! solution · s skip · q quit"


class QuizScreen:
    """Renders one session; every method prints a complete block."""

    def __init__(self, console: Console, *, plain: bool) -> None:
        self.console = console
        self.plain = plain

    def question(self, step: Next) -> None:
        instance = step.instance
        card = instance.card
        progress = f"{step.position} of {step.total}"
        tag = step.tag or ("new" if card.is_new else "review")
        if step.seconds_left is not None:
            tag += f" · {max(1, round(step.seconds_left / 60))} min left"
        if instance.question is not None:
            q = instance.question
            title = q.title
            body = q.prompt
            small = f"{card.ref} · level {instance.level} · seed {instance.seed}"
            footer = f"Answer with {self._kind_hint(q)}.   {COMMANDS_HELP}"
        else:
            title = "Concept"
            body = latex_to_text(card.question or "")
            small = f"{card.ref} · concept card"
            footer = "Answer in your head, then grade yourself 1-4."
        self._block(
            heading=f"{progress} · {card.topic} · {tag}",
            title=title,
            body=body,
            small=small,
            footer=footer,
        )

    def echo(self, line: str) -> None:
        """Repeat a piped answer so a transcript shows what was answered."""
        if self.plain:
            self.console.print(Text(f"> {line}"))

    def hint(self, hints: Sequence[str], shown: int) -> None:
        if shown > len(hints):
            self._line("No more hints; `!` shows the worked solution.", "yellow")
        else:
            self._line(f"Hint {shown} of {len(hints)}: {hints[shown - 1]}", "yellow")

    def not_understood(self, message: str) -> None:
        self._line(f"Not understood: {message}. Try again.", "yellow")

    def verdict(self, verdict: Verdict) -> None:
        if verdict.correct:
            self._line(f"Right. {verdict.reason}".strip(), "bold green")
        else:
            self._line(f"Not quite. {verdict.reason}".strip(), "bold red")
        if verdict.mistake is not None:
            self._line(verdict.mistake.feedback, "red")

    def solution(self, question: Question) -> None:
        lines = [f"Answer: {question.answer_text}    (typed: {question.answer})"]
        lines += [f"  {number}. {step}" for number, step in enumerate(question.solution, 1)]
        if self.plain:
            self.console.print(Text("Solution:"))
            for line in lines:
                self.console.print(Text(line))
        else:
            self.console.print(Panel(Text("\n".join(lines)), title="Solution", expand=False))

    def concept_answer(self, answer: str | None) -> None:
        text = latex_to_text(answer or "")
        if self.plain:
            self.console.print(Text(f"Model answer:\n{text}"))
        else:
            self.console.print(Panel(Text(text), title="Model answer", border_style="cyan"))

    def rating(self, rating: Rating, *, overridden: bool = False) -> None:
        how = "your rating" if overridden else "rating"
        self._line(f"Recorded: {RATING_NAMES[rating]} ({how}).", "dim")

    def skipped(self) -> None:
        self._line("Skipped; it keeps its place for next time.", "dim")

    def nothing_due(self, next_due: datetime | None, now: datetime) -> None:
        self._line("Nothing to review right now and no new cards left for today.", "bold")
        self._line(next_review_text(next_due, now))

    def summary(self, summary: Summary, now: datetime) -> None:
        lines = [
            f"Answered {summary.answered}, right {summary.right}, "
            f"in {duration_text(summary.seconds)}.",
            f"Due by the end of tomorrow: {summary.due_tomorrow}.",
            f"Still waiting today: {summary.waiting}."
            if summary.waiting
            else next_review_text(summary.next_due, now),
        ]
        if self.plain:
            self.console.print(Text("Session over. " + " ".join(lines)))
        else:
            self.console.print(Panel(Text("\n".join(lines)), title="Session over", expand=False))

    def note(self, message: str) -> None:
        self._line(message, "dim")

    def mock_recorded(self, correct: bool) -> None:
        verdict = "right" if correct else "wrong"
        self._line(f"Recorded: {verdict} (mock attempt; the card's schedule is unchanged).", "dim")

    def mock_empty(self) -> None:
        self._line("Nothing to draw a mock from: no question templates in these topics.", "bold")

    def mock_score(self, score: MockScore) -> None:
        """The closing score, weakest topic first."""
        share = f" ({score.right / score.answered:.0%})" if score.answered else ""
        lines = [
            f"Answered {score.answered}, right {score.right}{share}, "
            f"in {duration_text(score.seconds)}."
        ]
        if score.unanswered:
            lines.append(f"Time ran out with {score.unanswered} questions left.")
        if score.skipped:
            lines.append(f"Skipped {score.skipped}.")
        width = max((len(topic_title(t.topic)) for t in score.topics), default=0)
        lines += [
            f"  {topic_title(t.topic).ljust(width)}  {t.right}/{t.answered}  {t.accuracy:4.0%}"
            for t in score.topics
        ]
        if self.plain:
            self.console.print(Text("Mock over. " + lines[0]))
            for line in lines[1:]:
                self.console.print(Text(line))
        else:
            self.console.print(Panel(Text("\n".join(lines)), title="Mock over", expand=False))

    def warn(self, message: str) -> None:
        self._line(message, "yellow")

    def _kind_hint(self, question: Question) -> str:
        hint = _KIND_HINTS.get(question.kind, question.kind)
        if question.kind == "expression" and question.spec.variables:
            hint += " in " + ", ".join(question.spec.variables)
        if question.kind == "choice" and question.spec.choices:
            hint += ": " + ", ".join(question.spec.choices)
        return hint

    def _block(self, *, heading: str, title: str, body: str, small: str, footer: str) -> None:
        if self.plain:
            self.console.print(Text(""))
            self.console.print(Text(f"[{heading}] {title}"))
            self.console.print(Text(body))
            self.console.print(Text(small))
            self.console.print(Text(footer))
            return
        content = Group(
            Text(body),
            Text(""),
            Text(footer, style="dim"),
            Text(small, style="dim italic"),
        )
        self.console.print()
        self.console.print(
            Panel(content, title=Text(title, style="bold"), subtitle=Text(heading), expand=True)
        )

    def _line(self, text: str, style: str = "") -> None:
        self.console.print(Text(text, style="" if self.plain else style))


__all__ = ["COMMANDS_HELP", "QuizScreen"]
