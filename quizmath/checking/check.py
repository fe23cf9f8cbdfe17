"""Check one typed answer against a spec: parse safely, compare by kind, name known mistakes.

Learners' input never raises: a refused answer is a verdict with ``error`` set. An invalid key
(or known mistake) raises AnswerError, because that is a bug in the question, not the answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from quizmath.checking.budget import Deadline, run_with_budget
from quizmath.checking.compare import Comparer
from quizmath.checking.parse import Reading, read
from quizmath.checking.spec import (
    ANSWER_KINDS,
    DEFAULT_BUDGET_SECONDS,
    AnswerKind,
    AnswerSpec,
    Mistake,
    Verdict,
)
from quizmath.errors import AnswerError, CheckTimeoutError

# SymPy can fail in odd ways on odd input; for a learner's answer that is a refusal, not a crash.
_READ_FAILURES = (ArithmeticError, ValueError, TypeError, NotImplementedError, RecursionError)


def check_answer(
    answer: str,
    spec: AnswerSpec,
    mistakes: Sequence[Mistake] = (),
    *,
    budget: float = DEFAULT_BUDGET_SECONDS,
) -> Verdict:
    """The verdict on ``answer``; never raises for bad learner input, only for a bad key."""
    if spec.kind not in ANSWER_KINDS:
        raise AnswerError(f"unknown answer kind {spec.kind!r}")
    if spec.kind == "self":
        raise AnswerError("a self-graded card has no typed answer to check")
    try:
        return run_with_budget(lambda deadline: _check(answer, spec, mistakes, deadline), budget)
    except CheckTimeoutError as error:
        return _refused(str(error))


def _check(
    answer: str, spec: AnswerSpec, mistakes: Sequence[Mistake], deadline: Deadline
) -> Verdict:
    key = _key(spec)
    try:
        reading = read(answer, spec.kind, tuple(spec.variables), tuple(spec.choices))
    except AnswerError as error:
        return _refused(str(error))
    except _READ_FAILURES as error:
        return _refused(f"the answer could not be read ({type(error).__name__})")
    comparer = Comparer(spec, deadline)
    try:
        outcome = comparer.compare(reading, key)
        if outcome.refused:
            return _refused(outcome.reason)
        normal_form = reading.text()
        if outcome.equal:
            return Verdict(True, outcome.reason, normal_form)
        for mistake in mistakes:
            deadline.check()
            wrong_key = _key(replace(spec, expected=mistake.answer), what="known mistake")
            if comparer.compare(reading, wrong_key).equal:
                return Verdict(False, mistake.feedback, normal_form, mistake=mistake)
    except _READ_FAILURES as error:
        return _refused(f"the answer could not be compared ({type(error).__name__})")
    return Verdict(False, outcome.reason, normal_form)


def _key(spec: AnswerSpec, what: str = "expected answer") -> Reading:
    """The parsed key of ``spec`` (cached: keys repeat across answers and learners)."""
    return _parsed_key(spec.kind, spec.expected, tuple(spec.variables), tuple(spec.choices), what)


@lru_cache(maxsize=4096)
def _parsed_key(
    kind: AnswerKind, expected: str, variables: tuple[str, ...], choices: tuple[str, ...], what: str
) -> Reading:
    try:
        return read(expected, kind, variables, choices)
    except AnswerError as error:
        raise AnswerError(f"the {what} {expected[:60]!r} is invalid: {error}") from None


def _refused(message: str) -> Verdict:
    return Verdict(correct=False, reason=message, error=message)


__all__ = ["check_answer"]
