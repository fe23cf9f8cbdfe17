"""Read a typed answer into SymPy values with an explicit grammar; no text is ever evaluated.

A recursive-descent parser over the lexer's tokens builds SymPy objects directly from a fixed
table of names. Powers, factorials and big numbers are bounded before SymPy evaluates them, so
hostile input costs microseconds to refuse.

Grammar (``^`` is right-associative; juxtaposition multiplies)::

    answer  := row (';' row)*            row := item (',' item)*
    item    := sum
    sum     := term (('+' | '-') term)*
    term    := unary (('*' | '/') unary | power)*     -- implicit product before a name or '('
    unary   := ('-' | '+') unary | power
    power   := postfix ('^' (unary | '{' sum '}'))?
    postfix := primary '%'? '!'*          -- '%' only after a number or '(...)', in numeric kinds
    primary := number | name | name '(' items ')' | function unary
             | '(' items ')' | '[' answer ']' | '[' plain+ ']' | '{' answer '}' | '|' sum '|'
    plain   := sign? number ('/' number)?   -- space-separated, as NumPy prints a vector

A letter run such as ``xy`` or ``xe`` is a product of known names, and like any implicit product
it binds looser than ``^`` and ``!``: ``2xy^2`` is 2·x·y² and ``xe^x`` is x·eˣ. In vector and
matrix answers a list may be multiplied or divided by a scalar (``1/2*[1, -1]``, ``[1, 2]/3``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

import sympy
from sympy import S

from quizmath.checking.format import format_expr, format_matrix, format_set, format_vector
from quizmath.checking.functions import relu, sigmoid, softplus
from quizmath.checking.latex import is_latex, latex_to_plain
from quizmath.checking.lexer import Token, check_size, tokenize
from quizmath.checking.spec import ANSWER_KINDS, AnswerKind
from quizmath.errors import AnswerError

MAX_EXPONENT = 1000
MAX_NESTING = 60
MAX_INTEGER_BITS = 13_000  # about 3,900 decimal digits: big enough for any hand computation
MAX_FACTORIAL = 1000


@dataclass(frozen=True)
class Function:
    """A function learners may call: its SymPy builder and how many arguments it takes."""

    build: Callable[..., sympy.Expr]
    min_args: int = 1
    max_args: int = 1


def _log(value: sympy.Expr, base: sympy.Expr | None = None) -> sympy.Expr:
    return sympy.log(value) if base is None else sympy.log(value, base)


def _factorial(value: sympy.Expr) -> sympy.Expr:
    if value.is_Number and value > MAX_FACTORIAL:
        raise AnswerError(f"the factorial is too large to evaluate (at most {MAX_FACTORIAL}!)")
    return sympy.factorial(value)


def _binomial(n: sympy.Expr, k: sympy.Expr) -> sympy.Expr:
    if n.is_Number and abs(n) > MAX_FACTORIAL:
        raise AnswerError(f"the binomial coefficient is too large (n at most {MAX_FACTORIAL})")
    return sympy.binomial(n, k)


def _normal_cdf(z: sympy.Expr) -> sympy.Expr:
    """Φ(z), the standard normal CDF, through erf so numeric comparison can evaluate it."""
    return (1 + sympy.erf(z / sympy.sqrt(2))) / 2


FUNCTIONS: dict[str, Function] = {
    "exp": Function(sympy.exp),
    "log": Function(_log, 1, 2),
    "ln": Function(sympy.log),
    "log2": Function(lambda u: sympy.log(u, 2)),
    "log10": Function(lambda u: sympy.log(u, 10)),
    "sqrt": Function(sympy.sqrt),
    "abs": Function(sympy.Abs),
    "sin": Function(sympy.sin),
    "cos": Function(sympy.cos),
    "tan": Function(sympy.tan),
    "sec": Function(sympy.sec),
    "csc": Function(sympy.csc),
    "cot": Function(sympy.cot),
    "asin": Function(sympy.asin),
    "acos": Function(sympy.acos),
    "atan": Function(sympy.atan),
    "arcsin": Function(sympy.asin),
    "arccos": Function(sympy.acos),
    "arctan": Function(sympy.atan),
    "sinh": Function(sympy.sinh),
    "cosh": Function(sympy.cosh),
    "tanh": Function(sympy.tanh),
    "sech": Function(sympy.sech),
    "asinh": Function(sympy.asinh),
    "acosh": Function(sympy.acosh),
    "atanh": Function(sympy.atanh),
    "sigmoid": Function(sigmoid),
    "softplus": Function(softplus),
    "relu": Function(relu),
    "max": Function(sympy.Max, 1, 50),
    "min": Function(sympy.Min, 1, 50),
    "erf": Function(sympy.erf),
    "sign": Function(sympy.sign),
    "sgn": Function(sympy.sign),
    "heaviside": Function(sympy.Heaviside),
    "factorial": Function(_factorial),
    "binomial": Function(_binomial, 2, 2),
}
# Conventional capitalised names, matched exactly and only when called (a declared variable of
# the same name wins): lower-case c or phi are ordinary names, and φ is often the normal density.
CASED_FUNCTIONS: dict[str, Function] = {
    "C": Function(_binomial, 2, 2),
    "Phi": Function(_normal_cdf),
}
_COMMON_FUNCTIONS = (
    "exp, log, ln, sqrt, abs, sin, cos, tan, tanh, sigmoid, softplus, relu, max, min, erf, "
    "C(n, k) (binomial) and Phi(z) (normal CDF)"
)
# Kinds whose entries are plain numbers, where 4.5% means 0.045.
_PERCENT_KINDS = frozenset(["number", "vector", "set"])
# Kinds where a whole list may be scaled: 1/2*[1, -1] is [1/2, -1/2].
_SCALABLE_KINDS = frozenset(["vector", "matrix"])
_THOUSANDS = re.compile(r"[-+−]?[1-9]\d{0,2}(?:,\d{3})+")

CONSTANTS: dict[str, sympy.Expr] = {
    "pi": S.Pi,
    "Pi": S.Pi,
    "PI": S.Pi,
    "e": S.Exp1,
    "E": S.Exp1,
    "oo": S.Infinity,
    "inf": S.Infinity,
    "infinity": S.Infinity,
}


@dataclass(frozen=True)
class Item:
    """One comma-separated entry and, when it is a lone number, its decimal text.

    ``literal`` keeps the digits as typed (``-0.667``, ``3072``; ``4.5%`` as ``0.045``) so a
    comparison can tell how many digits the learner gave.
    """

    value: sympy.Expr | Seq
    literal: str | None = None


@dataclass(frozen=True)
class Seq:
    """A bracketed or comma-separated list; ``rows`` has more than one row only with ``;``."""

    rows: tuple[tuple[Item, ...], ...]


@dataclass(frozen=True)
class _Run:
    """A letter run read as a product (``xy`` as x·y), kept apart until ``^`` or ``!`` has bound
    its last letter."""

    factors: tuple[sympy.Expr, ...]


@dataclass(frozen=True)
class Reading:
    """A parsed answer: its scalar entries (row-major for matrices) and its shape."""

    kind: AnswerKind
    items: tuple[Item, ...]
    shape: tuple[int, ...]
    choice: str | None = None

    @property
    def scalars(self) -> tuple[sympy.Expr, ...]:
        return tuple(item.value for item in self.items)

    def value(self) -> sympy.Expr | list[sympy.Expr] | sympy.Matrix | str:
        """The SymPy value ``parse_answer`` promises for this kind."""
        if self.choice is not None:
            return self.choice
        if self.kind == "matrix":
            return sympy.Matrix(self.shape[0], self.shape[1], list(self.scalars))
        if self.kind in ("vector", "set"):
            return list(self.scalars)
        return self.scalars[0]

    def text(self) -> str:
        """The answer printed back in answer syntax, as the learner's normal form."""
        if self.choice is not None:
            return self.choice
        if self.kind == "matrix":
            return format_matrix(self.value())
        if self.kind == "vector":
            return format_vector(self.scalars)
        if self.kind == "set":
            return format_set(self.scalars)
        return format_expr(self.scalars[0])


