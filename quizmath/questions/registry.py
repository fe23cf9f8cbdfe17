"""The template registry: every question template, by id, with its generator and oracle.

Template modules live in ``quizmath.questions.templates`` and register themselves with the
``template`` decorator when imported; ``all_templates`` imports them all on first use.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy

from quizmath.checking.format import format_expr, format_matrix, format_set, format_vector
from quizmath.checking.spec import AnswerKind, AnswerSpec, Mistake
from quizmath.errors import DeckError, TemplateError
from quizmath.questions.model import Draft, Oracle, Question, Step
from quizmath.questions.render import latex_math, render_latex, render_text, unicode_math
from quizmath.questions.topics import TOPICS

Build = Callable[[np.random.Generator, int], Draft]


@dataclass(frozen=True)
class Template:
    """A parametric question: ``build(rng, level)`` makes a draft, ``oracle`` checks its key."""

    id: str
    topic: str
    title: str
    levels: int
    build: Build
    oracle: Oracle

    def generate(self, seed: int, level: int = 1) -> Question:
        """The instance for ``seed`` at ``level``: the same pair always gives the same question."""
        if not 1 <= level <= self.levels:
            raise TemplateError(f"{self.id} has levels 1 to {self.levels}, not {level}")
        draft = self.build(np.random.default_rng(seed), level)
        return _render(self, draft, seed, level)


_REGISTRY: dict[str, Template] = {}
_loaded = False


def template(
    *, id: str, topic: str, title: str, oracle: Oracle, levels: int = 2
) -> Callable[[Build], Build]:
    """Register ``build`` as the template ``id`` of ``topic``."""
    if topic not in TOPICS:
        raise TemplateError(f"template {id}: unknown topic {topic!r}")
    if levels < 1:
        raise TemplateError(f"template {id}: needs at least one level")

    def register(build: Build) -> Build:
        if id in _REGISTRY:
            raise TemplateError(f"template id {id!r} is registered twice")
        _REGISTRY[id] = Template(id, topic, title, levels, build, oracle)
        return build

    return register


def all_templates() -> dict[str, Template]:
    """Every registered template by id, importing the template modules once, then making
    templates of the bundled decks' parametric cards."""
    global _loaded
    if not _loaded:
        package = importlib.import_module("quizmath.questions.templates")
        for module in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
            importlib.import_module(f"{package.__name__}.{module.name}")
        _register_parametric()
        _loaded = True
    return dict(sorted(_REGISTRY.items()))


def _register_parametric() -> None:
    """The shipped cards' formulas are read on first use (the tests check every one of them);
    a learner's own cards are checked now, and one that fails is left out for the deck
    loader to report with its ``file:line``."""
    from quizmath.decks.loader import bundled_deck_dir, load_decks, user_deck_dir
    from quizmath.questions.declarative import deferred_template, parametric_template

    for deck in load_decks(bundled_deck_dir()).decks.values():
        for card in deck.parametric:
            _REGISTRY.setdefault(card.id, deferred_template(card))
    own = user_deck_dir()
    if own is None or not own.is_dir():
        return
    for deck in load_decks(own).decks.values():
        for card in deck.parametric:
            try:
                _REGISTRY.setdefault(card.id, parametric_template(card))
            except DeckError:
                continue


def get_template(template_id: str) -> Template:
    """The template ``template_id``, or a ``TemplateError`` naming the unknown id."""
    templates = all_templates()
    if template_id not in templates:
        raise TemplateError(f"unknown template {template_id!r}; `quizmath templates` lists them")
    return templates[template_id]


def format_answer(kind: AnswerKind, value: Any) -> str:
    """A SymPy value of answer ``kind`` in the answer syntax the checker parses."""
    match kind:
        case "expression" | "number":
            return format_expr(value)
        case "vector":
            return format_vector(value)
        case "matrix":
            return format_matrix(value)
        case "set":
            return format_set(value)
        case _:
            return str(value)


def _display(kind: AnswerKind, value: Any, latex: bool) -> str:
    show = latex_math if latex else unicode_math
    if kind in ("choice", "self"):
        return str(value)
    if kind == "vector":
        items = ", ".join(show(v) for v in value)
        return rf"\left({items}\right)" if latex else f"({items})"
    if kind == "set":
        items = ", ".join(show(v) for v in value)
        return rf"\{{{items}\}}" if latex else "{" + items + "}"
    if kind == "matrix":
        return show(sympy.Matrix(value))
    return show(value)


def _steps(steps: tuple[Step, ...] | list[Step] | Any, latex: bool) -> tuple[str, ...]:
    render = render_latex if latex else render_text
    return tuple(render(step) for step in steps)


def _render(tpl: Template, draft: Draft, seed: int, level: int) -> Question:
    spec = AnswerSpec(
        kind=draft.kind,
        expected=format_answer(draft.kind, draft.answer),
        variables=tuple(draft.variables),
        domain=dict(draft.domain),
        rel_tol=draft.rel_tol,
        decimals=draft.decimals,
        choices=tuple(draft.choices),
    )
    mistakes = tuple(
        Mistake(format_answer(draft.kind, wrong), feedback) for wrong, feedback in draft.mistakes
    )
    return Question(
        template_id=tpl.id,
        topic=tpl.topic,
        title=tpl.title,
        level=level,
        seed=seed,
        prompt=render_text(draft.prompt),
        prompt_latex=render_latex(draft.prompt),
        spec=spec,
        answer_text=_display(draft.kind, draft.answer, latex=False),
        answer_latex=_display(draft.kind, draft.answer, latex=True),
        params=_jsonable(draft.params),
        solution=_steps(draft.solution, latex=False),
        solution_latex=_steps(draft.solution, latex=True),
        hints=_steps(draft.hints, latex=False),
        mistakes=mistakes,
    )


def _jsonable(params: Mapping[str, Any]) -> dict[str, Any]:
    """Params as plain JSON data, so instances can be stored and re-checked by the oracle."""

    def convert(value: Any) -> Any:
        if isinstance(value, np.ndarray):
            return value.tolist()
        if isinstance(value, np.integer):
            return int(value)
        if isinstance(value, np.floating):
            return float(value)
        if isinstance(value, dict):
            return {str(k): convert(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [convert(v) for v in value]
        return value

    converted = {key: convert(value) for key, value in params.items()}
    json.dumps(converted)  # a template bug surfaces here, not in the store
    return converted


__all__ = ["Template", "all_templates", "format_answer", "get_template", "template"]
