"""Decide whether a parsed answer equals the key, by answer kind, and say why not.

Numbers compare exactly (or to 30 digits) unless a decimal was typed, which is accepted within
the question's relative tolerance or when it is the key correctly rounded to the digits given.
A typed whole number is such a decimal too, unless the key is exactly an integer. Expressions
compare structurally first, then at seeded random points of each variable's domain. An answer
accepted only approximately says so (``Outcome.basis``), and ``Comparer.gap`` measures how far
it is from a key, so a known mistake it is nearer to can win over the key.
"""

from __future__ import annotations

import hashlib
import math
import random
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import (
    ROUND_CEILING,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    InvalidOperation,
)
from functools import lru_cache
from typing import Literal

import sympy
from sympy import S

from quizmath.checking.budget import Deadline
from quizmath.checking.format import format_expr
from quizmath.checking.numeric import Undefined, compile_real, precise
from quizmath.checking.parse import Item, Reading, option_key
from quizmath.checking.spec import DEFAULT_DOMAIN, AnswerSpec
from quizmath.errors import AnswerError

EXPRESSION_REL_TOL = 1e-7
ABS_TOL = 1e-9
CANDIDATE_POINTS = 48
ENOUGH_POINTS = 10
MIN_POINTS = 4
MIN_SIGNIFICANT_DIGITS = 3
MAX_SIGNIFICANT_DIGITS = 17  # a double's full precision: what even a tolerance of 0 asks for
CLOSE = 0.05  # how near a wrong number must be to be called "close"


# How an equal outcome was reached, from the strongest to the weakest.
Basis = Literal["exact", "tolerance", "rounding"]
_BASES: tuple[Basis, ...] = ("exact", "tolerance", "rounding")


@dataclass(frozen=True)
class Outcome:
    """Equal or not, the sentence that explains it, and whether comparison was impossible.

    ``basis`` says how an equal answer matched: exactly, within the tolerance, or only as the
    key rounded to the digits typed (while outside the tolerance).
    """

    equal: bool
    reason: str
    refused: bool = False
    basis: Basis = "exact"


_EQUAL = Outcome(True, "Correct.")


