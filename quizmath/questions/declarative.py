"""Parametric cards of deck files made into templates, their formulas read as answers are.

A deck file can declare a question as data: parameters drawn from ranges or lists,
constraints on them, a prompt with ``{formula}`` placeholders, and the answer and known
mistakes as formulas of the parameters. Every formula goes through the same safe parser as a
typed answer (no eval, no code from a deck file ever runs). The oracle evaluates the answer's
parsed formula with plain floats, apart from the SymPy substitution that makes the key.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import sympy

from quizmath.checking.budget import run_with_budget
from quizmath.checking.numeric import Undefined, compile_real
from quizmath.checking.parse import parse_answer
from quizmath.decks.model import ParametricCard
from quizmath.errors import AnswerError, CheckTimeoutError, DeckError, TemplateError
from quizmath.questions.mistakes import distinct_mistakes
from quizmath.questions.model import Draft, Oracle
from quizmath.questions.registry import Template
from quizmath.questions.render import Parts, render_text

_PIECES = re.compile(r"(\{\{|\}\}|\{[^{}]*\})")
_DECIMAL = re.compile(r"\{([^{}:]+):([1-9])\}")  # {formula:N}: N significant digits
_COMPARISON = re.compile(r"^(.+?)(<=|>=|!=|==|≤|≥|≠|<|>)(.+)$")
_TESTS: dict[str, Callable[[Any, Any], bool]] = {
    "<": lambda a, b: a < b,
    ">": lambda a, b: a > b,
    "<=": lambda a, b: a <= b,
    "≤": lambda a, b: a <= b,
    ">=": lambda a, b: a >= b,
    "≥": lambda a, b: a >= b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "≠": lambda a, b: a != b,
}
_DRAWS = 1000  # draws before a seed gives up on meeting the constraints
_CHECKED_SEEDS = 20  # seeds tried when a card is read, so impossible constraints show at once
_CHECK_SECONDS = 5.0  # for reading a card and those draws
_LARGEST_GROWTH = 1000.0  # largest exponent or factorial argument a draw may give
ANSWER = "answer"
"""The name that stands for the key in a solution, a hint or a mistake's feedback."""


@dataclass(frozen=True)
class _Constraint:
    left: sympy.Expr
    test: Callable[[Any, Any], bool]
    right: sympy.Expr


@dataclass(frozen=True)
class _Decimal:
    """A ``{formula:N}`` placeholder: the formula's value to ``N`` significant digits."""

    formula: sympy.Expr
    digits: int

    def text(self, values: Mapping[sympy.Symbol, Any]) -> str:
        value = self.formula.subs(values)
        return f"{float(value):.{self.digits}g}" if value.is_extended_real else str(value)


@dataclass(frozen=True)
class _Text:
    """A text whose ``{formula}`` placeholders are parsed once: strings and formulas in turn."""

    pieces: tuple[str | sympy.Expr | _Decimal, ...]

    def formulas(self) -> list[sympy.Expr]:
        return [
            p.formula if isinstance(p, _Decimal) else p
            for p in self.pieces
            if not isinstance(p, str)
        ]

    def parts(self, values: Mapping[sympy.Symbol, Any], raw: Mapping[str, Any]) -> Parts:
        """The text at ``values``; a lone parameter shows as written in the deck (0.05, not
        1/20), any other formula as the math it evaluates to."""
        return [_part(piece, values, raw) for piece in self.pieces]


def _part(
    piece: str | sympy.Expr | _Decimal, values: Mapping[sympy.Symbol, Any], raw: Mapping[str, Any]
) -> str | sympy.Expr:
    if isinstance(piece, str):
        return piece
    if isinstance(piece, _Decimal):
        return piece.text(values)
    if isinstance(piece, sympy.Symbol) and piece.name in raw:
        return str(raw[piece.name])
    return piece.subs(values)