def parse_answer(
    text: str,
    kind: AnswerKind,
    variables: Sequence[str] = (),
    choices: Sequence[str] = (),
) -> sympy.Expr | list[sympy.Expr] | sympy.Matrix | str:
    """The SymPy value of ``text`` read as an answer of ``kind``; raises AnswerError if refused."""
    return read(text, kind, tuple(variables), tuple(choices)).value()


def read(
    text: str, kind: AnswerKind, variables: tuple[str, ...] = (), choices: tuple[str, ...] = ()
) -> Reading:
    """Parse ``text`` as an answer of ``kind``, keeping what comparison needs beyond the value."""
    if kind not in ANSWER_KINDS:
        raise AnswerError(f"unknown answer kind {kind!r}; use one of {', '.join(ANSWER_KINDS)}")
    if kind == "self":
        raise AnswerError("a self-graded card has no typed answer to check")
    for name in variables:
        if not name.isidentifier() or not name.isascii() or name.startswith("_"):
            raise AnswerError(f"invalid variable name {name!r}")
    if kind == "choice":
        return Reading(kind, (), (), choice=_choice(text, choices))
    check_size(text)  # before any LaTeX work, which could otherwise grow with the input
    if kind == "number" and _THOUSANDS.fullmatch(text.strip()):
        whole = text.strip().replace(",", "").replace("−", "-")
        raise AnswerError(f"write {whole} without a thousands separator")
    plain = latex_to_plain(text) if is_latex(text) else text
    try:
        tokens = tokenize(plain)
        if tokens[0].kind == "end":
            raise AnswerError("the answer is empty")
        rows = _Parser(tokens, variables if kind != "number" else (), kind).answer()
    except AnswerError as error:
        if plain is not text:
            raise AnswerError(f"{error} (the LaTeX was read as {_short(plain)!r})") from None
        raise
    return _shape(rows, kind)