class Comparer:
    """Compares readings against one spec's key (or a known mistake) within a deadline."""

    def __init__(self, spec: AnswerSpec, deadline: Deadline) -> None:
        self.spec = spec
        self.deadline = deadline
        self.variables = tuple(spec.variables) if spec.kind != "number" else ()
        domains = tuple(spec.domain.get(v, DEFAULT_DOMAIN) for v in self.variables)
        self.points = _points(_seed(spec), domains)

    def compare(self, answer: Reading, key: Reading) -> Outcome:
        kind = self.spec.kind
        if kind == "choice":
            if self.spec.choices:  # both were read as one of the listed options
                same = answer.choice == key.choice
            else:
                same = option_key(answer.choice or "") == option_key(key.choice or "")
            return _EQUAL if same else Outcome(False, "That is not the right option.")
        if kind in ("number", "expression"):
            return self.scalar(answer.items[0], key.items[0])
        if kind == "vector":
            return self._vector(answer, key)
        if kind == "matrix":
            return self._matrix(answer, key)
        return self._set(answer, key)

    def scalar(self, answer: Item, key: Item) -> Outcome:
        a, k = answer.value, key.value
        assert isinstance(a, sympy.Expr) and isinstance(k, sympy.Expr)
        if self.spec.kind == "expression" or a.free_symbols or k.free_symbols:
            return self._functions(a, k)
        return self._numbers(answer, a, k)

    # -- numbers ---------------------------------------------------------------------------
    def _numbers(self, answer: Item, a: sympy.Expr, k: sympy.Expr) -> Outcome:
        if a == k:
            return _EQUAL
        if a.has(S.Infinity, S.NegativeInfinity) or k.has(S.Infinity, S.NegativeInfinity):
            return Outcome(False, "Not equal to the expected value.")
        try:
            fk = compile_real(k, ())(())
        except Undefined:
            raise AnswerError(
                f"the expected value {format_expr(k)} is not a finite real number"
            ) from None
        try:
            fa = compile_real(a, ())(())
        except Undefined:
            return Outcome(False, "the answer is not a finite real number", refused=True)
        if a.has(sympy.Float):
            return self._decimal(answer.literal, k, fa, fk)
        if k.has(sympy.Float):
            outcome = self._decimal(answer.literal, k, fa, fk)
            # Only a typed decimal is approximate: an exact form stays exact against any key.
            return outcome if answer.literal is not None else replace(outcome, basis="exact")
        if answer.literal is not None and not _is_integer(k, fk):
            return self._decimal(answer.literal, k, fa, fk)  # a typed whole number is a decimal
        if abs(fa - fk) <= 1e-12 * max(abs(fa), abs(fk)) + 1e-14 and _exactly_equal(a, k):
            return _EQUAL
        relative = _relative(fa, fk)
        if relative <= CLOSE:
            return Outcome(False, f"Close, but not exact: yours is {_off(relative)} off.")
        return Outcome(False, _far(fa, fk))

    def _decimal(self, literal: str | None, k: sympy.Expr, fa: float, fk: float) -> Outcome:
        """A typed decimal: within the tolerance, or the key rounded to the digits typed.

        The key rounded needs 3 significant digits, more under a tighter tolerance (1e-7 asks
        for 7), unless the question asked for a number of decimal places: then it needs those
        places and the digits they give are enough.
        """
        if fa == fk or abs(fa - fk) <= 1e-12 * abs(fk):
            return _EQUAL
        rel_tol, relative = self.spec.rel_tol, _relative(fa, fk)
        places = self.spec.decimals
        if literal is not None and places is not None and _places(literal) < places:
            if relative <= CLOSE:
                plural = "place" if places == 1 else "places"
                return Outcome(False, f"Close, but give {places} decimal {plural}.")
            return Outcome(False, _far(fa, fk))
        digits = _needed_digits(rel_tol) if places is None else 1
        if literal is not None and _rounds_to(literal, k, digits):
            basis: Basis = "tolerance" if relative <= rel_tol else "rounding"
            return Outcome(True, "Correct to the digits given.", basis=basis)
        if relative <= rel_tol:
            return Outcome(
                True,
                f"Correct (within {_bound(relative)} of the expected value).",
                basis="tolerance",
            )
        if relative > CLOSE:
            return Outcome(False, _far(fa, fk))
        if literal is not None and len(Decimal(literal).as_tuple().digits) < digits:
            return Outcome(
                False,
                f"Close, but give at least {digits} significant digits (or an exact form).",
            )
        return Outcome(
            False,
            f"Close, but not within {_percent(rel_tol)} of the expected value: "
            f"yours is {_off(relative, rel_tol)} off.",
        )

    # -- expressions -----------------------------------------------------------------------
    def _functions(self, a: sympy.Expr, k: sympy.Expr) -> Outcome:
        if a == k or (a - k) == 0:
            return _EQUAL
        rel_tol = EXPRESSION_REL_TOL
        if a.has(sympy.Float):  # a typed decimal is an approximation
            rel_tol = max(rel_tol, self.spec.rel_tol)
        try:
            fa, fk = compile_real(a, self.variables), compile_real(k, self.variables)
        except ValueError as error:
            return Outcome(False, f"the answer could not be evaluated: {error}", refused=True)
        valid = key_defined = 0
        for point in self.points:
            self.deadline.check()
            try:
                vk = fk(point)
                key_defined += 1
                va = fa(point)
            except Undefined:
                continue
            if not _close(va, vk, rel_tol) and not self._close_precisely(a, k, point, rel_tol):
                return Outcome(False, self._difference(point, va, vk, rel_tol))
            valid += 1
            if valid >= ENOUGH_POINTS:
                break
        if valid >= MIN_POINTS:
            return Outcome(True, _EQUAL.reason, basis="tolerance") if a.has(sympy.Float) else _EQUAL
        if key_defined >= MIN_POINTS:
            return Outcome(
                False,
                "Your answer is undefined (or too large to evaluate) at most points where the "
                "expected answer is defined.",
            )
        return Outcome(
            False,
            "the answer could not be compared: the expected answer is undefined at most points "
            "of the domain",
            refused=True,
        )

    def _close_precisely(
        self, a: sympy.Expr, k: sympy.Expr, point: tuple[float, ...], rel_tol: float
    ) -> bool:
        """Float rounding (cancellation, huge arguments) must not decide: recheck to 30 digits."""
        pa, pk = precise(a, self.variables, point), precise(k, self.variables, point)
        return pa is not None and pk is not None and _close(pa, pk, rel_tol)

    def _difference(self, point: tuple[float, ...], va: float, vk: float, rel_tol: float) -> str:
        if _close(va, -vk, rel_tol):
            return "Wrong sign: your answer is the negative of the expected one."
        where = ", ".join(
            f"{name} = {value:.3g}" for name, value in zip(self.variables, point, strict=True)
        )
        at = f" at {where}" if where else ""
        return (
            f"Not equivalent: your answer is {va:.6g}{at}, where the expected answer is {vk:.6g}."
        )

    # -- collections -----------------------------------------------------------------------
    def _vector(self, answer: Reading, key: Reading) -> Outcome:
        expected, got = len(key.items), len(answer.items)
        if expected != got:
            return Outcome(False, f"Expected {expected} components, got {got}.")
        outcomes = self._entries(answer.items, key.items)
        if not outcomes[-1].equal:
            return _within(f"Component {len(outcomes)}", outcomes[-1])
        return _weakest(outcomes)

    def _matrix(self, answer: Reading, key: Reading) -> Outcome:
        rows, cols = key.shape
        outcomes = None
        if answer.shape == (rows, cols):
            outcomes = self._entries(answer.items, key.items)
            if outcomes[-1].equal:
                return _weakest(outcomes)
        if answer.shape == (cols, rows) and rows * cols > 1:
            transposed = _transpose(answer.items, cols, rows)
            if self._entries(transposed, key.items)[-1].equal:
                return Outcome(False, "This is the transpose of the answer.")
        if outcomes is None:
            got = "×".join(map(str, answer.shape))
            return Outcome(False, f"Expected a {rows}×{cols} matrix, got {got}.")
        row, col = divmod(len(outcomes) - 1, cols)
        return _within(f"Entry ({row + 1}, {col + 1})", outcomes[-1])

    def _entries(self, answer: tuple[Item, ...], key: tuple[Item, ...]) -> list[Outcome]:
        """Outcomes entry by entry, up to and including the first entry that differs."""
        outcomes = []
        for a, k in zip(answer, key, strict=True):
            outcomes.append(self.scalar(a, k))
            if not outcomes[-1].equal:
                break
        return outcomes

    def _set(self, answer: Reading, key: Reading) -> Outcome:
        expected, got = len(key.items), len(answer.items)
        if expected != got:
            values = "value" if expected == 1 else "values"
            return Outcome(False, f"Expected {expected} {values} (counting repeats), got {got}.")
        match: dict[int, int] = {}  # key index -> answer index
        for index in range(got):
            if not self._augment(index, answer.items, key.items, match, set()):
                shown = format_expr(answer.items[index].value)
                return Outcome(False, f"{shown} is not among the expected values.")
        return _weakest(self.scalar(answer.items[i], key.items[t]) for t, i in match.items())

    def _augment(
        self,
        index: int,
        answer: tuple[Item, ...],
        key: tuple[Item, ...],
        match: dict[int, int],
        seen: set[int],
    ) -> bool:
        """Bipartite matching step, so order and repeats never fool a greedy pairing."""
        for target, k in enumerate(key):
            if target in seen or not self.scalar(answer[index], k).equal:
                continue
            seen.add(target)
            if target not in match or self._augment(match[target], answer, key, match, seen):
                match[target] = index
                return True
        return False

    # -- distance to a key -----------------------------------------------------------------
    def gap(self, answer: Reading, key: Reading) -> float:
        """How far an answer is from a key it was found equal to: a sum of relative errors.

        Each entry's error is scaled by the answer's own value, so gaps to two keys compare
        fairly. Sets pair each answer value with its nearest key value.
        """
        if self.spec.kind == "choice":
            return 0.0 if answer.choice == key.choice else math.inf
        if self.spec.kind == "set":
            return math.fsum(
                min(self._entry_gap(a, k) for k in key.scalars) for a in answer.scalars
            )
        return math.fsum(
            self._entry_gap(a, k) for a, k in zip(answer.scalars, key.scalars, strict=True)
        )

    def _entry_gap(self, a: sympy.Expr, k: sympy.Expr) -> float:
        """The mean relative error of ``a`` against ``k`` over the comparison points."""
        variables = self.variables if a.free_symbols or k.free_symbols else ()
        try:
            fa, fk = compile_real(a, variables), compile_real(k, variables)
        except ValueError:
            return math.inf
        errors = []
        for point in self.points if variables else ((),):
            try:
                va = fa(point)
            except Undefined:
                continue
            try:
                errors.append(abs(va - fk(point)) / (abs(va) or 1.0))
            except Undefined:
                errors.append(math.inf)
            if len(errors) >= ENOUGH_POINTS:
                break
        return math.fsum(errors) / len(errors) if errors else math.inf


