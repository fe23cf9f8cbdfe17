"""The precision a prompt asks for is the precision the checker grades by.

The rule, for every template and level (over a few seeds):

- "N decimal places" is a requirement. The spec's ``decimals`` is N, and conversely a spec with
  ``decimals`` states them in its prompt. The key correctly rounded to N places is accepted
  (half up or half even, whatever its size), and rounded to N − 1 places it is refused.
- "N significant digits" is a precision that always suffices; the minimum is the checker's
  tolerance, which never asks for more digits than the prompt (3 under the default 0.1%,
  4 under 1e-4). The key correctly rounded to N significant digits is accepted. Rounded to
  N − 1 digits it is accepted exactly when that still meets the tolerance: when N − 1 digits
  are at least the tolerance's digits, or when the rounding happens to fall within it.

Answers are checked with the question's known mistakes when rounded as asked (the learner did
what the prompt said) and without them when rounded short (only the precision is under test).
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

import pytest
import sympy

from quizmath.checking import check_answer, parse_answer
from quizmath.checking.compare import MAX_SIGNIFICANT_DIGITS, MIN_SIGNIFICANT_DIGITS
from quizmath.checking.spec import AnswerSpec
from quizmath.questions.model import Question
from quizmath.questions.registry import all_templates
from tests.questions.typed_answers import CONTEXT, typed
from tests.questions.typed_answers import rounded as rounded_entry

TEMPLATES = all_templates()
IDS = sorted(TEMPLATES)
SEEDS = range(5)

_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_COUNT = r"\b(\d+|" + "|".join(_NUMBER_WORDS) + r")"
_SIGNIFICANT = re.compile(_COUNT + r" significant (?:digits|figures)", re.IGNORECASE)
_PLACES = re.compile(_COUNT + r" decimal(?: places?|s)\b", re.IGNORECASE)
_MODES = (ROUND_HALF_EVEN, ROUND_HALF_UP)


def _counts(pattern: re.Pattern[str], prompt: str) -> set[int]:
    return {_NUMBER_WORDS.get(m.lower()) or int(m) for m in pattern.findall(prompt)}


def needed_digits(rel_tol: float) -> int:
    """Significant digits the checker needs of a rounded key under ``rel_tol``."""
    if rel_tol <= 0:
        return MAX_SIGNIFICANT_DIGITS
    wanted = math.ceil(-math.log10(rel_tol) - 1e-9)
    return min(max(MIN_SIGNIFICANT_DIGITS, wanted), MAX_SIGNIFICANT_DIGITS)


def _entries(spec: AnswerSpec) -> tuple[list[Decimal], tuple[int, int]] | None:
    """The key's numbers to 40 digits and its shape, or None for non-numeric or complex keys."""
    if spec.kind not in ("number", "vector", "set", "matrix"):
        return None
    key = parse_answer(spec.expected, spec.kind, spec.variables, spec.choices)
    values = [key] if spec.kind == "number" else list(key)
    exact = []
    for value in values:
        number = sympy.N(value, 40)
        if not number.is_real:
            return None
        exact.append(Decimal(str(number), CONTEXT))
    shape = key.shape if spec.kind == "matrix" else (1, len(values))
    return exact, shape


def rounded(exact: Decimal, kind: str, count: int, mode: str) -> str:
    """Like ``typed_answers.rounded``, but whole entries are typed as they are."""
    if exact == exact.to_integral_value():
        return str(int(exact))
    return rounded_entry(exact, kind, count, mode)


def _within(entry: str, exact: Decimal, rel_tol: float) -> bool:
    return exact == 0 or abs(Decimal(entry) - exact) <= Decimal(repr(rel_tol)) * abs(exact)


