"""A cold ``quizmath status`` stays away from SymPy and NumPy, the slow imports."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = """
import sys
from quizmath.cli import main
main(sys.argv[1:])
heavy = sorted(m for m in ("sympy", "numpy") if m in sys.modules)
print("HEAVY:", ",".join(heavy) or "none")
"""


@pytest.mark.parametrize("args", [["status"], ["status", "--json"]], ids=["text", "json"])
def test_status_imports_neither_sympy_nor_numpy(tmp_path: Path, args: list[str]) -> None:
    env = {**os.environ, "QUIZMATH_DB": str(tmp_path / "cold.db"), "QUIZMATH_LEARNER": "ann"}
    for run in ("first run, creating the database", "second run"):
        result = subprocess.run(
            [sys.executable, "-c", PROBE, *args],
            capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120,
        )  # fmt: skip
        assert result.returncode == 0, (run, result.stderr)
        assert result.stdout.rstrip().endswith("HEAVY: none"), (run, result.stdout)
