"""The ``quizmath`` command group.

Subcommands are imported only when invoked, so ``quizmath status`` never pays for SymPy or
NumPy. Every ``QuizmathError`` becomes a one-line message on stderr with exit code 1.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import click

from quizmath import __version__
from quizmath.cli.context import AppContext, default_learner
from quizmath.errors import QuizmathError

# command name -> (module, attribute, one-line help shown by `quizmath --help`)
_COMMANDS: dict[str, tuple[str, str, str]] = {
    "quiz": ("quizmath.cli.quiz", "quiz", "Run today's reviews and new cards."),
    "status": ("quizmath.cli.status", "status", "Due reviews, new cards and streak at a glance."),
    "check": ("quizmath.cli.check", "check", "Check an answer against an expected key."),
    "preview": ("quizmath.cli.catalog", "preview", "Show instances of a template with keys."),
    "templates": ("quizmath.cli.catalog", "templates", "List the question templates."),
    "decks": ("quizmath.cli.catalog", "decks", "List the decks."),
    "export": ("quizmath.cli.export", "export", "Export decks to Anki."),
    "plan": ("quizmath.cli.plan", "plan", "Follow a study plan."),
    "stats": ("quizmath.cli.stats", "stats", "Study history, retention and forecasts."),
    "db": ("quizmath.cli.db", "db", "Upgrade, back up or check the database."),
}


class LazyGroup(click.Group):
    """A group whose subcommands live in their own modules and load on demand."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in _COMMANDS:
            return None
        module_name, attribute, _ = _COMMANDS[cmd_name]
        command = getattr(importlib.import_module(module_name), attribute)
        assert isinstance(command, click.Command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, _COMMANDS[name][2]) for name in self.list_commands(ctx)])


@click.group(cls=LazyGroup)
@click.version_option(__version__, prog_name="quizmath")
@click.option(
    "--db",
    envvar="QUIZMATH_DB",
    metavar="PATH_OR_URL",
    help="Database file or SQLAlchemy URL (default: a SQLite file in your data directory).",
)
@click.option(
    "--learner",
    envvar="QUIZMATH_LEARNER",
    metavar="NAME",
    help="Whose reviews to use (default: your user name).",
)
@click.pass_context
def cli(ctx: click.Context, db: str | None, learner: str | None) -> None:
    """Drill the mathematics of machine learning with fresh numbers every review.

    \b
    Example:
        quizmath quiz            # today's reviews and new cards
        quizmath status          # what is due
        quizmath check --kind number --expected 1/5 0.2
    """
    ctx.obj = AppContext(db=db, learner=learner or default_learner())


def main(argv: list[str] | None = None) -> Any:
    """Entry point: run the CLI and turn every failure into one line, never a traceback."""
    try:
        return cli.main(args=argv, prog_name="quizmath", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except QuizmathError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as error:  # noqa: BLE001 - the last line of defence against tracebacks
        if os.environ.get("QUIZMATH_DEBUG"):
            raise
        click.echo(
            f"Error: internal error ({type(error).__name__}: {error}); "
            "set QUIZMATH_DEBUG=1 for details",
            err=True,
        )
        sys.exit(1)


__all__ = ["cli", "main"]
