"""How quizmath copes with a big collection (100,000 cards, 1,000,000 reviews).

Measures, on a database made by ``make_big_db.py``:
- ``quizmath status`` as a whole process, against ``python -c "import sys"``;
- the status report and picking the next card, in process (warm);
- generating one instance of each core template (warm), at the 95th percentile.

    python benchmarks/bench_store.py [--db /tmp/quizmath-big.db] [--rebuild]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from make_big_db import LEARNER, NOW
from timing import ensure_database, python_runner, timings

from quizmath.decks.loader import all_card_refs, load_decks
from quizmath.review.instance import make_instance
from quizmath.review.queue import QueueOptions, build_queue
from quizmath.review.status import status_report
from quizmath.store.database import Store, open_store

CORE_TEMPLATES = ("ca.sigmoid-chain", "it.kl-discrete", "pr.bayes-test", "la.eigen-2x2")


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def describe(name: str, values: list[float]) -> None:
    print(f"{name:<44} median {statistics.median(values):7.1f} ms   p95 {p95(values):7.1f} ms")


def process_times(db: Path, repeat: int) -> None:
    run = python_runner(db)
    baseline = timings(run("-c", "import sys"), repeat)
    status = timings(run("-m", "quizmath", "status", "--json"), repeat)
    imports = timings(run("-c", "import quizmath.cli.status, quizmath.review.status, "
                          "quizmath.store.sqlread, quizmath.decks.loader"), repeat)  # fmt: skip
    describe("process: python -c 'import sys'", baseline)
    describe("process: quizmath status --json", status)
    describe("process: importing what status needs", imports)
    print(
        f"{'status beyond process start (medians)':<44} "
        f"{statistics.median(status) - statistics.median(baseline):7.1f} ms"
    )


def in_process(store: Store, repeat: int) -> None:
    refs = all_card_refs(load_decks().decks.values())

    def status() -> object:
        return status_report(store, LEARNER, NOW, refs)

    def pick_next() -> object:
        with store.reading() as session:
            queue = build_queue(session, LEARNER, NOW, QueueOptions(), limit=1)
        return make_instance(queue.cards[0], LEARNER)

    report = status()
    with store.reading() as session:
        queue = build_queue(session, LEARNER, NOW, QueueOptions(), limit=1)
    print(
        f"collection: due now {report.due_now}, reviewed today {report.reviewed_today}, "
        f"streak {report.streak}, queue {queue.total} cards"
    )  # fmt: skip
    describe("in process: status report", timings(status, repeat))
    describe("in process: pick the next card (queue + instance)", timings(pick_next, repeat))


def instances(repeat: int) -> None:
    from quizmath.questions.registry import all_templates

    templates = all_templates()
    for template_id in CORE_TEMPLATES:
        if template_id not in templates:
            print(f"instance {template_id}: not registered")
            continue
        template = templates[template_id]
        template.generate(0, 1)
        times = []
        for seed in range(1, repeat + 1):
            started = time.perf_counter()
            template.generate(seed, 1 + seed % template.levels)
            times.append((time.perf_counter() - started) * 1000)
        describe(f"instance {template_id} (warm)", times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/quizmath-big.db"))
    parser.add_argument("--rebuild", action="store_true", help="Generate the database again.")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    ensure_database(args.db, args.rebuild)
    store = open_store(str(args.db), now=NOW)
    try:
        in_process(store, args.repeat)
    finally:
        store.close()
    process_times(args.db, max(5, args.repeat // 4))
    instances(200)


if __name__ == "__main__":
    main()
