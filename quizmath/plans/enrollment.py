"""Following a plan: which plan a learner is in, since when, and what day of it today is.

Reading the choice takes plain SQL only (``plan today`` and ``plan status`` may run on
``sqlite3`` alone); starting and stopping a plan write through the full store.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from quizmath.errors import PlanError
from quizmath.plans.loader import load_plan, load_plans
from quizmath.plans.model import Plan, PlanStep
from quizmath.store.sqlread import ReadSource, enrollment, learner_id

if TYPE_CHECKING:
    from quizmath.store.database import Store


@dataclass(frozen=True)
class PlanChoice:
    """A stored enrollment: the plan's id and its first study day."""

    plan_id: str
    start: date


@dataclass(frozen=True)
class Enrollment:
    """A plan as one learner follows it: day 1 is the study day ``start``."""

    plan: Plan
    start: date

    def day(self, today: date) -> int:
        """Today's day of the plan: 1 on the start day, 0 or less before it."""
        return (today - self.start).days + 1

    def current_step(self, today: date) -> PlanStep | None:
        """The step in force today, or None before the plan starts and after it ends."""
        day = self.day(today)
        if day < self.plan.steps[0].day or day > self.plan.length_days:
            return None
        return self.plan.step_on(day)


def get_plan(name: str) -> Plan:
    """A shipped plan by id, or a ``PlanError`` naming the plans there are."""
    plans = load_plans().plans
    if name not in plans:
        raise PlanError(f"unknown plan {name!r}; `quizmath plan list` lists {', '.join(plans)}")
    return plans[name]


def stored_choice(source: ReadSource, learner: str) -> PlanChoice | None:
    """The plan ``learner`` follows as stored, installed or not."""
    with source.sql_reader() as reader:
        found = learner_id(reader, learner)
        enrolled = enrollment(reader, found) if found is not None else None
    return PlanChoice(*enrolled) if enrolled else None


def current_enrollment(source: ReadSource, learner: str) -> Enrollment | None:
    """The plan ``learner`` follows, if any."""
    choice = stored_choice(source, learner)
    if choice is None:
        return None
    plan = load_plan(choice.plan_id)
    if plan is None:
        raise PlanError(
            f"you follow plan {choice.plan_id!r}, which is no longer installed; "
            "`quizmath plan stop` leaves it"
        )
    return Enrollment(plan, choice.start)


def start_plan(
    store: Store, learner: str, plan: Plan, start: date, at: datetime
) -> PlanChoice | None:
    """Enroll ``learner`` in ``plan`` from ``start``; the choice it replaced, if any."""
    from quizmath.store.enrollments import set_enrollment
    from quizmath.store.queries import ensure_learner

    previous = stored_choice(store, learner)
    with store.writing() as session:
        row = ensure_learner(session, learner, at)
        set_enrollment(session, row.id, plan.id, start, at)
    return previous


def stop_plan(store: Store, learner: str) -> PlanChoice | None:
    """Leave the current plan (the review log keeps everything); the choice left, if any."""
    from quizmath.store.enrollments import clear_enrollment, get_enrollment
    from quizmath.store.queries import find_learner

    with store.writing() as session:
        row = find_learner(session, learner)
        enrolled = get_enrollment(session, row.id) if row else None
        if row is None or enrolled is None:
            return None
        left = PlanChoice(enrolled.plan, enrolled.start_day)
        clear_enrollment(session, row.id)
    return left


__all__ = [
    "Enrollment",
    "PlanChoice",
    "current_enrollment",
    "get_plan",
    "start_plan",
    "stop_plan",
    "stored_choice",
]
