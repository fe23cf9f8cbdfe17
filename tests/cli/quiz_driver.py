"""Helpers shared by the quiz tests (this module holds no tests).

They read what a quiz printed, the way a person would: the small print under each question
names the template, level and seed, which is all it takes to regenerate the instance and
work out a right or a wrong answer.
"""

from __future__ import annotations

import queue
import re
import subprocess
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from click.testing import CliRunner

from quizmath.cli import cli

SMALL_PRINT = re.compile(
    r"^(?P<ref>[\w.\-]+) · (?:level (?P<level>\d+) · seed (?P<seed>\d+)|concept card)", re.M
)


@dataclass(frozen=True)
class Shown:
    """A question as the quiz showed it."""

    ref: str
    level: int | None
    seed: int | None

    @property
    def is_concept(self) -> bool:
        return self.level is None


def shown_in(output: str) -> list[Shown]:
    """Every question shown in ``output``, in order."""
    return [
        Shown(m["ref"], int(m["level"]), int(m["seed"]))
        if m["level"]
        else Shown(m["ref"], None, None)
        for m in SMALL_PRINT.finditer(output)
    ]


def right_answer(shown: Shown) -> str:
    """The key of the instance shown (a concept card is graded Good)."""
    if shown.is_concept:
        return "3"
    from quizmath.questions.registry import get_template

    assert shown.seed is not None and shown.level is not None
    return get_template(shown.ref).generate(shown.seed, shown.level).answer


def wrong_answer(shown: Shown) -> str:
    """A known mistake of the instance shown: wrong, but well-formed (a concept card: Again)."""
    if shown.is_concept:
        return "1"
    from quizmath.questions.registry import get_template

    assert shown.seed is not None and shown.level is not None
    question = get_template(shown.ref).generate(shown.seed, shown.level)
    return question.mistakes[0].answer


class LiveQuiz:
    """A ``quizmath quiz`` subprocess driven line by line through pipes."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.transcript: list[str] = []
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def read_until(self, *markers: str, timeout: float = 60.0) -> str | None:
        """Read lines until one contains a marker; return that line (None at the end)."""
        while True:
            line = self.lines.get(timeout=timeout)
            if line is None:
                return None
            self.transcript.append(line)
            if any(marker in line for marker in markers):
                return line

    def next_question(self) -> Shown | None:
        """Wait for the next question's small print (None when the session ends)."""
        line = self.read_until(" · level ", " · concept card", "Session over", "Nothing to")
        if line is None or "Session over" in line or "Nothing to" in line:
            return None
        (shown,) = shown_in(line)
        return shown

    def send(self, text: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(text + "\n")
        self.process.stdin.flush()

    def finish(self, timeout: float = 60.0) -> tuple[int, str]:
        """End the input, wait for the exit, close the pipes; the exit code and stderr."""
        assert self.process.stdin is not None and self.process.stderr is not None
        if not self.process.stdin.closed:
            try:
                self.process.stdin.close()
            except BrokenPipeError:
                pass
        code = self.process.wait(timeout=timeout)
        errors = self.process.stderr.read()
        self.process.stderr.close()
        while self.lines.get(timeout=timeout) is not None:
            pass
        assert self.process.stdout is not None
        self.process.stdout.close()
        return code, errors

    def answer(self, text: str) -> None:
        """Send an answer and wait until the quiz says it is recorded (committed)."""
        self.send(text)
        assert self.read_until("Recorded:") is not None, "".join(self.transcript[-20:])


__all__ = ["LiveQuiz", "Shown", "right_answer", "shown_in", "wrong_answer"]


def invoke_at(db: Path, learner: str, now: datetime, *args: str, input: str = "") -> str:
    """Run one command as ``learner`` at ``now`` (through QUIZMATH_NOW); it must succeed."""
    result = CliRunner().invoke(
        cli,
        ["--db", str(db), "--learner", learner, *args],
        input=input,
        env={"QUIZMATH_NOW": now.isoformat()},
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return result.output


def waiting_after(output: str) -> Shown | None:
    """The question left waiting after the last recorded answer, if any."""
    waiting = shown_in(output.rsplit("Recorded:", 1)[-1])
    return waiting[0] if waiting else None
