"""What every command needs, carried on ``ctx.obj``: database URL, learner, clock."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from datetime import datetime

from quizmath import clock


@dataclass(frozen=True)
class AppContext:
    """Global options resolved once; tests build their own."""

    db: str | None
    learner: str

    def now(self) -> datetime:
        """Read per call so a long interactive session keeps its clock honest."""
        return clock.now()


def default_learner() -> str:
    """The OS user name, the learner when neither --learner nor QUIZMATH_LEARNER is given."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USER") or "learner"


__all__ = ["AppContext", "default_learner"]
