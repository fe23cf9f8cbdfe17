"""`quizmath check`: one answer (text or JSON) and JSONL batches, with the exit-code contract."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from itertools import cycle, islice
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizmath.cli import cli

CORPUS = Path(__file__).parents[1] / "checking" / "corpus.jsonl"


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["check", *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_a_right_answer() -> None:
    code, out, _ = run("--kind", "number", "--expected", "1/5", "0.2")
    assert code == 0
    assert out == "correct: Correct.\nread as: 0.2\n"


def test_a_wrong_answer_still_exits_0() -> None:
    code, out, _ = run("--kind", "matrix", "--expected", "[[1, 2], [3, 4]]", "[[1, 3], [2, 4]]")
    assert code == 0
    assert out.startswith("wrong: This is the transpose of the answer.\n")


def test_the_kind_defaults_to_expression_with_vars_else_number() -> None:
    assert run("--vars", "x", "--expected", "sigmoid(x)*(1 - sigmoid(x))", "e^-x/(1+e^-x)^2")[
        1
    ].startswith("correct")
    assert run("--expected", "2/3", "0.667")[1].startswith("correct")
    assert run("--expected", "2/3", "--", "x")[0] == 1


def test_json_output() -> None:
    code, out, _ = run("--vars", "x", "--expected", "2*x", "--json", "--", "-2x")
    assert code == 0
    assert json.loads(out) == {
        "correct": False,
        "reason": "Wrong sign: your answer is the negative of the expected one.",
        "normal_form": "-2*x",
        "error": None,
    }


def test_a_refused_answer_is_one_line_and_exit_1() -> None:
    code, out, err = run("--vars", "x", "--expected", "2x", "y")
    assert code == 1
    assert out == ""
    assert err == "Error: unknown name 'y' — this answer may use x\n"


def test_a_refused_answer_in_json_still_prints_the_verdict() -> None:
    code, out, err = run("--vars", "x", "--expected", "2x", "--json", "(x")
    assert code == 1
    assert json.loads(out)["error"] == "missing ')' at column 3"
    assert err == "Error: missing ')' at column 3\n"


def test_an_invalid_expected_key_is_exit_1() -> None:
    code, _, err = run("--expected", "1 +", "1")
    assert code == 1
    assert err.startswith("Error: the expected answer '1 +' is invalid: ")
    assert err.count("\n") == 1


def test_domain_choices_and_tolerance_options() -> None:
    assert run("--vars", "x", "--domain", "x=0.1:5", "--expected", "log(x)", "ln x")[0] == 0
    assert run("--kind", "choice", "--choices", "convex,concave", "--expected", "convex", "Convex")[
        1
    ].startswith("correct")
    assert run("--expected", "2/3", "--rel-tol", "0.02", "0.66")[1].startswith("correct")
    assert run("--kind", "choice", "--choices", "a,b", "--expected", "a", "c")[0] == 1


def test_decimals_option() -> None:
    code, out, _ = run("--expected", "631.126928", "--decimals", "4", "631.13")
    assert (code, out.splitlines()[0]) == (0, "wrong: Close, but give 4 decimal places.")
    assert run("--expected", "631.126928", "--decimals", "4", "631.1269")[1].startswith("correct")
    assert run("--expected", "631.126928", "631.13")[1].startswith("correct")


def test_batch_decimals_field() -> None:
    lines = [
        {"id": 1, "expected": "631.126928", "answer": "631.13", "decimals": 4},
        {"id": 2, "expected": "631.126928", "answer": "631.1269", "decimals": 4},
        {"id": 3, "expected": "631.126928", "answer": "631.13", "decimals": 1.5},
        {"id": 4, "expected": "631.126928", "answer": "631.13", "decimals": None},
    ]
    code, out, _ = run("--batch", "-", stdin="\n".join(json.dumps(line) for line in lines))
    assert code == 0
    verdicts = [json.loads(line) for line in out.splitlines()]
    assert [v["correct"] for v in verdicts] == [False, True, False, True]
    assert verdicts[0]["reason"] == "Close, but give 4 decimal places."
    assert verdicts[0]["error"] is None
    assert verdicts[2]["error"] == "line 3: 'decimals' must be a whole number from 0 to 20"


@pytest.mark.parametrize(
    "args",
    [
        ["--decimals", "-1", "--expected", "1", "1"],
        ["--domain", "x=3", "--vars", "x", "--expected", "x", "x"],
        ["--domain", "x=3:1", "--vars", "x", "--expected", "x", "x"],
        ["--kind", "self", "--expected", "x", "x"],
        ["1"],
        ["--expected", "1"],
        ["--batch", "-", "--expected", "1", "1"],
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    assert run(*args, stdin="")[0] == 2


def test_batch_from_stdin_with_malformed_lines() -> None:
    lines = [
        {"id": 1, "kind": "number", "vars": [], "expected": "1/5", "answer": "0.2"},
        "not json",
        {"id": 3, "answer": "1"},
        {"id": 4, "kind": "number", "vars": [], "expected": "x +", "answer": "1"},
        {
            "id": 5,
            "kind": "expression",
            "vars": ["x"],
            "expected": "log(x)",
            "answer": "ln x",
            "domain": {"x": [0.1, 5]},
        },
        {"id": 6, "kind": "expression", "vars": ["x"], "expected": "x", "answer": "y"},
        {"id": 7, "kind": "vector", "vars": [], "expected": "[1, 2]", "answer": "[2, 1]"},
        {"id": 8, "kind": "sideways", "expected": "1", "answer": "1"},
        {"id": 9, "expected": "1", "answer": "1", "domain": {"x": [3, 1]}},
        [1, 2],
    ]
    text = "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines)
    code, out, _ = run("--batch", "-", stdin=text + "\n\n")
    assert code == 0
    verdicts = [json.loads(line) for line in out.splitlines()]
    assert [v["id"] for v in verdicts] == [1, None, 3, 4, 5, 6, 7, 8, 9, None]
    assert all(set(v) == {"id", "correct", "reason", "error"} for v in verdicts)
    by_id = {v["id"]: v for v in verdicts if v["id"] is not None}
    assert by_id[1] == {"id": 1, "correct": True, "reason": "Correct.", "error": None}
    assert by_id[5]["correct"] and by_id[5]["error"] is None
    assert by_id[7] == {
        "id": 7,
        "correct": False,
        "reason": "Component 1: not equal to the expected value.",
        "error": None,
    }
    assert by_id[3]["error"] == "line 3: missing field 'expected'"
    assert by_id[4]["error"].startswith("line 4: the expected answer 'x +' is invalid")
    assert by_id[6]["error"] == "unknown name 'y' — this answer may use x"
    assert by_id[8]["error"].startswith("line 8: unknown kind 'sideways'")
    assert by_id[9]["error"] == "line 9: 'domain' must map each variable to [low, high]"
    assert verdicts[1]["error"].startswith("line 2: invalid JSON")
    assert verdicts[-1]["error"] == "line 10: a case must be a JSON object"


def test_batch_over_the_corpus_matches_the_expected_verdicts() -> None:
    cases = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    code, out, _ = run("--batch", str(CORPUS))
    assert code == 0
    verdicts = [json.loads(line) for line in out.splitlines()]
    assert [v["id"] for v in verdicts] == [c["id"] for c in cases]
    for case, verdict in zip(cases, verdicts, strict=True):
        assert verdict["correct"] is case["correct"], (case, verdict)


def test_a_thousand_case_batch_in_a_real_process(tmp_path: Path) -> None:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(islice(cycle(lines), 1000)) + "\n", encoding="utf-8")
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "quizmath", "check", "--batch", str(batch)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    elapsed = time.perf_counter() - start
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 1000
    assert elapsed < 30, f"{elapsed:.1f} s"