def _choice(text: str, choices: tuple[str, ...]) -> str:
    answer = text.strip()
    if not answer:
        raise AnswerError("the answer is empty")
    if len(answer) > 200:
        raise AnswerError("the answer is too long for an option (at most 200 characters)")
    if not choices:
        return answer
    for option in choices:
        if option.strip().casefold() == answer.casefold():
            return option
    key = option_key(answer)
    matches = [option for option in choices if option_key(option) == key]
    if len(matches) > 1:
        listed = ", ".join(matches)
        raise AnswerError(f"{_short(answer)!r} matches more than one option ({listed}); type one")
    if matches:
        return matches[0]
    raise AnswerError(f"{_short(answer)!r} is not one of the options: {', '.join(choices)}")


_OPTION_WRAPPING = " \t\r\n\"'`“”‘’«»()[]{}<>.,;:!?"
_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—−", "-"))
# Between two words, any run of spaces, hyphens and underscores is one separator.
_SEPARATORS = re.compile(r"(?<=\S)[\s_-]+(?=\S)")


def option_key(text: str) -> str:
    """How an option is matched: ``(B)``, ``b)``, ``Dependent.``, ``"convex"`` as typed, and
    ``semi-definite``, ``semi_definite`` and ``semi  definite`` alike."""
    core = text.strip(_OPTION_WRAPPING).casefold().translate(_DASHES)
    return _SEPARATORS.sub(" ", core)


