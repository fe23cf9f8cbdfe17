"""``preview``, ``templates`` and ``decks`` from the command line."""

from __future__ import annotations

import json

from click.testing import CliRunner

from quizmath.cli import cli
from quizmath.questions.registry import all_templates, get_template


def _invoke(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_preview_json_reproduces_the_instance_of_a_seed() -> None:
    lines = _invoke("preview", "ca.sigmoid-chain", "--seed", "5", "--count", "3", "--json")
    instances = [json.loads(line) for line in lines.splitlines()]
    assert [i["seed"] for i in instances] == [5, 6, 7]
    expected = get_template("ca.sigmoid-chain").generate(6, 1)
    second = instances[1]
    for key in ("template", "topic", "seed", "params", "prompt", "answer", "kind"):
        assert key in second
    assert second["prompt"] == expected.prompt
    assert second["answer"] == expected.answer
    assert second["kind"] == "expression"


def test_preview_text_shows_key_and_solution() -> None:
    output = _invoke("preview", "ca.sigmoid-chain", "--seed", "7", "--level", "2")
    question = get_template("ca.sigmoid-chain").generate(7, 2)
    assert "ca.sigmoid-chain · level 2 · seed 7" in output
    assert question.prompt in output
    assert question.answer in output
    assert question.solution[-1] in output


def test_preview_refuses_a_level_the_template_lacks() -> None:
    result = CliRunner().invoke(cli, ["preview", "ca.sigmoid-chain", "--level", "9"])
    assert result.exit_code == 1
    assert "has levels 1 to 2" in str(result.exception)


def test_templates_json_lists_every_template_with_its_topic() -> None:
    rows = json.loads(_invoke("templates", "--json"))
    assert {row["id"] for row in rows} == set(all_templates())
    assert all({"id", "topic", "title", "levels", "kind"} <= set(row) for row in rows)


def test_templates_filters_by_area_and_counts_per_topic() -> None:
    rows = json.loads(_invoke("templates", "--topic", "ca", "--json"))
    assert rows and all(row["topic"].startswith("ca.") for row in rows)
    table = _invoke("templates", "--markdown")
    assert "| `ca.chain-rule` | The chain rule |" in table
    assert f"**{len(all_templates())}**" in table


def test_decks_json_lists_the_core_deck() -> None:
    rows = json.loads(_invoke("decks", "--json"))
    core = next(row for row in rows if row["id"] == "core")
    assert "ca.sigmoid-chain" in core["templates"]
    assert core["concepts"] >= 4