def nearer(gap: float, other: float, ties: bool) -> bool:
    """Is ``gap`` smaller than ``other``? Equal gaps (up to float noise) answer ``ties``."""
    if abs(gap - other) <= 1e-9 * max(gap, other) or gap == other:
        return ties
    return gap < other


def _weakest(outcomes: Iterable[Outcome]) -> Outcome:
    """Equal entries make an equal whole, as weak as its weakest entry (one rounded, all)."""
    basis = max((outcome.basis for outcome in outcomes), key=_BASES.index, default=_BASES[0])
    return _EQUAL if basis == "exact" else Outcome(True, _EQUAL.reason, basis=basis)


def _within(label: str, outcome: Outcome) -> Outcome:
    """Prefix an entry's outcome with where it is: ``Component 2: wrong sign...``."""
    if outcome.refused:
        return Outcome(False, f"{label.lower()}: {outcome.reason}", refused=True)
    reason = outcome.reason[0].lower() + outcome.reason[1:]
    return Outcome(False, f"{label}: {reason}")


def _transpose(items: tuple[Item, ...], rows: int, cols: int) -> tuple[Item, ...]:
    """Row-major items of a rows×cols matrix, transposed."""
    return tuple(items[r * cols + c] for c in range(cols) for r in range(rows))


def _close(a: float, b: float, rel_tol: float) -> bool:
    return abs(a - b) <= ABS_TOL + rel_tol * max(abs(a), abs(b))


