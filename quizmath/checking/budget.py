"""Bound the time one check may take, on any thread, without signals.

The work runs in a daemon thread that the caller waits on with a deadline; the work also
checks the same deadline between evaluation points, so a slow check stops itself soon after
the caller has given up. Parsing limits keep any single step short.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TypeVar

from quizmath.errors import CheckTimeoutError

T = TypeVar("T")


class Deadline:
    """A point in time after which cooperative work raises CheckTimeoutError."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.end:
            raise CheckTimeoutError(self.message())

    def message(self) -> str:
        return f"the answer could not be checked in time (limit {self.seconds:g} s)"


def run_with_budget(work: Callable[[Deadline], T], seconds: float) -> T:
    """``work(deadline)`` in a worker thread; CheckTimeoutError if it is not done in time."""
    deadline = Deadline(seconds)
    outcome: dict[str, object] = {}
    done = threading.Event()

    def target() -> None:
        try:
            outcome["value"] = work(deadline)
        except BaseException as error:  # noqa: BLE001 - handed to the waiting caller
            outcome["error"] = error
        finally:
            done.set()

    threading.Thread(target=target, name="quizmath-check", daemon=True).start()
    if not done.wait(max(seconds, 0.0)):
        raise CheckTimeoutError(deadline.message())
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]


__all__ = ["Deadline", "run_with_budget"]
