"""One plan per learner: starting, replacing, stopping, and counting the plan's days."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from quizmath.errors import PlanError
from quizmath.plans.enrollment import (
    Enrollment,
    PlanChoice,
    current_enrollment,
    get_plan,
    start_plan,
    stop_plan,
    stored_choice,
)
from quizmath.store.database import Store, open_store
from quizmath.store.enrollments import set_enrollment
from quizmath.store.queries import ensure_learner

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(str(tmp_path / "plans.db"), now=NOW)
    yield opened
    opened.close()


def test_days_and_the_step_in_force() -> None:
    enrollment = Enrollment(get_plan("linalg-6w"), date(2026, 3, 2))
    assert enrollment.day(date(2026, 3, 2)) == 1
    assert enrollment.day(date(2026, 3, 1)) == 0
    assert enrollment.current_step(date(2026, 3, 1)) is None
    step = enrollment.current_step(date(2026, 3, 6))  # day 5: lesson 2 opened on day 4
    assert step is not None and step.number == 2
    last_day = enrollment.start + timedelta(days=enrollment.plan.length_days - 1)
    assert enrollment.current_step(last_day) is enrollment.plan.steps[-1]
    assert enrollment.current_step(last_day + timedelta(days=1)) is None  # the plan is over


def test_start_replace_and_stop(store: Store) -> None:
    assert current_enrollment(store, "ann") is None
    assert start_plan(store, "ann", get_plan("linalg-6w"), date(2026, 3, 2), NOW) is None
    replaced = start_plan(store, "ann", get_plan("interview-3w"), date(2026, 3, 9), NOW)
    assert replaced == PlanChoice("linalg-6w", date(2026, 3, 2))
    enrollment = current_enrollment(store, "ann")
    assert enrollment is not None
    assert (enrollment.plan.id, enrollment.start) == ("interview-3w", date(2026, 3, 9))
    assert current_enrollment(store, "bob") is None  # one plan per learner, each their own
    assert stop_plan(store, "ann") == PlanChoice("interview-3w", date(2026, 3, 9))
    assert stop_plan(store, "ann") is None
    assert stored_choice(store, "ann") is None


def test_an_unknown_plan_is_a_plan_error() -> None:
    with pytest.raises(PlanError, match="unknown plan 'nope'.*interview-3w"):
        get_plan("nope")


def test_a_plan_no_longer_installed_can_still_be_stopped(store: Store) -> None:
    with store.writing() as session:
        learner = ensure_learner(session, "ann", NOW)
        set_enrollment(session, learner.id, "retired-plan", date(2026, 1, 1), NOW)
    with pytest.raises(PlanError, match="'retired-plan', which is no longer installed"):
        current_enrollment(store, "ann")
    assert stop_plan(store, "ann") == PlanChoice("retired-plan", date(2026, 1, 1))
    assert current_enrollment(store, "ann") is None
