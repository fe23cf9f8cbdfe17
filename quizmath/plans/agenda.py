"""``plan today``: the day's step, what the quiz will bring, and whether the learner is behind.

The new cards listed are the ones the quiz itself would pick (same query, same order, same
daily limit), so the agenda and the session cannot disagree.
"""

from __future__ import annotations

from collections import Counter
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime
from operator import itemgetter
from typing import Any

from quizmath.plans.enrollment import Enrollment
from quizmath.plans.focus import Focus, quiz_filter
from quizmath.plans.model import Plan, PlanStep
from quizmath.plans.progress import step_status
from quizmath.plans.tallies import topic_tallies
from quizmath.scheduling.day import day_bounds, study_day
from quizmath.scheduling.queue import DEFAULT_NEW_PER_DAY, Window, interleave, new_allowance
from quizmath.store.sqlread import (
    ReadSource,
    count_reviews,
    due_counts,
    learner_id,
    new_card_stream,
)


@dataclass(frozen=True)
class StepGap:
    """A past study step whose topics still hold cards never introduced."""

    step: PlanStep
    cards: int
    unintroduced: int


@dataclass(frozen=True)
class Agenda:
    """One day of a plan. ``step`` is None before the plan starts and after it ends."""

    learner: str
    plan: Plan
    start: date
    today: date
    day: int
    step: PlanStep | None
    due_reviews: int
    new_cards: list[tuple[str, int]]
    behind: list[StepGap]
    loaded: bool
    new_per_day: int = DEFAULT_NEW_PER_DAY

    @property
    def is_behind(self) -> bool:
        return bool(self.behind)

    @property
    def finished(self) -> bool:
        return self.day > self.plan.length_days

    @property
    def suggestion(self) -> str | None:
        """The command the day calls for, beyond the daily ``quizmath quiz``."""
        if self.step is not None and self.step.kind in ("review", "mock"):
            return "quizmath quiz --mock"
        return None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``quizmath plan today --json``."""
        step = self.step
        return {
            "learner": self.learner,
            "plan": self.plan.summary(),
            "start": self.start.isoformat(),
            "today": self.today.isoformat(),
            "day": self.day,
            "started": self.day >= 1,
            "finished": self.finished,
            "step": None
            if step is None
            else {
                "number": step.number,
                "day": step.day,
                "title": step.title,
                "kind": step.kind,
                "topics": list(step.topics),
                "goals": list(step.goals),
            },
            "routine": list(self.plan.routine),
            "quiz": {
                "due_reviews": self.due_reviews,
                "new_cards": sum(n for _, n in self.new_cards),
                "new_by_topic": [{"topic": t, "cards": n} for t, n in self.new_cards],
            },
            "behind": self.is_behind,
            "behind_steps": [
                {
                    "number": gap.step.number,
                    "day": gap.step.day,
                    "title": gap.step.title,
                    "cards": gap.cards,
                    "unintroduced": gap.unintroduced,
                }
                for gap in self.behind
            ],
            "suggest": self.suggestion,
        }


def plan_agenda(
    source: ReadSource,
    learner: str,
    enrollment: Enrollment,
    now: datetime,
    *,
    new_per_day: int = DEFAULT_NEW_PER_DAY,
) -> Agenda:
    """Today's agenda for ``learner`` in ``enrollment``'s plan, as of ``now``."""
    plan = enrollment.plan
    today = study_day(now)
    day = enrollment.day(today)
    focus = Focus(plan, day)
    window = Window.at(now)
    opened = [step for step in plan.steps if step.day <= day]
    with source.sql_reader() as reader:
        found = learner_id(reader, learner)
        tallies = topic_tallies(reader, found, _topics_of(opened))
        due = introduced = 0
        if found is not None:
            counts = due_counts(reader, found, window.ahead, window.day_end)
            due = counts.reviews + counts.learning
            introduced = count_reviews(reader, found, day_bounds(now)[0], first_only=True)
        allowance = new_allowance(new_per_day, introduced)
        coming: list[tuple[int, str]] = []
        if allowance and day >= plan.steps[0].day:
            stream = new_card_stream(reader, found, quiz_filter(focus, (), ()))
            with closing(stream):
                coming = interleave(stream, itemgetter(1), allowance)
    by_topic = Counter(topic for _, topic in coming)
    current = enrollment.current_step(today)
    behind = []
    for step in opened:
        cards = sum(tallies[t].cards for t in step.topics)
        missing = sum(tallies[t].unintroduced for t in step.topics)
        if step_status(step, current, day, missing=missing > 0) == "behind":
            behind.append(StepGap(step, cards, missing))
    return Agenda(
        learner=learner,
        plan=plan,
        start=enrollment.start,
        today=today,
        day=day,
        step=current,
        due_reviews=due,
        new_cards=list(by_topic.items()),
        behind=behind,
        loaded=any(t.cards for t in tallies.values()),
        new_per_day=new_per_day,
    )


def _topics_of(steps: list[PlanStep]) -> list[str]:
    return list(dict.fromkeys(t for step in steps for t in step.topics))


__all__ = ["Agenda", "StepGap", "plan_agenda"]
