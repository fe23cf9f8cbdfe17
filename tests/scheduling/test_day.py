"""A study day starts at 4 am local time, whatever the time zone."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest

from quizmath.scheduling.day import day_bounds, day_start, study_day


@pytest.fixture
def new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("new_york")
def test_the_day_turns_at_four_in_the_morning_local_time() -> None:
    # 03:59 and 04:00 in New York (UTC-5 in January)
    assert study_day(datetime(2026, 1, 15, 8, 59, tzinfo=UTC)) == date(2026, 1, 14)
    assert study_day(datetime(2026, 1, 15, 9, 0, tzinfo=UTC)) == date(2026, 1, 15)
    assert day_start(date(2026, 1, 15)) == datetime(2026, 1, 15, 9, 0, tzinfo=UTC)


@pytest.mark.usefixtures("new_york")
def test_a_day_that_crosses_a_clock_change_is_23_hours_long() -> None:
    # Clocks go forward at 2 am on 8 March 2026: the 7 March study day is an hour short.
    start, end = day_bounds(datetime(2026, 3, 7, 12, 0, tzinfo=UTC))
    assert start == datetime(2026, 3, 7, 9, 0, tzinfo=UTC)
    assert end == datetime(2026, 3, 8, 8, 0, tzinfo=UTC)
    assert end - start == timedelta(hours=23)


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        study_day(datetime(2026, 1, 15, 9, 0))
