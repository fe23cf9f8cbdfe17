"""The README stays true: its topic table and its commands match the software and CI."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from quizmath.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_topic_table_is_what_quizmath_templates_prints() -> None:
    table = CliRunner().invoke(cli, ["templates", "--markdown"], catch_exceptions=False).stdout
    assert table.strip() in README, "regenerate the README table with quizmath templates --markdown"


def test_ci_runs_the_readme_install_and_test_commands() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert '.venv/bin/pip install -e ".[test]" && .venv/bin/python -m pytest -n auto -q' in README
    assert '.venv/bin/pip install --quiet -e ".[test]"' in ci
    assert ".venv/bin/python -m pytest -n auto -q" in ci
