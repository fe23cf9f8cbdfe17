"""What the quiz looks like: rich panels at a terminal, bare text otherwise, readable math."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
from rich.console import Console

from quizmath.review.cards import StudyCard
from quizmath.review.instance import Instance
from quizmath.review.session import Next, Summary
from quizmath.ui.latex import latex_to_text
from quizmath.ui.quiz import QuizScreen
from quizmath.ui.terminal import Terminal
from quizmath.ui.timefmt import duration_text, next_review_text

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
CONCEPT = StudyCard(
    7, "concept", "core.kl-asymmetry", "it.kl", r"Why is \(\mathrm{KL}\) asymmetric?"
)


class Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize(
    ("stdin_tty", "stdout_tty", "no_color", "interactive", "plain"),
    [(True, True, "", True, False), (True, True, "1", True, True),
     (False, True, "", False, True), (True, False, "", False, True)],
)  # fmt: skip
def test_terminal_detection(
    monkeypatch: pytest.MonkeyPatch,
    stdin_tty: bool,
    stdout_tty: bool,
    no_color: str,
    interactive: bool,
    plain: bool,
) -> None:
    monkeypatch.setenv("NO_COLOR", no_color)
    terminal = Terminal.detect(Stream(stdin_tty), Stream(stdout_tty))
    assert (terminal.interactive, terminal.plain) == (interactive, plain)


def render(plain: bool) -> str:
    out = io.StringIO()
    console = Console(file=out, width=80, force_terminal=not plain, no_color=plain)
    screen = QuizScreen(console, plain=plain)
    screen.question(Next(Instance(CONCEPT, 0, 12345), 3, 12))
    screen.summary(Summary(5, 4, 125, 0, 7, NOW + timedelta(days=2)), NOW)
    return out.getvalue()


def test_a_terminal_gets_panels_with_progress() -> None:
    text = render(plain=False)
    assert "╭" in text and "3 of 12 · it.kl · new" in text
    assert "Why is KL asymmetric?" in text and "Session over" in text


def test_plain_output_is_bare_lines() -> None:
    text = render(plain=True)
    assert "╭" not in text and "\x1b[" not in text
    assert "[3 of 12 · it.kl · new] Concept\nWhy is KL asymmetric?\ncore.kl-asymmetry" in text
    assert "Answered 5, right 4, in 2 min 5 s. Due by the end of tomorrow: 7." in text
    assert "Next review: " in text and "(in 2 days)" in text


@pytest.mark.parametrize(
    ("latex", "text"),
    [(r"\(\sigma'(x) = \sigma(x)\,(1 - \sigma(x))\)", "σ'(x) = σ(x) (1 - σ(x))"),
     (r"\(\dfrac{a + b}{2}\)", "(a + b)/2"),
     (r"\(\sqrt{x^2 + 1}\)", "√(x² + 1)"),
     (r"\(\lambda_1 \lambda_2 = \det(A)\)", "λ₁ λ₂ = det(A)"),
     (r"\(\mathrm{KL}(P\,\|\,Q) \ge 0\)", "KL(P ‖ Q) ≥ 0"),
     (r"\(e^{-x}\)", "e^(-x)")],
)  # fmt: skip
def test_latex_becomes_readable_unicode(latex: str, text: str) -> None:
    assert latex_to_text(latex) == text


def test_times_read_like_speech() -> None:
    assert duration_text(42) == "42 s" and duration_text(125) == "2 min 5 s"
    assert next_review_text(None, NOW) == "No reviews scheduled yet."
    soon = next_review_text(NOW + timedelta(minutes=10), NOW)
    assert soon.startswith("Next review: ") and soon.endswith("(in 10 min).")
    assert next_review_text(NOW + timedelta(hours=5), NOW).endswith("(in 5 h).")