@dataclass(frozen=True)
class _Card:
    """A parametric card with every formula parsed."""

    source: ParametricCard
    names: tuple[str, ...]  # the parameters, then the question's variables
    answer: sympy.Expr
    constraints: tuple[_Constraint, ...]
    prompt: _Text
    solution: tuple[_Text, ...]
    hints: tuple[_Text, ...]
    mistakes: tuple[tuple[sympy.Expr, _Text], ...]
    growth: tuple[sympy.Expr, ...]
    """Exponents and factorial arguments of the parameters alone, kept small before any exact
    arithmetic: SymPy would otherwise compute a^(a^a) digit by digit, holding the GIL."""

    def draw(
        self, rng: np.random.Generator, level: int
    ) -> tuple[dict[str, Any], dict[sympy.Symbol, Any], sympy.Expr]:
        """Parameter values meeting every constraint, as JSON data and as SymPy numbers, with
        the key they give."""
        params = self.source.params_at(level)
        for _ in range(_DRAWS):
            raw = {p.name: p.values[int(rng.integers(len(p.values)))] for p in params}
            if not self._bounded(raw):
                continue
            values = {sympy.Symbol(name): _exact(value) for name, value in raw.items()}
            if not all(_holds(c, values) for c in self.constraints):
                continue
            key = self.answer.subs(values)
            if self._defined(key):
                return raw, values, key
        raise TemplateError(
            f"{self.source.id}: no parameters met the constraints with every exponent and "
            f"factorial at most {_LARGEST_GROWTH:g}"
        )

    def _bounded(self, raw: Mapping[str, Any]) -> bool:
        names = tuple(p.name for p in self.source.params)
        point = [float(raw[name]) for name in names]
        for formula in self.growth:
            try:
                if abs(compile_real(formula, names)(point)) > _LARGEST_GROWTH:
                    return False
            except Undefined:
                return False
        return True

    def _defined(self, key: sympy.Expr) -> bool:
        if self.source.kind == "number":
            return bool(key.is_number and key.is_finite and key.is_extended_real)
        return not key.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo)

    def build(self, rng: np.random.Generator, level: int) -> Draft:
        """The card at parameters drawn for ``level``, every formula evaluated at them."""
        raw, values, key = self.draw(rng, level)
        with_key = {**values, sympy.Symbol(ANSWER): key}
        card = self.source
        wrong = [
            (m.subs(values), render_text(text.parts(with_key, raw))) for m, text in self.mistakes
        ]
        return Draft(
            prompt=self.prompt.parts(values, raw),
            kind=card.kind,
            answer=key,
            params=raw,
            variables=card.variables,
            solution=[text.parts(with_key, raw) for text in self.solution],
            hints=[text.parts(with_key, raw) for text in self.hints],
            mistakes=distinct_mistakes(card.kind, key, wrong, variables=card.variables),
        )

    def oracle(self, params: Mapping[str, Any]) -> Any:
        """The answer formula evaluated with floats at the drawn parameters."""
        evaluate = compile_real(self.answer, self.names)
        given = [float(params[p.name]) for p in self.source.params]
        if self.source.kind == "number":
            return evaluate(given)
        variables = self.source.variables

        def at(**point: float) -> float:
            try:
                return evaluate([*given, *(point[name] for name in variables)])
            except Undefined:
                return float("nan")

        return at


def parametric_template(card: ParametricCard) -> Template:
    """``card`` as a template, or a ``DeckError`` at ``file:line`` saying what is wrong.

    Parameters are drawn for a few seeds at once, so constraints no draw can meet, or an answer
    that is never defined, are found when the deck is checked rather than in a quiz; a card
    whose formulas take too long to read or evaluate (``a^(a^a)``) is refused in bounded time.
    """
    try:
        return run_with_budget(lambda _: _checked(card), _CHECK_SECONDS)
    except CheckTimeoutError:
        raise DeckError(
            f"{card.where}: reading the card and drawing its parameters took over "
            f"{_CHECK_SECONDS:g} s"
        ) from None


def _checked(card: ParametricCard) -> Template:
    parsed = _parse(card)
    levels = 1 + len(card.harder)
    for seed in range(_CHECKED_SEEDS):
        try:
            parsed.draw(np.random.default_rng(seed), 1 + seed % levels)
        except TemplateError as error:
            raise DeckError(f"{card.where}: {error}") from None
    oracle: Oracle = parsed.oracle
    return Template(card.id, card.topic, card.title, levels, parsed.build, oracle)


def deferred_template(card: ParametricCard) -> Template:
    """``card`` as a template whose formulas are read on its first use.

    Reading a card's formulas costs tens of milliseconds, which every quiz would pay for every
    card at start-up; the tests read and check every shipped card with ``parametric_template``.
    """
    deferred = _Deferred(card)
    oracle: Oracle = deferred.oracle
    return Template(card.id, card.topic, card.title, 1 + len(card.harder), deferred.build, oracle)


@dataclass
class _Deferred:
    card: ParametricCard

    @cached_property
    def parsed(self) -> _Card:
        return _parse(self.card)

    def build(self, rng: np.random.Generator, level: int) -> Draft:
        """The card at parameters drawn for ``level``, its formulas read on first use."""
        return self.parsed.build(rng, level)

    def oracle(self, params: Mapping[str, Any]) -> Any:
        return self.parsed.oracle(params)


