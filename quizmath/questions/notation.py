"""How numbers are written in prompts and solutions: true minus signs, indices and exponents in
Unicode, tuples in prose, and lists of values whose entries render as math."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_SUPERSCRIPTS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def minus(text: str) -> str:
    """Numbers in prose with true minus signs (−), like the rendered math."""
    return text.replace("-", "−")


def tuple_text(values: Iterable[object]) -> str:
    """Numbers as a tuple in prose: ``(1, −2, 3)``."""
    return minus("(" + ", ".join(str(v) for v in values) + ")")


def listed(values: Iterable[Any], parentheses: bool = False) -> list[Any]:
    """Prompt parts for values separated by commas, each rendered as math: a, b or (a, b)."""
    parts: list[Any] = []
    for i, value in enumerate(values):
        parts += [", " if i else "", value]
    return ["(", *parts, ")"] if parentheses else parts


def subscript(index: int | str) -> str:
    """An index as subscript digits: ``x₁₂``, ``π₃``."""
    return str(index).translate(_SUBSCRIPTS)


def superscript(exponent: int | str) -> str:
    """An integer exponent as superscript digits and sign: ``p⁴``, ``2⁻⁴⁰``."""
    return str(exponent).translate(_SUPERSCRIPTS)


__all__ = ["listed", "minus", "subscript", "superscript", "tuple_text"]
