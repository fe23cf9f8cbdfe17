"""Safe parsing of typed answers, equivalence by answer kind, verdicts and feedback.

The plain data (specs, verdicts) import without SymPy; ``check_answer`` and ``parse_answer``
load the SymPy-based engine on first use, so SymPy-free commands stay fast.
"""

from __future__ import annotations

import importlib
from typing import Any

from quizmath.checking.spec import (
    ANSWER_KINDS,
    DEFAULT_BUDGET_SECONDS,
    DEFAULT_DOMAIN,
    DEFAULT_REL_TOL,
    AnswerKind,
    AnswerSpec,
    Mistake,
    Verdict,
)

_LAZY = {
    "check_answer": "quizmath.checking.check",
    "parse_answer": "quizmath.checking.parse",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ANSWER_KINDS",
    "DEFAULT_BUDGET_SECONDS",
    "DEFAULT_DOMAIN",
    "DEFAULT_REL_TOL",
    "AnswerKind",
    "AnswerSpec",
    "Mistake",
    "Verdict",
    "check_answer",
    "parse_answer",
]
