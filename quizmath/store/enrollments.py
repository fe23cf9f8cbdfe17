"""Which study plan a learner follows: one row per learner, replaced when another plan starts."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from quizmath.store.models import EnrollmentRow


def get_enrollment(session: Session, learner_id: int) -> EnrollmentRow | None:
    return session.scalars(
        select(EnrollmentRow).where(EnrollmentRow.learner_id == learner_id)
    ).one_or_none()


def set_enrollment(
    session: Session, learner_id: int, plan: str, start_day: date, at: datetime
) -> None:
    """Enroll the learner in ``plan`` from ``start_day``, replacing any plan they were in."""
    session.merge(
        EnrollmentRow(learner_id=learner_id, plan=plan, start_day=start_day, enrolled_at=at)
    )
    session.flush()


def clear_enrollment(session: Session, learner_id: int) -> None:
    session.execute(delete(EnrollmentRow).where(EnrollmentRow.learner_id == learner_id))


__all__ = ["clear_enrollment", "get_enrollment", "set_enrollment"]
