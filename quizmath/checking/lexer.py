"""Split a typed answer into tokens, refusing oversized or unexpected input before any parsing.

The lexer is the first line of defence: it bounds length, bracket depth and number size, and
maps the Unicode people type (``π``, ``·``, ``−``, ``²``, ``√``, Greek letters) onto the ASCII
grammar, so the parser only ever sees a small, known alphabet.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from quizmath.errors import AnswerError

MAX_LENGTH = 2000
MAX_DEPTH = 50
MAX_DIGITS = 300
MAX_DECIMAL_EXPONENT = 300

TokenKind = Literal["num", "name", "op", "end"]


@dataclass(frozen=True)
class Token:
    """One token; ``column`` is 1-based in the text that was lexed."""

    kind: TokenKind
    text: str
    column: int


OPERATORS = frozenset("+-*/^()[]{},;|!%")

_UNICODE_OPERATORS = {
    "−": "-",
    "–": "-",
    "‒": "-",
    "—": "-",
    "·": "*",
    "⋅": "*",
    "∙": "*",
    "×": "*",
    "✕": "*",
    "÷": "/",
    "∕": "/",
}

GREEK = {
    "α": "alpha",
    "β": "beta",
    "γ": "gamma",
    "δ": "delta",
    "ε": "epsilon",
    "ϵ": "epsilon",
    "ζ": "zeta",
    "η": "eta",
    "θ": "theta",
    "ι": "iota",
    "κ": "kappa",
    "λ": "lambda",
    "μ": "mu",
    "ν": "nu",
    "ξ": "xi",
    "ρ": "rho",
    "τ": "tau",
    "υ": "upsilon",
    "φ": "phi",
    "ϕ": "phi",
    "χ": "chi",
    "ψ": "psi",
    "ω": "omega",
    # σ stays itself: the parser reads σ(...) as the sigmoid and a bare σ as the variable sigma.
    "σ": "σ",
    "π": "pi",
    "Φ": "Phi",  # the standard normal CDF, Φ(z)
    "∞": "oo",
    "√": "sqrt",
}

_SUPERSCRIPTS = {
    "⁰": "0",
    "¹": "1",
    "²": "2",
    "³": "3",
    "⁴": "4",
    "⁵": "5",
    "⁶": "6",
    "⁷": "7",
    "⁸": "8",
    "⁹": "9",
    "⁻": "-",
    "⁺": "+",
}
_SUBSCRIPTS = {chr(0x2080 + d): str(d) for d in range(10)}

_SPACES = frozenset(" \t\r\n\u00a0\u2009\u200a\u202f\u2002\u2003")
_NUMBER = re.compile(r"(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_NAME = re.compile(r"[A-Za-z_](?:[A-Za-z0-9]|_\{[A-Za-z0-9]+\}|_)*")  # x_{1} names x1
_OPENING = frozenset("([{")
_CLOSING = frozenset(")]}")


def check_size(text: str) -> None:
    """Refuse input that is too long or nested too deeply, before any other work."""
    if len(text) > MAX_LENGTH:
        raise AnswerError(f"the answer is too long (at most {MAX_LENGTH:,} characters)")
    depth = 0
    for char in text:
        if char in _OPENING:
            depth += 1
            if depth > MAX_DEPTH:
                raise AnswerError(
                    f"the answer is nested too deeply (at most {MAX_DEPTH} levels of brackets)"
                )
        elif char in _CLOSING:
            depth = max(depth - 1, 0)


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text``, ending with an ``end`` token; raises AnswerError on bad input."""
    check_size(text)
    tokens: list[Token] = []
    i = 0
    while i < len(text):
        char = text[i]
        column = i + 1
        if char in _SPACES:
            i += 1
        elif char.isascii() and (char.isdigit() or (char == "." and _digit_at(text, i + 1))):
            match = _NUMBER.match(text, i)
            assert match is not None
            tokens.append(Token("num", _checked_number(match.group(), column), column))
            i = match.end()
        elif char.isascii() and (char.isalpha() or char == "_"):
            match = _NAME.match(text, i)
            assert match is not None
            name = match.group().replace("{", "").replace("}", "")
            tokens.append(Token("name", name, column))
            i = match.end()
        elif text.startswith("**", i):
            tokens.append(Token("op", "^", column))
            i += 2
        elif char in OPERATORS or char in _UNICODE_OPERATORS:
            tokens.append(Token("op", _UNICODE_OPERATORS.get(char, char), column))
            i += 1
        elif char in GREEK:
            tokens.append(Token("name", GREEK[char], column))
            i += 1
        elif char in _SUPERSCRIPTS:
            end = i
            while end < len(text) and text[end] in _SUPERSCRIPTS:
                end += 1
            tokens.extend(_superscript(text[i:end], column))
            i = end
        elif char in _SUBSCRIPTS and tokens and tokens[-1].kind == "name" and i > 0:
            end = i
            while end < len(text) and text[end] in _SUBSCRIPTS:
                end += 1
            digits = "".join(_SUBSCRIPTS[c] for c in text[i:end])
            last = tokens.pop()
            tokens.append(Token("name", last.text + digits, last.column))
            i = end
        else:
            raise AnswerError(f"unexpected character {describe(char)} at column {column}")
    tokens.append(Token("end", "", len(text) + 1))
    return tokens


def describe(char: str) -> str:
    """A character as a learner can recognise it, naming lookalikes and invisible ones."""
    name = unicodedata.name(char, f"U+{ord(char):04X}")
    if not char.isprintable() or char.isspace():
        return f"U+{ord(char):04X}"
    if char.isascii():
        return repr(char)
    return f"{char!r} ({name})"


def _digit_at(text: str, index: int) -> bool:
    return index < len(text) and text[index].isascii() and text[index].isdigit()


def _checked_number(text: str, column: int) -> str:
    mantissa, _, exponent = text.lower().partition("e")
    digits = mantissa.replace(".", "").lstrip("0")
    if len(digits) > MAX_DIGITS:
        raise AnswerError(
            f"the number at column {column} has too many digits (at most {MAX_DIGITS})"
        )
    if exponent and abs(int(exponent)) > MAX_DECIMAL_EXPONENT:
        raise AnswerError(f"the number {text!r} at column {column} is out of range")
    return text


def _superscript(run: str, column: int) -> list[Token]:
    """``x²`` reads as ``x^(2)``; ``x⁻¹`` as ``x^(-1)``."""
    plain = "".join(_SUPERSCRIPTS[c] for c in run)
    sign = plain[0] if plain[0] in "+-" else ""
    digits = plain[len(sign) :]
    if not digits.isdigit():
        raise AnswerError(f"unreadable superscript {run!r} at column {column}")
    inner = [Token("op", sign, column)] if sign else []
    return [
        Token("op", "^", column),
        Token("op", "(", column),
        *inner,
        Token("num", _checked_number(digits, column), column),
        Token("op", ")", column),
    ]


__all__ = ["GREEK", "MAX_DEPTH", "MAX_LENGTH", "Token", "check_size", "describe", "tokenize"]