def _exactly_equal(a: sympy.Expr, k: sympy.Expr) -> bool:
    """Two exact numbers that agree as floats: confirm to 30 digits."""
    difference = sympy.N(a - k, 30)
    return bool(difference.is_Number) and abs(difference) <= 1e-25 * max(1.0, abs(float(k)))


def _is_integer(k: sympy.Expr, fk: float) -> bool:
    """Is the exact key an integer, even when written as ``log(8, 2)`` or ``sqrt(9) + 1``?"""
    if k.is_Integer:
        return True
    if not k.is_Rational and abs(fk) < 2**53 and abs(fk - round(fk)) <= 1e-9 * max(1.0, abs(fk)):
        return _exactly_equal(k, sympy.Integer(round(fk)))
    return False


def _needed_digits(rel_tol: float) -> int:
    """Significant digits a rounded decimal must have to be as precise as the tolerance asks."""
    if rel_tol <= 0:
        return MAX_SIGNIFICANT_DIGITS
    wanted = math.ceil(-math.log10(rel_tol) - 1e-9)
    return min(max(MIN_SIGNIFICANT_DIGITS, wanted), MAX_SIGNIFICANT_DIGITS)


def _places(literal: str) -> int:
    """Decimal places typed: 2 for ``631.13`` and for ``6.3113e2``, 0 for ``631``."""
    exponent = Decimal(literal).as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _rounds_to(literal: str, key: sympy.Expr, min_digits: int) -> bool:
    """Is ``literal`` the key correctly rounded to the digits typed (``min_digits`` at least)?"""
    typed = Decimal(literal)
    _, digits, exponent = typed.as_tuple()
    exact = _exact_decimal(key)
    if len(digits) < min_digits or not isinstance(exponent, int) or exact is None:
        return False
    context = Context(prec=60)
    try:
        quantum = Decimal(1).scaleb(exponent)
        return any(
            exact.quantize(quantum, rounding=mode, context=context) == typed
            for mode in (ROUND_HALF_UP, ROUND_HALF_EVEN)
        )
    except InvalidOperation:
        return False