def problems(question: Question) -> list[str]:
    """Every way the prompt's stated precision and the checker's grading disagree."""
    spec, prompt = question.spec, question.prompt
    places, significant = _counts(_PLACES, prompt), _counts(_SIGNIFICANT, prompt)
    out = []
    if places and spec.decimals not in places:
        out.append(f"asks {sorted(places)} decimal places, spec decimals={spec.decimals}")
    if spec.decimals is not None and spec.decimals not in places:
        out.append(f"spec decimals={spec.decimals} but the prompt does not ask for them")
    needed = needed_digits(spec.rel_tol)
    for n in significant:
        if spec.decimals is None and needed > n:
            out.append(f"asks {n} significant digits, the tolerance needs {needed}")
    parsed = _entries(spec)
    if parsed is None:
        return out
    exact, shape = parsed
    stated = [("places", n) for n in places] + [("significant", n) for n in significant]
    for kind, n in stated:
        for mode in _MODES:
            full = [rounded(e, kind, n, mode) for e in exact]
            answer = typed(spec.kind, full, shape)
            verdict = check_answer(answer, spec, question.mistakes)
            if not verdict.correct:
                out.append(f"{answer!r} ({n} {kind}, {mode}) refused: {verdict.reason}")
            short = [rounded(e, kind, n - 1, mode) for e in exact]
            changed = [(s, e) for s, e in zip(short, exact, strict=True) if Decimal(s) != e]
            if not changed:
                continue
            if kind == "places":
                accept = False
            else:
                accept = n - 1 >= needed or all(_within(s, e, spec.rel_tol) for s, e in changed)
            answer = typed(spec.kind, short, shape)
            verdict = check_answer(answer, spec)
            if verdict.correct != accept:
                outcome = "accepted" if verdict.correct else f"refused ({verdict.reason})"
                out.append(f"{answer!r} ({n - 1} {kind}, {mode}) {outcome}")
    return out


@pytest.mark.parametrize("template_id", IDS)
def test_the_prompt_precision_is_the_grading_precision(template_id: str) -> None:
    template = TEMPLATES[template_id]
    failures = []
    for level in range(1, template.levels + 1):
        for seed in SEEDS:
            for line in problems(template.generate(seed, level)):
                failures.append(f"level {level} seed {seed}: {line}")
    assert not failures, f"{template_id}:\n" + "\n".join(failures[:10])


def _question(prompt: str, spec: AnswerSpec) -> Question:
    return Question(
        template_id="t.x",
        topic="t",
        title="t",
        level=1,
        seed=0,
        prompt=prompt,
        prompt_latex=prompt,
        spec=spec,
        answer_text=spec.expected,
        answer_latex=spec.expected,
        params={},
        solution=(),
        solution_latex=(),
        hints=(),
        mistakes=(),
    )


def test_a_prompt_in_decimal_places_without_decimals_is_reported() -> None:
    spec = AnswerSpec(kind="number", expected="0.0227501319", rel_tol=5e-3)
    [line] = problems(_question("Give a decimal to 4 decimal places.", spec))
    assert "decimals=None" in line


def test_decimals_the_prompt_does_not_state_are_reported() -> None:
    spec = AnswerSpec(kind="number", expected="1/7", decimals=4)
    [line] = problems(_question("Give an exact fraction.", spec))
    assert "does not ask" in line


def test_a_tolerance_needing_more_digits_than_asked_is_reported() -> None:
    spec = AnswerSpec(kind="number", expected="1/7", rel_tol=1e-4)
    lines = problems(_question("Give it to 3 significant digits.", spec))
    assert any("the tolerance needs 4" in line for line in lines)
    assert any("'0.143' (3 significant" in line and "refused" in line for line in lines)


def test_agreeing_precisions_pass() -> None:
    places = AnswerSpec(kind="vector", expected="[1/7, 2]", rel_tol=5e-3, decimals=4)
    assert problems(_question("Give decimals to 4 decimal places.", places)) == []
    digits = AnswerSpec(kind="number", expected="1/7")
    assert problems(_question("Give it exactly or to four significant digits.", digits)) == []


def test_rounding_as_a_learner_types() -> None:
    third = Decimal("0.3333333333")
    assert rounded(third, "places", 4, ROUND_HALF_UP) == "0.3333"
    assert rounded(Decimal("12345.67"), "significant", 3, ROUND_HALF_EVEN) == "1.23e4"
    assert rounded(Decimal("0.000123456"), "significant", 4, ROUND_HALF_EVEN) == "0.0001235"
    assert rounded(Decimal(2), "places", 4, ROUND_HALF_EVEN) == "2"
    assert typed("matrix", ["1", "2", "3", "4"], (2, 2)) == "[[1, 2], [3, 4]]"
