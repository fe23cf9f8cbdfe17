"""``plan status``: each step done, today, behind or ahead, and mastery per topic.

A past study step is done once every card of its topics has been introduced, and behind
while some never have; accuracy counts the answers given since the plan started. Mastery is
the mean FSRS recall of a topic's cards right now, a card never seen counting 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from quizmath.plans.enrollment import Enrollment
from quizmath.plans.model import Plan, PlanStep
from quizmath.plans.tallies import TopicTally, topic_accuracy, topic_tallies
from quizmath.questions.topics import topic_title
from quizmath.scheduling.day import day_start, study_day
from quizmath.store.sqlread import ReadSource, learner_id

StepStatus = Literal["done", "today", "behind", "ahead"]


@dataclass(frozen=True)
class StepProgress:
    step: PlanStep
    status: StepStatus
    cards: int
    introduced: int
    reviews: int
    correct: int

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.reviews if self.reviews else None


@dataclass(frozen=True)
class PlanProgress:
    learner: str
    plan: Plan
    start: date
    today: date
    day: int
    steps: list[StepProgress]
    mastery: list[TopicTally]

    @property
    def behind(self) -> bool:
        return any(step.status == "behind" for step in self.steps)

    @property
    def loaded(self) -> bool:
        """Whether the database holds the decks' cards yet (the first quiz loads them)."""
        return any(tally.cards for tally in self.mastery)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``quizmath plan status --json``."""
        return {
            "learner": self.learner,
            "plan": self.plan.summary(),
            "start": self.start.isoformat(),
            "today": self.today.isoformat(),
            "day": self.day,
            "behind": self.behind,
            "steps": [
                {
                    "number": s.step.number,
                    "day": s.step.day,
                    "title": s.step.title,
                    "kind": s.step.kind,
                    "topics": list(s.step.topics),
                    "status": s.status,
                    "cards": s.cards,
                    "introduced": s.introduced,
                    "reviews": s.reviews,
                    "correct": s.correct,
                    "accuracy": s.accuracy,
                }
                for s in self.steps
            ],
            "mastery": [
                {
                    "topic": t.topic,
                    "title": topic_title(t.topic),
                    "cards": t.cards,
                    "started": t.started,
                    "mastery": t.mastery,
                }
                for t in self.mastery
            ],
        }


def plan_progress(
    source: ReadSource, learner: str, enrollment: Enrollment, now: datetime
) -> PlanProgress:
    """Where ``learner`` stands in ``enrollment``'s plan at ``now``."""
    plan = enrollment.plan
    today = study_day(now)
    day = enrollment.day(today)
    current = enrollment.current_step(today)
    topics = list(dict.fromkeys(t for step in plan.steps for t in step.topics))
    with source.sql_reader() as reader:
        found = learner_id(reader, learner)
        tallies = topic_tallies(reader, found, topics, now)
        accuracy = (
            topic_accuracy(reader, found, topics, day_start(enrollment.start))
            if found is not None
            else {}
        )
    steps = []
    for step in plan.steps:
        cards = sum(tallies[t].cards for t in step.topics)
        introduced = sum(tallies[t].started for t in step.topics)
        answered = [accuracy[t] for t in step.topics if t in accuracy]
        steps.append(
            StepProgress(
                step,
                step_status(step, current, day, missing=cards > introduced),
                cards,
                introduced,
                sum(a.reviews for a in answered),
                sum(a.correct for a in answered),
            )
        )
    return PlanProgress(
        learner, plan, enrollment.start, today, day, steps, [tallies[t] for t in topics]
    )


def step_status(step: PlanStep, current: PlanStep | None, day: int, *, missing: bool) -> StepStatus:
    """Where ``step`` stands on plan day ``day``; ``missing``: its topics hold unseen cards."""
    if step is current:
        return "today"
    if step.day > day:
        return "ahead"
    return "behind" if step.kind == "study" and missing else "done"


__all__ = ["PlanProgress", "StepProgress", "StepStatus", "plan_progress", "step_status"]
