"""A learner who rounds the key as the prompt asks is graded correct, never as a known mistake.

Every numeric entry of the key (each entry of a vector, set or matrix: the checker rounds entry
by entry) is rounded correctly, half up and half even, to each precision the prompt states ("to
4 significant digits", "to 4 decimal places") and to the least the spec accepts (its decimal
places, else 3 significant digits, more under a tighter tolerance); whole entries stay as they
are. The answer must be correct when checked with the question's known mistakes.

All templates at all levels over seeds 0-299 take minutes, so the test scans less: every
template at every level for ``PROBE_SEEDS``, and the templates in ``CLOSE_MISTAKES`` for all of
``SEEDS``, seed s at level 1 + s % levels as the template harness does. ``CLOSE_MISTAKES`` are
the templates with a known mistake within 1% of a decimal key in some instance of seeds 0-299 at
some level (twice the largest error of a three-digit rounding: only there can a rounded key be
nearer to a mistake); elsewhere mistakes stay far from the key for every draw.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

import pytest
import sympy

from quizmath.checking import check_answer, parse_answer
from quizmath.checking.compare import MAX_SIGNIFICANT_DIGITS, MIN_SIGNIFICANT_DIGITS
from quizmath.checking.spec import AnswerSpec, Mistake
from quizmath.questions.registry import all_templates
from tests.questions.typed_answers import CONTEXT, rounded, typed

TEMPLATES = all_templates()
IDS = sorted(TEMPLATES)
PROBE_SEEDS = range(8)
SEEDS = range(300)
CLOSE_MISTAKES = frozenset(
    {
        "ca.central-difference",
        "ca.difference-error",
        "ca.dual-numbers",
        "ca.gradient-at-point",
        "ca.gradient-check",
        "ca.taylor-estimate",
        "la.cosine-similarity",
        "la.determinant",
        "la.power-iteration",
        "la.qr-r",
        "ml.attention-output",
        "ml.batch-norm-inference",
        "ml.batch-norm-train",
        "ml.decision-boundary",
        "ml.float-spacing",
        "ml.gan-discriminator",
        "ml.init-variance",
        "ml.kernel-value",
        "ml.log-sum-exp",
        "ml.normal-equation-fit",
        "ml.regression-metrics",
        "ml.vae-kl",
        "op.adam-step",
        "op.rmsprop-step",
        "pr.bayes-test",
        "pr.bias-variance",
        "pr.chain-probability",
        "pr.expectation-table",
        "pr.linear-combination",
        "pr.map-estimate",
        "pr.n-step",
        "pr.naive-bayes",
        "pr.prior-penalty",
        "pr.total-probability",
    }
)

_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_COUNT = r"(\d+|" + "|".join(_NUMBER_WORDS) + ")"
_SIGNIFICANT = re.compile(_COUNT + r" significant digits", re.IGNORECASE)
_PLACES = re.compile(_COUNT + r" decimal(?: places|s)\b", re.IGNORECASE)

Precision = tuple[str, int]
"""("significant", digits) or ("places", decimal places)."""


def _count(word: str) -> int:
    return _NUMBER_WORDS.get(word.lower()) or int(word)


def precisions(spec: AnswerSpec, prompt: str) -> set[Precision]:
    """The precisions the prompt states, and the least the spec accepts."""
    if spec.decimals is not None:
        least: Precision = ("places", spec.decimals)
    else:
        tight = math.ceil(-math.log10(spec.rel_tol) - 1e-9) if spec.rel_tol > 0 else 99
        least = ("significant", min(max(MIN_SIGNIFICANT_DIGITS, tight), MAX_SIGNIFICANT_DIGITS))
    stated = {("significant", _count(m)) for m in _SIGNIFICANT.findall(prompt)}
    stated |= {("places", _count(m)) for m in _PLACES.findall(prompt)}
    return stated | {least}


def _decimal(value: sympy.Expr) -> Decimal | None:
    """The key entry to 40 digits, or None when it is not real."""
    number = sympy.N(value, 40)
    if not number.is_real:
        return None
    return Decimal(str(number), CONTEXT)


def _is_whole(value: sympy.Expr, exact: Decimal) -> bool:
    """Whole numbers are typed as they are (also when written like ``log(8)/log(2)``)."""
    return value.is_Integer or (not value.is_Rational and exact == exact.to_integral_value())


def rounded_answers(spec: AnswerSpec, prompt: str) -> Iterator[str]:
    """Each way of typing the key rounded as asked; none where no entry needs rounding."""
    if spec.kind not in ("number", "vector", "set", "matrix"):
        return
    key = parse_answer(spec.expected, spec.kind, spec.variables, spec.choices)
    values = [key] if spec.kind == "number" else list(key)
    shape = key.shape if spec.kind == "matrix" else (1, len(values))
    decimals = [_decimal(v) for v in values]
    exact = [e for e in decimals if e is not None]
    if len(exact) < len(values):
        return
    rounding = [not _is_whole(v, e) for v, e in zip(values, exact, strict=True)]
    seen = set()
    for precision in sorted(precisions(spec, prompt)):
        for mode in (ROUND_HALF_EVEN, ROUND_HALF_UP):
            entries = [
                rounded(e, *precision, mode) if approximate else str(int(e))
                for e, approximate in zip(exact, rounding, strict=True)
            ]
            answer = typed(spec.kind, entries, shape)
            changed = any(Decimal(t) != e for t, e in zip(entries, exact, strict=True))
            if changed and answer not in seen:
                seen.add(answer)
                yield answer


def refusals(spec: AnswerSpec, mistakes: Sequence[Mistake], prompt: str) -> list[str]:
    """A line for each rounded key the checker does not accept."""
    out = []
    for answer in rounded_answers(spec, prompt):
        verdict = check_answer(answer, spec, mistakes)
        if not verdict.correct:
            taken = f" (taken for {verdict.mistake.answer})" if verdict.mistake else ""
            out.append(f"{answer!r} for {spec.expected!r}{taken}: {verdict.reason}")
    return out


def _cases(template_id: str) -> list[tuple[int, int]]:
    """(level, seed) pairs to scan: see the module docstring."""
    levels = TEMPLATES[template_id].levels
    if template_id in CLOSE_MISTAKES:
        return [(1 + seed % levels, seed) for seed in SEEDS]
    return [(level, seed) for level in range(1, levels + 1) for seed in PROBE_SEEDS]


@pytest.mark.parametrize("template_id", IDS)
def test_the_key_rounded_as_asked_is_correct(template_id: str) -> None:
    template = TEMPLATES[template_id]
    failures = []
    for level, seed in _cases(template_id):
        question = template.generate(seed, level)
        for line in refusals(question.spec, question.mistakes, question.prompt):
            failures.append(f"level {level} seed {seed}: {line}")
    assert not failures, f"{template_id}: {len(failures)} refused\n" + "\n".join(failures[:10])


def test_the_close_mistake_templates_exist() -> None:
    assert CLOSE_MISTAKES <= set(TEMPLATES)


def test_rounding_follows_the_prompt_and_the_spec() -> None:
    spec = AnswerSpec(kind="matrix", expected="[[9, -1/9], [0, sqrt(485)/9]]")
    assert list(rounded_answers(spec, "Give R; surds are allowed.")) == ["[[9, -0.111], [0, 2.45]]"]
    four = AnswerSpec(kind="number", expected="49/40", decimals=4)
    assert list(rounded_answers(four, "to 4 decimal places")) == []  # 1.2250 is the key
    tie = AnswerSpec(kind="number", expected="49/40")
    assert list(rounded_answers(tie, "Give an exact fraction.")) == ["1.22", "1.23"]
    big = AnswerSpec(kind="number", expected="12345/7")
    assert list(rounded_answers(big, "to 4 significant digits")) == ["1.76e3", "1764"]


def test_a_rounded_key_taken_for_a_mistake_is_reported() -> None:
    spec = AnswerSpec(kind="number", expected="3/1600")  # 0.001875, rounds to 0.00188
    mistake = Mistake("3/1597", "Divide by the larger magnitude, not the smaller.")
    [line] = refusals(spec, [mistake], "Give the relative error as an exact fraction.")
    assert "0.00188" in line and "taken for 3/1597" in line
