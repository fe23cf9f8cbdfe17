"""What an answer is checked against, and the verdict that comes back.

These are plain data so that questions, the CLI and batch files can all build them without
importing SymPy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

AnswerKind = Literal["expression", "number", "vector", "matrix", "set", "choice", "self"]
ANSWER_KINDS: tuple[AnswerKind, ...] = (
    "expression",
    "number",
    "vector",
    "matrix",
    "set",
    "choice",
    "self",
)

DEFAULT_DOMAIN: tuple[float, float] = (-3.0, 3.0)
DEFAULT_REL_TOL = 1e-3
DEFAULT_BUDGET_SECONDS = 2.0


@dataclass(frozen=True)
class Mistake:
    """A known wrong key (in answer syntax) and the feedback a learner gets for it."""

    answer: str
    feedback: str


@dataclass(frozen=True)
class AnswerSpec:
    """The expected key (in the same syntax a learner types) and how to compare against it.

    ``rel_tol`` applies to decimals typed for numeric kinds; exact forms are compared exactly.
    ``domain`` bounds the random points at which expressions are compared. ``decimals`` is the
    number of decimal places the prompt asked for: a typed decimal with fewer is wrong unless it
    equals the key exactly.
    """

    kind: AnswerKind
    expected: str
    variables: tuple[str, ...] = ()
    domain: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    rel_tol: float = DEFAULT_REL_TOL
    choices: tuple[str, ...] = ()
    decimals: int | None = None


@dataclass(frozen=True)
class Verdict:
    """The outcome of checking one answer.

    ``error`` is set (and ``correct`` is False) when the answer was refused before comparison:
    it did not parse, used an unknown name, was too large, or timed out.
    """

    correct: bool
    reason: str
    normal_form: str | None = None
    mistake: Mistake | None = None
    error: str | None = None


__all__ = [
    "ANSWER_KINDS",
    "DEFAULT_BUDGET_SECONDS",
    "DEFAULT_DOMAIN",
    "DEFAULT_REL_TOL",
    "AnswerKind",
    "AnswerSpec",
    "Mistake",
    "Verdict",
]
