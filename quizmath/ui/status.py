"""``quizmath status`` for people: a few lines saying what today holds.

Plain output (piped, or ``NO_COLOR``) is printed with click, so it needs no Rich import.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import click

from quizmath.review.status import StatusReport
from quizmath.ui.timefmt import next_review_text

if TYPE_CHECKING:
    from rich.console import Console


def status_lines(report: StatusReport, now: datetime) -> list[tuple[str, str]]:
    """Each line of the report with its Rich style."""
    lines = [
        (f"Learner {report.learner}", "bold"),
        (f"Due now: {report.due_now}", "bold cyan" if report.due_now else ""),
        (f"Due later today: {report.due_later_today}", ""),
        (f"New cards available: {report.new_available}", ""),
        (f"Reviewed today: {report.reviewed_today}", ""),
        (f"Streak: {report.streak} day{'s' if report.streak != 1 else ''}", ""),
    ]
    if not report.due_now and not report.new_available:
        lines.append((next_review_text(report.next_due, now), "dim"))
    return lines


def show_status(console: Console | None, report: StatusReport, now: datetime) -> None:
    """Styled lines on ``console``, or bare ones on standard output when it is None."""
    if console is None:
        for text, _ in status_lines(report, now):
            click.echo(text)
        return
    from rich.text import Text

    for text, style in status_lines(report, now):
        console.print(Text(text, style=style))


__all__ = ["show_status", "status_lines"]