class _Parser:
    """Recursive descent over tokens; every method returns SymPy values or list nodes."""

    def __init__(self, tokens: list[Token], variables: tuple[str, ...], kind: AnswerKind) -> None:
        self.tokens = tokens
        self.pos = 0
        self.variables = variables
        self.kind = kind
        self.depth = 0

    # -- token helpers -------------------------------------------------------------------
    def peek(self) -> Token:
        return self.tokens[min(self.pos, len(self.tokens) - 1)]

    def at(self, text: str) -> bool:
        token = self.peek()
        return token.kind == "op" and token.text == text

    def advance(self) -> Token:
        token = self.peek()
        self.pos += 1
        return token

    def expect(self, closer: str) -> None:
        token = self.peek()
        if token.kind == "op" and token.text == closer:
            self.pos += 1
            return
        if token.kind == "end" or (token.kind == "op" and token.text in (")", "]", "}", "|")):
            raise AnswerError(f"missing '{closer}' at column {token.column}")
        raise AnswerError(
            f"unexpected {_show(token)} at column {token.column}; expected '{closer}'"
        )

    # -- grammar -----------------------------------------------------------------------
    def answer(self) -> tuple[tuple[Item, ...], ...]:
        rows = self.rows()
        token = self.peek()
        if token.kind != "end":
            raise AnswerError(f"unexpected {_show(token)} at column {token.column}")
        return rows

    def rows(self) -> tuple[tuple[Item, ...], ...]:
        rows = [self.items()]
        while self.at(";"):
            self.advance()
            rows.append(self.items())
        return tuple(rows)

    def items(self) -> tuple[Item, ...]:
        items = [self.item()]
        while self.at(","):
            self.advance()
            items.append(self.item())
        return tuple(items)

    def item(self) -> Item:
        start = self.pos
        value = self.sum()
        return Item(value, self._literal(start) if isinstance(value, sympy.Expr) else None)

    def sum(self) -> sympy.Expr | Seq:
        first = self.term()
        if not (self.at("+") or self.at("-")):
            return first
        # One Add of all terms: adding term by term would cost quadratic time in SymPy.
        terms = [first]
        while self.at("+") or self.at("-"):
            op = self.advance()
            right = _scalar(self.term(), op)
            terms.append(right if op.text == "+" else -right)
        return _bounded(sympy.Add(*(_scalar(term, op) for term in terms)))

    def term(self) -> sympy.Expr | Seq:
        first = self.unary()
        factors = [first]
        listed = isinstance(first, Seq)
        bits = 0
        while True:
            token = self.peek()
            if token.kind == "op" and token.text in ("*", "/"):
                self.advance()
                right = self.unary()
                factor = right if token.text == "*" else sympy.Pow(_scalar(right, token), -1)
            elif token.kind == "name" or (token.kind == "op" and token.text == "("):
                factor = self.power()
            else:
                break
            if isinstance(factor, Seq) or listed:
                # Only one list per product, and only where a scaled list can be the answer.
                if self.kind not in _SCALABLE_KINDS or (listed and isinstance(factor, Seq)):
                    raise _list_in_arithmetic(token)
                listed = True
            if not isinstance(factor, Seq) and factor.is_Rational:
                bits += max(factor.p.bit_length(), factor.q.bit_length())
                if bits > MAX_INTEGER_BITS:
                    raise AnswerError("a number in the answer is too large to evaluate")
            factors.append(factor)
        if len(factors) == 1:
            return first
        if listed:
            return _scaled_product(factors)
        return _bounded(sympy.Mul(*(_scalar(factor, token) for factor in factors)))

    def unary(self) -> sympy.Expr | Seq:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise AnswerError(f"the answer is nested too deeply (at most {MAX_NESTING} levels)")
        try:
            if self.at("-") or self.at("+"):
                op = self.advance()
                operand = self.unary()
                if isinstance(operand, Seq) and self.kind in _SCALABLE_KINDS:
                    return _scale(operand, S.NegativeOne) if op.text == "-" else operand
                operand = _scalar(operand, op)
                return -operand if op.text == "-" else operand
            return self.power()
        finally:
            self.depth -= 1

    def power(self) -> sympy.Expr | Seq:
        base = self.postfix()
        if not self.at("^"):
            return _joined(base)
        op = self.advance()
        if self.at("{"):  # e^{-x}: braces group an exponent, as in LaTeX
            self.advance()
            exponent = self.sum()
            self.expect("}")
        else:
            exponent = self.unary()
        power = _scalar(exponent, op)
        return _joined(_on_last(base, lambda value: _power(value, power), op))

    def postfix(self) -> sympy.Expr | Seq | _Run:
        start = self.peek()
        value = self.primary()
        if self.at("%"):
            value = self.percent(start, _scalar(_joined(value), self.peek()))
        while self.at("!"):
            op = self.advance()
            value = _on_last(value, _factorial, op)
        return value

    def primary(self) -> sympy.Expr | Seq | _Run:
        token = self.advance()
        if token.kind == "num":
            return _number(token.text)
        if token.kind == "name":
            return self.name(token)
        if token.kind == "op" and token.text == "(":
            rows = self.rows()
            self.expect(")")
            if len(rows) == 1 and len(rows[0]) == 1:
                return rows[0][0].value
            return Seq(rows)
        if token.kind == "op" and token.text in ("[", "{"):
            spaced = self.spaced() if token.text == "[" else None
            rows = (spaced,) if spaced is not None else self.rows()
            self.expect("]" if token.text == "[" else "}")
            return Seq(rows)
        if token.kind == "op" and token.text == "|":
            inner = _scalar(self.sum(), token)
            self.expect("|")
            return sympy.Abs(inner)
        if token.kind == "end":
            raise AnswerError(f"missing a value at the end (column {token.column})")
        raise AnswerError(f"unexpected {_show(token)} at column {token.column}")

    def percent(self, start: Token, value: sympy.Expr) -> sympy.Expr:
        """``4.5%`` is 0.045: only right after a number or a parenthesized expression."""
        sign = self.advance()
        if self.kind not in _PERCENT_KINDS:
            raise AnswerError(
                f"'%' at column {sign.column} is only understood in a number, vector or set answer"
            )
        if start.kind != "num" and not (start.kind == "op" and start.text == "("):
            raise AnswerError(
                f"'%' at column {sign.column} must follow a number or a bracket, like 4.5% "
                "or (1/3)%"
            )
        return value / 100

    def spaced(self) -> tuple[Item, ...] | None:
        """``[57/13 -38/13]``: two or more plain numbers split only by spaces, then ``]``.

        Anything else (``[1 - 2]``, ``[1, 2]``, ``[x y]``) returns None and is read by the
        grammar as usual. Returns with the position at the closing bracket.
        """
        items: list[Item] = []
        pos, end = self.pos, 0
        while True:
            plain = _plain_number(self.tokens, pos)
            if plain is None or self.tokens[pos].column <= end:
                return None
            item, pos = plain
            items.append(item)
            last = self.tokens[pos - 1]
            end = last.column + len(last.text)
            following = self.tokens[pos]
            if following.kind == "op" and following.text == "]":
                break
        if len(items) < 2:
            return None
        self.pos = pos
        return tuple(items)

    def name(self, token: Token) -> sympy.Expr | _Run:
        name = token.text
        calls = self.at("(")
        if name in self.variables:
            return sympy.Symbol(name)
        if name == "σ" or (name == "sigma" and calls):
            if calls:
                return self.call("sigmoid", FUNCTIONS["sigmoid"], token)
            if "sigma" in self.variables:
                return sympy.Symbol("sigma")
        if calls and name in CASED_FUNCTIONS:
            return self.call(name, CASED_FUNCTIONS[name], token)
        compact = name.replace("_", "")  # x_1 is x1 and log_2 is log2
        for spelling in (name.lower(), compact.lower()):
            if spelling in FUNCTIONS:
                return self.call(spelling, FUNCTIONS[spelling], token)
        if name in CONSTANTS:
            return CONSTANTS[name]
        if compact != name and compact in self.variables:
            return sympy.Symbol(compact)
        parts = _split(name, self.variables)
        if parts is not None:
            return _Run(tuple(parts)) if len(parts) > 1 else parts[0]
        raise AnswerError(self._unknown(name, calls))

    def call(self, name: str, function: Function, token: Token) -> sympy.Expr:
        """``f(a, b)``, ``f x`` and ``f^2(x)`` (the square of f(x), as in sin²x)."""
        exponent = None
        if self.at("^"):
            op = self.advance()
            exponent = _scalar(_joined(self.postfix()), op)
        if self.at("("):
            self.advance()
            args = [_scalar(item.value, token) for item in self.items()]
            self.expect(")")
        else:
            following = self.peek()
            if following.kind == "end" or (
                following.kind == "op" and following.text not in ("(", "-", "+", "|")
            ):
                raise AnswerError(
                    f"'{name}' at column {token.column} needs an argument, like {name}(x)"
                )
            args = [_scalar(self.unary(), token)]
        if not function.min_args <= len(args) <= function.max_args:
            raise AnswerError(f"{name} takes {_arity(function)}, got {len(args)}")
        value = _bounded(function.build(*args))
        return value if exponent is None else _power(value, exponent)

    def _literal(self, start: int) -> str | None:
        """The decimal text of a lone, possibly signed, number or percentage in the span."""
        span = self.tokens[start : self.pos]
        sign = ""
        if span and span[0].kind == "op" and span[0].text in ("+", "-"):
            sign = "-" if span[0].text == "-" else ""
            span = span[1:]
        if len(span) == 2 and span[1].kind == "op" and span[1].text == "%":
            if span[0].kind == "num":
                return sign + str(Decimal(span[0].text).scaleb(-2))
            return None
        if len(span) == 1 and span[0].kind == "num":
            return sign + span[0].text
        return None

    def _unknown(self, name: str, calls: bool) -> str:
        shown = _short(name)
        if calls and not self.variables:
            return f"unknown function '{shown}' — use {_COMMON_FUNCTIONS}"
        for prefix in sorted(FUNCTIONS, key=len, reverse=True):
            rest = name[len(prefix) :]
            if name.startswith(prefix) and rest and _split(rest, self.variables) is not None:
                return f"unknown name '{shown}' — write {prefix}({rest}) with parentheses"
        if self.variables:
            return f"unknown name '{shown}' — this answer may use {_join(self.variables)}"
        if self.kind == "number":
            return f"unknown name '{shown}' — the answer should be a number without variables"
        return f"unknown name '{shown}' — this answer uses no variables"


