"""Check one typed answer against a spec: parse safely, compare by kind, name known mistakes.

Learners' input never raises: a refused answer is a verdict with ``error`` set. An invalid key
(or known mistake) raises AnswerError, because that is a bug in the question, not the answer.
A decimal that matches the key only approximately is judged a known mistake instead when it is
nearer to that mistake (or as near, when it matched the key only by rounding).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from quizmath.checking.budget import Deadline, run_with_budget
from quizmath.checking.compare import Comparer, Outcome, nearer
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
        if outcome.equal and outcome.basis == "exact":
            return Verdict(True, outcome.reason, normal_form)
        mistake = _named_mistake(reading, key, outcome, mistakes, comparer, deadline)
    except _READ_FAILURES as error:
        return _refused(f"the answer could not be compared ({type(error).__name__})")
    if mistake is not None:
        return Verdict(False, mistake.feedback, normal_form, mistake=mistake)
    return Verdict(outcome.equal, outcome.reason, normal_form)


def _named_mistake(
    reading: Reading,
    key: Reading,
    outcome: Outcome,
    mistakes: Sequence[Mistake],
    comparer: Comparer,
    deadline: Deadline,
) -> Mistake | None:
    """The known mistake that ``reading`` matches most closely, if it beats the key.

    A wrong answer takes the first mistake it matches exactly, else the nearest one. An answer
    the key accepted only approximately is that mistake when nearer to it than to the key, or
    as near when the key accepted it only as rounded to the digits typed.
    """
    best: tuple[float, Mistake] | None = None
    for mistake in mistakes:
        deadline.check()
        wrong_key = _key(replace(comparer.spec, expected=mistake.answer), what="known mistake")
        matched = comparer.compare(reading, wrong_key)
        if not matched.equal:
            continue
        gap = 0.0 if matched.basis == "exact" else comparer.gap(reading, wrong_key)
        if best is None or gap < best[0]:
            best = (gap, mistake)
        if gap == 0.0:
            break
    if best is None:
        return None
    nearest_gap, nearest = best
    ties = outcome.basis == "rounding"
    if outcome.equal and not nearer(nearest_gap, comparer.gap(reading, key), ties):
        return None
    return nearest


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
