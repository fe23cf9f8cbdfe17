"""What the benchmarks share: timing calls, running quizmath commands, the big database."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from make_big_db import LEARNER, NOW, generate


def timings(action: Callable[[], object], repeat: int) -> list[float]:
    """Wall-clock milliseconds of each of ``repeat`` calls."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return times


def python_runner(db: Path) -> Callable[..., Callable[[], object]]:
    """``run(*args)`` gives a call that starts ``python *args`` against ``db`` as the learner."""
    env = {**os.environ, "QUIZMATH_DB": str(db), "QUIZMATH_LEARNER": LEARNER,
           "QUIZMATH_NOW": NOW.isoformat(), "NO_COLOR": "1"}  # fmt: skip

    def run(*args: str) -> Callable[[], object]:
        return lambda: subprocess.run([sys.executable, *args], env=env, check=True,
                                      capture_output=True)  # fmt: skip

    return run


def ensure_database(path: Path, rebuild: bool) -> None:
    """Generate the 100,000-card, 1,000,000-review database unless it is already there."""
    if rebuild or not path.exists():
        started = time.perf_counter()
        generate(path)
        print(f"generated {path} in {time.perf_counter() - started:.1f} s")


__all__ = ["ensure_database", "python_runner", "timings"]
