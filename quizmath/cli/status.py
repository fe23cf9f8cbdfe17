"""``quizmath status``: today's numbers without loading a single question template.

A SQLite file already at the newest schema is read with the stdlib ``sqlite3`` (read-only),
which keeps SQLAlchemy out of the process; anything else goes through the full store, which
creates or migrates the database first.
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
    from quizmath.review.status import StatusReport, status_report
    from quizmath.store.settings import BUSY_TIMEOUT_SECONDS, HEAD, local_path
    from quizmath.store.sqlread import open_sqlite_at
    from quizmath.ui.status import show_status

    now = app.now()
    refs = all_card_refs(load_decks().decks.values())
    path = local_path(app.db)
    fast = None if path is None else open_sqlite_at(path, HEAD, timeout=BUSY_TIMEOUT_SECONDS)
    report: StatusReport
    if fast is not None:
        try:
            report = status_report(fast, app.learner, now, refs)
        finally:
            fast.close()
    else:
        from quizmath.store.database import open_store

        store = open_store(app.db, now=now)
        try:
            report = status_report(store, app.learner, now, refs)
        finally:
            store.close()
    if as_json:
        click.echo(json.dumps(report.to_json()))
        return
    from quizmath.ui.terminal import Terminal

    terminal = Terminal.detect()
    show_status(None if terminal.plain else terminal.console(), report, now)


__all__ = ["status"]
