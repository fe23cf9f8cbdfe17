"""``quizmath preview``, ``quizmath templates`` and ``quizmath decks``: what there is to study."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import click

from quizmath.errors import TemplateError


@click.command()
@click.argument("template_id", metavar="TEMPLATE")
@click.option(
    "--seed",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Seed of the first instance.",
)
@click.option(
    "--count",
    type=click.IntRange(1, 1000),
    default=1,
    show_default=True,
    help="How many instances (seeds SEED, SEED+1, ...).",
)
@click.option(
    "--level", type=click.IntRange(min=1), default=1, show_default=True, help="Difficulty level."
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per instance and line.")
def preview(template_id: str, seed: int, count: int, level: int, as_json: bool) -> None:
    """Show instances of a template with their answer key and worked solution.

    A quiz question shows its template id, level and seed; the same three reproduce it here.

    \b
    Example:
        quizmath preview ca.sigmoid-chain --seed 7 --level 2
        quizmath preview la.eigen-2x2 --count 3 --json
    """
    from quizmath.questions.registry import get_template

    template = get_template(template_id)
    if level > template.levels:
        raise TemplateError(f"{template_id} has levels 1 to {template.levels}, not {level}")
    for offset in range(count):
        question = template.generate(seed + offset, level)
        if as_json:
            click.echo(json.dumps(question.to_dict(), ensure_ascii=False))
            continue
        if offset:
            click.echo()
        click.echo(f"{question.template_id} · level {question.level} · seed {question.seed}")
        click.echo(question.prompt)
        click.echo(f"Answer: {question.answer_text}    (type: {question.answer})")
        for number, step in enumerate(question.solution, start=1):
            click.echo(f"  {number}. {step}")
        for mistake in question.mistakes:
            click.echo(f"  Known mistake {mistake.answer}: {mistake.feedback}")


@click.command()
@click.option("--topic", metavar="T", help="A topic slug (la.eigen) or an area (la).")
@click.option("--json", "as_json", is_flag=True, help="A JSON array of templates.")
@click.option("--markdown", is_flag=True, help="A Markdown table of template counts per topic.")
def templates(topic: str | None, as_json: bool, markdown: bool) -> None:
    """List the question templates, or count them per topic.

    \b
    Example:
        quizmath templates --topic la
        quizmath templates --markdown
    """
    from quizmath.questions.registry import all_templates
    from quizmath.questions.topics import TOPICS

    chosen = [
        t
        for t in all_templates().values()
        if topic is None or t.topic == topic or t.topic.split(".")[0] == topic
    ]
    if topic is not None and not chosen:
        raise TemplateError(f"no templates for topic {topic!r}; try an area such as la or ca")
    if markdown:
        counts = Counter(t.topic for t in chosen)
        click.echo("| topic | title | templates |\n| --- | --- | ---: |")
        for slug, info in TOPICS.items():
            if topic is None or slug == topic or slug.split(".")[0] == topic:
                click.echo(f"| `{slug}` | {info.title} | {counts.get(slug, 0)} |")
        click.echo(f"| | **total** | **{len(chosen)}** |")
        return
    rows: list[dict[str, Any]] = [
        {
            "id": t.id,
            "topic": t.topic,
            "title": t.title,
            "levels": t.levels,
            "kind": t.generate(0, 1).kind,
        }
        for t in chosen
    ]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    width = max(len(row["id"]) for row in rows)
    for row in rows:
        click.echo(
            f"{row['id']:<{width}}  {row['kind']:<10}  {row['levels']} levels  {row['title']}"
        )


@click.command()
@click.option("--json", "as_json", is_flag=True, help="A JSON array of decks.")
def decks(as_json: bool) -> None:
    """List the decks with their templates and concept cards.

    A deck file with a problem is reported as file:line: message and skipped.

    \b
    Example:
        quizmath decks
        quizmath decks --json
    """
    from quizmath.decks.loader import load_decks
    from quizmath.questions.registry import all_templates

    loaded = load_decks(known_templates=all_templates())
    for problem in loaded.problems:
        click.echo(f"warning: {problem}", err=True)
    rows: list[dict[str, Any]] = [
        {
            "id": d.id,
            "title": d.title,
            "description": d.description,
            "templates": list(d.template_ids),
            "concepts": len(d.concepts),
            "cards": len(d.card_refs()),
        }
        for d in loaded.decks.values()
    ]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        click.echo(
            f"{row['id']}: {row['title']} — {len(row['templates'])} templates, "
            f"{row['concepts']} concept cards"
        )


__all__ = ["decks", "preview", "templates"]
