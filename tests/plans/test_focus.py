"""Which topics a plan opens to the quiz on a given day, and in what order."""

from __future__ import annotations

from datetime import date

import pytest

from quizmath.errors import PlanError
from quizmath.plans.enrollment import Enrollment
from quizmath.plans.focus import Focus, mock_filter, quiz_filter, session_focus
from quizmath.plans.loader import load_plans
from quizmath.store.queries import CardFilter

PLANS = load_plans().plans
INTERVIEW = PLANS["interview-3w"]
DAY_1 = ("la.vectors", "la.matrix-ops", "la.det-inverse")
DAY_2 = ("la.rank-subspaces", "la.eigen", "la.svd-pca", "la.least-squares")
DAY_3 = ("ca.derivatives", "ca.chain-rule", "ca.activations")


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (0, ()),
        (1, DAY_1),
        (2, DAY_2 + DAY_1),
        (3, DAY_3 + DAY_1 + DAY_2),
    ],
)
def test_todays_topics_come_first_then_earlier_ones_in_plan_order(
    day: int, expected: tuple[str, ...]
) -> None:
    assert Focus(INTERVIEW, day).new_topic_order() == expected


def test_review_days_and_days_after_the_end_keep_plan_order() -> None:
    week_one = Focus(INTERVIEW, 7).new_topic_order()
    assert week_one == INTERVIEW.topics_until(7)
    assert week_one[:3] == DAY_1
    assert Focus(INTERVIEW, 40).new_topic_order() == INTERVIEW.topics_until(21)


def test_a_topic_repeated_by_a_later_lesson_is_listed_once() -> None:
    linalg = PLANS["linalg-6w"]
    assert Focus(linalg, 4).new_topic_order() == ("la.vectors", "la.orthogonality")


def test_the_enrolled_plan_applies_once_it_has_started() -> None:
    enrollment = Enrollment(INTERVIEW, date(2026, 3, 2))
    assert session_focus(None, date(2026, 3, 2), None) is None
    assert session_focus(enrollment, date(2026, 3, 1), None) is None  # starts tomorrow
    focus = session_focus(enrollment, date(2026, 3, 4), None)
    assert focus == Focus(INTERVIEW, 3, only=False)


def test_plan_option_uses_the_enrolled_day_or_else_the_whole_plan() -> None:
    enrollment = Enrollment(INTERVIEW, date(2026, 3, 2))
    assert session_focus(enrollment, date(2026, 3, 4), "interview-3w") == Focus(
        INTERVIEW, 3, only=True
    )
    linalg = PLANS["linalg-6w"]
    other = session_focus(enrollment, date(2026, 3, 4), "linalg-6w")
    assert other == Focus(linalg, linalg.length_days, only=True)
    with pytest.raises(PlanError, match="unknown plan 'nope'"):
        session_focus(None, date(2026, 3, 4), "nope")


def test_following_a_plan_narrows_new_cards_only() -> None:
    focus = Focus(INTERVIEW, 2)
    assert quiz_filter(None, ["core"], ["la"]) == CardFilter(["core"], ["la"])
    assert quiz_filter(focus, (), ()) == CardFilter((), (), new_topics=DAY_2 + DAY_1)
    narrowed = quiz_filter(focus, (), ["la.eigen", "ca"])
    assert narrowed.topics == ["la.eigen", "ca"] and narrowed.new_topics == ("la.eigen",)


def test_plan_option_keeps_the_whole_session_to_the_plans_topics() -> None:
    only = quiz_filter(Focus(INTERVIEW, 2, only=True), ("core",), ())
    assert only == CardFilter(("core",), DAY_1 + DAY_2, new_topics=DAY_2 + DAY_1)
    assert quiz_filter(Focus(INTERVIEW, 3, only=True), (), ("ca",)).topics == DAY_3
    with pytest.raises(PlanError, match="none of plan interview-3w's topics"):
        quiz_filter(Focus(INTERVIEW, 2, only=True), (), ("it",))
    with pytest.raises(PlanError, match="opened no topics yet"):
        quiz_filter(Focus(INTERVIEW, 0, only=True), (), ())


def test_a_mock_draws_from_the_topics_so_far_or_every_deck() -> None:
    assert mock_filter(None, (), ()) == CardFilter((), ())
    assert mock_filter(Focus(INTERVIEW, 3), (), ()).topics == DAY_1 + DAY_2 + DAY_3
    assert mock_filter(Focus(INTERVIEW, 3), (), ("la.eigen",)).topics == ("la.eigen",)