def _shape(rows: tuple[tuple[Item, ...], ...], kind: AnswerKind) -> Reading:
    """Fit the parsed rows to the answer kind, with a message when they cannot fit."""
    content = Seq(rows)
    if len(rows) == 1 and len(rows[0]) == 1:
        only = rows[0][0]
        if isinstance(only.value, Seq):
            content = only.value
        elif kind in ("number", "expression"):
            return Reading(kind, (_finite(only),), ())
    if kind in ("number", "expression"):
        count = sum(len(row) for row in content.rows)
        raise AnswerError(f"expected a single value, not a list of {count}")
    grid = _grid(content)
    if kind == "matrix":
        width = len(grid[0])
        for index, row in enumerate(grid[1:], start=2):
            if len(row) != width:
                raise AnswerError(f"row {index} has {len(row)} entries but row 1 has {width}")
        items = tuple(_finite(item) for row in grid for item in row)
        return Reading(kind, items, (len(grid), width))
    if len(grid) > 1 and any(len(row) != 1 for row in grid):
        what = "a vector like [1, 2, 3]" if kind == "vector" else "a list of values like {1, 2}"
        raise AnswerError(f"expected {what}, not a matrix")
    flat = grid[0] if len(grid) == 1 else [row[0] for row in grid]
    items = tuple(_finite(item) for item in flat)
    return Reading(kind, items, (len(items),))


