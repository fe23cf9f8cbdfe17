"""Study plans as data: a sequence of steps (days, lessons or lectures), each with its topics."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

StepKind = Literal["study", "review", "mock"]


@dataclass(frozen=True)
class PlanStep:
    """One day, lesson or lecture; it opens on ``day`` (1-based) of the plan."""

    number: int
    day: int
    title: str
    topics: tuple[str, ...]
    goals: tuple[str, ...]
    kind: StepKind


@dataclass(frozen=True)
class Plan:
    id: str
    title: str
    description: str
    unit: str
    routine: tuple[str, ...]
    steps: tuple[PlanStep, ...]

    def summary(self) -> dict[str, str | int]:
        """The plan as it appears in the JSON of ``plan today`` and ``plan status``."""
        return {"id": self.id, "title": self.title, "unit": self.unit, "days": self.length_days}

    @property
    def length_days(self) -> int:
        """The plan's last day: the day its last step opens."""
        return self.steps[-1].day

    def step_on(self, day: int) -> PlanStep:
        """The step in force on plan day ``day`` (the latest one opened by then)."""
        current = self.steps[0]
        for step in self.steps:
            if step.day <= day:
                current = step
        return current

    def topics_until(self, day: int) -> tuple[str, ...]:
        """Every topic opened by plan day ``day``, in plan order, each once."""
        seen: dict[str, None] = {}
        for step in self.steps:
            if step.day <= day:
                seen.update(dict.fromkeys(step.topics))
        return tuple(seen)


__all__ = ["Plan", "PlanStep", "StepKind"]