def _parse(card: ParametricCard) -> _Card:
    params = tuple(p.name for p in card.params)
    names = (*params, *card.variables)
    if ANSWER in names:
        raise DeckError(f"{card.where}: {ANSWER!r} names the key; call the parameter otherwise")
    answer = _formula(card, card.answer, names, "answer")
    unknown = answer.free_symbols - {sympy.Symbol(v) for v in card.variables}
    if card.kind == "number" and unknown - {sympy.Symbol(p) for p in params}:
        raise DeckError(f"{card.where}: a number card's answer cannot depend on a variable")
    with_answer = (*names, ANSWER)
    constraints = tuple(_constraint(card, text, params) for text in card.constraints)
    prompt = _text(card, card.prompt, names)
    solution = tuple(_text(card, text, with_answer) for text in card.solution)
    hints = tuple(_text(card, text, with_answer) for text in card.hints)
    mistakes = tuple(
        (_formula(card, m.answer, names, "mistake"), _text(card, m.feedback, with_answer))
        for m in card.mistakes
    )
    formulas = [
        answer,
        *(side for c in constraints for side in (c.left, c.right)),
        *(piece for text in (prompt, *solution, *hints) for piece in text.formulas()),
        *(wrong for wrong, _ in mistakes),
        *(piece for _, text in mistakes for piece in text.formulas()),
    ]
    return _Card(
        source=card,
        names=names,
        answer=answer,
        constraints=constraints,
        prompt=prompt,
        solution=solution,
        hints=hints,
        mistakes=mistakes,
        growth=_growth(formulas, {sympy.Symbol(p) for p in params}),
    )


def _growth(formulas: Sequence[sympy.Expr], params: set[sympy.Symbol]) -> tuple[sympy.Expr, ...]:
    """Every exponent and factorial or binomial argument that depends on parameters alone."""
    found: dict[sympy.Expr, None] = {}
    for formula in formulas:
        for node in sympy.preorder_traversal(formula):
            if isinstance(node, sympy.Pow):
                parts: tuple[Any, ...] = (node.exp,)
            elif isinstance(node, sympy.factorial | sympy.binomial):
                parts = node.args
            else:
                continue
            for part in parts:
                if part.free_symbols and part.free_symbols <= params:
                    found.setdefault(part, None)
    return tuple(found)


def _formula(card: ParametricCard, text: str, names: Sequence[str], what: str) -> sympy.Expr:
    try:
        value = parse_answer(text, "expression", variables=names)
    except AnswerError as error:
        raise DeckError(f"{card.where}: {what} {text!r}: {error}") from None
    assert isinstance(value, sympy.Expr)
    return value


def _constraint(card: ParametricCard, text: str, params: Sequence[str]) -> _Constraint:
    found = _COMPARISON.match(text)
    if found is None:
        raise DeckError(f"{card.where}: constraint {text!r} compares nothing (use <, <=, != ...)")
    left, operator, right = found.groups()
    return _Constraint(
        _formula(card, left, params, "constraint"),
        _TESTS[operator],
        _formula(card, right, params, "constraint"),
    )


def _text(card: ParametricCard, text: str, names: Sequence[str]) -> _Text:
    pieces: list[str | sympy.Expr | _Decimal] = []
    for piece in _PIECES.split(text):
        if piece in ("{{", "}}"):
            pieces.append(piece[0])
        elif decimal := _DECIMAL.fullmatch(piece):
            formula = _formula(card, decimal[1], names, "placeholder")
            pieces.append(_Decimal(formula, int(decimal[2])))
        elif piece.startswith("{") and piece.endswith("}"):
            pieces.append(_formula(card, piece[1:-1], names, "placeholder"))
        elif "{" in piece or "}" in piece:
            raise DeckError(f"{card.where}: unbalanced brace in {text!r} (write {{{{ for {{)")
        elif piece:
            pieces.append(piece)
    return _Text(tuple(pieces))


def _holds(constraint: _Constraint, values: Mapping[sympy.Symbol, Any]) -> bool:
    left, right = constraint.left.subs(values), constraint.right.subs(values)
    if not (left.is_extended_real and right.is_extended_real):
        return False
    return bool(constraint.test(left, right))


def _exact(value: int | float) -> sympy.Expr:
    """A decimal as the exact number it is written as: 0.1 is 1/10."""
    return sympy.Integer(value) if isinstance(value, int) else sympy.Rational(repr(value))


__all__ = ["ANSWER", "deferred_template", "parametric_template"]