def _grid(content: Seq) -> list[list[Item]]:
    """Rows of scalars: from ``[[1, 2], [3, 4]]``, ``[1, 2; 3, 4]`` or a flat ``[1, 2]``."""
    if len(content.rows) > 1:
        rows = [list(row) for row in content.rows]
    elif all(isinstance(item.value, Seq) for item in content.rows[0]):
        rows = []
        for item in content.rows[0]:
            inner = item.value
            assert isinstance(inner, Seq)
            if len(inner.rows) != 1:
                raise AnswerError("lists are nested too deeply to be an answer")
            rows.append(list(inner.rows[0]))
    else:
        rows = [list(content.rows[0])]
    for row in rows:
        if any(isinstance(item.value, Seq) for item in row):
            raise AnswerError("an answer cannot mix single values and lists")
    return rows


def _finite(item: Item) -> Item:
    value = item.value
    assert isinstance(value, sympy.Expr)
    if value.has(S.ComplexInfinity, S.NaN):
        raise AnswerError("the answer is undefined (for example, it divides by zero)")
    return item


def _scalar(value: sympy.Expr | Seq, token: Token) -> sympy.Expr:
    if isinstance(value, Seq):
        raise _list_in_arithmetic(token)
    return value


def _list_in_arithmetic(token: Token) -> AnswerError:
    return AnswerError(
        f"a list cannot be used in arithmetic (near column {token.column}); "
        "write each entry separately"
    )


def _joined(value: sympy.Expr | Seq | _Run) -> sympy.Expr | Seq:
    """A letter run as the product it stands for; anything else as it is."""
    return _bounded(sympy.Mul(*value.factors)) if isinstance(value, _Run) else value


def _on_last(
    value: sympy.Expr | Seq | _Run, apply: Callable[[sympy.Expr], sympy.Expr], token: Token
) -> sympy.Expr | _Run:
    """``apply`` to a value, or only to the last letter of a run: ``xy^2`` is x·y²."""
    if isinstance(value, _Run):
        return _Run((*value.factors[:-1], apply(value.factors[-1])))
    return apply(_scalar(value, token))


