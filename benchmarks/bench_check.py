"""Time the checking engine: one warm check over the answer corpus, and a 1,000-case batch.

Run with ``python benchmarks/bench_check.py``. Each corpus case is checked once to warm the
caches, then timed once; the batch goes through a real ``quizmath check --batch`` process.
Targets: p95 of one check under 50 ms; the batch in a few seconds.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import cycle, islice
from pathlib import Path

from quizmath.checking import AnswerSpec, check_answer

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "checking" / "corpus.jsonl"
BATCH_SIZE = 1000


def load_cases() -> list[tuple[str, AnswerSpec]]:
    cases = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        spec = AnswerSpec(
            kind=case["kind"],
            expected=case["expected"],
            variables=tuple(case["vars"]),
            domain={name: tuple(bounds) for name, bounds in case.get("domain", {}).items()},
            choices=tuple(case.get("choices", ())),
        )
        cases.append((case["answer"], spec))
    return cases


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def time_checks(cases: list[tuple[str, AnswerSpec]]) -> list[float]:
    for answer, spec in cases:
        check_answer(answer, spec)
    timings = []
    for answer, spec in cases:
        start = time.perf_counter()
        check_answer(answer, spec)
        timings.append(time.perf_counter() - start)
    return timings


def time_batch() -> float:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    with tempfile.TemporaryDirectory() as directory:
        batch = Path(directory) / "batch.jsonl"
        batch.write_text("\n".join(islice(cycle(lines), BATCH_SIZE)) + "\n", encoding="utf-8")
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "quizmath", "check", "--batch", str(batch)],
            capture_output=True,
            text=True,
            check=True,
        )
        elapsed = time.perf_counter() - start
    if len(result.stdout.splitlines()) != BATCH_SIZE:
        raise SystemExit("the batch did not answer every case")
    return elapsed


def main() -> None:
    cases = load_cases()
    timings = time_checks(cases)
    p50, p95 = percentile(timings, 0.50), percentile(timings, 0.95)
    print(f"one check, warm, over {len(cases)} corpus cases:")
    print(
        f"  p50 {p50 * 1000:.2f} ms   p95 {p95 * 1000:.2f} ms   max {max(timings) * 1000:.2f} ms"
        f"   mean {statistics.fmean(timings) * 1000:.2f} ms"
    )
    batch = time_batch()
    print(f"batch of {BATCH_SIZE} cases through `quizmath check --batch` (process included):")
    print(f"  {batch:.2f} s   ({batch / BATCH_SIZE * 1000:.2f} ms per case)")
    print(f"p95 target 50 ms: {'met' if p95 < 0.050 else 'MISSED'}")


if __name__ == "__main__":
    main()
