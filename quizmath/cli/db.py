"""``quizmath db``: upgrade, back up and check the database by hand."""

from __future__ import annotations

import click

from quizmath.cli.context import AppContext
from quizmath.errors import StoreError


@click.group()
def db() -> None:
    """Upgrade, back up or check the database.

    Every command upgrades the database on its own (after a backup); these commands are for
    doing it deliberately, keeping extra copies and checking that nothing was lost.

    \b
    Example:
        quizmath db check
        quizmath db backup --to ~/quizmath-before-exam.db
    """


@db.command()
@click.pass_obj
def upgrade(app: AppContext) -> None:
    """Bring the database to the newest schema, backing up a SQLite file that holds data.

    \b
    Example:
        quizmath db upgrade
    """
    from quizmath.store.database import open_store

    store = open_store(app.db, migrate=False)
    try:
        done = store.upgrade(app.now())
    finally:
        store.close()
    if not done.changed:
        click.echo(f"{store.name} is already at schema revision {done.after}.")
        return
    before = done.before or "empty"
    click.echo(f"Upgraded {store.name} from {before} to schema revision {done.after}.")
    if done.backup is not None:
        click.echo(f"Backup: {done.backup}")


@db.command()
@click.option(
    "--to",
    "target",
    type=click.Path(dir_okay=False, writable=True),
    help="Where to write the copy (default: <database>.bak-<time> next to it).",
)
@click.pass_obj
def backup(app: AppContext, target: str | None) -> None:
    """Copy the SQLite database safely, even while a quiz is writing to it.

    \b
    Example:
        quizmath db backup
        quizmath db backup --to /tmp/quizmath-copy.db
    """
    from pathlib import Path

    from quizmath.store.backup import backup_sqlite
    from quizmath.store.database import open_store

    store = open_store(app.db, migrate=False)
    try:
        if store.path is None:
            raise StoreError("`db backup` copies SQLite files; back up a server with its own tools")
        written = backup_sqlite(store.path, app.now(), Path(target) if target else None)
    finally:
        store.close()
    click.echo(f"Backup: {written}")


@db.command()
@click.pass_context
def check(ctx: click.Context) -> None:
    """Check the file's integrity, its schema revision, and that the card states agree with
    the review log they are rebuilt from. Exits with 1 when something is wrong.

    \b
    Example:
        quizmath db check
    """
    from quizmath.review.audit import audit_reviews
    from quizmath.scheduling.scheduler import Scheduler
    from quizmath.store.database import open_store
    from quizmath.store.migrate import HEAD

    app: AppContext = ctx.obj
    store = open_store(app.db, migrate=False)
    problems: list[str] = []
    try:
        problems += [f"integrity: {line}" for line in store.integrity_problems()]
        revision = store.revision()
        if revision != HEAD:
            problems.append(
                f"schema revision is {revision or 'none'}, not {HEAD}: run `quizmath db upgrade`"
            )
        else:
            problems += [f"review log: {line}" for line in audit_reviews(store, Scheduler())]
    finally:
        store.close()
    for line in problems:
        click.echo(line)
    if problems:
        ctx.exit(1)
    click.echo(f"{store.name}: integrity ok, schema at {HEAD}, card states match the review log.")


__all__ = ["db"]