def _scaled_product(factors: list[sympy.Expr | Seq]) -> Seq:
    """The one list among ``factors``, each entry multiplied by the product of the others."""
    scalar = _bounded(sympy.Mul(*(f for f in factors if not isinstance(f, Seq))))
    (listed,) = (f for f in factors if isinstance(f, Seq))
    return _scale(listed, scalar)


def _scale(listed: Seq, scalar: sympy.Expr) -> Seq:
    def entry(item: Item) -> Item:
        if isinstance(item.value, Seq):
            return Item(_scale(item.value, scalar))
        return Item(_bounded(scalar * item.value))

    return Seq(tuple(tuple(entry(item) for item in row) for row in listed.rows))


def _plain_number(tokens: list[Token], pos: int) -> tuple[Item, int] | None:
    """A number or fraction at ``pos``, with a sign only if written against the number.

    Returns the item and the position after it, or None when the tokens are anything else.
    """
    sign = ""
    token = tokens[pos]
    if token.kind == "op" and token.text in ("-", "+"):
        following = tokens[pos + 1]
        if following.kind != "num" or following.column != token.column + 1:
            return None
        sign, pos = ("-" if token.text == "-" else ""), pos + 1
    token = tokens[pos]
    if token.kind != "num":
        return None
    value = _number(token.text)
    if tokens[pos + 1].kind == "op" and tokens[pos + 1].text == "/":
        denominator = tokens[pos + 2]
        if denominator.kind != "num":
            return None
        value = value / _number(denominator.text)
        literal = None
        pos += 3
    else:
        literal = sign + token.text
        pos += 1
    return Item(-value if sign else value, literal), pos


def _number(text: str) -> sympy.Expr:
    if text.isdigit():
        return sympy.Integer(int(text))
    digits = len(text.lower().partition("e")[0].replace(".", "").lstrip("0"))
    return sympy.Float(text, max(15, digits))


def _power(base: sympy.Expr, exponent: sympy.Expr) -> sympy.Expr:
    """``base^exponent``, refused when the exponent or the exact result would be huge."""
    if exponent.is_Number:
        if exponent.is_infinite or abs(exponent) > MAX_EXPONENT:
            raise AnswerError("the exponent is too large to evaluate")
        if base.is_Rational and exponent.is_Rational:
            bits = max(base.p.bit_length(), base.q.bit_length()) * abs(exponent)
            if bits > MAX_INTEGER_BITS:
                raise AnswerError("the power is too large to evaluate")
    return _bounded(sympy.Pow(base, exponent))


def _bounded(value: sympy.Expr) -> sympy.Expr:
    """Refuse exact numbers too large to print or compare (the lexer bounds typed digits)."""
    if value.is_Rational and max(value.p.bit_length(), value.q.bit_length()) > MAX_INTEGER_BITS:
        raise AnswerError("a number in the answer is too large to evaluate")
    return value


def _split(name: str, variables: tuple[str, ...]) -> list[sympy.Expr] | None:
    """``xy`` as x·y and ``2pix`` as π·x: a run of letters made only of known names."""
    if not name.isalpha() or len(name) > 24:
        return None
    known = [(v, sympy.Symbol(v)) for v in variables if v.isalpha()]
    known += [("pi", S.Pi)] + ([("e", S.Exp1)] if "e" not in variables else [])
    known.sort(key=lambda pair: len(pair[0]), reverse=True)
    # ends[i] is a split of name[i:], or None when there is none: filled right to left.
    ends: list[list[sympy.Expr] | None] = [None] * len(name) + [[]]
    for start in range(len(name) - 1, -1, -1):
        for word, value in known:
            rest = ends[start + len(word)] if name.startswith(word, start) else None
            if rest is not None:
                ends[start] = [value, *rest]
                break
    return ends[0]


def _arity(function: Function) -> str:
    if function.min_args == function.max_args:
        count = function.min_args
        return f"{count} argument" + ("s" if count > 1 else "")
    return f"{function.min_args} to {function.max_args} arguments"


def _show(token: Token) -> str:
    return f"'{_short(token.text)}'" if token.kind != "end" else "end of the answer"


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _join(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


__all__ = [
    "CASED_FUNCTIONS",
    "CONSTANTS",
    "FUNCTIONS",
    "Item",
    "Reading",
    "Seq",
    "option_key",
    "parse_answer",
    "read",
]
