"""Study-plan enrollments, and the review columns and index that statistics read.

Reviews gain the card's topic and the interval the card had been scheduled for (both filled
in for the reviews already logged), and one covering index over what statistics group by, so
a year of reviews is summed without reading the rows themselves.

Revision ID: 0002
Revises: 0001
Create Date: 2026-03-02 00:00:00
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BATCH = 20_000
_STATS_COLUMNS = [
    "learner_id",
    "reviewed_at",
    "topic",
    "correct",
    "mock",
    "interval_days",
    "response_ms",
    "mistake",
]


def upgrade() -> None:
    op.create_table(
        "plan_enrollments",
        sa.Column("learner_id", sa.Integer(), nullable=False),
        sa.Column("plan", sa.String(length=100), nullable=False),
        sa.Column("start_day", sa.Date(), nullable=False),
        sa.Column("enrolled_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["learner_id"], ["learners.id"], name=op.f("fk_plan_enrollments_learner_id_learners")
        ),
        sa.PrimaryKeyConstraint("learner_id", name=op.f("pk_plan_enrollments")),
    )
    op.add_column("reviews", sa.Column("topic", sa.String(length=64), nullable=True))
    op.add_column("reviews", sa.Column("interval_days", sa.Float(), nullable=True))
    bind = op.get_bind()
    bind.execute(
        sa.text(
            "UPDATE reviews SET topic = (SELECT cards.topic FROM cards "
            "WHERE cards.id = reviews.card_id)"
        )
    )
    _fill_intervals(bind)
    op.create_index("ix_reviews_learner_stats", "reviews", _STATS_COLUMNS)


def _fill_intervals(bind: sa.Connection) -> None:
    """Each logged review's interval before it, read from its ``state_before`` in batches."""
    reviews = sa.table(
        "reviews",
        sa.column("id", sa.Integer()),
        sa.column("state_before", sa.JSON()),
        sa.column("interval_days", sa.Float()),
    )
    update = (
        sa.update(reviews)
        .where(reviews.c.id == sa.bindparam("review_id"))
        .values(interval_days=sa.bindparam("days"))
    )
    last = 0
    while True:
        rows = bind.execute(
            sa.select(reviews.c.id, reviews.c.state_before)
            .where(reviews.c.id > last, reviews.c.state_before.is_not(None))
            .order_by(reviews.c.id)
            .limit(_BATCH)
        ).all()
        if not rows:
            return
        changes = [
            {"review_id": review_id, "days": days}
            for review_id, state in rows
            if (days := _interval(state)) is not None
        ]
        if changes:
            bind.execute(update, changes)
        last = rows[-1][0]


def _interval(state: dict[str, Any] | None) -> float | None:
    if not state or not state.get("last_review") or not state.get("due"):
        return None
    due = datetime.fromisoformat(state["due"])
    last = datetime.fromisoformat(state["last_review"])
    return (due - last).total_seconds() / 86400


def downgrade() -> None:
    op.drop_index("ix_reviews_learner_stats", table_name="reviews")
    with op.batch_alter_table("reviews") as batch:
        batch.drop_column("interval_days")
        batch.drop_column("topic")
    op.drop_table("plan_enrollments")
