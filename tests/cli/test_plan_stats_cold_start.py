"""``quizmath plan`` and ``quizmath stats`` stay away from SymPy and NumPy, like ``status``;
those that only read stay away from SQLAlchemy too, on a SQLite file at the newest schema."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizmath.cli import cli

PROBE = """
import sys
from quizmath.cli import main
try:
    main(sys.argv[1:])
except SystemExit as done:
    assert not done.code, done.code
heavy = sorted(m for m in ("sympy", "numpy", "sqlalchemy") if m in sys.modules)
print("HEAVY:", ",".join(heavy) or "none")
"""
WRITING = {"start", "stop"}

COMMANDS = [
    ["plan", "list"],
    ["plan", "start", "interview-3w"],
    ["plan", "today"],
    ["plan", "today", "--json"],
    ["plan", "status"],
    ["plan", "status", "--json"],
    ["plan", "stop"],
    ["stats"],
    ["stats", "--json", "--html", "report.html"],
]
NOW = "2026-03-02T09:00:00+00:00"


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_plan_and_stats_import_neither_sympy_nor_numpy(args: list[str], tmp_path: Path) -> None:
    db = tmp_path / "cold.db"
    enrolled = CliRunner().invoke(
        cli,
        ["--db", str(db), "--learner", "ann", "plan", "start", "interview-3w", "--start",
         "2026-02-25"],
        env={"QUIZMATH_NOW": NOW},
        catch_exceptions=False,
    )  # fmt: skip
    assert enrolled.exit_code == 0, enrolled.output
    env = {**os.environ, "QUIZMATH_DB": str(db), "QUIZMATH_LEARNER": "ann", "QUIZMATH_NOW": NOW}
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    expected = "HEAVY: sqlalchemy" if WRITING & set(args) else "HEAVY: none"
    assert result.stdout.rstrip().endswith(expected), result.stdout
