"""``quizmath stats``: study history, retention, forecast and weak spots, as pictures.

Everything is summed from the review log and the card states by the database; no question
template is loaded, and a SQLite file at the newest schema is read with ``sqlite3`` alone,
so the command starts as fast as ``quizmath status``.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from quizmath.cli.context import AppContext
from quizmath.errors import QuizmathError


@click.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object (for scripts).")
@click.option(
    "--days",
    type=click.IntRange(min=1, max=3660),
    default=30,
    show_default=True,
    help="How many study days back the calendar, retention and accuracy look.",
)
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    metavar="FILE",
    help="Also write a self-contained HTML report (SVG charts, works offline) to FILE.",
)
@click.pass_obj
def stats(app: AppContext, as_json: bool, days: int, html_path: Path | None) -> None:
    """Show reviews per day as a calendar, streaks, retention, the due forecast and weak spots.

    True retention is the share of reviews of mature cards (scheduled 21 days or more
    apart) answered right, per week; mock attempts count as answers in the calendar and per
    topic, but never in retention or the streak. The forecast counts reviews falling due on
    each of the next 30 days (overdue ones on today).

    \b
    Example:
        quizmath stats
        quizmath stats --days 90 --html report.html
        quizmath stats --json
    """
    from quizmath.stats.collect import stats_report
    from quizmath.store.reading import read_source

    now = app.now()
    with read_source(app.db, now) as source:
        report = stats_report(source, app.learner, now, days)
    if html_path is not None:
        from quizmath.stats.html_report import render_html

        try:
            html_path.write_text(render_html(report), encoding="utf-8")
        except OSError as error:
            raise QuizmathError(f"cannot write {html_path}: {error.strerror}") from None
    if as_json:
        click.echo(json.dumps(report.to_dict()))
        return
    from quizmath.ui.stats import show_stats
    from quizmath.ui.terminal import Terminal

    terminal = Terminal.detect()
    show_stats(terminal.console(), report, plain=terminal.plain)
    if html_path is not None:
        click.echo(f"\nWrote {html_path}.")


__all__ = ["stats"]
