"""The answer corpus: equivalent forms of ML-math keys accepted, near misses rejected.

Each line of corpus.jsonl is a batch case (id, kind, vars, expected, answer, domain?, choices?)
plus what the checker must conclude: ``correct`` and, for refused input, ``refused``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from quizmath.checking import AnswerSpec, check_answer

CORPUS = Path(__file__).with_name("corpus.jsonl")
CASES = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line]


def spec_of(case: dict[str, Any]) -> AnswerSpec:
    return AnswerSpec(
        kind=case["kind"],
        expected=case["expected"],
        variables=tuple(case["vars"]),
        domain={name: tuple(bounds) for name, bounds in case.get("domain", {}).items()},
        choices=tuple(case.get("choices", ())),
    )


def test_the_corpus_is_large_and_balanced() -> None:
    assert len(CASES) >= 200
    assert len({case["id"] for case in CASES}) == len(CASES)
    assert sum(case["correct"] for case in CASES) >= 100
    assert sum(not case["correct"] for case in CASES) >= 100
    assert {case["kind"] for case in CASES} == {
        "expression",
        "number",
        "vector",
        "matrix",
        "set",
        "choice",
    }


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_corpus_case(case: dict[str, Any]) -> None:
    verdict = check_answer(case["answer"], spec_of(case))
    assert verdict.correct is case["correct"], f"{case['answer']!r}: {verdict.reason}"
    assert (verdict.error is not None) is case.get("refused", False), verdict.reason
    if not verdict.error:
        assert verdict.normal_form
