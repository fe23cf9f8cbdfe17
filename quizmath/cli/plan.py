"""``quizmath plan``: follow a study plan; its day, its progress, its topics in the quiz.

Everything here reads the plan files and the review log only, never a question template; the
reading commands open the database as ``quizmath status`` does (``sqlite3`` alone for a
SQLite file at the newest schema), so they start as fast.
"""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING

import click

from quizmath.cli.context import AppContext
from quizmath.errors import PlanError

if TYPE_CHECKING:
    from rich.console import Console

    from quizmath.plans.enrollment import Enrollment
    from quizmath.store.database import Store
    from quizmath.store.sqlread import ReadSource

_JSON_HELP = "One JSON object (for scripts)."


@click.group()
def plan() -> None:
    """Follow a study plan: its topics come to the quiz day by day.

    A plan (three weeks before an interview, a six-week linear-algebra course, ...) opens
    its topics one day or lesson at a time. While you follow one, the daily quiz introduces
    new cards from the topics opened so far, today's first, and your due reviews come as
    usual. You follow one plan at a time.

    \b
    Example:
        quizmath plan list
        quizmath plan start interview-3w
        quizmath plan today
        quizmath plan status
    """


@plan.command("list")
@click.option("--json", "as_json", is_flag=True, help=_JSON_HELP)
@click.pass_obj
def list_plans(app: AppContext, as_json: bool) -> None:
    """List the plans with their unit (day, lesson, lecture) and length.

    \b
    Example:
        quizmath plan list
        quizmath plan list --json
    """
    from quizmath.plans.enrollment import stored_choice
    from quizmath.plans.loader import load_plans
    from quizmath.store.reading import read_source
    from quizmath.ui.plan import length_text, show_plans

    loaded = load_plans()
    for problem in loaded.problems:
        click.echo(f"Warning: {problem}", err=True)
    with read_source(app.db, app.now()) as source:
        choice = stored_choice(source, app.learner)
    active = choice.plan_id if choice else None
    if as_json:
        rows = [
            {
                "id": p.id,
                "title": p.title,
                "description": p.description,
                "unit": p.unit,
                "steps": len(p.steps),
                "days": p.length_days,
                "length": length_text(p),
                "active": p.id == active,
            }
            for p in loaded.plans.values()
        ]
        click.echo(json.dumps({"plans": rows, "active": active}))
        return
    console, plain = _console()
    show_plans(console, loaded.plans.values(), active, plain=plain)


@plan.command("start")
@click.argument("name")
@click.option(
    "--start",
    "start_text",
    metavar="DATE",
    help="The plan's day 1 as YYYY-MM-DD (default: today). A past date puts you mid-plan.",
)
@click.option("--json", "as_json", is_flag=True, help=_JSON_HELP)
@click.pass_obj
def start(app: AppContext, name: str, start_text: str | None, as_json: bool) -> None:
    """Follow plan NAME from today (or --start DATE), leaving any plan you followed.

    Leaving a plan keeps every review; only the topics the quiz introduces change.

    \b
    Example:
        quizmath plan start interview-3w
        quizmath plan start linalg-6w --start 2026-03-02
    """
    from quizmath.plans.enrollment import Enrollment, get_plan, start_plan
    from quizmath.scheduling.day import study_day

    chosen = get_plan(name)
    now = app.now()
    today = study_day(now)
    first = _parse_date(start_text) if start_text else today
    store = _open(app)
    try:
        previous = start_plan(store, app.learner, chosen, first, now)
    finally:
        store.close()
    enrollment = Enrollment(chosen, first)
    day = enrollment.day(today)
    if as_json:
        click.echo(
            json.dumps(
                {
                    "plan": chosen.id,
                    "start": first.isoformat(),
                    "day": day,
                    "replaced": None
                    if previous is None
                    else {"plan": previous.plan_id, "start": previous.start.isoformat()},
                }
            )
        )
        return
    if previous is not None:
        click.echo(
            f"You were following {previous.plan_id} (day 1 on {previous.start.isoformat()}); "
            f"it is replaced by {chosen.id}. Your reviews are kept."
        )
    if day >= 1:
        where = f"today is day {day} of {chosen.length_days}"
    else:
        where = f"it starts in {1 - day} day{'s' if day != 0 else ''}"
    click.echo(
        f"Following {chosen.id} ({chosen.title}) from {first.isoformat()}: {where}. "
        "`quizmath plan today` shows today's step."
    )


