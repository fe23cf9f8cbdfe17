"""Every command has help with an example, and the CLI's error contract holds."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from quizmath.cli import _COMMANDS, cli


def _walk(command: click.Command, path: tuple[str, ...]) -> list[tuple[str, ...]]:
    found = [path]
    if isinstance(command, click.Group):
        context = click.Context(command)
        for name in command.list_commands(context):
            sub = command.get_command(context, name)
            assert sub is not None
            found += _walk(sub, (*path, name))
    return found


ALL_COMMANDS = _walk(cli, ())


def test_every_command_of_the_contract_exists() -> None:
    top = {path[0] for path in ALL_COMMANDS if path}
    assert top == set(_COMMANDS)


@pytest.mark.parametrize("path", ALL_COMMANDS, ids=lambda p: " ".join(p) or "quizmath")
def test_every_command_has_help_with_an_example(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "Example:" in result.output, f"`quizmath {' '.join(path)} --help` lacks an example"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quizmath", *args], capture_output=True, text=True, timeout=60
    )


def test_an_unknown_command_is_a_usage_error_without_traceback() -> None:
    result = _run("frobnicate")
    assert result.returncode == 2
    assert "No such command 'frobnicate'" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_user_error_is_one_line_with_exit_1() -> None:
    result = _run("preview", "no.such-template")
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert result.stderr.startswith("Error: unknown template 'no.such-template'")


def test_version() -> None:
    result = _run("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("quizmath, version ")
