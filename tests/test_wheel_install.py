"""The built wheel works on its own: installed in an empty virtual environment and run from
a directory outside the checkout, it creates its database through the shipped migrations."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from quizmath.store.migrate import HEAD

CHECKOUT = Path(__file__).resolve().parents[1]
SKIP = shutil.ignore_patterns(
    ".venv", "venv", ".git", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", "tests"
)


def _run(args: list[str], *, cwd: Path, env: dict[str, str] | None = None, input: str = "") -> str:
    result = subprocess.run(
        args, cwd=cwd, env=env, input=input, capture_output=True, text=True, timeout=900
    )
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.mark.slow
def test_the_wheel_installs_and_runs_outside_the_checkout(tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(CHECKOUT, source, ignore=SKIP)
    _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", "dist", str(source)], cwd=tmp_path
    )
    (wheel,) = (tmp_path / "dist").glob("quizmath-*.whl")
    _run([sys.executable, "-m", "venv", "venv"], cwd=tmp_path)
    bin_dir = tmp_path / "venv" / "bin"
    _run([str(bin_dir / "python"), "-m", "pip", "install", "--quiet", str(wheel)], cwd=tmp_path)

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("QUIZMATH_", "PYTHON", "VIRTUAL_ENV"))
    }
    env |= {
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "QUIZMATH_LEARNER": "wheel",
        "QUIZMATH_NOW": "2026-03-02T09:00:00Z",
        "TZ": "UTC",
    }
    quizmath = str(bin_dir / "quizmath")
    report = json.loads(_run([quizmath, "status", "--json"], cwd=elsewhere, env=env))
    assert report["learner"] == "wheel" and report["new_available"] > 0

    peek = _run([quizmath, "quiz", "--max", "1"], cwd=elsewhere, env=env)
    found = re.search(r"^(\S+) · level (\d+) · seed (\d+)", peek, re.MULTILINE)
    assert found, peek
    template, level, seed = found.groups()
    preview = _run(
        [quizmath, "preview", template, "--seed", seed, "--level", level, "--json"],
        cwd=elsewhere,
        env=env,
    )
    answer = json.loads(preview)["answer"]
    output = _run([quizmath, "quiz", "--max", "1"], cwd=elsewhere, env=env, input=answer + "\n")
    assert "Right." in output and "Recorded: Good" in output

    database = tmp_path / "data" / "quizmath" / "quizmath.db"
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [(HEAD,)]
        assert connection.execute("SELECT count(*) FROM reviews").fetchall() == [(1,)]
    connection.close()
    assert (
        json.loads(_run([quizmath, "status", "--json"], cwd=elsewhere, env=env))["reviewed_today"]
        == 1
    )
