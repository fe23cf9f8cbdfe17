"""Load and validate study-plan files (``decks/plans/*.toml``) like deck files."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from quizmath.decks.toml_source import TomlSource, toml_sources
from quizmath.errors import DeckError
from quizmath.plans.model import Plan, PlanStep
from quizmath.questions.topics import TOPICS

_KINDS = ("study", "review", "mock")


@dataclass
class PlanLoad:
    plans: dict[str, Plan] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def bundled_plan_dir() -> Traversable:
    """The plan files installed with the package."""
    return files("quizmath.deck_files").joinpath("plans")


def load_plans(directory: Path | Traversable | None = None) -> PlanLoad:
    """Every ``*.toml`` plan in ``directory`` (default: the bundled plans)."""
    folder = bundled_plan_dir() if directory is None else directory
    sources, problems = toml_sources(folder)
    result = PlanLoad(problems=problems)
    for source in sources:
        try:
            plan = parse_plan(source)  # ids are file names, so no two plans share one
        except DeckError as problem:
            result.problems.append(str(problem))
            continue
        result.plans[plan.id] = plan
    return result


def load_plan(plan_id: str, directory: Path | Traversable | None = None) -> Plan | None:
    """The plan ``plan_id`` alone, from its own file ``<plan_id>.toml``; None if it is missing
    or broken. Reading one file instead of every plan keeps ``status`` quick."""
    if not re.fullmatch(r"[\w-]+", plan_id):
        return None
    entry = (bundled_plan_dir() if directory is None else directory).joinpath(f"{plan_id}.toml")
    try:
        return parse_plan(TomlSource(entry.name, entry.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, DeckError):
        return None


def parse_plan(source: TomlSource) -> Plan:
    """One plan from its TOML text, or a ``DeckError`` naming the file and line."""
    data = source.parse()
    for key in ("id", "title", "unit"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise source.error(1, f"missing or empty {key!r}")
    raw_steps = data.get("steps")
    if not isinstance(raw_steps, list) or not raw_steps:
        raise source.error(1, "a plan needs at least one [[steps]] table")
    steps = tuple(_step(source, index, raw) for index, raw in enumerate(raw_steps))
    for before, after in zip(steps, steps[1:], strict=False):
        if after.day < before.day:
            raise source.error(
                source.table_line("steps", after.number - 1),
                f"step {after.number} opens on day {after.day}, before step {before.number}",
            )
    if source.name != f"{data['id']}.toml":
        raise source.error(
            source.line_of(data["id"]), f"plan id {data['id']!r} must be the file's name"
        )
    return Plan(
        id=data["id"],
        title=data["title"].strip(),
        description=str(data.get("description", "")).strip(),
        unit=data["unit"].strip(),
        routine=tuple(_strings(source, data, "routine", 1)),
        steps=steps,
    )


def _step(source: TomlSource, index: int, raw: Any) -> PlanStep:
    line = source.table_line("steps", index)
    if not isinstance(raw, dict):
        raise source.error(line, "a step must be a table")
    day = raw.get("day")
    if not isinstance(day, int) or isinstance(day, bool) or day < 1:
        raise source.error(line, "a step needs a 'day' that is a whole number from 1")
    if not isinstance(raw.get("title"), str) or not raw["title"].strip():
        raise source.error(line, "a step needs a 'title'")
    kind = raw.get("kind", "study")
    if kind not in _KINDS:
        raise source.error(line, f"kind must be one of {', '.join(_KINDS)}, not {kind!r}")
    topics = _strings(source, raw, "topics", line)
    for topic in topics:
        if topic not in TOPICS:
            raise source.error(source.line_of(topic, line), f"unknown topic {topic!r}")
    if kind == "study" and not topics:
        raise source.error(line, "a study step needs at least one topic")
    return PlanStep(
        number=index + 1,
        day=day,
        title=raw["title"].strip(),
        topics=tuple(topics),
        goals=tuple(_strings(source, raw, "goals", line)),
        kind=kind,
    )


def _strings(source: TomlSource, table: dict[str, Any], key: str, line: int) -> list[str]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise source.error(line, f"{key!r} must be a list of strings")
    return value


__all__ = ["PlanLoad", "bundled_plan_dir", "load_plan", "load_plans", "parse_plan"]
