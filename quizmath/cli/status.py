"""``quizmath status``: today's numbers without loading a single question template.

The database is opened by ``read_source``: a SQLite file at the newest schema is read with
``sqlite3`` alone, which keeps SQLAlchemy out of the process.
"""

from __future__ import annotations

import json

import click

from quizmath.cli.context import AppContext


@click.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object (for scripts and prompts).")
@click.pass_obj
def status(app: AppContext, as_json: bool) -> None:
    """Show what is due now and later today, new cards available, and your streak.

    "Due now" counts what `quizmath quiz` would review if started now; "new cards" what it
    would introduce within today's limit of new cards.

    \b
    Example:
        quizmath status
        quizmath status --json
    """
    from quizmath.decks.loader import all_card_refs, load_decks
    from quizmath.review.status import status_report
    from quizmath.store.reading import read_source
    from quizmath.ui.status import show_status

    now = app.now()
    refs = all_card_refs(load_decks().decks.values())
    with read_source(app.db, now) as source:
        report = status_report(source, app.learner, now, refs)
    if as_json:
        click.echo(json.dumps(report.to_json()))
        return
    from quizmath.ui.terminal import Terminal

    terminal = Terminal.detect()
    show_status(None if terminal.plain else terminal.console(), report, now)


__all__ = ["status"]
