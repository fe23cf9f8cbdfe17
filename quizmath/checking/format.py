"""Print SymPy values in the answer syntax the parser reads back.

An answer key is stored and shown as text; printing it through one place keeps every key
parseable by the same safe parser that reads learners' answers.
"""

from __future__ import annotations

from collections.abc import Iterable

import sympy
from sympy.printing.str import StrPrinter


class _AnswerPrinter(StrPrinter):
    """SymPy's str printer with the spellings of the answer grammar."""

    def _print_Exp1(self, expr: sympy.Expr) -> str:
        return "e"

    def _print_Float(self, expr: sympy.Float) -> str:
        # The shortest text that reads back as the same double: 0.405, not 0.405000000000000.
        return repr(float(expr))

    def _print_Max(self, expr: sympy.Expr) -> str:
        return "max(" + ", ".join(self._print(a) for a in expr.args) + ")"

    def _print_Min(self, expr: sympy.Expr) -> str:
        return "min(" + ", ".join(self._print(a) for a in expr.args) + ")"

    def _print_Infinity(self, expr: sympy.Expr) -> str:
        return "oo"

    def _print_NegativeInfinity(self, expr: sympy.Expr) -> str:
        return "-oo"


_PRINTER = _AnswerPrinter()


def format_expr(value: object) -> str:
    """One scalar (SymPy expression, int, Fraction or float) in answer syntax."""
    return _PRINTER.doprint(sympy.sympify(value, rational=False))


def format_vector(values: Iterable[object]) -> str:
    """``[a, b, c]``."""
    return "[" + ", ".join(format_expr(v) for v in values) + "]"


def format_matrix(rows: sympy.MatrixBase | Iterable[Iterable[object]]) -> str:
    """``[[a, b], [c, d]]`` from a SymPy Matrix or a list of rows."""
    table = rows.tolist() if isinstance(rows, sympy.MatrixBase) else rows
    return "[" + ", ".join(format_vector(row) for row in table) + "]"


def format_set(values: Iterable[object]) -> str:
    """``{a, b}`` keeping multiplicity (eigenvalues can repeat)."""
    return "{" + ", ".join(format_expr(v) for v in values) + "}"


__all__ = ["format_expr", "format_matrix", "format_set", "format_vector"]
