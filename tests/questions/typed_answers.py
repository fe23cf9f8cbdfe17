"""A key as a learner types it: each entry correctly rounded, laid out in the answer syntax.

Shared by the scans that check a rounded key is graded as the prompt says
(``test_rounded_keys.py``, ``test_precision_consistency.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Context, Decimal

CONTEXT = Context(prec=60)
"""Enough digits that every key's exact decimal survives the rounding under test."""


def rounded(exact: Decimal, kind: str, count: int, mode: str) -> str:
    """``exact`` to ``count`` significant digits (``kind`` "significant") or decimal places
    ("places"), as a learner types it: ``2.45e3`` above units."""
    exponent = exact.adjusted() - count + 1 if kind == "significant" else -count
    result = exact.quantize(Decimal(1).scaleb(exponent), rounding=mode, context=CONTEXT)
    if exponent <= 0:
        return format(result, "f")
    sign, digits, _ = result.as_tuple()
    mantissa = "".join(map(str, digits))
    fraction = f".{mantissa[1:]}" if len(mantissa) > 1 else ""
    return f"{'-' if sign else ''}{mantissa[0]}{fraction}e{result.adjusted()}"


def typed(kind: str, entries: Sequence[str], shape: tuple[int, int]) -> str:
    """Typed entries as a number, set, vector or matrix (``shape`` is rows, columns)."""
    if kind == "number":
        return entries[0]
    if kind == "set":
        return "{" + ", ".join(entries) + "}"
    if kind == "vector":
        return "[" + ", ".join(entries) + "]"
    rows, cols = shape
    lines = ("[" + ", ".join(entries[r * cols : (r + 1) * cols]) + "]" for r in range(rows))
    return "[" + ", ".join(lines) + "]"


__all__ = ["CONTEXT", "rounded", "typed"]
