"""``quizmath status`` for people: a few lines saying what today holds."""

from __future__ import annotations

from datetime import datetime

from rich.console import Console
from rich.text import Text

from quizmath.review.status import StatusReport
from quizmath.ui.timefmt import next_review_text


def show_status(console: Console, report: StatusReport, now: datetime, *, plain: bool) -> None:
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
    for text, style in lines:
        console.print(Text(text, style="" if plain else style))


__all__ = ["show_status"]