@lru_cache(maxsize=1024)
def _exact_decimal(key: sympy.Expr) -> Decimal | None:
    """The key to 40 significant digits (cached: every decimal typed for a key needs it)."""
    try:
        return Decimal(str(sympy.N(key, 40)), Context(prec=60))
    except InvalidOperation:
        return None


def _relative(fa: float, fk: float) -> float:
    return abs(fa - fk) / abs(fk) if fk else math.inf


def _far(fa: float, fk: float) -> str:
    if fk and _close(fa, -fk, 1e-9):
        return "Wrong sign: your answer is the negative of the expected value."
    return "Not equal to the expected value."


def _percent(fraction: float) -> str:
    """A tolerance as a plain percentage: ``0.1%``, ``0.00001%`` (never ``1e-05%``)."""
    return _plain(_significant(_in_percent(fraction), 3))


def _off(relative: float, rel_tol: float = 0.0) -> str:
    """A relative error in two significant digits, or more where it would round to the limit."""
    exact, limit = _in_percent(relative), _in_percent(rel_tol)
    for digits in range(2, 8):
        shown = _significant(exact, digits)
        if shown > limit:
            break
    return _plain(shown)


def _bound(relative: float) -> str:
    """A bound on an accepted error, one digit rounded up: 1.58e-7 is "within 0.00002%"."""
    return _plain(_significant(_in_percent(relative), 1, ROUND_CEILING))


def _in_percent(fraction: float) -> Decimal:
    return Decimal(f"{fraction:.12g}") * 100  # 12 digits: float noise never reaches the display


def _significant(value: Decimal, digits: int, rounding: str = ROUND_HALF_EVEN) -> Decimal:
    if not value:
        return value
    return value.quantize(Decimal(1).scaleb(value.adjusted() - digits + 1), rounding=rounding)


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text + "%"


def _seed(spec: AnswerSpec) -> int:
    """Comparison points depend only on the question, so every answer meets the same points."""
    domain = sorted((name, tuple(bounds)) for name, bounds in spec.domain.items())
    text = repr((spec.kind, spec.expected, tuple(spec.variables), domain))
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


@lru_cache(maxsize=256)
def _points(seed: int, domains: tuple[tuple[float, float], ...]) -> tuple[tuple[float, ...], ...]:
    if not domains:
        return ((),)
    rng = random.Random(seed)
    return tuple(
        tuple(rng.uniform(low, high) for low, high in domains) for _ in range(CANDIDATE_POINTS)
    )


__all__ = ["Basis", "Comparer", "Outcome", "nearer"]
