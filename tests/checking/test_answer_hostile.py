"""Hostile input is refused (or harmlessly judged) in well under a second, and runs no code.

Payloads that would create a marker file if anything evaluated them go through check_answer,
the `check` command in-process and a real `quizmath check` process; the marker never appears.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizmath.checking import AnswerSpec, check_answer
from quizmath.cli import cli

EXPRESSION = AnswerSpec("expression", "x**2", ("x",))
NUMBER = AnswerSpec("number", "2")

# (payload, must the verdict be a refusal rather than a judged wrong answer?)
HOSTILE = [
    ("__import__('os').system('touch MARKER')", True),
    ("__import__", True),
    ("().__class__.__bases__[0].__subclasses__()", True),
    ("x.__class__", True),
    ("x.real", True),
    ("lambda: open('MARKER', 'w')", True),
    ("(lambda x: x)(2)", True),
    ("eval('2')", True),
    ("exec('import os')", True),
    ("open('MARKER','w')", True),
    ("import os", True),
    ("compile('1', 'f', 'eval')", True),
    ("globals()", True),
    ("getattr(x, 'real')", True),
    ("x; import os", True),
    ("`x`", True),
    ("9**9**9**9", True),
    ("10^10^10", True),
    ("2^2^2^2^2^2", True),
    ("factorial(10**6)", True),
    ("(10**6)!", True),
    ("factorial(1000)^1000", True),
    ("binomial(10^9, 10^8)", True),
    ("x" * 1_000_000, True),
    ("(" * 10_000 + "x" + ")" * 10_000, True),
    ("(" * 600 + "x" + ")" * 600, True),
    ("-" * 1500 + "x", True),
    ("x^" * 900 + "x", True),
    ("|" * 1500, True),
    ("x\x00", True),
    ("\x00" * 100, True),
    ("х^2", True),  # Cyrillic 'х'
    ("ｘ^2", True),  # fullwidth x
    ("１２", True),  # fullwidth digits
    ("9" * 100_000, True),
    ("9" * 1500, True),
    ("1e999999", True),
    ("1e-999999", True),
    ("\\input{/etc/passwd}", True),
    ("\\def\\x{1}", True),
    ("\\frac{" * 60 + "1" + "}{2}" * 60, True),
    ("{" * 1000, True),
    ("1/0", True),
    ("oo - oo", True),
    ("exp(exp(exp(exp(exp(x)))))", False),
    ("x^1000", False),
    ("(x+1)^1000 - (x-1)^1000", False),
    ("sin(10^300)", False),
    ("exp(10^300)", False),
    ("sqrt(factorial(1000))", False),
    ("x" + "+x" * 999, False),
]


@pytest.mark.parametrize(("payload", "refused"), HOSTILE, ids=[p[:30] for p, _ in HOSTILE])
@pytest.mark.parametrize("spec", [EXPRESSION, NUMBER], ids=["expression", "number"])
def test_hostile_input_is_cheap_to_refuse(payload: str, refused: bool, spec: AnswerSpec) -> None:
    start = time.perf_counter()
    verdict = check_answer(payload, spec)
    elapsed = time.perf_counter() - start
    assert elapsed < 1.0, f"{elapsed:.2f} s"
    assert not verdict.correct
    if refused:
        assert verdict.error, verdict.reason
    assert "\n" not in verdict.reason and len(verdict.reason) < 300


VECTOR = AnswerSpec("vector", "[1, 2]")
MATRIX = AnswerSpec("matrix", "[[1, 2], [3, 4]]")
PRODUCT = AnswerSpec("expression", "x*y", ("x", "y"))

# Scaled lists, space-separated vectors and split letter runs at their limits.
HOSTILE_LISTS = [
    ("[" + "1 " * 999 + "]", VECTOR, False),
    ("[" + "-1/3 " * 399 + "]", VECTOR, False),
    ("2*[" * 49 + "1" + "]" * 49, VECTOR, True),
    ("(2*" * 45 + "[1, 2]" + ")" * 45, VECTOR, False),
    ("-" * 1990 + "[1, 2]", VECTOR, True),
    ("9^999*" * 300 + "[1, 2]", VECTOR, True),
    ("[1, 2]/" + "/".join(["3"] * 990), VECTOR, False),
    ("1/2*[" + "[1, 2], " * 240 + "[1, 2]]", MATRIX, False),
    ("[" * 49 + "1 2" + "]" * 49, MATRIX, True),
    ("xy" * 12 + "^2", PRODUCT, False),
    ("xy" * 999 + "^2", PRODUCT, True),
    ("xy^" * 600 + "2", PRODUCT, True),
]


@pytest.mark.parametrize(
    ("payload", "spec", "refused"), HOSTILE_LISTS, ids=[p[:30] for p, _, _ in HOSTILE_LISTS]
)
def test_hostile_lists_and_runs_are_cheap(payload: str, spec: AnswerSpec, refused: bool) -> None:
    start = time.perf_counter()
    verdict = check_answer(payload, spec)
    assert time.perf_counter() - start < 1.0
    assert not verdict.correct
    assert bool(verdict.error) is refused, verdict.reason


def test_hostile_keys_are_refused_quickly() -> None:
    for payload, refused in HOSTILE:
        if not refused:
            continue
        start = time.perf_counter()
        with pytest.raises(Exception, match="invalid"):
            check_answer("1", AnswerSpec("number", payload))
        assert time.perf_counter() - start < 1.0


MARKER_PAYLOADS = [
    "__import__('os').system('touch MARKER')",
    '__import__("os").system("touch MARKER")',
    "open('MARKER','w')",
    "exec(\"open('MARKER','w')\")",
    "eval(\"__import__('os').system('touch MARKER')\")",
    "lambda: open('MARKER', 'w')",
    "\\input{MARKER}",
    "__import__ os system touch MARKER",
]


def test_no_code_runs_through_check_answer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for payload in MARKER_PAYLOADS:
        for spec in (EXPRESSION, NUMBER, AnswerSpec("matrix", "[[1]]")):
            assert check_answer(payload, spec).error
        with pytest.raises(Exception, match="invalid"):
            check_answer("1", AnswerSpec("expression", payload, ("x",)))
    assert not (tmp_path / "MARKER").exists()


def test_no_code_runs_through_the_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    for payload in MARKER_PAYLOADS:
        result = runner.invoke(cli, ["check", "--vars", "x", "--expected", "x", "--", payload])
        assert result.exit_code == 1, result.output
        result = runner.invoke(cli, ["check", "--expected", payload, "--", "1"])
        assert result.exit_code == 1, result.output
    assert not (tmp_path / "MARKER").exists()


def test_no_code_runs_in_a_real_process(tmp_path: Path) -> None:
    cases = [
        {"id": index, "kind": "expression", "vars": ["x"], "expected": expected, "answer": answer}
        for index, payload in enumerate(MARKER_PAYLOADS)
        for expected, answer in (("x", payload), (payload, "x"))
    ]
    batch = tmp_path / "cases.jsonl"
    batch.write_text("".join(json.dumps(case) + "\n" for case in cases), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "quizmath", "check", "--batch", str(batch)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    verdicts = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(verdicts) == len(cases)
    assert all(v["error"] and not v["correct"] for v in verdicts)
    assert not (tmp_path / "MARKER").exists()
