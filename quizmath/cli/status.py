"""``quizmath status``: today's numbers without loading a single question template."""

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
    from quizmath.store.database import open_store
    from quizmath.ui.status import show_status
    from quizmath.ui.terminal import Terminal

    now = app.now()
    store = open_store(app.db, now=now)
    try:
        decks = load_decks()
        report = status_report(store, app.learner, now, all_card_refs(decks.decks.values()))
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(report.to_json()))
        return
    terminal = Terminal.detect()
    show_status(terminal.console(), report, now, plain=terminal.plain)


__all__ = ["status"]
