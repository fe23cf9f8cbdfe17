"""``quizmath check``: the checking engine on its own, for one answer or a JSONL batch."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from typing import IO, Any

import click

from quizmath.checking.spec import ANSWER_KINDS, DEFAULT_REL_TOL, AnswerKind, AnswerSpec, Verdict
from quizmath.errors import AnswerError

_KINDS = [kind for kind in ANSWER_KINDS if kind != "self"]


@click.command("check")
@click.argument("answer", required=False)
@click.option("--expected", "-e", metavar="KEY", help="The expected answer, in answer syntax.")
@click.option(
    "--kind",
    type=click.Choice(_KINDS),
    help="Answer kind (default: expression with --vars, else number).",
)
@click.option("--vars", "variables", metavar="x,y", help="Variables the answer may use.")
@click.option(
    "--domain",
    "domains",
    multiple=True,
    metavar="x=LOW:HIGH",
    help="Where a variable is sampled (default -3:3); repeatable.",
)
@click.option("--choices", metavar="a,b,c", help="The options of a choice question.")
@click.option(
    "--rel-tol",
    type=click.FloatRange(min=0, max=1),
    default=DEFAULT_REL_TOL,
    show_default=True,
    help="Relative tolerance for typed decimals.",
)
@click.option(
    "--decimals",
    type=click.IntRange(min=0, max=20),
    metavar="N",
    help="The decimal places the question asks for: a decimal with fewer is wrong.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the verdict as one JSON object.")
@click.option(
    "--batch",
    type=click.File("r", encoding="utf-8"),
    metavar="FILE.jsonl",
    help="Check one JSON case per line ('-' for stdin); print one JSON verdict per line.",
)
def check(
    answer: str | None,
    expected: str | None,
    kind: AnswerKind | None,
    variables: str | None,
    domains: tuple[str, ...],
    choices: str | None,
    rel_tol: float,
    decimals: int | None,
    as_json: bool,
    batch: IO[str] | None,
) -> None:
    """Check ANSWER against the expected key; exit 0 if right or wrong, 1 if refused.

    Batch lines are objects {"id", "kind", "vars", "expected", "answer"} with optional
    "domain", "choices", "rel_tol" and "decimals", and each gets one line {"id",
    "correct", "reason", "error"}. Put `--` before an answer that starts with a minus sign.

    \b
    Example:
        quizmath check --kind number --expected 1/5 0.2
        quizmath check --expected 631.126928 --decimals 4 631.1269
        quizmath check --vars x --expected "sigmoid(x)*(1 - sigmoid(x))" "e^-x/(1+e^-x)^2"
        quizmath check --kind matrix --expected "[[1, 2], [3, 4]]" "[[1, 3], [2, 4]]"
        quizmath check --vars x --expected "2*x" --json -- -2x
        quizmath check --batch cases.jsonl
    """
    if batch is not None:
        if answer is not None or expected is not None:
            raise click.UsageError("--batch takes its answers from the file, not the command line")
        _run_batch(batch)
        return
    if expected is None or answer is None:
        raise click.UsageError("give --expected KEY and an ANSWER (or use --batch FILE)")
    names = _names(variables)
    spec = AnswerSpec(
        kind=kind or ("expression" if names else "number"),
        expected=expected,
        variables=names,
        domain=dict(_domain(text) for text in domains),
        rel_tol=rel_tol,
        choices=_names(choices),
        decimals=decimals,
    )
    verdict = _check(answer, spec)
    if as_json:
        click.echo(json.dumps(_verdict_json(verdict), ensure_ascii=False))
    else:
        _print(verdict)
    if verdict.error is not None:
        raise click.ClickException(verdict.error)


def _check(answer: str, spec: AnswerSpec) -> Verdict:
    from quizmath.checking import check_answer

    try:
        return check_answer(answer, spec)
    except AnswerError as error:
        raise click.ClickException(str(error)) from None


def _print(verdict: Verdict) -> None:
    if verdict.error is not None:
        return
    click.echo(f"{'correct' if verdict.correct else 'wrong'}: {verdict.reason}")
    if verdict.normal_form is not None:
        click.echo(f"read as: {verdict.normal_form}")


def _verdict_json(verdict: Verdict) -> dict[str, Any]:
    return {
        "correct": verdict.correct,
        "reason": verdict.reason,
        "normal_form": verdict.normal_form,
        "error": verdict.error,
    }


def _names(text: str | None) -> tuple[str, ...]:
    return tuple(name.strip() for name in (text or "").split(",") if name.strip())


def _domain(text: str) -> tuple[str, tuple[float, float]]:
    name, _, bounds = text.partition("=")
    low, _, high = bounds.partition(":")
    try:
        interval = (float(low), float(high))
    except ValueError:
        raise click.BadParameter(f"{text!r} is not NAME=LOW:HIGH", param_hint="--domain") from None
    if not name.strip() or not all(map(math.isfinite, interval)) or interval[0] >= interval[1]:
        raise click.BadParameter(f"{text!r} is not NAME=LOW:HIGH", param_hint="--domain")
    return name.strip(), interval


# -- batch mode --------------------------------------------------------------------------------


def _run_batch(lines: Iterable[str]) -> None:
    """One verdict line per case line; a malformed line gets an error line, the rest still run."""
    from quizmath.checking import check_answer

    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        case_id = None
        try:
            case = json.loads(line)
            if not isinstance(case, dict):
                raise _CaseError("a case must be a JSON object")
            case_id = case.get("id")
            spec, answer = _case(case)
            record = _batch_json(case_id, check_answer(answer, spec))
        except json.JSONDecodeError as error:
            record = _batch_error(None, f"line {number}: invalid JSON ({error.msg})")
        except (_CaseError, AnswerError) as error:
            record = _batch_error(case_id, f"line {number}: {error}")
        click.echo(json.dumps(record, ensure_ascii=False))


class _CaseError(ValueError):
    """A batch line that is valid JSON but not a valid case."""


def _case(case: Mapping[str, Any]) -> tuple[AnswerSpec, str]:
    expected, answer = _text(case, "expected"), _text(case, "answer")
    variables = _strings(case, "vars")
    kind = case.get("kind") or ("expression" if variables else "number")
    if kind not in _KINDS:
        raise _CaseError(f"unknown kind {kind!r}; use one of {', '.join(_KINDS)}")
    rel_tol = case.get("rel_tol", DEFAULT_REL_TOL)
    if isinstance(rel_tol, bool) or not isinstance(rel_tol, int | float) or not 0 <= rel_tol <= 1:
        raise _CaseError("'rel_tol' must be a number between 0 and 1")
    decimals = case.get("decimals")
    if decimals is not None and (
        isinstance(decimals, bool) or not isinstance(decimals, int) or not 0 <= decimals <= 20
    ):
        raise _CaseError("'decimals' must be a whole number from 0 to 20")
    spec = AnswerSpec(
        kind=kind,
        expected=expected,
        variables=variables,
        domain=_case_domain(case.get("domain")),
        rel_tol=float(rel_tol),
        choices=_strings(case, "choices"),
        decimals=decimals,
    )
    return spec, answer


def _text(case: Mapping[str, Any], field: str) -> str:
    if field not in case:
        raise _CaseError(f"missing field {field!r}")
    value = case[field]
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise _CaseError(f"field {field!r} must be a string")
    return value if isinstance(value, str) else json.dumps(value)


def _strings(case: Mapping[str, Any], field: str) -> tuple[str, ...]:
    value = case.get(field) or []
    if isinstance(value, str):
        return _names(value)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _CaseError(f"field {field!r} must be a list of strings")
    return tuple(value)


def _case_domain(value: object) -> dict[str, tuple[float, float]]:
    if value is None:
        return {}
    message = "'domain' must map each variable to [low, high]"
    if not isinstance(value, dict):
        raise _CaseError(message)
    domain = {}
    for name, bounds in value.items():
        if (
            not isinstance(bounds, list)
            or len(bounds) != 2
            or not all(isinstance(b, int | float) and not isinstance(b, bool) for b in bounds)
            or not all(map(math.isfinite, bounds))
            or bounds[0] >= bounds[1]
        ):
            raise _CaseError(message)
        domain[name] = (float(bounds[0]), float(bounds[1]))
    return domain


def _batch_json(case_id: object, verdict: Verdict) -> dict[str, Any]:
    return {
        "id": case_id,
        "correct": verdict.correct,
        "reason": verdict.reason,
        "error": verdict.error,
    }


def _batch_error(case_id: object, message: str) -> dict[str, Any]:
    return {"id": case_id, "correct": False, "reason": message, "error": message}


__all__ = ["check"]
