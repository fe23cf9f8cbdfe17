"""``quizmath plan`` for people: the plans, today's step, and progress drawn as bars."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from rich.console import Console

from quizmath.plans.agenda import Agenda
from quizmath.plans.model import Plan
from quizmath.plans.progress import PlanProgress
from quizmath.questions.topics import topic_title
from quizmath.ui.charts import bar
from quizmath.ui.lines import Lines

_STATUS_STYLES = {"done": "green", "today": "bold cyan", "behind": "bold red", "ahead": "dim"}
_NOT_LOADED = "Card counts appear once `quizmath quiz` has loaded the decks."


def length_text(plan: Plan) -> str:
    """``21 days`` or ``12 lessons over 39 days``."""
    steps, days = len(plan.steps), plan.length_days
    if plan.unit == "day" and steps == days:
        return _count(days, "day")
    return f"{_count(steps, plan.unit)} over {_count(days, 'day')}"


def show_plans(console: Console, plans: Iterable[Plan], active: str | None, *, plain: bool) -> None:
    out = Lines(console, plain=plain)
    rows = [(p.id, p.title, length_text(p)) for p in plans]
    widths = [max(len(row[i]) for row in rows) for i in range(2)] if rows else [0, 0]
    for plan_id, title, length in rows:
        mark = "*" if plan_id == active else " "
        out.line(
            f"{mark} {plan_id.ljust(widths[0])}  {title.ljust(widths[1])}  {length}",
            "bold" if plan_id == active else "",
        )
    if active:
        out.line("* the plan you follow (`quizmath plan today` shows today's step)", "dim")
    else:
        out.line("Start one with `quizmath plan start NAME`.", "dim")


def show_today(console: Console, agenda: Agenda, *, plain: bool) -> None:
    out = Lines(console, plain=plain)
    plan = agenda.plan
    out.line(f"{plan.title} ({plan.id})", "bold")
    if agenda.day < 1:
        out.line(
            f"Starts on {agenda.start.isoformat()}, in {_count(1 - agenda.day, 'day')}. "
            "Until then the quiz draws new cards from every deck."
        )
        return
    out.line(f"Day {agenda.day} of {plan.length_days} (started {agenda.start.isoformat()})")
    step = agenda.step
    if step is None:
        out.line(
            f"The plan ended on {_last_day(agenda).isoformat()}. New cards still come from its "
            "topics; `quizmath plan stop` returns the quiz to every deck.",
        )
    else:
        out.blank()
        out.line(f"{plan.unit.capitalize()} {step.number}: {step.title}", "bold cyan")
        if step.topics:
            out.line("Topics: " + ", ".join(topic_title(t) for t in step.topics))
        if step.goals:
            out.line("Goals:")
            for goal in step.goals:
                out.line(f"  • {goal}")
        if step.kind == "review":
            out.line(
                "Review day: clear your due reviews with `quizmath quiz`, then take a timed "
                "mixed set over everything so far: `quizmath quiz --mock`.",
                "bold",
            )
        elif step.kind == "mock":
            out.line(
                "Timed practice: `quizmath quiz --mock --minutes 30` draws a mixed set over "
                "everything so far and scores it per topic.",
                "bold",
            )
    if plan.routine:
        out.blank()
        out.line("Daily routine:")
        for item in plan.routine:
            out.line(f"  • {item}")
    out.blank()
    out.line(_quiz_text(agenda), "bold")
    if agenda.new_cards:
        out.line("  new: " + ", ".join(f"{topic_title(t)} {n}" for t, n in agenda.new_cards), "dim")
    if not agenda.loaded:
        out.line(_NOT_LOADED, "dim")
    if agenda.behind:
        missing = sum(gap.unintroduced for gap in agenda.behind)
        out.blank()
        out.line(
            f"Behind: {_count(missing, 'card')} of earlier {plan.unit}s never introduced.",
            "bold red",
        )
        for gap in agenda.behind:
            out.line(
                f"  {plan.unit} {gap.step.number} ({gap.step.title}): "
                f"{gap.unintroduced} of {gap.cards} cards"
            )
        out.line(
            f"  `quizmath quiz --new {agenda.new_per_day + missing}` catches up today: the quiz "
            "brings today's topics first, then the oldest gaps."
        )
    elif agenda.loaded:
        out.line("On track: every earlier step's cards have been introduced.", "green")


def show_status(console: Console, progress: PlanProgress, *, plain: bool) -> None:
    out = Lines(console, plain=plain)
    plan = progress.plan
    day = (
        f"day {progress.day} of {plan.length_days}"
        if progress.day >= 1
        else f"starts {progress.start.isoformat()}"
    )
    out.line(f"{plan.title} ({plan.id}) · {day}", "bold")
    if not progress.loaded:
        out.line(_NOT_LOADED, "dim")
    title_width = max(len(s.step.title) for s in progress.steps)
    for s in progress.steps:
        accuracy = "—" if s.accuracy is None else f"{s.accuracy:.0%}"
        cards = f"{s.introduced}/{s.cards} cards" if s.step.topics else s.step.kind
        out.line(
            f"  {s.step.number:>2}. {s.step.title.ljust(title_width)}  "
            f"{s.status:<6}  {cards:<12}  {accuracy:>4}",
            _STATUS_STYLES[s.status],
        )
    out.blank()
    out.line("Mastery (mean recall of each topic's cards now; unseen cards count 0)", "bold")
    width = max((len(topic_title(t.topic)) for t in progress.mastery), default=0)
    for tally in progress.mastery:
        out.line(
            f"  {topic_title(tally.topic).ljust(width)}  {bar(tally.mastery, 20)} "
            f"{tally.mastery:4.0%}  {tally.started}/{tally.cards} seen"
        )
    if progress.behind:
        out.blank()
        out.line("Behind: `quizmath plan today` says how to catch up.", "bold red")


def _quiz_text(agenda: Agenda) -> str:
    new = sum(n for _, n in agenda.new_cards)
    return (
        f"Today's quiz: {_count(agenda.due_reviews, 'due review')}, then {_count(new, 'new card')}."
    )


def _last_day(agenda: Agenda) -> date:
    return agenda.start + timedelta(days=agenda.plan.length_days - 1)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


__all__ = ["length_text", "show_plans", "show_status", "show_today"]
