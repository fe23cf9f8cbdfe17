"""``quizmath plan status`` and ``quizmath stats`` on a big collection (100,000 cards, 1M reviews).

The database comes from ``make_big_db.py``, which writes the review columns of schema
revision 0001 only; this script then fills in what ``record_answer`` writes since revision
0002 (each review's topic, and an interval spread over 0-59 days so about two in three
reviews are of mature cards) and enrolls the learner in ``interview-3w`` on its tenth day.

Measures, as whole processes against ``python -c "import sys"`` (the target is under 300 ms
beyond process start; the minimum of the runs is the least disturbed by other load), and in
process once warm, reading the file as the commands do (``sqlite3`` alone):
- ``plan status``, ``plan today`` and ``stats`` (30 and 90 days), with ``status`` to compare.

    python benchmarks/bench_plans_stats.py [--db /tmp/quizmath-big-plans.db] [--rebuild]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
from datetime import timedelta
from pathlib import Path

from make_big_db import LEARNER, NOW
from timing import ensure_database, python_runner, timings

from quizmath.plans.agenda import plan_agenda
from quizmath.plans.enrollment import current_enrollment, get_plan, start_plan
from quizmath.plans.progress import plan_progress
from quizmath.scheduling.day import study_day
from quizmath.stats.collect import stats_report
from quizmath.store.database import open_store
from quizmath.store.reading import read_source
from quizmath.store.sqlread import ReadSource

PLAN = "interview-3w"
PLAN_DAY = 10


def prepare(db: Path) -> None:
    """Fill the 0002 review columns (once) and enroll the learner mid-plan."""
    connection = sqlite3.connect(db)
    try:
        (missing,) = connection.execute(
            "SELECT count(*) FROM reviews WHERE topic IS NULL"
        ).fetchone()
        if missing:
            with connection:
                connection.execute(
                    "UPDATE reviews SET topic = (SELECT topic FROM cards "
                    "WHERE cards.id = reviews.card_id), interval_days = CASE WHEN "
                    "state_before IS NULL THEN NULL ELSE (id * 7919) % 60 END"
                )
    finally:
        connection.close()
    store = open_store(str(db), now=NOW)
    try:
        start = study_day(NOW) - timedelta(days=PLAN_DAY - 1)
        start_plan(store, LEARNER, get_plan(PLAN), start, NOW)
    finally:
        store.close()


def describe(name: str, values: list[float]) -> None:
    print(f"{name:<46} median {statistics.median(values):7.1f} ms   min {min(values):7.1f} ms")


def in_process(source: ReadSource, repeat: int) -> None:
    enrollment = current_enrollment(source, LEARNER)
    assert enrollment is not None
    progress = plan_progress(source, LEARNER, enrollment, NOW)
    report = stats_report(source, LEARNER, NOW, 30)
    print(
        f"collection: plan day {progress.day}, "
        f"{sum(s.introduced for s in progress.steps)} cards introduced in plan steps, "
        f"{report.total_reviews} answers in 30 days, streak {report.current_streak}, "
        f"{sum(w.mature_reviews for w in report.retention)} mature reviews"
    )
    describe("in process: plan status", timings(lambda: plan_progress(
        source, LEARNER, enrollment, NOW), repeat))  # fmt: skip
    describe("in process: plan today", timings(lambda: plan_agenda(
        source, LEARNER, enrollment, NOW), repeat))  # fmt: skip
    for days in (30, 90):
        describe(f"in process: stats --days {days}", timings(lambda d=days: stats_report(
            source, LEARNER, NOW, d), repeat))  # fmt: skip


def processes(db: Path, repeat: int) -> None:
    run = python_runner(db)
    base = timings(run("-c", "import sys"), repeat)
    print(f"{'process: python -c import sys':<46} median {statistics.median(base):7.1f} ms   "
          f"min {min(base):7.1f} ms")  # fmt: skip
    commands = [
        ("status", "--json"),
        ("plan", "status", "--json"),
        ("plan", "status"),
        ("plan", "today", "--json"),
        ("stats", "--json"),
        ("stats",),
        ("stats", "--json", "--days", "90"),
    ]
    for command in commands:
        times = timings(run("-m", "quizmath", *command), repeat)
        print(
            f"process: quizmath {' '.join(command):<28} median {statistics.median(times):7.1f} ms"
            f"   min {min(times):7.1f} ms   beyond process start (min) "
            f"{min(times) - min(base):6.1f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/quizmath-big-plans.db"))
    parser.add_argument("--rebuild", action="store_true", help="Generate the database again.")
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    ensure_database(args.db, args.rebuild)
    prepare(args.db)
    with read_source(str(args.db), NOW) as source:
        in_process(source, args.repeat)
    processes(args.db, args.repeat)


if __name__ == "__main__":
    main()
