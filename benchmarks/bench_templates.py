"""Time to generate one instance of every template, warm: p50 and p95 per template.

    python benchmarks/bench_templates.py [--seeds 200] [--top 10]

Each template is warmed with a few instances first; then every seed is generated once, levels
taken in turn. The quality bar is a p95 under 30 ms for every template.
"""

from __future__ import annotations

import argparse
import statistics
import time

from quizmath.questions.registry import all_templates

TARGET_MS = 30.0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=int, default=200)
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args()

    rows = []
    for template in all_templates().values():
        for seed in range(3):
            template.generate(10_000 + seed, 1 + seed % template.levels)
        times = []
        for seed in range(args.seeds):
            start = time.perf_counter()
            template.generate(seed, 1 + seed % template.levels)
            times.append((time.perf_counter() - start) * 1000)
        rows.append((percentile(times, 0.95), statistics.median(times), template.id))

    rows.sort(reverse=True)
    print(f"{len(rows)} templates, {args.seeds} seeds each (ms):")
    print(f"{'template':<32} {'p50':>7} {'p95':>7}")
    for p95, p50, template_id in rows[: args.top]:
        print(f"{template_id:<32} {p50:7.2f} {p95:7.2f}")
    over = [row for row in rows if row[0] >= TARGET_MS]
    all_p95 = [row[0] for row in rows]
    print(
        f"median of per-template p95: {statistics.median(all_p95):.2f} ms; "
        f"slowest: {rows[0][2]} at p95 {rows[0][0]:.2f} ms; "
        f"{len(over)} over the {TARGET_MS:.0f} ms target"
    )


if __name__ == "__main__":
    main()
