"""What a plan narrows in the quiz: which topics bring new cards, and in what order.

A plan opens its topics day by day. New cards come from the topics opened so far: today's
step's first, since today's routine (formulas, derivation, implementation) works on them,
then whatever earlier steps left unintroduced, oldest step first. Due reviews are never held
back by the plan, unless ``quiz --plan P`` asks for that plan's topics alone.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from quizmath.errors import PlanError
from quizmath.plans.enrollment import Enrollment, get_plan
from quizmath.plans.loader import load_plan
from quizmath.plans.model import Plan
from quizmath.store.sqlread import CardFilter


@dataclass(frozen=True)
class Focus:
    """The plan a session follows on ``day``; ``only`` keeps the session to its topics."""

    plan: Plan
    day: int
    only: bool = False

    def topics_so_far(self) -> tuple[str, ...]:
        return self.plan.topics_until(self.day)

    def new_topic_order(self) -> tuple[str, ...]:
        """Topics opened by today: today's step's first, then earlier ones in plan order."""
        if self.day < self.plan.steps[0].day:
            return ()
        today = self.plan.step_on(self.day).topics if self.day <= self.plan.length_days else ()
        return tuple(dict.fromkeys((*today, *self.topics_so_far())))


def session_focus(enrollment: Enrollment | None, today: date, plan_id: str | None) -> Focus | None:
    """The plan a quiz follows: ``plan_id`` (``--plan``) or else the enrolled plan, if started.

    With ``--plan`` the enrolled plan's day counts when it is that plan; any other plan is
    taken whole.
    """
    if plan_id is None:
        if enrollment is None or enrollment.day(today) < enrollment.plan.steps[0].day:
            return None
        return Focus(enrollment.plan, enrollment.day(today))
    plan = get_plan(plan_id)
    if enrollment is not None and enrollment.plan.id == plan.id:
        return Focus(plan, enrollment.day(today), only=True)
    return Focus(plan, plan.length_days, only=True)


def quiz_filter(focus: Focus | None, decks: Collection[str], topics: Collection[str]) -> CardFilter:
    """The daily quiz's card filter under ``focus`` and the ``--deck``/``--topic`` options."""
    if focus is None:
        return CardFilter(decks, topics)
    order = _narrowed(focus.new_topic_order(), topics)
    if focus.only:
        return CardFilter(decks, _required(focus, topics), new_topics=order)
    return CardFilter(decks, topics, new_topics=order)


def enrolled_quiz_filter(plan_id: str, start: date, today: date) -> CardFilter | None:
    """The filter a plain ``quizmath quiz`` applies today for plan ``plan_id`` begun ``start``.

    None before the plan starts, and when it is no longer installed (the quiz then refuses
    to run until ``plan stop``).
    """
    plan = load_plan(plan_id)
    focus = None if plan is None else session_focus(Enrollment(plan, start), today, None)
    return None if focus is None else quiz_filter(focus, (), ())


def mock_filter(focus: Focus | None, decks: Collection[str], topics: Collection[str]) -> CardFilter:
    """A mock draws from the plan's topics so far, or from every deck without a plan."""
    if focus is None:
        return CardFilter(decks, topics)
    return CardFilter(decks, _required(focus, topics))


def _required(focus: Focus, topics: Collection[str]) -> tuple[str, ...]:
    chosen = _narrowed(focus.topics_so_far(), topics)
    if not chosen:
        if not focus.topics_so_far():
            raise PlanError(f"plan {focus.plan.id} has opened no topics yet")
        raise PlanError(f"none of plan {focus.plan.id}'s topics so far is under --topic")
    return chosen


def _narrowed(plan_topics: tuple[str, ...], topics: Collection[str]) -> tuple[str, ...]:
    """The plan's topics that ``--topic`` (slugs or areas) allows, in plan order."""
    if not topics:
        return plan_topics
    return tuple(t for t in plan_topics if any(t == u or t.startswith(f"{u}.") for u in topics))


__all__ = ["Focus", "enrolled_quiz_filter", "mock_filter", "quiz_filter", "session_focus"]