@plan.command()
@click.option("--json", "as_json", is_flag=True, help=_JSON_HELP)
@click.option(
    "--new",
    "new_per_day",
    type=click.IntRange(min=0),
    default=10,
    show_default=True,
    help="The daily new-card limit you give `quizmath quiz --new`.",
)
@click.pass_obj
def today(app: AppContext, as_json: bool, new_per_day: int) -> None:
    """Show today's day of the plan, its topics and goals, and what the quiz will bring.

    Says whether you are behind (an earlier study day's topics still hold cards you never
    saw) and, on review and timed-practice days, suggests `quizmath quiz --mock`.

    \b
    Example:
        quizmath plan today
        quizmath plan today --json
    """
    from quizmath.plans.agenda import plan_agenda
    from quizmath.store.reading import read_source

    now = app.now()
    with read_source(app.db, now) as source:
        agenda = plan_agenda(
            source, app.learner, _enrolled(source, app), now, new_per_day=new_per_day
        )
    if as_json:
        click.echo(json.dumps(agenda.to_dict()))
        return
    from quizmath.ui.plan import show_today

    console, plain = _console()
    show_today(console, agenda, plain=plain)


@plan.command()
@click.option("--json", "as_json", is_flag=True, help=_JSON_HELP)
@click.pass_obj
def status(app: AppContext, as_json: bool) -> None:
    """Show each step done, today, behind or ahead, and mastery per topic as bars.

    A step's cards count as introduced once reviewed; accuracy counts the answers given
    since the plan started. Mastery is the mean chance of recall of a topic's cards now,
    a card never seen counting zero.

    \b
    Example:
        quizmath plan status
        quizmath plan status --json
    """
    from quizmath.plans.progress import plan_progress
    from quizmath.store.reading import read_source

    now = app.now()
    with read_source(app.db, now) as source:
        progress = plan_progress(source, app.learner, _enrolled(source, app), now)
    if as_json:
        click.echo(json.dumps(progress.to_dict()))
        return
    from quizmath.ui.plan import show_status

    console, plain = _console()
    show_status(console, progress, plain=plain)


@plan.command()
@click.option("--json", "as_json", is_flag=True, help=_JSON_HELP)
@click.pass_obj
def stop(app: AppContext, as_json: bool) -> None:
    """Stop following your plan; the quiz draws new cards from every deck again.

    \b
    Example:
        quizmath plan stop
    """
    from quizmath.plans.enrollment import stop_plan

    store = _open(app)
    try:
        left = stop_plan(store, app.learner)
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps({"stopped": left.plan_id if left else None}))
    elif left is None:
        click.echo("You are not following a plan.")
    else:
        click.echo(
            f"Stopped following {left.plan_id}. Your reviews are kept; new cards come from "
            "every deck again."
        )


def _open(app: AppContext) -> Store:
    from quizmath.store.database import open_store

    return open_store(app.db, now=app.now())


def _enrolled(source: ReadSource, app: AppContext) -> Enrollment:
    from quizmath.plans.enrollment import current_enrollment

    enrollment = current_enrollment(source, app.learner)
    if enrollment is None:
        raise PlanError(
            "you are not following a plan; `quizmath plan start NAME` starts one "
            "(`quizmath plan list` lists them)"
        )
    return enrollment


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise click.BadParameter(
            f"{text!r} is not a date like 2026-03-02", param_hint="--start"
        ) from None


def _console() -> tuple[Console, bool]:
    from quizmath.ui.terminal import Terminal

    terminal = Terminal.detect()
    return terminal.console(), terminal.plain


__all__ = ["plan"]
